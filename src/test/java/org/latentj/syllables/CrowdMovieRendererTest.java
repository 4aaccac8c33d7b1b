package org.latentj.syllables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.latentj.syllables.SyllableInstance;
import org.latentj.testing.SyntheticFrameSource;
import org.latentj.util.Progress;

class CrowdMovieRendererTest {

	static final int F = CrowdCompositorTest.F;

	@Test
	void moviesRunFromMinusPadToMaxDurationPlusPadWithDotsWhileActive() {
		// two still mice far apart (session 0 at (100, 100) facing right, session 1 at (300, 200) facing down)
		SyntheticFrameSource a = SyntheticFrameSource.still("a", CrowdCompositorTest.arrow(), F, 200, 100, 100, 0);
		SyntheticFrameSource b = SyntheticFrameSource.still("b", CrowdCompositorTest.arrow(), F, 200, 300, 200, Math.PI / 2);
		List<SyllableInstance> instances = List.of(new SyllableInstance(0, 50, 4), new SyllableInstance(1, 20, 7));
		CrowdMovieRenderer r = new CrowdMovieRenderer(5, 10, 10, 512, 424);
		CrowdMovie m = r.render(3, instances, List.of(a, b),
				List.of(HeadingConvention.CLOCKWISE, HeadingConvention.CLOCKWISE), Progress.NONE);
		assertEquals(20, m.frames());
		assertEquals(5, m.pad());
		assertEquals(3, m.syllable());
		// only the two windows were read: 20 frames each
		assertEquals(20, a.framesRead.get());
		assertEquals(20, b.framesRead.get());
		for (int i = 0; i < m.frames(); i++) {
			int off = i - 5;
			int expectedDots = (off >= 0 && off < 4 ? 1 : 0) + (off >= 0 && off < 7 ? 1 : 0);
			assertEquals(expectedDots, m.dotX(i).length, "frame " + i);
			// both mice drawn in every frame: nose of a at (122, 100), nose of b at (300, 222)
			assertEquals(90, m.pixels(i)[100 * 512 + 122] & 0xff);
			assertEquals(90, m.pixels(i)[222 * 512 + 300] & 0xff);
		}
		assertArrayEquals(new double[] { 100, 300 }, m.dotX(5));
		assertArrayEquals(new double[] { 300 }, m.dotX(9 + 1));
		// bounds: a spans x 85..122, b (turned a quarter clockwise) spans x 288..305 and y 185..222
		// a's body spans y 95..105 (its fin reaches 112); b's fin side is turned to x 288
		assertArrayEquals(new int[] { 85, 95, 305, 222 }, m.bounds());
	}

	@Test
	void laterInstancesBlendOverEarlierOnesInListOrder() {
		byte[] block = new byte[F * F];
		for (int y = 30; y < 50; y++)
			for (int x = 30; x < 50; x++) block[y * F + x] = (byte) 100;
		byte[] lower = block.clone();
		for (int i = 0; i < lower.length; i++) if (lower[i] != 0) lower[i] = 40;
		SyntheticFrameSource a = SyntheticFrameSource.still("a", block, F, 50, 200, 200, 0);
		SyntheticFrameSource b = SyntheticFrameSource.still("b", lower, F, 50, 210, 200, 0);
		CrowdMovieRenderer r = new CrowdMovieRenderer(2, 5, 10, 512, 424);
		CrowdMovie m = r.render(0, List.of(new SyllableInstance(0, 10, 2), new SyllableInstance(1, 10, 2)), List.of(a, b),
				List.of(HeadingConvention.CLOCKWISE, HeadingConvention.CLOCKWISE), Progress.NONE);
		for (int i = 0; i < m.frames(); i++) {
			byte[] p = m.pixels(i);
			assertEquals(100, p[200 * 512 + 195] & 0xff);
			assertEquals(70, p[200 * 512 + 205] & 0xff);
			assertEquals(40, p[200 * 512 + 215] & 0xff);
		}
	}

	@Test
	void theSameMovieOnOneOrManyThreads() {
		double[] x = new double[300], y = new double[300], ang = new double[300];
		for (int t = 0; t < 300; t++) {
			x[t] = 256 + 150 * Math.cos(t * 0.05);
			y[t] = 212 + 120 * Math.sin(t * 0.05);
			ang[t] = t * 0.05 + Math.PI / 2;
		}
		SyntheticFrameSource s = new SyntheticFrameSource("s", CrowdCompositorTest.arrow(), F, F, x, y, ang, null, 0.033);
		List<SyllableInstance> in = List.of(new SyllableInstance(0, 40, 5), new SyllableInstance(0, 45, 8),
				new SyllableInstance(0, 48, 3), new SyllableInstance(0, 100, 9));
		CrowdMovieRenderer r = new CrowdMovieRenderer(10, 20, 10, 512, 424);
		String saved = System.getProperty("latentj.threads");
		CrowdMovie one, four;
		try {
			System.setProperty("latentj.threads", "1");
			one = r.render(1, in, List.of(s), List.of(HeadingConvention.COUNTERCLOCKWISE), Progress.NONE);
			// one thread: everything on the caller's thread
			assertEquals(Set.of(Thread.currentThread().getName()), s.readerThreads);
			System.setProperty("latentj.threads", "4");
			four = r.render(1, in, List.of(s), List.of(HeadingConvention.COUNTERCLOCKWISE), Progress.NONE);
		} finally {
			if (saved == null) System.clearProperty("latentj.threads");
			else System.setProperty("latentj.threads", saved);
		}
		for (int i = 0; i < one.frames(); i++) assertArrayEquals(one.pixels(i), four.pixels(i));
		assertArrayEquals(one.bounds(), four.bounds());
		assertTrue(one.bounds()[2] > one.bounds()[0]);
		// the shared workers (util.Parallel) helped; no threads of its own per movie
		for (String t : s.readerThreads)
			assertTrue(t.equals(Thread.currentThread().getName()) || t.startsWith("LatentJ worker"), t);
	}
}
