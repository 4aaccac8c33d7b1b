package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InflatingChunkTest {

	private static byte[] data(int n) {
		byte[] b = new byte[n];
		Random r = new Random(3);
		for (int i = 0; i < n; i++)
			b[i] = (byte) (i % 97 < 40 ? r.nextInt(8) : 0);
		return b;
	}

	private static byte[] deflate(byte[] in) {
		Deflater d = new Deflater(4);
		d.setInput(in);
		d.finish();
		byte[] out = new byte[in.length + 1024];
		int n = 0;
		while (!d.finished())
			n += d.deflate(out, n, out.length - n);
		d.end();
		return Arrays.copyOf(out, n);
	}

	@Test
	void inflatesOnlyAsFarAsAsked() throws IOException {
		byte[] plain = data(100 * 6400);
		InflatingChunk c = InflatingChunk.deflated(deflate(plain), plain.length);
		c.ensure(6400);
		assertEquals(6400, c.valid(), "one frame asked, one frame inflated");
		assertArrayEquals(Arrays.copyOf(plain, 6400), Arrays.copyOf(c.data, 6400));
		c.ensure(50 * 6400);
		assertEquals(50 * 6400, c.valid());
		c.ensure(10 * 6400); // already there
		assertEquals(50 * 6400, c.valid());
		c.ensure(plain.length);
		assertArrayEquals(plain, c.data);
	}

	/** Until whole, a chunk holds (and weighs) its compressed bytes; then it drops them and zlib's state. */
	@Test
	void compressedBytesCountUntilTheChunkIsWhole() throws IOException {
		byte[] plain = data(100 * 6400);
		byte[] z = deflate(plain);
		InflatingChunk c = InflatingChunk.deflated(z, plain.length);
		assertEquals(plain.length + z.length, c.heapBytes());
		assertFalse(c.holdsInflater(), "zlib's state is made when first needed");
		assertFalse(c.ensure(6400));
		assertTrue(c.holdsInflater());
		assertEquals(plain.length + z.length, c.heapBytes());
		assertTrue(c.ensure(plain.length), "this call made it whole");
		assertEquals(plain.length, c.heapBytes());
		assertFalse(c.holdsInflater());
		assertFalse(c.ensure(plain.length));
		assertArrayEquals(plain, c.data);
	}

	/** An evicted chunk frees zlib's state at once; a reader still holding it gets the right bytes. */
	@Test
	void aReleasedChunkInflatesAgainWhereNeeded() throws IOException {
		byte[] plain = data(100 * 6400);
		InflatingChunk c = InflatingChunk.deflated(deflate(plain), plain.length);
		c.ensure(37 * 6400 + 5);
		c.release();
		assertFalse(c.holdsInflater());
		c.release(); // twice is fine
		c.ensure(60 * 6400);
		assertEquals(60 * 6400, c.valid());
		assertArrayEquals(Arrays.copyOf(plain, 60 * 6400), Arrays.copyOf(c.data, 60 * 6400));
		c.ensure(plain.length);
		assertArrayEquals(plain, c.data);
		InflatingChunk whole = InflatingChunk.deflated(deflate(plain), plain.length);
		whole.release(); // before any inflation
		whole.ensure(plain.length);
		assertArrayEquals(plain, whole.data);
	}

	@Test
	void threadsAskingForDifferentFramesGetTheRightBytes() throws Exception {
		byte[] plain = data(100 * 6400);
		for (int round = 0; round < 20; round++) {
			InflatingChunk c = InflatingChunk.deflated(deflate(plain), plain.length);
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				List<Future<Boolean>> jobs = new ArrayList<>();
				for (int w = 0; w < 8; w++) {
					int frame = (w * 37 + round) % 100;
					jobs.add(pool.submit(() -> {
						c.ensure((frame + 1) * 6400);
						return Arrays.equals(plain, frame * 6400, (frame + 1) * 6400, c.data, frame * 6400, (frame + 1) * 6400);
					}));
				}
				for (Future<Boolean> j : jobs)
					assertTrue(j.get());
			} finally {
				pool.shutdownNow();
			}
		}
	}

	@Test
	void truncatedOrCorruptStreamsAreReported() {
		byte[] plain = data(20 * 6400);
		byte[] z = deflate(plain);
		InflatingChunk cut = InflatingChunk.deflated(Arrays.copyOf(z, z.length / 2), plain.length);
		assertTrue(assertThrows(IOException.class, () -> cut.ensure(plain.length)).getMessage().contains("ends after"));
		byte[] bad = z.clone();
		for (int i = 10; i < 60; i++)
			bad[i] = (byte) 0xff;
		InflatingChunk corrupt = InflatingChunk.deflated(bad, plain.length);
		assertThrows(IOException.class, () -> corrupt.ensure(plain.length));
	}

	@Test
	void recognizesZlibStreams() {
		assertTrue(InflatingChunk.looksDeflated(deflate(data(1000))));
		assertFalse(InflatingChunk.looksDeflated(new byte[] { 0, 0, 0 }));
	}
}
