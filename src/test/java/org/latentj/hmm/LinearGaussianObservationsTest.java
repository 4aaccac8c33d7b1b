package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.latentj.testing.Reference;
import org.latentj.util.BadInputException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

class LinearGaussianObservationsTest {

	/** The STATS320 ARHMM lab's test_gaussian: 200 x 3 draws, two states with mean 0 and identity covariance. */
	@Test
	void labGaussianLogLikelihoods() {
		int[] shape = new int[2];
		double[] x = Reference.matrix("lab_gaussian_data.csv", shape);
		assertEquals(200, shape[0]);
		assertEquals(3, shape[1]);
		LinearGaussianObservations obs = LinearGaussianObservations.gaussian(2, 3);
		double[] ll = new double[200 * 2];
		obs.logLikelihoods(x, 0, 200, ll);
		double mean = Arrays.stream(ll).average().getAsDouble();
		double var = Arrays.stream(ll).map(v -> (v - mean) * (v - mean)).sum() / (ll.length - 1); // torch.std: unbiased
		JsonObject c = Reference.cases().getAsJsonObject("lab_gaussian");
		double atol = c.get("atol").getAsDouble();
		assertEquals(c.get("loglik_mean").getAsDouble(), mean, atol);
		assertEquals(c.get("loglik_std").getAsDouble(), Math.sqrt(var), atol);
		// and each value is the standard normal log-density in 3 dimensions
		for (int t = 0; t < 200; t++) {
			double r2 = 0;
			for (int i = 0; i < 3; i++) r2 += x[t * 3 + i] * x[t * 3 + i];
			assertEquals(-1.5 * Math.log(2 * Math.PI) - 0.5 * r2, ll[t * 2], 1e-12);
		}
	}

	/** The STATS320 ARHMM lab's M-step check: hard assignments give the sample means and biased covariances + 1e-4 I. */
	@Test
	void labGaussianMStep() {
		double[] x = Reference.matrix("lab_gaussian_data.csv", null);
		LinearGaussianObservations obs = LinearGaussianObservations.gaussian(2, 3);
		double[] w = new double[400];
		for (int t = 0; t < 200; t++) w[t * 2 + (t < 100 ? 0 : 1)] = 1;
		double[] stats = new double[2 * obs.statsSize()];
		obs.accumulateStats(x, 0, 200, w, stats);
		assertEquals(100, obs.frames(stats, 0), 0);
		assertFalse(obs.maximize(stats)[0]);
		for (int s = 0; s < 2; s++) {
			double[] mu = new double[3];
			for (int t = 100 * s; t < 100 * s + 100; t++)
				for (int i = 0; i < 3; i++) mu[i] += x[t * 3 + i] / 100;
			assertArrayEquals(mu, obs.mean(s), 1e-12);
			double[] cov = obs.covariance(s);
			for (int i = 0; i < 3; i++)
				for (int j = 0; j < 3; j++) {
					double v = 0;
					for (int t = 100 * s; t < 100 * s + 100; t++) v += (x[t * 3 + i] - mu[i]) * (x[t * 3 + j] - mu[j]) / 100;
					assertEquals(v + (i == j ? 1e-4 : 0), cov[i * 3 + j], 1e-12);
				}
		}
	}

	/** hmmlearn's full-covariance Gaussian HMM (T=2000, K=4, D=3): score, posteriors and Viterbi. */
	@Test
	void gaussianHmmMatchesHmmlearn() {
		JsonObject c = Reference.cases().getAsJsonObject("gauss_full");
		int t = c.get("T").getAsInt(), k = c.get("K").getAsInt(), d = c.get("D").getAsInt();
		double[] x = Reference.matrix(c.getAsJsonObject("files").get("X").getAsString(), null);
		assertEquals(t * d, x.length);
		LinearGaussianObservations obs = LinearGaussianObservations.gaussian(k, d);
		for (int s = 0; s < k; s++)
			obs.set(s, flat(c.getAsJsonArray("means").get(s).getAsJsonArray()),
					flat(c.getAsJsonArray("covars").get(s).getAsJsonArray()));
		double[] pi = flat(c.getAsJsonArray("startprob"));
		TransitionMatrix p = TransitionMatrix.dense(k, flat(c.getAsJsonArray("transmat")));
		double[] ll = new double[t * k];
		obs.logLikelihoods(x, 0, t, ll);
		Posterior post = ForwardBackward.smooth(pi, p, ll, t, true);
		double score = c.get("loglik").getAsDouble();
		assertEquals(score, post.marginalLogLik, 1e-9 * Math.abs(score));
		ForwardBackwardReferenceTest.assertClose(
				Reference.matrix(c.getAsJsonObject("files").get("smoothed").getAsString(), null), post.smoothed, 1e-8);
		Viterbi v = Viterbi.decode(pi, p, ll, t);
		double[] path = Reference.matrix(c.getAsJsonObject("files").get("viterbi").getAsString(), null);
		for (int f = 0; f < t; f++) assertEquals((int) path[f], v.path[f], "frame " + f);
		double vlp = c.get("viterbi_logprob").getAsDouble();
		assertEquals(vlp, v.logProb, 1e-9 * Math.abs(vlp));
	}

	/** The AR log-likelihood against the textbook formula, with random weights and covariances. */
	@Test
	void autoregressiveLogLikelihoodMatchesDirectFormula() {
		int k = 3, d = 4, lags = 2, t = 57;
		Random r = new Random(7);
		LinearGaussianObservations obs = LinearGaussianObservations.autoregressive(k, d, lags);
		double[][] w = new double[k][], q = new double[k][];
		for (int s = 0; s < k; s++) {
			w[s] = new double[d * (lags * d + 1)];
			for (int i = 0; i < w[s].length; i++) w[s][i] = 0.3 * r.nextGaussian();
			q[s] = randomSpd(d, r);
			obs.set(s, w[s], q[s]);
		}
		double[] x = new double[t * d];
		for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
		double[] ll = new double[(t - lags) * k];
		obs.logLikelihoods(x, lags, t, ll);
		for (int f = lags; f < t; f++)
			for (int s = 0; s < k; s++) {
				DMatrixRMaj phi = new DMatrixRMaj(lags * d + 1, 1);
				for (int g = 1; g <= lags; g++)
					for (int j = 0; j < d; j++) phi.set((g - 1) * d + j, 0, x[(f - g) * d + j]);
				phi.set(lags * d, 0, 1);
				DMatrixRMaj mu = new DMatrixRMaj(d, 1);
				CommonOps_DDRM.mult(new DMatrixRMaj(d, lags * d + 1, true, w[s]), phi, mu);
				DMatrixRMaj res = new DMatrixRMaj(d, 1);
				for (int i = 0; i < d; i++) res.set(i, 0, x[f * d + i] - mu.get(i, 0));
				DMatrixRMaj qi = new DMatrixRMaj(d, d, true, q[s]);
				double det = CommonOps_DDRM.det(qi);
				CommonOps_DDRM.invert(qi);
				DMatrixRMaj tmp = new DMatrixRMaj(d, 1);
				CommonOps_DDRM.mult(qi, res, tmp);
				double maha = CommonOps_DDRM.dot(res, tmp);
				double expected = -0.5 * (d * Math.log(2 * Math.PI) + Math.log(det) + maha);
				assertEquals(expected, ll[(f - lags) * k + s], 1e-10 * Math.abs(expected), "frame " + f + " state " + s);
			}
	}

	/** Data simulated from known AR parameters: the M-step with the true labels recovers them. */
	@Test
	void autoregressiveMStepRecoversSimulatedParameters() {
		int k = 2, d = 3, lags = 2, t = 40000;
		Random r = new Random(11);
		LinearGaussianObservations truth = LinearGaussianObservations.autoregressive(k, d, lags);
		for (int s = 0; s < k; s++) {
			double[] w = new double[d * (lags * d + 1)];
			for (int i = 0; i < d; i++) {
				w[i * (lags * d + 1) + i] = s == 0 ? 0.6 : -0.4; // A_1 diagonal
				w[i * (lags * d + 1) + d + (i + 1) % d] = 0.2; // A_2
				w[i * (lags * d + 1) + lags * d] = s == 0 ? 1 : -1; // intercept
			}
			truth.set(s, w, randomSpd(d, r));
		}
		double[] x = new double[t * d];
		int[] z = new int[t];
		for (int f = lags; f < t; f++) {
			z[f] = (f / 500) % 2;
			truth.sample(z[f], x, f, r);
		}
		LinearGaussianObservations fit = LinearGaussianObservations.autoregressive(k, d, lags);
		double[] weights = new double[(t - lags) * k];
		for (int f = lags; f < t; f++) weights[(f - lags) * k + z[f]] = 1;
		double[] stats = new double[k * fit.statsSize()];
		fit.accumulateStats(x, lags, t, weights, stats);
		fit.maximize(stats);
		for (int s = 0; s < k; s++) {
			assertArrayEquals(truth.weights(s), fit.weights(s), 0.05);
			double[] q = truth.covariance(s);
			for (int i = 0; i < q.length; i++) if (i % (d + 1) == 0) q[i] += 1e-4;
			assertArrayEquals(q, fit.covariance(s), 0.05);
		}
	}

	/** A state without frames keeps valid parameters and is flagged; nothing becomes NaN. */
	@Test
	void emptyStateKeepsValidParameters() {
		LinearGaussianObservations obs = LinearGaussianObservations.autoregressive(3, 2, 1);
		Random r = new Random(3);
		double[] x = new double[100 * 2];
		for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
		double[] w = new double[99 * 3];
		for (int f = 0; f < 99; f++) w[f * 3 + (f % 2)] = 1; // state 2 gets nothing
		double[] stats = new double[3 * obs.statsSize()];
		obs.accumulateStats(x, 1, 100, w, stats);
		boolean[] empty = obs.maximize(stats);
		assertFalse(empty[0]);
		assertTrue(empty[2]);
		assertArrayEquals(new double[] { 1, 0, 0, 1 }, obs.covariance(2), 0);
		double[] ll = new double[99 * 3];
		obs.logLikelihoods(x, 1, 100, ll);
		for (double v : ll) assertTrue(Double.isFinite(v));
	}

	@Test
	void rejectsBadShapes() {
		assertThrows(BadInputException.class, () -> LinearGaussianObservations.gaussian(0, 3));
		assertThrows(BadInputException.class, () -> LinearGaussianObservations.autoregressive(2, 3, 0));
		LinearGaussianObservations obs = LinearGaussianObservations.gaussian(2, 2);
		assertThrows(BadInputException.class, () -> obs.set(0, new double[] { 0, 0 }, new double[] { 1, 2, 2, 1 }));
	}

	static double[] randomSpd(int d, Random r) {
		double[] a = new double[d * d];
		for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
		double[] q = new double[d * d];
		for (int i = 0; i < d; i++)
			for (int j = 0; j < d; j++) {
				double v = i == j ? 0.5 : 0;
				for (int m = 0; m < d; m++) v += a[i * d + m] * a[j * d + m] / d;
				q[i * d + j] = v;
			}
		return q;
	}

	static double[] flat(JsonArray a) {
		int rows = a.size();
		if (rows > 0 && a.get(0).isJsonArray()) {
			int cols = a.get(0).getAsJsonArray().size();
			double[] out = new double[rows * cols];
			for (int i = 0; i < rows; i++)
				for (int j = 0; j < cols; j++) out[i * cols + j] = a.get(i).getAsJsonArray().get(j).getAsDouble();
			return out;
		}
		double[] out = new double[rows];
		for (int i = 0; i < rows; i++) out[i] = a.get(i).getAsDouble();
		return out;
	}

	/**
	 * A long stretch's statistics are summed in groups of GROUP_BLOCKS blocks (to cap the partial sums held)
	 * with the same bits as adding every block's own sums in block order, which is what holding all the
	 * blocks' partials at once did: 40 blocks (16 + 16 + 8), the reference block by block.
	 */
	@Test
	void groupedStatisticsAreTheBlockByBlockSums() {
		int k = 3, d = 3, lags = 2, frames = 40 * LinearGaussianObservations.BLOCK - 300, from = lags;
		assertTrue(frames > 2 * LinearGaussianObservations.GROUP_BLOCKS * LinearGaussianObservations.BLOCK);
		Random r = new Random(5);
		double[] x = new double[(from + frames) * d], w = new double[frames * k];
		for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
		for (int i = 0; i < w.length; i++) w[i] = r.nextInt(10) == 0 ? 1e-250 : r.nextDouble();
		LinearGaussianObservations obs = LinearGaussianObservations.autoregressive(k, d, lags);
		double[] grouped = new double[k * obs.statsSize()], ref = new double[grouped.length];
		for (int i = 0; i < grouped.length; i++) grouped[i] = ref[i] = r.nextDouble(); // E-steps add stretch after stretch
		obs.accumulateStats(x, from, from + frames, w, grouped);
		for (int t0 = from; t0 < from + frames; t0 += LinearGaussianObservations.BLOCK) {
			int t1 = Math.min(from + frames, t0 + LinearGaussianObservations.BLOCK);
			obs.accumulateStats(x, t0, t1, Arrays.copyOfRange(w, (t0 - from) * k, (t1 - from) * k), ref);
		}
		assertArrayEquals(ref, grouped, 0);
	}
}
