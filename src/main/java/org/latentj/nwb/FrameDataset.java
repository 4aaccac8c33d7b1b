package org.latentj.nwb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Inflater;

import org.latentj.util.BadInputException;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;

/**
 * Random access to the frames of a uint8 T x H x W dataset without loading it: contiguous data is
 * read frame by frame with positional reads (the OS page cache does the caching); chunked data goes
 * through a bounded {@link ChunkCache} of chunks. Deflate-compressed chunks (MoSeq's gzip) are
 * inflated here, straight into their final array and only as far as the frames asked for
 * ({@link InflatingChunk}); other filters go through jhdf's decoder. Thread-safe. jhdf's getData()
 * would widen the whole dataset to int[][][] (4 bytes a pixel, all frames); this never does.
 */
final class FrameDataset {

	private final String path;
	private final int frames;
	private final int height;
	private final int width;
	private final int frameBytes;
	private final CheckedHdf5 h5;

	// contiguous
	private final FileChannel channel;
	private final long dataStart;

	// chunked
	private final ChunkedDataset chunked;
	private final int[] chunkDims;
	private final int gridY;
	private final int gridX;
	private final int chunkBytes; // bytes of one chunk that frames can reach (its rows past the last frame are never read)
	private final long declaredChunkBytes;
	private final ChunkCache<InflatingChunk> cache; // shared with the session's other chunked datasets
	private final long keyBase; // this dataset's chunk k is the cache's key keyBase + k
	private final AtomicLong loads = new AtomicLong();
	private final boolean deflateOnly; // the only filter is deflate: inflate here
	private final boolean unfiltered;
	private volatile boolean storageChecked; // the chunk index is read at the first chunk, not at open

	// anything else (compact: tiny by definition)
	private byte[] whole;
	private final Dataset dataset;

	/**
	 * @param channel a read channel of the file, used (not owned) when the data is contiguous
	 * @param cache the chunk cache when the data is chunked; it must load key {@code keyBase + k} with
	 *            {@link #loadChunk}(k)
	 * @param h5 the file's checked access, which words the messages (naming file and path)
	 * @throws BadInputException when contiguous data points outside the file
	 */
	FrameDataset(Dataset dataset, FileChannel channel, long userBlock, ChunkCache<InflatingChunk> cache, long keyBase,
			CheckedHdf5 h5) {
		this.dataset = dataset;
		this.path = dataset.getPath();
		int[] dims = dataset.getDimensions();
		this.frames = dims[0];
		this.height = dims[1];
		this.width = dims[2];
		this.h5 = h5;
		long pixels = ChunkBounds.product(h5, path, new int[] { height, width }, 1, "pixels a frame");
		if (pixels > Integer.MAX_VALUE - 8) throw h5.bad(path, "has frames of " + height + " x " + width + " pixels, too large to read");
		this.frameBytes = (int) pixels;
		if (dataset instanceof ChunkedDataset) {
			this.chunked = (ChunkedDataset) dataset;
			this.chunkDims = chunked.getChunkDimensions();
			this.gridY = ceilDiv(height, chunkDims[1]);
			this.gridX = ceilDiv(width, chunkDims[2]);
			// a chunk is inflated at most as far as the dataset's frames reach (a chunk declared longer
			// than the dataset, a decompression bomb, is never inflated past them), and never past the cap
			long declared = ChunkBounds.product(h5, path, chunkDims, 1, "chunk bytes");
			long reach = (long) Math.min(chunkDims[0], Math.max(frames, 1)) * (declared / Math.max(chunkDims[0], 1));
			if (declared == 0 || reach > ChunkBounds.MAX_CHUNK_BYTES)
				throw h5.bad(path, "is stored in chunks of " + ChunkBounds.shape(chunkDims) + " bytes, "
						+ (declared == 0 ? "which hold nothing" : "more than LatentJ inflates at once (" + ChunkBounds.MAX_CHUNK_BYTES + ")")
						+ "; the file is damaged or hostile");
			this.declaredChunkBytes = declared;
			this.chunkBytes = (int) reach;
			this.cache = cache;
			this.keyBase = keyBase;
			List<PipelineFilterWithData> filters = dataset.getFilters();
			this.unfiltered = filters.isEmpty();
			this.deflateOnly = filters.size() == 1 && filters.get(0).getId() == 1;
			this.channel = null;
			this.dataStart = -1;
		} else {
			this.chunked = null;
			this.chunkDims = null;
			this.gridY = this.gridX = this.chunkBytes = 0;
			this.declaredChunkBytes = 0;
			this.cache = null;
			this.keyBase = 0;
			this.deflateOnly = this.unfiltered = false;
			if (dataset instanceof ContiguousDataset) {
				this.channel = channel;
				this.dataStart = userBlock + ((ContiguousDataset) dataset).getDataAddress();
				long end = dataStart + (long) frames * frameBytes, size = size(channel);
				if (((ContiguousDataset) dataset).getDataAddress() < 0 || end > size)
					throw h5.bad(path, "points outside the file (bytes " + dataStart + " to " + end + " of " + size
							+ "); the file is damaged");
			} else {
				this.channel = null;
				this.dataStart = -1;
			}
		}
	}

	private long size(FileChannel channel) {
		try {
			return channel.size();
		} catch (IOException e) {
			throw h5.readFailure(path, e);
		}
	}

	private static int ceilDiv(int a, int b) {
		return (int) ((a + (long) b - 1) / b); // a + b - 1 overflows int for a hostile chunk size
	}

	boolean isChunked() {
		return chunked != null;
	}

	int[] chunkDimensions() {
		return chunkDims == null ? null : chunkDims.clone();
	}

	/** Chunks of this dataset loaded (read, and decoded or set to inflate) so far. */
	long chunkLoads() {
		return loads.get();
	}

	/** Copies frame t (row-major, H*W bytes) into dst at offset. */
	void read(int t, byte[] dst, int offset) {
		if (t < 0 || t >= frames)
			throw new IndexOutOfBoundsException("frame " + t + " outside 0.." + (frames - 1) + " of " + path);
		if (dst.length - offset < frameBytes) throw new IndexOutOfBoundsException("buffer too small for a frame");
		if (chunked != null) readChunked(t, dst, offset);
		else if (dataStart >= 0) readContiguous(t, dst, offset);
		else readWhole(t, dst, offset);
	}

	/**
	 * Copies frames first..first+count-1 one after another into dst at offset. A run longer than a chunk
	 * is a sequential read that will not come back to its chunks: there every deflate-compressed chunk of
	 * whole frames that the run covers whole and that is not cached is inflated once, straight into dst
	 * (no chunk array, no cache entry). Shorter runs (an overlay's few frames, read again when scrolling
	 * back), other chunks and the run's partial chunks at either end go through the cache. Why, with
	 * figures against the cache and h5py: docs/bench-nwb.md, "Reading every frame beside h5py".
	 */
	void readRun(int first, int count, byte[] dst, int offset) {
		if (first < 0 || count < 0 || first > frames - count)
			throw new IndexOutOfBoundsException("frames " + first + ".." + ((long) first + count - 1) + " outside 0.." + (frames - 1) + " of " + path);
		if (dst.length - offset < (long) count * frameBytes) throw new IndexOutOfBoundsException("buffer too small for " + count + " frames");
		boolean whole = chunked != null && deflateOnly && gridY == 1 && gridX == 1 && chunkDims[1] == height && chunkDims[2] == width;
		int ct = whole ? chunkDims[0] : 1, end = first + count; // end <= frames (checked above)
		boolean direct = whole && count > ct;
		RunScratch scratch = null;
		try {
			for (int t = first; t < end;) {
				int c0 = t - t % ct, c1 = (int) Math.min((long) c0 + ct, frames); // c0 + ct overflows for a huge declared chunk
				if (direct && t == c0 && c1 <= end && !cache.contains(keyBase + t / ct)) {
					if (scratch == null) scratch = new RunScratch();
					if (inflateInto(t / ct, scratch, dst, offset + (t - first) * frameBytes, (c1 - c0) * frameBytes)) {
						t = c1;
						continue;
					}
				}
				for (int stop = Math.min(c1, end); t < stop; t++)
					read(t, dst, offset + (t - first) * frameBytes);
			}
		} finally {
			if (scratch != null) scratch.inflater.end(); // zlib's native state freed now, not at garbage collection
		}
	}

	/** What one run reuses from chunk to chunk: zlib's state and a heap copy of a chunk's stored bytes. */
	private static final class RunScratch {
		final Inflater inflater = new Inflater();
		byte[] stored = new byte[0];
	}

	/**
	 * Inflates chunk {@code ti}'s first {@code len} bytes into dst at off.
	 *
	 * @return false when the chunk is not a deflate stream (never written: fill value; or stored
	 *         unfiltered): the caller reads it through the cache
	 */
	private boolean inflateInto(int ti, RunScratch s, byte[] dst, int off, int len) {
		int[] origin = { ti * chunkDims[0], 0, 0 };
		String where = where(origin);
		ByteBuffer raw = storedChunk(origin, where);
		if (raw == null || !deflateStream(raw)) return false;
		int n = raw.remaining();
		if (s.stored.length < n) s.stored = new byte[n];
		try {
			ChunkBounds.toHeap(raw, s.stored, n);
			InflatingChunk.inflateInto(s.inflater, s.stored, n, dst, off, len);
		} catch (IOException e) {
			throw h5.readFailure(where, e);
		}
		loads.incrementAndGet();
		return true;
	}

	/**
	 * The stored (still filtered) bytes of the chunk at origin, as jhdf's memory map of the file, or null where
	 * the chunk was never written. Only Java reads the map; zlib gets a heap copy ({@link ChunkBounds#toHeap}).
	 */
	private ByteBuffer storedChunk(int[] origin, String where) {
		checkStorage();
		try {
			return chunked.getRawChunkBuffer(origin);
		} catch (HdfException e) {
			if (ChunkBounds.neverWritten(e)) return null;
			throw h5.readFailure(where, e);
		} catch (RuntimeException e) {
			throw h5.readFailure(where, e);
		}
	}

	/**
	 * True when a deflate-only chunk's stored bytes are a zlib stream: HDF5 may store a chunk unfiltered
	 * (when deflate would not shrink it), and then it holds exactly the declared bytes with no zlib header.
	 */
	private boolean deflateStream(ByteBuffer raw) {
		return raw.remaining() != declaredChunkBytes || InflatingChunk.looksDeflated(raw);
	}

	private String where(int[] origin) {
		return "the chunk at frame " + origin[0] + " of " + path;
	}

	private void checkStorage() {
		if (!storageChecked) {
			ChunkBounds.requireStoredWithinFile(h5, chunked); // no chunk claims bytes beyond the file
			storageChecked = true;
		}
	}

	private void readContiguous(int t, byte[] dst, int offset) {
		ByteBuffer b = ByteBuffer.wrap(dst, offset, frameBytes);
		long pos = dataStart + (long) t * frameBytes;
		try {
			while (b.hasRemaining()) {
				int n = channel.read(b, pos + (b.position() - offset));
				if (n < 0) throw new IOException("end of file");
			}
		} catch (IOException e) {
			throw h5.readFailure("frame " + t + " of " + path, e);
		}
	}

	private synchronized void readWhole(int t, byte[] dst, int offset) {
		if (whole == null) {
			try {
				whole = toBytes(dataset.getDataFlat());
			} catch (RuntimeException e) {
				throw h5.readFailure(path, e);
			}
		}
		System.arraycopy(whole, t * frameBytes, dst, offset, frameBytes);
	}

	private void readChunked(int t, byte[] dst, int offset) {
		int ct = chunkDims[0], ch = chunkDims[1], cw = chunkDims[2];
		int ti = t / ct;
		int inChunk = t - ti * ct;
		if (gridY == 1 && gridX == 1 && ch == height && cw == width) {
			// MoSeq's usual chunking: whole frames, so a frame is one run of bytes in the chunk
			InflatingChunk chunk = cache.get(keyBase + ti);
			ensure(chunk, keyBase + ti, (inChunk + 1) * frameBytes, ti * ct);
			System.arraycopy(chunk.data, inChunk * frameBytes, dst, offset, frameBytes);
			return;
		}
		for (int gy = 0; gy < gridY; gy++) {
			for (int gx = 0; gx < gridX; gx++) {
				long key = keyBase + ((long) ti * gridY + gy) * gridX + gx;
				InflatingChunk chunk = cache.get(key);
				int y0 = gy * ch, x0 = gx * cw;
				int rows = Math.min(ch, height - y0), cols = Math.min(cw, width - x0);
				ensure(chunk, key, (inChunk + 1) * ch * cw, ti * ct);
				for (int r = 0; r < rows; r++)
					System.arraycopy(chunk.data, (inChunk * ch + r) * cw, dst, offset + (y0 + r) * width + x0, cols);
			}
		}
	}

	private void ensure(InflatingChunk chunk, long key, int end, int firstFrame) {
		try {
			if (chunk.ensure(end)) cache.reweigh(key); // whole now: its compressed bytes are gone
		} catch (IOException e) {
			throw h5.readFailure(where(new int[] { firstFrame }), e);
		}
	}

	/** Reads chunk {@code key} (numbered along time, then y, then x) for the cache. */
	InflatingChunk loadChunk(long key) {
		InflatingChunk c = readChunk(key);
		loads.incrementAndGet();
		return c;
	}

	private InflatingChunk readChunk(long key) {
		checkStorage();
		int gx = (int) (key % gridX);
		long rest = key / gridX;
		int gy = (int) (rest % gridY);
		int ti = (int) (rest / gridY);
		int[] origin = { ti * chunkDims[0], gy * chunkDims[1], gx * chunkDims[2] };
		String where = where(origin);
		try {
			if (deflateOnly || unfiltered) {
				ByteBuffer raw = storedChunk(origin, where);
				if (raw == null) return fill();
				boolean deflated = deflateOnly && deflateStream(raw);
				byte[] stored = new byte[raw.remaining()];
				ChunkBounds.toHeap(raw, stored, stored.length);
				if (deflated) return InflatingChunk.deflated(stored, chunkBytes); // inflated no further than chunkBytes
				if (stored.length < chunkBytes)
					throw h5.readFailure(where, new IOException("it holds " + stored.length + " bytes instead of " + chunkBytes));
				return InflatingChunk.complete(stored); // stored unfiltered (HDF5 may skip an optional filter)
			}
			// jhdf decodes the whole declared chunk, inflating until the stream ends: bound both first
			ChunkBounds.requireBoundedChunks(h5, chunked, declaredChunkBytes, false);
			if (ChunkBounds.hasDeflate(dataset)
					&& ChunkBounds.inflatedSize(chunked.getRawChunkBuffer(origin), declaredChunkBytes + 1, new byte[1 << 16]) > declaredChunkBytes)
				throw h5.bad(path, "has a compressed chunk (at frame " + origin[0] + ") that inflates to more than its "
						+ declaredChunkBytes + " bytes; LatentJ refuses it (a damaged or hostile file)");
			byte[] decoded = chunked.getDecompressedChunk(origin);
			if (decoded.length < chunkBytes)
				throw h5.readFailure(where, new IOException("it decodes to " + decoded.length + " bytes instead of " + chunkBytes));
			return InflatingChunk.complete(decoded);
		} catch (HdfException e) {
			if (ChunkBounds.neverWritten(e)) return fill();
			throw h5.readFailure(where, e);
		} catch (IOException e) {
			throw h5.readFailure(where, e);
		} catch (BadInputException e) {
			throw e;
		} catch (RuntimeException e) {
			throw h5.readFailure(where, e);
		}
	}

	/** A chunk never written: HDF5 returns the fill value there. */
	private InflatingChunk fill() {
		byte[] fill = new byte[chunkBytes];
		Object value = dataset.getFillValue();
		if (value instanceof Number && ((Number) value).intValue() != 0)
			java.util.Arrays.fill(fill, (byte) ((Number) value).intValue());
		return InflatingChunk.complete(fill);
	}

	static byte[] toBytes(Object flat) {
		if (flat instanceof byte[]) return (byte[]) flat;
		if (flat instanceof int[]) {
			int[] v = (int[]) flat;
			byte[] out = new byte[v.length];
			for (int i = 0; i < v.length; i++)
				out[i] = (byte) v[i];
			return out;
		}
		if (flat instanceof short[]) {
			short[] v = (short[]) flat;
			byte[] out = new byte[v.length];
			for (int i = 0; i < v.length; i++)
				out[i] = (byte) v[i];
			return out;
		}
		throw new IllegalArgumentException("not byte data: " + flat.getClass().getSimpleName());
	}
}
