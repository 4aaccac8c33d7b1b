package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.util.NumpyRandom;

/**
 * {@link SklearnKMeans}'s multi-row kernels change no floating-point operation: its seeding, Lloyd runs (centres,
 * labels, inertia) and best-of-10 centres equal, bit for bit, those of the one-row-at-a-time version before them
 * ({@link SklearnKMeansBefore}), on the shared test rows and on made-up sequences of runs whose sizes reach every
 * leftover of the kernels (rows not a multiple of 4, D not a multiple of 8 or 4, K odd), and on repeated rows that
 * empty a cluster (the relocation).
 */
class SklearnKMeansBitsTest {

	@Test
	void sharedRowsGiveTheSameBits() {
		double[] x = SklearnKMeansTest.rows();
		int d = 14, n = x.length / d;
		for (int k = 1; k <= 9; k++)
			for (int r : new int[] { 0, 3, 9 }) same(x, n, d, k, r);
	}

	@Test
	void madeUpSequencesGiveTheSameBits() {
		Random random = new Random(11);
		int[][] shapes = { { 1, 1 }, { 2, 3 }, { 5, 14 }, { 37, 1 }, { 150, 7 }, { 203, 14 }, { 301, 17 }, { 1500, 14 },
				{ 99, 12 } };
		for (int[] shape : shapes) {
			int n = shape[0], d = shape[1];
			double[] x = runs(n, d, 6, random);
			for (int k = 1; k <= Math.min(n, 9); k++) same(x, n, d, k, k * 7 + n);
		}
	}

	@Test
	void repeatedRowsEmptyAClusterAndGiveTheSameBits() {
		int n = 60, d = 3;
		double[] x = new double[n * d];
		for (int t = 0; t < n; t++)
			for (int j = 0; j < d; j++) x[t * d + j] = (t % 3) * (j + 1); // three distinct rows, each 20 times
		for (int k = 2; k <= 6; k++)
			for (int r = 0; r < 5; r++) same(x, n, d, k, r);
	}

	/** Rows in runs of one of {@code states} means (the shape of a session's frames), Gaussian noise added. */
	static double[] runs(int n, int d, int states, Random random) {
		double[][] means = new double[states][d];
		for (double[] m : means)
			for (int j = 0; j < d; j++) m[j] = 3 * random.nextGaussian();
		double[] x = new double[n * d];
		int s = 0;
		for (int t = 0; t < n; t++) {
			if (random.nextDouble() < 0.05) s = random.nextInt(states);
			for (int j = 0; j < d; j++) x[t * d + j] = means[s][j] + random.nextGaussian();
		}
		return x;
	}

	/** Every seeding and Lloyd run of one centers() call, then the call itself, against the version before. */
	static void same(double[] x, int n, int d, int k, int seed) {
		String what = "n " + n + ", d " + d + ", K " + k + ", seed " + seed;
		double[] xc = new double[n * d], norms = new double[n];
		for (int t = 0; t < n; t++)
			for (int j = 0; j < d; j++) {
				xc[t * d + j] = x[t * d + j] - x[j] / 3;
				norms[t] += xc[t * d + j] * xc[t * d + j];
			}
		NumpyRandom a = new NumpyRandom(seed), b = new NumpyRandom(seed);
		SklearnKMeans.Work w = new SklearnKMeans.Work(n, d, k);
		for (int run = 0; run < SklearnKMeans.N_INIT; run++) {
			double[] ca = SklearnKMeans.plusPlus(xc, norms, n, d, k, a, w), cb = SklearnKMeansBefore.plusPlus(xc, norms, n, d, k, b);
			assertArrayEquals(cb, ca, what + ", seeding " + run); // assertArrayEquals on doubles: bit for bit
			int[] la = new int[n], lb = new int[n];
			double tol = 1e-4 * (run % 2); // both stopping rules: labels repeated, and centres within tol
			double ia = SklearnKMeans.lloyd(xc, norms, n, d, k, ca, la, tol, w);
			double ib = SklearnKMeansBefore.lloyd(xc, norms, n, d, k, cb, lb, tol);
			assertArrayEquals(cb, ca, what + ", Lloyd centres " + run);
			assertArrayEquals(lb, la, what + ", Lloyd labels " + run);
			assertEquals(Double.doubleToRawLongBits(ib), Double.doubleToRawLongBits(ia), what + ", inertia " + run);
		}
		double[][] ca = SklearnKMeans.centers(x, n, d, k, new NumpyRandom(seed));
		double[][] cb = SklearnKMeansBefore.centers(x, n, d, k, new NumpyRandom(seed));
		for (int c = 0; c < k; c++) assertArrayEquals(cb[c], ca[c], what + ", centre " + c);
	}
}
