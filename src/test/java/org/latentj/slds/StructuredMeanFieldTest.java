package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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

	/**
	 * The stopping rule: inference ends on the round whose updates after q(x)'s (z, and w with Student-t noise) gain at
	 * most the tolerance (relatively). q(x) is exact given q(z) (and the q(w) it was made with), so one more whole round
	 * gains about that much at most (0.84 tolerances with Gaussian noise and 1.41 with Student-t noise, whose w update
	 * moves q(x)'s node potentials, when this test was written on 2026-12-07), asserted as 2; a q at the fixed point stops after one round. Over
	 * EM iterations (after M-steps).
	 */
	@Test
	void roundsStopWhenTheUpdatesAfterXGainAtMostTheTolerance() {
		SldsParameters truth = SldsTestModels.random(3, 2, 2, 21, true);
		int frames = 400;
		double[] y = SldsTestModels.sample(truth, frames, 4, new int[frames], 100, 101, 300);
		double tol = 1e-7;
		for (boolean student : new boolean[] { false, true }) {
			SldsParameters m = SldsTestModels.random(3, 2, 2, 99, true).withDof(student ? 5 : Double.POSITIVE_INFINITY);
			StructuredMeanField q = new StructuredMeanField(y, 2, 2, 3, SldsTestModels.randomQz(frames - 2, 3, 2));
			for (int it = 0; it < 4; it++) {
				List<Double> history = new ArrayList<>();
				double elbo = q.converge(m, 200, tol, history);
				String where = (student ? "Student-t" : "Gaussian") + ", EM iteration " + it;
				assertTrue(q.converged, where);
				if (it == 0) assertTrue(q.blockUpdates >= 2, where + ": a fresh q has no ELBO after its first x update");
				double afterX = history.get(history.size() - (student ? 3 : 2)); // after x, (after w,) after z
				assertTrue(elbo - afterX <= tol * Math.abs(elbo), where + ": the last round's updates after x gained " + (elbo - afterX));
				q.updateX(m);
				if (student) q.updateW(m);
				q.updateZ(m);
				double next = q.elbo(m);
				assertTrue(next - elbo <= 2 * tol * Math.abs(elbo), where + ": one more round gained " + (next - elbo) / (tol * Math.abs(elbo)) + " tolerances");
				q.converge(m, 200, tol, null);
				assertEquals(1, q.blockUpdates, where + ": rounds at the fixed point");
				m = SldsFitter.maximize(m, List.of(q));
			}
		}
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

	/** The memory estimate, counted by hand at D = obs = 10, G = 2, K = 10 (n = 30, 495 packed moments). */
	@Test
	void bytesCountTheSmootherTemporariesAndTheMStepPartialSums() {
		// per frame: band 3 x 100, next band 2 x 2 x 100, means 10, smoother's h, z, new means 30, data 10, q(z) 50, q(w) 1
		long perFrame = 300 + 400 + 10 + 30 + 10 + 50 + 1;
		// 2,048 scored frames fill two blocks of 1,024 for the M-step (10 states x 496 sums each); one more needs a third
		assertEquals(8 * (2050 * perFrame + 2 * 10 * 496), StructuredMeanField.bytes(2050, 10, 10, 2, 10));
		assertEquals(8 * (2051 * perFrame + 3 * 10 * 496), StructuredMeanField.bytes(2051, 10, 10, 2, 10));
		assertEquals(-1, StructuredMeanField.bytes(Long.MAX_VALUE / 4, 10, 10, 2, 10), "overflow");
	}

	/**
	 * The expected log dynamics (trace terms of the posterior covariances included) against the direct formula
	 * E log N = -tr(Q^-1 E[r r^T]) / 2 - log|2 pi Q| / 2 with E[r r^T] = Cov(r) + E[r] E[r]^T, for K = 1..7 (the
	 * engine's 4-state register blocks, its 2-state and 1-state remainders) and an odd number of scored frames
	 * (its frame pairs and the unpaired last frame).
	 */
	@Test
	void expectedLogDynamicsIncludeTheCovarianceTraces() {
		for (int k = 1; k <= 7; k++) {
			int d = k % 2 == 0 ? 2 : 3, g = 1 + k % 3, frames = g + 7;
			SldsParameters m = SldsTestModels.random(k, d, g, 13 + k, false);
			double[] y = SldsTestModels.sample(m, frames, 6, new int[frames], 4);
			StructuredMeanField q = new StructuredMeanField(y, d, g, k, SldsTestModels.randomQz(frames - g, k, 3));
			q.updateX(m);
			double[] ll = q.logLikelihoods(m);
			assertEquals((frames - g) * k, ll.length);
			for (int t = g; t < frames; t++)
				for (int s = 0; s < k; s++)
					assertEquals(expectedLogDynamics(m, q, t, s), ll[(t - g) * k + s], 1e-9, "K = " + k + ", frame " + t + ", state " + s);
		}
	}

	/** E_q(x) log N(x_t; W_s phi_t, Q_s), written out from q's means and lag covariances. */
	private static double expectedLogDynamics(SldsParameters m, StructuredMeanField q, int t, int s) {
		int d = q.d, g = q.lags, cols = g * d + 1;
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
		DMatrixRMaj cov = new DMatrixRMaj(d, d, true, m.covs[s]), qinv = new DMatrixRMaj(d, d);
		CommonOps_DDRM.invert(cov, qinv);
		double quad = 0;
		for (int i = 0; i < d; i++)
			for (int j = 0; j < d; j++) quad += qinv.get(i, j) * (cr[j * d + i] + er[i] * er[j]);
		return -0.5 * quad - 0.5 * Math.log(CommonOps_DDRM.det(cov)) - d * 0.5 * Math.log(2 * Math.PI);
	}
}
