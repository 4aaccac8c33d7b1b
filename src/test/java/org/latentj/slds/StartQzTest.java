package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.InitialDistribution;
import org.latentj.hmm.Transitions;

/**
 * The first q(z) across gaps: the Markov chain's posterior between the labels on either side, worked by
 * hand for K = 3 and the sticky matrix with 0.9 on the diagonal (0.05 elsewhere), whose square has 0.815 on
 * the diagonal and 0.0925 elsewhere.
 */
class StartQzTest {

	private static final double TOL = 1e-12;

	@Test
	void gapsTakeTheChainsPosteriorBetweenTheirLabels() {
		int[] labels = { -1, -1, -1, -1, 0, 0, -1, -1, 2, 2, -1, -1 };
		int g = 2, k = 3;
		double[] q = SldsFitter.startQz(labels, 0, labels.length, g, k, Transitions.fixedSticky(k, 0.9),
				InitialDistribution.uniform(k));
		assertEquals((labels.length - g) * k, q.length);
		for (int r = 0; r < q.length / k; r++)
			assertEquals(1, q[r * k] + q[r * k + 1] + q[r * k + 2], TOL, "row " + r);
		// before the first label (frames 2, 3; label 0 at frame 4), from the uniform start: rows of A^2, then A
		assertArrayEquals(new double[] { 0.815, 0.0925, 0.0925 }, row(q, 0), TOL);
		assertArrayEquals(new double[] { 0.9, 0.05, 0.05 }, row(q, 1), TOL);
		// labelled frames: one-hot
		assertArrayEquals(new double[] { 1, 0, 0 }, row(q, 2), TOL);
		assertArrayEquals(new double[] { 0, 0, 1 }, row(q, 6), TOL);
		// between 0 (frame 5) and 2 (frame 8): P(z6 = a) ~ A[0][a] (A^2)[a][2] = 0.08325, 0.004625, 0.04075
		double s = 0.08325 + 0.004625 + 0.04075;
		assertArrayEquals(new double[] { 0.08325 / s, 0.004625 / s, 0.04075 / s }, row(q, 4), TOL);
		assertArrayEquals(new double[] { 0.04075 / s, 0.004625 / s, 0.08325 / s }, row(q, 5), TOL);
		// after the last label (2 at frame 9): the chain run forward
		assertArrayEquals(new double[] { 0.05, 0.05, 0.9 }, row(q, 8), TOL);
		assertArrayEquals(new double[] { 0.0925, 0.0925, 0.815 }, row(q, 9), TOL);
	}

	@Test
	void noLabelAtAllGivesTheChainsMarginalsAndNoGapGivesOneHot() {
		double[] q = SldsFitter.startQz(new int[] { -1, -1, -1, -1, -1 }, 0, 5, 2, 3, Transitions.fixedSticky(3, 0.9),
				InitialDistribution.uniform(3));
		for (int r = 0; r < 3; r++)
			assertArrayEquals(new double[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 }, row(q, r), TOL);
		double[] one = SldsFitter.startQz(new int[] { 1, 1, 2, 0 }, 0, 4, 1, 3, Transitions.fixedSticky(3, 0.9),
				InitialDistribution.uniform(3));
		assertArrayEquals(new double[] { 0, 1, 0, 0, 0, 1, 1, 0, 0 }, one);
	}

	private static double[] row(double[] q, int r) {
		return Arrays.copyOfRange(q, r * 3, r * 3 + 3);
	}
}
