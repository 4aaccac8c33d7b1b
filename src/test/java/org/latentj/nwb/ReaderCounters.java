package org.latentj.nwb;

/**
 * What a {@link MoSeqNwb} has done, for tests and benchmarks of other packages: the counters stay
 * package-private in the reader, which needs none of them to work.
 */
public final class ReaderCounters {

	private ReaderCounters() {
	}

	/** Frame chunks read so far (0 right after open: opening reads no frame); masks not counted. */
	public static long frameChunkLoads(MoSeqNwb nwb) {
		return nwb.frameChunkLoads();
	}

	/** Bytes of frame and mask chunks held now in the reader's cache. */
	public static long frameCacheBytes(MoSeqNwb nwb) {
		return nwb.frameCacheBytes();
	}
}
