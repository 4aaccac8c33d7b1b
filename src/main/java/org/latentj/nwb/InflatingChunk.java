package org.latentj.nwb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One chunk of frames, decompressed only as far as frames have been asked for. Reading frame k of
 * a 100-frame gzip chunk inflates frames 0..k, not all 100: random access costs half a chunk on
 * average, and a chunk read in order is still inflated once. Thread-safe; bytes below
 * {@link #ensure(int)}'s argument are final once it returns.
 * <p>
 * Until it is whole, a chunk also holds its compressed bytes and zlib's native state; {@link
 * #release()} (when the cache evicts it) frees the native state at once instead of at garbage
 * collection. A released chunk still in use by a reader starts inflating again where needed.
 */
final class InflatingChunk {
	final byte[] data;
	private volatile int valid;
	private volatile byte[] compressed; // null once all of data is valid
	private Inflater inflater; // zlib's state: made when first needed, ended when whole or released

	private InflatingChunk(byte[] data, int valid, byte[] compressed) {
		this.data = data;
		this.valid = valid;
		this.compressed = compressed;
	}

	/** A chunk whose bytes are all there (stored uncompressed, or decoded by jhdf). */
	static InflatingChunk complete(byte[] data) {
		return new InflatingChunk(data, data.length, null);
	}

	/** A zlib-compressed (HDF5 deflate filter) chunk of {@code size} bytes once inflated. */
	static InflatingChunk deflated(byte[] compressed, int size) {
		return new InflatingChunk(new byte[size], 0, compressed);
	}

	/** True when {@code b} starts with a zlib header (HDF5 may store a chunk unfiltered). */
	static boolean looksDeflated(byte[] b) {
		return b.length >= 2 && zlibHeader(b[0], b[1]);
	}

	/** {@link #looksDeflated(byte[])} for the bytes from the buffer's position (which it leaves as is). */
	static boolean looksDeflated(ByteBuffer b) {
		return b.remaining() >= 2 && zlibHeader(b.get(b.position()), b.get(b.position() + 1));
	}

	private static boolean zlibHeader(byte b0, byte b1) {
		return (b0 & 0x0f) == 8 && (((b0 & 0xff) << 8) | (b1 & 0xff)) % 31 == 0;
	}

	/**
	 * Inflates the zlib stream in {@code compressed[0, length)} into exactly {@code len} bytes of {@code dst} at
	 * {@code off}, in one pass; a stream that ends before them is refused, and nothing past them is ever inflated
	 * (a stream that would inflate further, a decompression bomb, costs no more than {@code len}). {@code z} is
	 * reset first. The input is a heap array, never jhdf's memory map of the file: zlib reading a mapped file
	 * that was truncated meanwhile would crash the JVM (SIGBUS) instead of throwing.
	 */
	static void inflateInto(Inflater z, byte[] compressed, int length, byte[] dst, int off, int len) throws IOException {
		z.reset();
		z.setInput(compressed, 0, length);
		int done;
		try {
			done = inflateUpTo(z, dst, off, off + len) - off;
		} catch (DataFormatException e) {
			throw corrupt(e);
		}
		if (done < len) throw new IOException("the compressed chunk ends after " + done + " of " + len + " bytes");
	}

	/** Inflates into dst[from, to) until {@code to} or the end of the input or stream; returns where it stopped. */
	private static int inflateUpTo(Inflater z, byte[] dst, int from, int to) throws DataFormatException {
		int v = from;
		while (v < to) {
			int n = z.inflate(dst, v, to - v);
			v += n;
			if (n == 0 && (z.finished() || z.needsInput() || z.needsDictionary())) break;
		}
		return v;
	}

	private static IOException corrupt(DataFormatException e) {
		return new IOException("the compressed chunk is corrupt (" + e.getMessage() + ")", e);
	}

	/** How many bytes are inflated so far. */
	int valid() {
		return valid;
	}

	/** Bytes held on the Java heap: the decoded array, plus the compressed bytes until it is whole. */
	long heapBytes() {
		byte[] c = compressed;
		return data.length + (c == null ? 0 : c.length);
	}

	/** True while zlib's native state is held (between the first inflation and the end or a release). */
	synchronized boolean holdsInflater() {
		return inflater != null;
	}

	/**
	 * Makes bytes [0, end) of {@link #data} valid.
	 *
	 * @return true when this call made the chunk whole (its compressed bytes are then dropped)
	 */
	boolean ensure(int end) throws IOException {
		if (valid >= end) return false;
		synchronized (this) {
			int v = valid;
			if (v >= end) return false; // another thread inflated this far meanwhile
			if (inflater == null) inflater = inflaterAt(v);
			try {
				v = inflateUpTo(inflater, data, v, end);
			} catch (DataFormatException e) {
				release(); // a later call starts again at valid, which this one left as it was
				throw corrupt(e);
			}
			valid = v;
			if (v < end) throw new IOException("the compressed chunk ends after " + v + " of " + data.length + " bytes");
			if (v < data.length) return false;
			inflater.end();
			inflater = null;
			compressed = null;
			return true;
		}
	}

	/** Frees zlib's native state (the chunk was evicted); a later {@link #ensure} makes it again. */
	synchronized void release() {
		if (inflater == null) return;
		inflater.end();
		inflater = null;
	}

	/** A fresh inflater positioned after the first {@code skip} inflated bytes (already in data). */
	private Inflater inflaterAt(int skip) throws IOException {
		Inflater z = new Inflater();
		z.setInput(compressed);
		if (skip == 0) return z;
		byte[] scratch = new byte[Math.min(skip, 1 << 16)];
		try {
			for (int done = 0; done < skip;) {
				int n = z.inflate(scratch, 0, Math.min(scratch.length, skip - done));
				if (n == 0) throw new IOException("the compressed chunk ends early");
				done += n;
			}
		} catch (DataFormatException e) {
			z.end();
			throw corrupt(e);
		} catch (IOException e) {
			z.end();
			throw e;
		}
		return z;
	}
}
