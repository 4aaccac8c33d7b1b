package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Run lengths, usage, the Fit HMM warnings and the ARI of Scan Models, on hand-built labels. */
class StateRunsTest {

	@Test
	void runsByHand() {
		// session 1: 0 0 0 1 1 -1 1 2 ; session 2: 0 0 0 0
		StateRuns r = new StateRuns(List.of(new int[] { 0, 0, 0, 1, 1, -1, 1, 2 }, new int[] { 0, 0, 0, 0 }), 3);
		// runs: 3 (0), 2 (1), 1 (1, after the gap), 1 (2), 4 (0)
		assertEquals(2, r.medianRun(), 0);
		assertEquals(11 / 5.0, r.meanRun(), 1e-15);
		assertEquals(3 / 5.0, r.shortRunShare(), 1e-15);
		assertEquals(3.5, r.medianRun(0), 0);
		assertEquals(1.5, r.medianRun(1), 0);
		assertEquals(1 / 11.0, r.share(2), 1e-15);
		assertEquals(3, r.used());
		assertArrayEquals(new int[] { 1, 2 }, r.warned());
		assertEquals("short: median run 1.5 frames", r.warning(1));
		assertEquals("", r.warning(0));
	}

	@Test
	void rareStatesWarn() {
		int[] l = new int[1000];
		for (int t = 500; t < 505; t++) l[t] = 1; // 0.5 % of the frames, one run of 5
		StateRuns r = new StateRuns(List.of(l), 3);
		assertEquals("rare: 0.50% of frames", r.warning(1));
		assertEquals("rare: 0.00% of frames", r.warning(2));
		assertEquals(1, r.used());
	}

	@Test
	void adjustedRandIndexMatchesTheReference() {
		Random rnd = new Random(3);
		int[] a = new int[500], b = new int[500], c = new int[300], d = new int[300];
		for (int t = 0; t < 500; t++) {
			a[t] = rnd.nextInt(4);
			b[t] = rnd.nextDouble() < 0.7 ? a[t] : rnd.nextInt(5);
			if (t % 50 == 0) a[t] = -1;
		}
		for (int t = 0; t < 300; t++) {
			c[t] = rnd.nextInt(3);
			d[t] = (c[t] + 1) % 3; // a renaming
		}
		int[] ac = concat(a, c), bd = concat(b, d);
		assertEquals(Metrics.adjustedRandIndex(ac, bd), StateRuns.adjustedRandIndex(List.of(a, c), List.of(b, d)), 1e-12);
		assertEquals(1, StateRuns.adjustedRandIndex(List.of(c), List.of(d)), 1e-12);
	}

	private static int[] concat(int[] x, int[] y) {
		int[] z = java.util.Arrays.copyOf(x, x.length + y.length);
		System.arraycopy(y, 0, z, x.length, y.length);
		return z;
	}

	@Test
	void seedRandomIsJavaUtilRandom() {
		KMeansCache.SeedRandom s = new KMeansCache.SeedRandom(42);
		Random r = new Random(42);
		for (int i = 0; i < 1000; i++) {
			assertEquals(r.nextInt(7 + i), s.nextInt(7 + i));
			assertEquals(r.nextDouble(), s.nextDouble(), 0);
			assertEquals(r.nextLong(), s.nextLong());
		}
		long state = s.state();
		double next = s.nextDouble();
		s.nextLong();
		s.state(state);
		assertEquals(next, s.nextDouble(), 0);
	}
}
