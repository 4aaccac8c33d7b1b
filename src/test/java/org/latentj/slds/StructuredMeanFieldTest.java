package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The seed's checks: fixed point of the block updates, an ELBO that never decreases, exact pieces. */
class StructuredMeanFieldTest {

	@Test
	void blockUpdatesReachAFixedPoint() {
		SldsParameters m = SldsTestModels.random(3, 2, 2, 5, false);
		int frames = 300;
		double[] y = SldsTestModels.sample(m, frames, 9, new int[frames], 50, 51, 52, 200);
		StructuredMeanField q = new StructuredMeanField(y, 2, 2, 3, SldsTestModels.randomQz(frames - 2, 3, 1));
		q.converge(m, 500, 0, null);
		double[] before = q.stateProbabilities().clone();
		q.updateX(m);
		q.updateZ(m);
		double[] after = q.stateProbabilities();
		double diff = 0;
		for (int i = 0; i < after.length; i++) diff += Math.abs(after[i] - before[i]);
		diff /= after.length;
		assertTrue(diff < 1e-7, "one more block update changed q(z) by " + diff + " (mean absolute)");
	}

	@Test
	void elboNeverDecreasesAcrossBlockUpdatesAndEmIterations() {
		SldsParameters truth = SldsTestModels.random(3, 2, 2, 21, true);
		int frames = 400;
		double[] y = SldsTestModels.sample(truth, frames, 4, new int[frames], 100, 101, 300);
		// start EM away from the truth: other dynamics, noise and a uniform-ish q(z)
		SldsParameters m = SldsTestModels.random(3, 2, 2, 99, true);
		StructuredMeanField q = new StructuredMeanField(y, 2, 2, 3, SldsTestModels.randomQz(frames - 2, 3, 2));
		List<Double> elbo = new ArrayList<>();
		for (int it = 0; it < 8; it++) {
			q.converge(m, 20, 1e-10, elbo);
			SldsParameters next = SldsFitter.maximize(m, List.of(q));
			elbo.add(q.elbo(next)); // the M-step alone, same q
			m = next;
		}
		assertTrue(elbo.size() > 30);
		for (int i = 1; i < elbo.size(); i++)
			assertTrue(elbo.get(i) >= elbo.get(i - 1) - 1e-9 * Math.abs(elbo.get(i - 1)),
					"ELBO fell from " + elbo.get(i - 1) + " to " + elbo.get(i) + " at step " + i);
		assertTrue(elbo.get(elbo.size() - 1) > elbo.get(0) + 1, "EM did not improve the ELBO");
	}

	/** q(z) from the engine's forward-backward equals the posterior by enumerating every path. */
	@Test
	void forwardBackwardEqualsEnumeration() {
		int k = 2, d = 2, g = 1, frames = 8, rows = frames - g;
		SldsParameters m = SldsTestModels.random(k, d, g, 3, false);
		double[] y = SldsTestModels.sample(m, frames, 5, new int[frames], 3);
		StructuredMeanField q = new StructuredMeanField(y, d, g, k, SldsTestModels.randomQz(rows, k, 8));
		q.updateX(m);
		double[] ll = q.logLikelihoods(m);
		q.updateZ(m);
		double[] p = m.transitions.matrix().toArray(), pi = m.initial.probabilities();
		double[] marg = new double[rows * k];
		double total = 0;
		for (int path = 0; path < (1 << rows); path++) {
			double lw = 0;
			for (int t = 0; t < rows; t++) {
				int z = (path >> t) & 1;
				lw += ll[t * k + z] + (t == 0 ? Math.log(pi[z]) : Math.log(p[((path >> (t - 1)) & 1) * k + z]));
			}
			double wgt = Math.exp(lw);
			total += wgt;
			for (int t = 0; t < rows; t++) marg[t * k + ((path >> t) & 1)] += wgt;
		}
		for (int i = 0; i < marg.length; i++) assertEquals(marg[i] / total, q.stateProbabilities()[i], 1e-12);
	}

	/** The expected log dynamics (trace terms of the posterior covariances included) against a direct formula. */
	@Test
	void expectedLogDynamicsIncludeTheCovarianceTraces() {
		int k = 2, d = 2, g = 2, frames = 9;
		SldsParameters m = SldsTestModels.random(k, d, g, 13, false);
		double[] y = SldsTestModels.sample(m, frames, 6, new int[frames], 4);
		StructuredMeanField q = new StructuredMeanField(y, d, g, k, SldsTestModels.randomQz(frames - g, k, 3));
		q.updateX(m);
		double[] ll = q.logLikelihoods(m);
		int cols = g * d + 1;
		for (int t = g; t < frames; t++)
			for (int s = 0; s < k; s++) {
				// r = x_t - sum_lag A_lag x_{t-lag} - b = sum_a C_a x_{t-a} - b with C_0 = I, C_lag = -A_lag
				double[][] c = new double[g + 1][d * d];
				for (int i = 0; i < d; i++) c[0][i * d + i] = 1;
				for (int lag = 1; lag <= g; lag++)
					for (int i = 0; i < d; i++)
						for (int j = 0; j < d; j++) c[lag][i * d + j] = -m.weights[s][i * cols + (lag - 1) * d + j];
				double[] er = new double[d], cr = new double[d * d];
				for (int i = 0; i < d; i++) {
					er[i] = -m.weights[s][i * cols + cols - 1];
					for (int a = 0; a <= g; a++)
						for (int j = 0; j < d; j++) er[i] += c[a][i * d + j] * q.qx.mean[(t - a) * d + j];
				}
				for (int i = 0; i < d; i++)
					for (int e = 0; e < d; e++)
						for (int a = 0; a <= g; a++)
							for (int b = 0; b <= g; b++)
								for (int j = 0; j < d; j++)
									for (int l = 0; l < d; l++)
										cr[i * d + e] += c[a][i * d + j] * q.qx.cov(t - a, t - b, j, l) * c[b][e * d + l];
				double[] qinv = inverse2(m.covs[s]);
				double quad = 0;
				for (int i = 0; i < d; i++)
					for (int j = 0; j < d; j++) quad += qinv[i * d + j] * (cr[j * d + i] + er[i] * er[j]);
				double det = m.covs[s][0] * m.covs[s][3] - m.covs[s][1] * m.covs[s][2];
				double expected = -0.5 * quad - 0.5 * Math.log(det) - d * 0.5 * Math.log(2 * Math.PI);
				assertEquals(expected, ll[(t - g) * k + s], 1e-9);
			}
	}

	private static double[] inverse2(double[] a) {
		double det = a[0] * a[3] - a[1] * a[2];
		return new double[] { a[3] / det, -a[1] / det, -a[2] / det, a[0] / det };
	}
}
