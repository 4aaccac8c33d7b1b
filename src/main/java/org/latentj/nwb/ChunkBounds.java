package org.latentj.nwb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;

import org.latentj.util.Memory;

/**
 * Bounds on what reading a dataset may allocate, checked before jhdf allocates it. A chunked
 * dataset's chunk shape is only a declaration: a 3000 x 10 gzip dataset declared with chunks of
 * 60,000,000 x 10 (a 6 MB file) made jhdf inflate 2.4 GB per chunk, and a chunk declared small
 * can still hold a deflate stream that inflates to gigabytes (jhdf's deflate filter inflates until
 * the stream ends). So a chunk may hold at most what its dataset needs (or {@link #SMALL_CHUNK},
 * for datasets that grow), never more than {@link #MAX_CHUNK_BYTES}, and every stored deflate
 * stream is inflated once into a small scratch buffer first, counting, to check that it ends
 * within its chunk. For PCs, labels and scalars (a few bytes a frame) that double inflation costs
 * about a millisecond a session. Before any chunk is read, the chunks' stored sizes must add up to
 * no more than the file (jhdf allocates and reads whatever size the chunk index gives).
 */
final class ChunkBounds {
	private ChunkBounds() {
	}

	/** No chunk of any dataset is inflated beyond this. */
	static final long MAX_CHUNK_BYTES = 256L << 20;
	/** A chunk may exceed its dataset up to this (extensible datasets allocate a chunk ahead). */
	static final long SMALL_CHUNK = 1L << 20;
	private static final int DEFLATE = 1;

	/**
	 * Checks a dataset before jhdf reads it whole: its size must be representable and fit the
	 * heap, contiguous data must lie inside the file, chunks must be bounded as described above.
	 */
	static void requireReadable(CheckedHdf5 h5, Dataset d) {
		long fileSize = h5.fileSize();
		String path = d.getPath();
		long bytes = product(h5, path, d.getDimensions(), d.getDataType().getSize(), "values");
		// jhdf reads into one byte array, then into a Java array (doubles here: up to 8 bytes a value)
		if (bytes > Integer.MAX_VALUE - 8)
			throw h5.bad(path, "holds " + bytes + " bytes, more than one Java array can hold");
		long needed = bytes + product(h5, path, d.getDimensions(), 8, "values");
		long free = Memory.available();
		if (needed > free)
			throw h5.bad(path, "needs " + (needed >> 20) + " MB of memory to read but Java has " + (free >> 20)
					+ " MB free (give Java more with -Xmx, or Edit>Options>Memory in Fiji)");
		if (d instanceof ContiguousDataset) {
			long at = ((ContiguousDataset) d).getDataAddress();
			if (bytes > 0 && (at < 0 || at + bytes > fileSize))
				throw h5.bad(path, "points outside the file (" + bytes + " bytes at " + at + " of " + fileSize + "); the file is damaged");
		}
		if (d instanceof ChunkedDataset) requireBoundedChunks(h5, (ChunkedDataset) d, bytes, true);
	}

	/**
	 * Checks a chunked dataset's declared chunk size against what reading it needs, and (when
	 * {@code scan}) that every deflate-compressed chunk inflates to no more than its declared size.
	 *
	 * @param needed bytes the caller needs from one chunk at most (the whole dataset for a whole read)
	 * @return the declared bytes of one chunk
	 */
	static long requireBoundedChunks(CheckedHdf5 h5, ChunkedDataset d, long needed, boolean scan) {
		String path = d.getPath();
		requireStoredWithinFile(h5, d);
		int[] chunk = d.getChunkDimensions();
		long chunkBytes = product(h5, path, chunk, d.getDataType().getSize(), "chunk values");
		if (chunkBytes > Math.min(MAX_CHUNK_BYTES, Math.max(needed, SMALL_CHUNK)))
			throw h5.bad(path, "is stored in chunks of " + shape(chunk) + " values (" + chunkBytes
					+ " bytes each once decompressed) where its shape " + shape(d.getDimensions()) + " needs at most "
					+ Math.min(MAX_CHUNK_BYTES, Math.max(needed, SMALL_CHUNK))
					+ " bytes; LatentJ refuses such chunks (a damaged or hostile file)");
		if (scan && hasDeflate(d)) scanDeflated(h5, d, chunkBytes);
		return chunkBytes;
	}

	/**
	 * The chunks' stored sizes must add up to no more than the file: a damaged chunk index can give
	 * a chunk any size, and jhdf allocates and reads whatever size it is given.
	 */
	static void requireStoredWithinFile(CheckedHdf5 h5, ChunkedDataset d) {
		String path = d.getPath();
		long stored;
		try {
			stored = d.getStorageInBytes();
		} catch (RuntimeException e) {
			throw h5.bad(path, "has a chunk index that cannot be read (" + e.getMessage() + "); the file is damaged");
		}
		if (stored < 0 || stored > h5.fileSize())
			throw h5.bad(path, "claims " + stored + " bytes of stored chunks but the file has " + h5.fileSize() + "; the file is damaged");
	}

	static boolean hasDeflate(Dataset d) {
		for (PipelineFilterWithData f : d.getFilters())
			if (f.getId() == DEFLATE) return true;
		return false;
	}

	/** Inflates every stored chunk into a scratch buffer, refusing one that inflates past its size. */
	static void scanDeflated(CheckedHdf5 h5, ChunkedDataset d, long chunkBytes) {
		int[] dims = d.getDimensions(), chunk = d.getChunkDimensions();
		int[] origin = new int[dims.length];
		byte[] scratch = new byte[1 << 16];
		for (boolean more = Arrays.stream(dims).allMatch(n -> n > 0); more;) {
			ByteBuffer raw = rawChunk(d, origin);
			if (raw != null) {
				long inflated;
				try {
					inflated = inflatedSize(raw, chunkBytes + 1, scratch);
				} catch (IOException e) {
					throw h5.readFailure("the chunk at " + shape(origin) + " of " + d.getPath(), e);
				}
				if (inflated > chunkBytes)
					throw h5.bad(d.getPath(), "has a compressed chunk (at " + shape(origin) + ") that inflates to more than its "
							+ chunkBytes + " bytes; LatentJ refuses it (a damaged or hostile file)");
			}
			more = false;
			for (int i = dims.length - 1; i >= 0; i--) {
				origin[i] += chunk[i];
				if (origin[i] < dims[i]) {
					more = true;
					break;
				}
				origin[i] = 0;
			}
		}
	}

	/** The stored bytes of the chunk at origin, or null when it was never written (fill value). */
	private static ByteBuffer rawChunk(ChunkedDataset d, int[] origin) {
		try {
			return d.getRawChunkBuffer(origin);
		} catch (HdfException e) {
			if (neverWritten(e)) return null;
			throw e;
		}
	}

	/** jhdf's refusal of a chunk its index does not list: HDF5 reads the fill value there. */
	static boolean neverWritten(HdfException e) {
		return String.valueOf(e.getMessage()).startsWith("No chunk with offset");
	}

	/**
	 * Copies n bytes of jhdf's chunk buffer (a memory map of the file) from its position to the heap, for zlib:
	 * native code reading a map of a file truncated meanwhile crashes the JVM (SIGBUS), where Java's read throws.
	 */
	static void toHeap(ByteBuffer raw, byte[] into, int n) throws IOException {
		try {
			raw.get(into, 0, n);
		} catch (InternalError e) { // HotSpot's word for a fault on a mapped buffer whose file shrank
			throw new IOException("the file changed while it was read (" + e.getMessage() + ")", e);
		}
	}

	/**
	 * Bytes the zlib stream at the start of {@code raw} inflates to, counted up to {@code limit}
	 * (a larger count is not needed). A corrupt stream counts what it inflated before the error;
	 * jhdf reports the error itself when it reads the chunk.
	 */
	static long inflatedSize(ByteBuffer raw, long limit, byte[] scratch) throws IOException {
		ByteBuffer in = raw.duplicate();
		byte[] piece = new byte[Math.min(in.remaining(), 1 << 16)]; // zlib reads the stream from the heap, a piece at a time
		Inflater z = new Inflater();
		try {
			long total = 0;
			while (total < limit && !z.finished()) {
				if (z.needsInput()) {
					if (!in.hasRemaining()) break;
					int k = Math.min(piece.length, in.remaining());
					toHeap(in, piece, k);
					z.setInput(piece, 0, k);
				}
				int n = z.inflate(scratch, 0, (int) Math.min(scratch.length, limit - total));
				if (n == 0 && z.needsDictionary()) break;
				total += n;
			}
			return total;
		} catch (DataFormatException e) {
			return z.getBytesWritten();
		} finally {
			z.end();
		}
	}

	/**
	 * The product of dims and a factor, refused (naming the dataset) when it overflows a long: an
	 * HDF5 header may declare any shape.
	 */
	static long product(CheckedHdf5 h5, String path, int[] dims, long factor, String what) {
		long p = factor;
		for (int n : dims) {
			if (n < 0) throw h5.bad(path, "has a negative size in its shape " + shape(dims) + "; the file is damaged");
			try {
				p = Math.multiplyExact(p, n);
			} catch (ArithmeticException e) {
				throw h5.bad(path, "declares " + shape(dims) + " " + what + ", too many to count; the file is damaged");
			}
		}
		return p;
	}

	static String shape(int[] dims) {
		return Arrays.toString(dims).replace('[', '(').replace(']', ')');
	}
}
