package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsTest {

	@Test
	void identicalUpToRenamingIsOne() {
		assertEquals(1, Metrics.adjustedRandIndex(new int[] { 0, 0, 1, 1, 2, 2 }, new int[] { 5, 5, 3, 3, 9, 9 }), 0);
	}

	/** Hand-computed from the contingency table [[2, 0], [1, 1]] (n = 4). */
	@Test
	void handCase() {
		double ari = Metrics.adjustedRandIndex(new int[] { 0, 0, 1, 1 }, new int[] { 0, 0, 0, 1 });
		// index = C(2,2) = 1; sum rows = C(2,2)+C(2,2) = 2; sum cols = C(3,2)+C(1,2) = 3; expected = 2*3/6 = 1; max = 2.5
		assertEquals((1 - 1.0) / (2.5 - 1.0), ari, 1e-15);
	}

	/** The scikit-learn documentation example: ARI([0,0,1,2], [0,0,1,1]) = 0.5714285714285715 (4/7). */
	@Test
	void sklearnExample() {
		assertEquals(4.0 / 7, Metrics.adjustedRandIndex(new int[] { 0, 0, 1, 1 }, new int[] { 0, 0, 1, 2 }), 1e-15);
	}

	/** Completely split against one cluster: ARI 0. And negative labels are ignored. */
	@Test
	void degenerateCases() {
		assertEquals(0, Metrics.adjustedRandIndex(new int[] { 0, 0, 0, 0 }, new int[] { 0, 1, 2, 3 }), 0);
		assertEquals(1, Metrics.adjustedRandIndex(new int[] { -1, 0, 0, 1 }, new int[] { 7, 2, 2, 4 }), 0);
		// 2x2 anti-diagonal-ish: a = [0,0,1,1], b = [0,1,0,1]: index 0, rows 2, cols 2, expected 2*2/6, max 2
		assertEquals((0 - 4.0 / 6) / (2 - 4.0 / 6), Metrics.adjustedRandIndex(new int[] { 0, 0, 1, 1 }, new int[] { 0, 1, 0, 1 }),
				1e-15);
	}
}
