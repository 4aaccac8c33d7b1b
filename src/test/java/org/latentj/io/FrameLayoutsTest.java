package org.latentj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.api.DatasetCreationOptions;

/**
 * Frames read back exactly whatever the storage: contiguous, whole-frame chunks, chunks tiling the
 * frame with partial tiles at the edges and a partial last chunk, gzip inflated here, and filters
 * left to jhdf (shuffle + deflate).
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
		for (long budget : new long[] { 1, MoSeqNwb.DEFAULT_CACHE_BYTES }) {
			try (MoSeqNwb nwb = MoSeqNwb.open(file, budget)) {
				assertEquals(chunked, nwb.framesChunked(), name);
				// backwards, so that partially inflated chunks are revisited out of order
				for (int t = T - 1; t >= 0; t--) {
					byte[] expected = new byte[H * W];
					for (int y = 0; y < H; y++)
						System.arraycopy(frames[t][y], 0, expected, y * W, W);
					assertArrayEquals(expected, nwb.frame(t), name + " frame " + t);
				}
			}
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
