package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 8: the progress of a Gaussian HMM fit (Fit Training Phases) counts the work done, so
 * a fit that converges in a few of its 1000 allowed iterations ends at 100%, not near 0%.
 */
class GaussianHmmProgressTest {

	@Test
	void progressReachesTheEndWhenEmConvergesEarly() {
		Random random = new Random(5);
		int t = 200, d = 2;
		double[] x = new double[t * d];
		for (int i = 0; i < t; i++)
			for (int a = 0; a < d; a++) x[i * d + a] = random.nextGaussian() + ((i / 50) % 2 == 0 ? 0 : 4);
		GaussianHmm.Settings s = new GaussianHmm.Settings(2, GaussianHmm.Covariance.FULL, 1000, 1e-2, GaussianHmm.MIN_COVAR);
		List<Double> fractions = new ArrayList<>();
		GaussianHmm.Fit fit = GaussianHmm.fit(List.of(x), d, s, 1, (f, m) -> fractions.add(f));
		assertTrue(fit.converged() && fit.iterations() < 100, "converged in " + fit.iterations());
		assertEquals(fit.iterations(), fractions.size());
		for (int i = 1; i < fractions.size(); i++) assertTrue(fractions.get(i) >= fractions.get(i - 1), "never goes back: " + fractions);
		assertEquals(1, fractions.get(fractions.size() - 1), 0, "the last step is the end: " + fractions);
	}
}
