package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Posterior weights under {@link LinearGaussianObservations#NEGLIGIBLE_WEIGHT} count as exactly 0 in
 * the sufficient statistics (issue 15: subnormal weights made the kernel 4x slower): the statistics
 * equal those of the weights zeroed by hand bit for bit, and differ from the exact sums with the tiny
 * weights kept by rounding only; so do the parameters the M-step fits to them.
 */
class NegligibleWeightsTest {

	private static final int K = 5, D = 3, LAGS = 2, T = 3000;

	@Test
	void tinyWeightsAreZeroForTheStatistics() {
		Random r = new Random(15);
		double[] x = new double[T * D];
		for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
		double[] w = new double[(T - LAGS) * K], zeroed = new double[w.length];
		int tiny = 0;
		for (int i = 0; i < w.length; i++) {
			double u = r.nextDouble();
			// a fitted posterior: most weights 0 or near 1, a tail of subnormal and tiny ones
			w[i] = u < 0.5 ? 0 : u < 0.6 ? Double.MIN_NORMAL * r.nextDouble() : u < 0.7 ? 1e-250 * u
					: u < 0.75 ? 1e-200 * (1 + u) : r.nextDouble();
			zeroed[i] = w[i] < 1e-200 ? 0 : w[i];
			if (zeroed[i] != w[i]) tiny++;
		}
		assertEquals(0.2, (double) tiny / w.length, 0.02); // the case does exercise the threshold

		LinearGaussianObservations obs = LinearGaussianObservations.autoregressive(K, D, LAGS);
		int m = obs.statsSize();
		double[] flushed = new double[K * m], byHand = new double[K * m];
		obs.accumulateStats(x, LAGS, T, w, flushed);
		obs.accumulateStats(x, LAGS, T, zeroed, byHand);
		assertArrayEquals(byHand, flushed, 0); // exact and deterministic

		// the exact sums with every weight kept (long double is not at hand: the tiny terms are below
		// any rounding of these sums, so the plain sums in a different order are the reference)
		int n = (LAGS + 1) * D + 1;
		assertEquals(n * (n + 1) / 2, m);
		double[] exact = new double[K * m];
		double[] u = new double[n];
		for (int t = LAGS; t < T; t++) {
			System.arraycopy(x, (t - LAGS) * D, u, 0, n - 1);
			u[n - 1] = 1;
			for (int s = 0; s < K; s++) {
				double q = w[(t - LAGS) * K + s];
				int o = s * m;
				for (int a = 0; a < n; a++)
					for (int b = a; b < n; b++) exact[o++] += q * u[a] * u[b];
			}
		}
		double scale = 0;
		for (double v : exact) scale = Math.max(scale, Math.abs(v));
		for (int i = 0; i < exact.length; i++) assertEquals(exact[i], flushed[i], 1e-13 * scale, "entry " + i);

		LinearGaussianObservations a = LinearGaussianObservations.autoregressive(K, D, LAGS);
		LinearGaussianObservations b = LinearGaussianObservations.autoregressive(K, D, LAGS);
		a.maximize(flushed);
		b.maximize(exact);
		for (int s = 0; s < K; s++) {
			assertArrayEquals(b.weights(s), a.weights(s), 1e-10);
			assertArrayEquals(b.covariance(s), a.covariance(s), 1e-10);
		}
	}
}
