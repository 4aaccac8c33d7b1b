package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;

class CholeskyTest {

	@Test
	void factorAndInverseByHand() {
		// [[4, 2, 0], [2, 5, 3], [0, 3, 10]] = L L^T with L = [[2, 0, 0], [1, 2, 0], [0, 1.5, sqrt(7.75)]]
		double[] a = { 4, 2, 0, 2, 5, 3, 0, 3, 10 };
		double r = Math.sqrt(7.75);
		double[] l = Cholesky.factor(a, 3);
		assertArrayEquals(new double[] { 2, 0, 0, 1, 2, 0, 0, 1.5, r }, l, 1e-15);
		double[] inv = Cholesky.invertLower(l, 3);
		assertArrayEquals(new double[] { 0.5, 0, 0, -0.25, 0.5, 0, 0.375 / r, -0.75 / r, 1 / r }, inv, 1e-15);
	}

	@Test
	void notPositiveDefinite() {
		assertNull(Cholesky.factor(new double[] { 1, 2, 2, 1 }, 2));
		assertNull(Cholesky.factor(new double[] { 1, 0, 0, Double.NaN }, 2));
		// the floor is relative to the diagonal: the second pivot, 1e-13 of a_11, is too small for 1e-12
		double[] l = new double[4];
		assertEquals(1, Cholesky.factor(new double[] { 1, 1, 1, 1 + 1e-13 }, 2, 1e-12, l));
		assertEquals(-1, Cholesky.factor(new double[] { 1, 1, 1, 1 + 1e-13 }, 2, 0, l));
	}

	/** Whitening makes the training covariance the identity; dependent PCs are named. */
	@Test
	void whitening() {
		Random random = new Random(4);
		int t = 500;
		double[] x = new double[t * 3];
		for (int f = 0; f < t; f++) {
			double u = random.nextGaussian(), v = random.nextGaussian(), w = random.nextGaussian();
			x[3 * f] = 2 + u;
			x[3 * f + 1] = u + 0.5 * v;
			x[3 * f + 2] = -1 + 3 * w - v;
		}
		Standardization st = Standardization.fit(Standardization.Kind.WHITEN, List.of(x), new int[] { t }, 3, List.of("s"));
		double[] z = st.apply(x);
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) {
				double c = 0;
				for (int f = 0; f < t; f++) c += z[3 * f + i] * z[3 * f + j];
				assertEquals(i == j ? 1 : 0, c / (t - 1), 1e-12, "covariance " + i + "," + j);
			}
		for (int f = 0; f < t; f++) x[3 * f + 2] = x[3 * f] - 2 * x[3 * f + 1]; // PC 3 from PCs 1 and 2
		BadInputException e = assertThrows(BadInputException.class,
				() -> Standardization.fit(Standardization.Kind.WHITEN, List.of(x), new int[] { t }, 3, List.of("s")));
		assertTrue(e.getMessage().contains("PC 3 is a combination of the others"), e.getMessage());
	}
}
