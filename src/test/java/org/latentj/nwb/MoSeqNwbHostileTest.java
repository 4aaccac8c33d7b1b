package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.BadInputException;

/**
 * Files made to reach outside themselves or to exhaust memory (issue 12, items 4, 5 and 14): the
 * crafted files are in the test resources (fixtures/make_fixtures.py, h5py, since jhdf writes none
 * of these). Each must fail with one sentence naming the file and the HDF5 path, promptly (the
 * timeout guards against a FIFO read), without opening the file a link points to, and without
 * inflating more than the dataset needs.
 */
@Timeout(20)
class MoSeqNwbHostileTest {

	@TempDir
	Path dir;

	private Path fixture(String name) throws IOException {
		Path f = dir.resolve(name);
		try (InputStream in = MoSeqNwbHostileTest.class.getResourceAsStream("fixtures/" + name)) {
			Files.copy(in, f);
		}
		return f;
	}

	/** A valid session beside the hostile one, with PCs of its own (a link to it must not be followed). */
	private Path other() {
		Map<String, Object> m = TinyHdf5.validMoSeq();
		float[][] pcs = new float[TinyHdf5.T][TinyHdf5.P];
		for (float[] row : pcs)
			java.util.Arrays.fill(row, 7);
		m.put("/processing/MoSeq/PCs/pcs_clean/data", pcs);
		Path f = dir.resolve("other.nwb");
		TinyHdf5.write(f, m);
		return f;
	}

	private static String fail(Path file, java.util.function.Consumer<MoSeqNwb> use) {
		BadInputException e = assertThrows(BadInputException.class, () -> {
			try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
				use.accept(nwb);
			}
		});
		String m = e.getMessage();
		assertTrue(m.contains(file.toString()), "names the file: " + m);
		assertFalse(m.contains("\n"), "one line: " + m);
		return m;
	}

	private static void assertContains(String message, String... parts) {
		for (String p : parts)
			assertTrue(message.contains(p), "message should contain '" + p + "': " + message);
	}

	@Test
	void anExternalLinkToAFifoIsRefusedWithoutOpeningIt() throws Exception {
		Path f = fixture("external_timestamps.nwb");
		Process p = new ProcessBuilder("mkfifo", dir.resolve("timestamps.fifo").toString()).start();
		assertEquals(0, p.waitFor());
		// before the fix: opening the FIFO blocked forever (no writer), so the timeout failed this test
		String m = fail(f, nwb -> { });
		assertContains(m, "/processing/MoSeq/Scalars/angle/timestamps", "external link", "timestamps.fifo:/t");
	}

	@Test
	void anExternalLinkToAnotherNwbFileIsRefused() throws Exception {
		other();
		Path f = fixture("external_pcs.nwb");
		// before the fix: pcs(4) returned other.nwb's PCs (all 7)
		String m = fail(f, nwb -> nwb.pcs(4));
		assertContains(m, "/processing/MoSeq/PCs/pcs_clean/data", "external link", "other.nwb:/processing/MoSeq/PCs/pcs_clean/data");
	}

	@Test
	void virtualAndExternallyStoredDatasetsAreRefused() throws Exception {
		other();
		String m = fail(fixture("virtual_pcs.nwb"), nwb -> nwb.pcs(4));
		assertContains(m, "/processing/MoSeq/PCs/pcs_clean", "virtual dataset");
		Files.write(dir.resolve("pcs.bin"), new byte[TinyHdf5.T * TinyHdf5.P * 4]);
		m = fail(fixture("external_storage_pcs.nwb"), nwb -> nwb.pcs(4));
		assertContains(m, "/processing/MoSeq/PCs/pcs_clean", "external raw files");
	}

	@Test
	void aChunkDeclaredFarLargerThanItsDatasetIsRefusedBeforeInflating() throws Exception {
		Path f = fixture("bomb_chunk_shape.nwb");
		String m = fail(f, nwb -> nwb.pcs(4));
		assertContains(m, "/processing/MoSeq/PCs/pcs_clean/data", "chunks of (600000, 4)", "9600000 bytes");
	}

	@Test
	void aDeflateStreamLongerThanItsChunkIsRefused() throws Exception {
		Path f = fixture("bomb_stream.nwb");
		String m = fail(f, nwb -> nwb.pcs(4));
		assertContains(m, "/processing/MoSeq/PCs/pcs_clean/data", "inflates to more than its 320 bytes");
	}

	@Test
	void frameChunksAreInflatedOnlyAsFarAsTheFramesReach() throws Exception {
		Path f = fixture("bomb_frames.nwb");
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			for (int t = 0; t < TinyHdf5.T; t++)
				assertEquals(200 + t, nwb.frame(t)[(TinyHdf5.H / 2) * TinyHdf5.W + TinyHdf5.W / 2] & 0xff);
			// the chunk is declared 200000 frames long (9.6 MB); only the 20 stored frames are inflated
			long held = nwb.frameCacheBytes();
			assertTrue(held <= TinyHdf5.T * TinyHdf5.H * TinyHdf5.W, "held " + held + " bytes");
		}
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) { // all frames as one run: no longer than the chunk, so through the cache
			byte[] all = new byte[TinyHdf5.T * TinyHdf5.H * TinyHdf5.W];
			nwb.readFrames(0, TinyHdf5.T, all, 0);
			for (int t = 0; t < TinyHdf5.T; t++)
				assertEquals(200 + t, all[(t * TinyHdf5.H + TinyHdf5.H / 2) * TinyHdf5.W + TinyHdf5.W / 2] & 0xff);
			long held = nwb.frameCacheBytes();
			assertTrue(held <= TinyHdf5.T * TinyHdf5.H * TinyHdf5.W, "held " + held + " bytes");
		}
	}

	@Test
	void aDeflateChunkThatEndsEarlyIsRefusedInARun() throws Exception {
		Path f = dir.resolve("short_chunk.nwb");
		String frames = "/processing/MoSeq/Images/frames/data";
		TinyHdf5.write(f, TinyHdf5.validMoSeq(), Map.of(frames,
				io.jhdf.api.DatasetCreationOptions.builder().unsigned().chunkDimensions(5, TinyHdf5.H, TinyHdf5.W).deflate().build()), Map.of());
		// the second chunk's stored bytes become a complete zlib stream of half its frames, padded with zeros
		byte[] stored;
		try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(f)) {
			java.nio.ByteBuffer raw = ((io.jhdf.api.dataset.ChunkedDataset) h.getDatasetByPath(frames)).getRawChunkBuffer(new int[] { 5, 0, 0 });
			stored = new byte[raw.remaining()];
			raw.get(stored);
		}
		byte[] file = Files.readAllBytes(f);
		int at = indexOf(file, stored);
		assertTrue(at > 0 && indexOf(Arrays.copyOfRange(file, at + 1, file.length), stored) < 0, "the chunk's bytes are found once");
		int chunkBytes = 5 * TinyHdf5.H * TinyHdf5.W;
		java.util.zip.Deflater d = new java.util.zip.Deflater();
		d.setInput(new byte[chunkBytes / 2]);
		d.finish();
		byte[] shorter = new byte[stored.length];
		int n = d.deflate(shorter);
		assertTrue(d.finished() && n < stored.length, "the shorter stream fits");
		d.end();
		System.arraycopy(shorter, 0, file, at, shorter.length);
		Files.write(f, file);
		String m = fail(f, nwb -> nwb.readFrames(0, TinyHdf5.T, new byte[TinyHdf5.T * chunkBytes / 5], 0));
		assertContains(m, "the chunk at frame 5 of " + frames, "ends after " + chunkBytes / 2 + " of " + chunkBytes + " bytes");
	}

	private static int indexOf(byte[] in, byte[] what) {
		outer: for (int i = 0; i + what.length <= in.length; i++) {
			for (int j = 0; j < what.length; j++)
				if (in[i + j] != what[j]) continue outer;
			return i;
		}
		return -1;
	}

	@Test
	void overflowingSizesNameTheDataset() throws Exception {
		String m = fail(fixture("overflow_frames.nwb"), nwb -> { });
		assertContains(m, "/processing/MoSeq/Images/frames/data", "50000 x 50000");
		m = fail(fixture("overflow_chunk.nwb"), nwb -> { });
		assertContains(m, "/processing/MoSeq/Images/frames/data", "(1, 65535, 65535)");
	}

	@Test
	void theWholeFileIsCheckedButValidLinksInsideItStillWork() throws Exception {
		// the userblock fixture (libhdf5, latest format) passes the walk and reads as before
		try (MoSeqNwb nwb = MoSeqNwb.open(fixture("userblock.nwb"))) {
			float[] expected = new float[TinyHdf5.P];
			for (int k = 0; k < TinyHdf5.P; k++)
				expected[k] = 3 * TinyHdf5.P + k;
			double[] row = java.util.Arrays.copyOfRange(nwb.pcs(TinyHdf5.P).values(), 3 * TinyHdf5.P, 4 * TinyHdf5.P);
			for (int k = 0; k < TinyHdf5.P; k++)
				assertEquals(expected[k], row[k]);
			assertArrayEquals(new int[] { 0, 1, 2, 0 }, java.util.Arrays.copyOf(nwb.labels(), 4));
		}
	}
}
