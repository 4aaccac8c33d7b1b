package org.latentj.nwb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.latentj.util.BadInputException;

/**
 * Checks, before any HDF5 parsing, that a file exists, is HDF5 and is complete. A truncated file
 * (an interrupted copy or download) is the commonest broken input; the superblock records where
 * the file should end, so comparing that with the real size gives a precise message instead of a
 * parser error deep inside a chunk read later.
 */
public final class Hdf5FileCheck {
	private Hdf5FileCheck() {
	}

	private static final byte[] SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

	/**
	 * @param what how to call the file in messages, e.g. "NWB file"
	 * @return the offset of the superblock (the user block size)
	 */
	public static long requireCompleteHdf5(Path file, String what) {
		if (!Files.exists(file)) throw new BadInputException("The " + what + " " + file + " does not exist.");
		if (Files.isDirectory(file)) throw new BadInputException("The " + what + " " + file + " is a folder, not a file.");
		if (!Files.isRegularFile(file))
			throw new BadInputException("The " + what + " " + file + " is a pipe or device, not a file; LatentJ reads regular files only.");
		if (!Files.isReadable(file)) throw new BadInputException("The " + what + " " + file + " cannot be read (permission denied).");
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = ch.size();
			// The superblock sits at 0, 512, 1024, 2048... (after an optional user block).
			for (long at = 0; at + 48 <= size; at = at == 0 ? 512 : at * 2) {
				ByteBuffer head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
				readFully(ch, head, at);
				head.flip();
				if (!hasSignature(head)) continue;
				long end = endOfFile(head);
				if (end > size)
					throw new BadInputException("The " + what + " " + file + " is truncated: it has " + size
							+ " bytes but its HDF5 superblock says " + end + ".");
				return at;
			}
			throw new BadInputException("The " + what + " " + file + " is not an HDF5 file"
					+ (size == 0 ? " (it is empty)." : " (no HDF5 signature)."));
		} catch (IOException e) {
			throw new BadInputException("The " + what + " " + file + " cannot be read (" + e.getMessage() + ").", e);
		}
	}

	private static boolean hasSignature(ByteBuffer b) {
		if (b.limit() < SIGNATURE.length) return false;
		for (int i = 0; i < SIGNATURE.length; i++)
			if (b.get(i) != SIGNATURE[i]) return false;
		return true;
	}

	/**
	 * The stored end-of-file address; -1 if unknown. It is absolute: behind a user block libhdf5
	 * stores the base address (the user block's size) and an end-of-file address that already counts
	 * it, and compares the latter with the file's size, as done here.
	 */
	private static long endOfFile(ByteBuffer b) {
		int version = b.get(8) & 0xff;
		int offsets;
		int pos;
		if (version == 0 || version == 1) {
			offsets = b.get(13) & 0xff;
			pos = 24 + (version == 1 ? 4 : 0);
		} else if (version == 2 || version == 3) {
			offsets = b.get(9) & 0xff;
			pos = 12;
		} else return -1;
		if (offsets != 8 && offsets != 4) return -1;
		if (pos + 3 * offsets > b.limit()) return -1;
		return address(b, pos + 2 * offsets, offsets);
	}

	private static long address(ByteBuffer b, int pos, int size) {
		long v = size == 8 ? b.getLong(pos) : b.getInt(pos) & 0xffffffffL;
		boolean undefined = size == 8 ? v == -1L : v == 0xffffffffL;
		return undefined ? -1 : v;
	}

	private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
		while (dst.hasRemaining()) {
			int n = ch.read(dst, position + dst.position());
			if (n < 0) break;
		}
	}
}
