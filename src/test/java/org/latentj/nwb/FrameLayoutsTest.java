package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.api.DatasetCreationOptions;

/**
 * Frames read back exactly whatever the storage: contiguous, compact, whole-frame chunks, chunks
 * tiling the frame with partial tiles at the edges and a partial last chunk, gzip inflated here, and
 * filters left to jhdf (shuffle + deflate); in any order of reading.
 */
class FrameLayoutsTest {

	@TempDir
	Path dir;

	private static final int T = TinyHdf5.T, H = TinyHdf5.H, W = TinyHdf5.W;

	private byte[][][] randomFrames() {
		Random r = new Random(5);
		byte[][][] f = new byte[T][H][W];
		for (byte[][] frame : f)
			for (byte[] row : frame)
				r.nextBytes(row);
		return f;
	}

	private void check(String name, DatasetCreationOptions options, boolean chunked) {
		byte[][][] frames = randomFrames();
		Map<String, Object> m = TinyHdf5.validMoSeq();
		m.put("/processing/MoSeq/Images/frames/data", frames);
		Path file = dir.resolve(name + ".nwb");
		TinyHdf5.write(file, m, options);
		// forward (each chunk inflated a frame further at a time), backwards (whole at once, then revisited)
		// and shuffled (partly inflated chunks revisited out of order, and evicted with a budget of 1)
		List<Integer> forward = new ArrayList<>(), backward = new ArrayList<>(), shuffled = new ArrayList<>();
		for (int t = 0; t < T; t++) {
			forward.add(t);
			backward.add(T - 1 - t);
			shuffled.add(t);
		}
		Collections.shuffle(shuffled, new Random(11));
		for (long budget : new long[] { 1, MoSeqNwb.DEFAULT_CACHE_BYTES })
			for (List<Integer> order : List.of(forward, backward, shuffled))
				try (MoSeqNwb nwb = MoSeqNwb.open(file, budget)) {
					assertEquals(chunked, nwb.framesChunked(), name);
					for (int t : order)
						assertArrayEquals(flat(frames[t]), nwb.frame(t), name + " frame " + t + " in order " + order);
				}
	}

	private static byte[] flat(byte[][] frame) {
		byte[] out = new byte[H * W];
		for (int y = 0; y < H; y++)
			System.arraycopy(frame[y], 0, out, y * W, W);
		return out;
	}

	/** Compact storage (frames inside the object header; libhdf5 writes it, jhdf cannot): frames and masks. */
	@Test
	void compact() {
		try (MoSeqNwb nwb = MoSeqNwb.open(Fixtures.path("compact.nwb"))) {
			assertFalse(nwb.framesChunked());
			byte[] mask = new byte[H * W];
			for (int t = 0; t < T; t++) {
				byte[] expected = new byte[H * W];
				expected[H / 2 * W + W / 2] = (byte) (200 + t);
				assertArrayEquals(expected, nwb.frame(t), "frame " + t);
				nwb.readMask(t, mask, 0);
				expected[H / 2 * W + W / 2] = 1;
				assertArrayEquals(expected, mask, "mask " + t);
			}
			byte[] two = new byte[2 * H * W];
			nwb.readFrames(T - 2, 2, two, 0);
			assertEquals(200 + T - 1, two[H * W + H / 2 * W + W / 2] & 0xff);
		}
	}

	@Test
	void contiguous() {
		check("contiguous", DatasetCreationOptions.builder().unsigned().build(), false);
	}

	@Test
	void wholeFrameChunksGzip() {
		check("gzip", DatasetCreationOptions.builder().unsigned().chunkDimensions(6, H, W).deflate(4).build(), true);
	}

	@Test
	void tiledChunksWithPartialEdgesUnfiltered() {
		check("tiles", DatasetCreationOptions.builder().unsigned().chunkDimensions(7, 5, 4).build(), true);
	}

	@Test
	void tiledChunksGzip() {
		check("tiles-gzip", DatasetCreationOptions.builder().unsigned().chunkDimensions(3, 3, 5).deflate(1).build(), true);
	}

	@Test
	void shuffleAndDeflateGoThroughJhdf() {
		check("shuffle", DatasetCreationOptions.builder().unsigned().chunkDimensions(4, H, W).shuffle().deflate(6).build(), true);
	}
}
