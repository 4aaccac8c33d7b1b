package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.BadInputException;

/**
 * The completeness check reads the superblock as libhdf5 writes it: behind a user block the base
 * address is the user block's size and the stored end-of-file address is already absolute.
 */
class Hdf5FileCheckTest {

	@TempDir
	Path dir;

	@Test
	void aLibhdf5FileWithAUserBlockOpensAndReads() {
		Path file = Fixtures.path("userblock.nwb");
		assertEquals(512, Hdf5FileCheck.requireCompleteHdf5(file, "NWB file"));
		try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
			assertEquals(20, nwb.frameCount());
			assertFalse(nwb.framesChunked(), "contiguous frames: read at user block + data address");
			int center = 4 * 6 + 3;
			for (int t = 0; t < 20; t++) {
				byte[] f = nwb.frame(t);
				assertEquals(200 + t, f[center] & 0xff, "frame " + t);
				assertEquals(200 + t, sum(f), "the rest of frame " + t + " is 0");
				byte[] m = new byte[48];
				nwb.readMask(t, m, 0);
				assertEquals(1, m[center]);
				assertEquals(1, sum(m));
			}
			assertEquals(4 * 7 + 2, nwb.pcs(4).get(7, 2));
			assertArrayEquals(new int[] { 0, 1, 2, 0, 1 }, Arrays.copyOf(nwb.labels(), 5));
			assertEquals(30, nwb.fps(), 1e-9);
		}
	}

	@Test
	void aTruncatedCopyOfAUserBlockFileIsStillRefused() throws IOException {
		byte[] all = Files.readAllBytes(Fixtures.path("userblock.nwb"));
		Path cut = dir.resolve("cut.nwb");
		Files.write(cut, Arrays.copyOf(all, all.length - 100));
		String m = assertThrows(BadInputException.class, () -> Hdf5FileCheck.requireCompleteHdf5(cut, "NWB file")).getMessage();
		assertTrue(m.contains("truncated") && m.contains("has " + (all.length - 100) + " bytes")
				&& m.contains("says " + all.length), m);
	}

	/** A version 0 superblock (h5py's default) at 512, base address 512, end of file as given. */
	@Test
	void version0SuperblockBehindAUserBlock() throws IOException {
		int size = 512 + 96;
		assertEquals(512, Hdf5FileCheck.requireCompleteHdf5(superblockV0(size, size), "file"));
		String m = assertThrows(BadInputException.class,
				() -> Hdf5FileCheck.requireCompleteHdf5(superblockV0(size, size + 1), "file")).getMessage();
		assertTrue(m.contains("truncated") && m.contains("says " + (size + 1)), m);
	}

	private Path superblockV0(int size, long endOfFile) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
		b.position(512);
		b.put(new byte[] { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' });
		b.put(512 + 8, (byte) 0); // version
		b.put(512 + 13, (byte) 8); // size of offsets
		b.put(512 + 14, (byte) 8); // size of lengths
		b.putLong(512 + 24, 512); // base address
		b.putLong(512 + 32, -1); // free-space info: undefined
		b.putLong(512 + 40, endOfFile);
		b.putLong(512 + 48, -1); // driver info: undefined
		Path f = dir.resolve("v0-" + endOfFile + ".h5");
		Files.write(f, b.array());
		return f;
	}

	private static int sum(byte[] b) {
		int s = 0;
		for (byte x : b)
			s += x & 0xff;
		return s;
	}
}
