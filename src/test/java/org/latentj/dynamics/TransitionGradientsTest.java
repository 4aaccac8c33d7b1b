package org.latentj.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.GaussianHmm;
import org.latentj.hmm.Hmm;

/** The transition gradient against central finite differences of log p(s_t = j | x_{1:t}). */
class TransitionGradientsTest {

	@Test
	void gradientMatchesFiniteDifferences() {
		Random random = new Random(11);
		int k = 3, d = 4, t = 40;
		double[][] means = new double[k][d];
		double[][] covs = new double[k][];
		for (int s = 0; s < k; s++) {
			for (int a = 0; a < d; a++) means[s][a] = random.nextGaussian();
			double[] l = new double[d * d], c = new double[d * d];
			for (int a = 0; a < d; a++)
				for (int b = 0; b <= a; b++) l[a * d + b] = a == b ? 0.5 + random.nextDouble() : 0.3 * random.nextGaussian();
			for (int a = 0; a < d; a++)
				for (int b = 0; b < d; b++)
					for (int m = 0; m < d; m++) c[a * d + b] += l[a * d + m] * l[b * d + m];
			covs[s] = c;
		}
		Hmm hmm = GaussianHmm.model(new double[] { 0.5, 0.3, 0.2 },
				new double[][] { { 0.8, 0.15, 0.05 }, { 0.1, 0.7, 0.2 }, { 0.25, 0.25, 0.5 } }, means, covs);
		PhaseModel model = new PhaseModel(hmm, List.of("a", "b", "c", "d"), GaussianHmm.Covariance.FULL);
		double[] x = new double[t * d];
		for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian();
		TransitionGradients g = new TransitionGradients(model);
		double[] filtered = model.posterior(x).filtered;
		double worst = 0;
		for (int time : new int[] { 0, 7, 39 })
			for (int j = 0; j < k; j++) {
				double[] analytic = g.gradient(x, filtered, time, j);
				for (int a = 0; a < d; a++) {
					double h = 1e-5, saved = x[time * d + a];
					x[time * d + a] = saved + h;
					double up = Math.log(model.posterior(x).filtered[time * k + j]);
					x[time * d + a] = saved - h;
					double down = Math.log(model.posterior(x).filtered[time * k + j]);
					x[time * d + a] = saved;
					double fd = (up - down) / (2 * h);
					double norm = 0;
					for (double v : analytic) norm = Math.max(norm, Math.abs(v));
					worst = Math.max(worst, Math.abs(fd - analytic[a]) / Math.max(norm, 1e-3));
				}
			}
		assertTrue(worst < 1e-6, "relative error " + worst);
	}

	/** The seed's version subtracts one scalar from every metric; it differs from the gradient. */
	@Test
	void seedScalarSumIsNotTheGradient() {
		Hmm hmm = GaussianHmm.model(new double[] { 0.5, 0.5 }, new double[][] { { 0.9, 0.1 }, { 0.1, 0.9 } },
				new double[][] { { 0, 0 }, { 2, -1 } }, new double[][] { { 1, 0, 0, 1 }, { 1, 0, 0, 1 } });
		PhaseModel model = new PhaseModel(hmm, List.of("a", "b"), GaussianHmm.Covariance.FULL);
		double[] x = { 1, 0.5 };
		double[] f = model.posterior(x).filtered;
		double[] right = new TransitionGradients(model).gradient(x, f, 0, 1);
		// by hand: score_k = mu_k - x (identity covariances); gradient = score_1 - sum_k p_k score_k
		double[] s0 = { -1, -0.5 }, s1 = { 1, -1.5 };
		double scalar = f[0] * (s0[0] + s0[1]) + f[1] * (s1[0] + s1[1]); // np.sum over the list of vectors
		for (int a = 0; a < 2; a++) {
			double expected = s1[a] - (f[0] * s0[a] + f[1] * s1[a]);
			assertTrue(Math.abs(expected - right[a]) < 1e-12);
			assertTrue(Math.abs((s1[a] - scalar) - right[a]) > 0.1, "the seed's scalar version differs");
		}
	}
}
