package org.latentj.io;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One chunk of frames, decompressed only as far as frames have been asked for. Reading frame k of
 * a 100-frame gzip chunk inflates frames 0..k, not all 100: random access costs half a chunk on
 * average, and a chunk read in order is still inflated once. Thread-safe; bytes below
 * {@link #ensure(int)}'s argument are final once it returns.
 */
final class InflatingChunk {
	final byte[] data;
	private volatile int valid;
	private Inflater inflater; // null once all of data is valid

	private InflatingChunk(byte[] data, int valid, Inflater inflater) {
		this.data = data;
		this.valid = valid;
		this.inflater = inflater;
	}

	/** A chunk whose bytes are all there (stored uncompressed, or decoded by jhdf). */
	static InflatingChunk complete(byte[] data) {
		return new InflatingChunk(data, data.length, null);
	}

	/** A zlib-compressed (HDF5 deflate filter) chunk of {@code size} bytes once inflated. */
	static InflatingChunk deflated(byte[] compressed, int size) {
		Inflater inflater = new Inflater();
		inflater.setInput(compressed);
		return new InflatingChunk(new byte[size], 0, inflater);
	}

	/** True when {@code b} starts with a zlib header (HDF5 may store a chunk unfiltered). */
	static boolean looksDeflated(byte[] b) {
		return b.length >= 2 && (b[0] & 0x0f) == 8 && (((b[0] & 0xff) << 8) | (b[1] & 0xff)) % 31 == 0;
	}

	/** How many bytes are inflated so far. */
	int valid() {
		return valid;
	}

	/** Makes bytes [0, end) of {@link #data} valid. */
	void ensure(int end) throws IOException {
		if (valid >= end) return;
		synchronized (this) {
			int v = valid;
			if (v >= end) return; // another thread inflated this far meanwhile
			try {
				while (v < end) {
					int n = inflater.inflate(data, v, end - v);
					v += n;
					if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary()))
						throw new IOException("the compressed chunk ends after " + v + " of " + data.length + " bytes");
				}
			} catch (DataFormatException e) {
				throw new IOException("the compressed chunk is corrupt (" + e.getMessage() + ")", e);
			} finally {
				valid = v;
			}
			if (v == data.length) {
				inflater.end();
				inflater = null;
			}
		}
	}
}
