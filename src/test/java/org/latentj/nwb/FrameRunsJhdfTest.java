package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentj.testing.SharedData;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;

/**
 * Reading runs of frames (MoSeqNwb.readFrames inflates whole chunks straight into the caller's
 * array, the rest through the chunk cache) gives, on every frame of every shared session, exactly
 * what jhdf's own decoder gives: its getDecompressedChunk for chunked frames, its getData otherwise.
 */
class FrameRunsJhdfTest {

	static List<String> sessions() throws IOException {
		return MoSeqNwbSharedTest.sessions();
	}

	/** Every frame as jhdf decodes it, frames one after another. */
	private static byte[] jhdfFrames(Path file) {
		try (HdfFile f = new HdfFile(file)) {
			Dataset d = f.getDatasetByPath("/processing/MoSeq/Images/frames/data");
			int[] dims = d.getDimensions();
			int frameBytes = dims[1] * dims[2];
			if (!(d instanceof ChunkedDataset)) return FrameDataset.toBytes(d.getDataFlat());
			ChunkedDataset c = (ChunkedDataset) d;
			int[] chunk = c.getChunkDimensions();
			assertArrayEquals(new int[] { dims[1], dims[2] }, new int[] { chunk[1], chunk[2] }, "chunks of whole frames");
			byte[] all = new byte[dims[0] * frameBytes];
			for (int t0 = 0; t0 < dims[0]; t0 += chunk[0]) {
				byte[] decoded = c.getDecompressedChunk(new int[] { t0, 0, 0 });
				int n = Math.min(chunk[0], dims[0] - t0) * frameBytes;
				System.arraycopy(decoded, 0, all, t0 * frameBytes, n);
			}
			return all;
		}
	}

	@ParameterizedTest
	@MethodSource("sessions")
	void everyFrameEqualsJhdfs(String session) {
		Path file = SharedData.require("data/moseq/" + session);
		byte[] expected = jhdfFrames(file);
		try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
			int T = nwb.frameCount(), n = nwb.width() * nwb.height();
			assertEquals(expected.length, T * n);
			byte[] all = new byte[T * n];
			nwb.readFrames(0, T, all, 0);
			assertFrames(expected, 0, all, T, n, session + ", all frames in one run");
			if (nwb.framesChunked()) {
				assertEquals(0, nwb.frameCacheBytes(), "a run of whole chunks is inflated into the caller's array, not cached");
				assertEquals(ceilDiv(T, nwb.frameChunkDimensions()[0]), nwb.frameChunkLoads(), "each chunk inflated once");
			}
		}
		try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
			int T = nwb.frameCount(), n = nwb.width() * nwb.height();
			// a run starting and ending inside chunks (those go through the cache), then frame by frame
			int first = 37, count = T - 2 * 37 - 11;
			byte[] run = new byte[(count + 3) * n];
			Arrays.fill(run, (byte) 0x5a);
			nwb.readFrames(first, count, run, 3 * n);
			assertFrames(expected, first, Arrays.copyOfRange(run, 3 * n, run.length), count, n, session + ", frames from 37");
			for (int i = 0; i < 3 * n; i++)
				assertEquals(0x5a, run[i] & 0xff, "bytes before the offset are left alone");
			if (nwb.framesChunked()) assertTrue(nwb.frameCacheBytes() > 0, "the partial chunks at the run's ends are cached");
			byte[] f = new byte[n];
			for (int t = 0; t < T; t++) {
				nwb.readFrame(t, f, 0);
				assertFrames(expected, t, f, 1, n, session + ", frame by frame");
			}
			// a run over chunks already cached (the frame-by-frame pass) reads them from the cache
			long loads = nwb.frameChunkLoads();
			byte[] again = new byte[T * n];
			nwb.readFrames(0, T, again, 0);
			assertFrames(expected, 0, again, T, n, session + ", all frames again");
			assertEquals(loads, nwb.frameChunkLoads(), session + ": no chunk read again");
		}
	}

	private static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}

	/** Frames [first, first + count) of expected equal actual, naming the first frame that differs. */
	private static void assertFrames(byte[] expected, int first, byte[] actual, int count, int n, String what) {
		for (int i = 0; i < count; i++)
			if (!Arrays.equals(expected, (first + i) * n, (first + i + 1) * n, actual, i * n, (i + 1) * n))
				assertArrayEquals(Arrays.copyOfRange(expected, (first + i) * n, (first + i + 1) * n),
						Arrays.copyOfRange(actual, i * n, (i + 1) * n), what + ": frame " + (first + i));
	}
}
