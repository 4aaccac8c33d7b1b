package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.testing.Reference;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** hmmlearn's GaussianHMM semantics: the reference case gauss_full, its M-step formulas, its parameter count. */
class GaussianHmmTest {

	static double[] vector(JsonArray a) {
		double[] v = new double[a.size()];
		for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsDouble();
		return v;
	}

	static double[][] matrix(JsonArray a) {
		double[][] m = new double[a.size()][];
		for (int i = 0; i < m.length; i++) m[i] = vector(a.get(i).getAsJsonArray());
		return m;
	}

	/** score(X), predict_proba(X), decode(X) of hmmlearn's GaussianHMM (full covariances, T = 2000, K = 4, D = 3). */
	@Test
	void matchesHmmlearnGaussFull() {
		JsonObject c = Reference.cases().getAsJsonObject("gauss_full");
		int t = c.get("T").getAsInt(), k = c.get("K").getAsInt(), d = c.get("D").getAsInt();
		JsonArray covs = c.getAsJsonArray("covars");
		double[][] cov = new double[k][];
		for (int s = 0; s < k; s++) {
			double[][] m = matrix(covs.get(s).getAsJsonArray());
			cov[s] = new double[d * d];
			for (int i = 0; i < d; i++) System.arraycopy(m[i], 0, cov[s], i * d, d);
		}
		Hmm hmm = GaussianHmm.model(vector(c.getAsJsonArray("startprob")), matrix(c.getAsJsonArray("transmat")),
				matrix(c.getAsJsonArray("means")), cov);
		double[] x = Reference.matrix("gauss_full_X.csv", null);
		assertEquals(t * d, x.length);
		double score = c.get("loglik").getAsDouble();
		assertEquals(score, GaussianHmm.logLikelihood(hmm, List.of(x)), 1e-9 * Math.abs(score));
		Posterior post = hmm.posterior(x, 0, t);
		double[] smoothed = Reference.matrix("gauss_full_smoothed.csv", null);
		for (int i = 0; i < t * k; i++) assertEquals(smoothed[i], post.smoothed[i], 1e-8, "smoothed[" + i / k + "][" + i % k + "]");
		Viterbi v = hmm.viterbi(x, 0, t);
		double[] path = Reference.matrix("gauss_full_viterbi.csv", null);
		int[] expected = new int[t];
		for (int i = 0; i < t; i++) expected[i] = (int) path[i];
		assertArrayEquals(expected, v.path);
		double lp = c.get("viterbi_logprob").getAsDouble();
		assertEquals(lp, v.logProb, 1e-9 * Math.abs(lp));
	}

	/**
	 * The log-space E-step, used when the scaled one underflows, gives the scaled one's statistics where both work, and
	 * finite statistics where only it does: state 0 (forbidden at the start and from state 1) lies 800 nats above state
	 * 1 at every frame, so the scaled recursion finds no probable frame, and the only path, 1 1 ... 1, is counted.
	 */
	@Test
	void logSpaceEStepEqualsTheScaledOneAndGoesOnWhereItUnderflows() {
		Random random = new Random(5);
		int t = 50, d = 2;
		double[] x = new double[t * d];
		for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian() + (i / d < 25 ? 0 : 2);
		Hmm hmm = GaussianHmm.model(new double[] { 0.6, 0.4 }, new double[][] { { 0.9, 0.1 }, { 0.2, 0.8 } },
				new double[][] { { 0, 0 }, { 2, 2 } }, new double[][] { { 1, 0.2, 0.2, 1 }, { 2, 0, 0, 1 } });
		List<FitData.Stretch> data = List.of(new FitData.Stretch(x, 0, t));
		EStep.Expectations scaled = new EStep().expectations(hmm, data), log = GaussianHmm.logSpaceExpectations(hmm, data);
		assertEquals(scaled.logLik, log.logLik, 1e-10 * Math.abs(scaled.logLik));
		assertArrayEquals(scaled.initial, log.initial, 1e-12);
		assertArrayEquals(scaled.transitions, log.transitions, 1e-10);
		assertArrayEquals(scaled.observations, log.observations, 1e-9);

		// state 0 at the origin with variance 1e-3 (log-density ~ +5.5 at x = 0), state 1 at 60 with variance 1:
		// at x = 0 state 1's log-density is about -1800, and state 0 is unreachable
		double[] zeros = new double[4 * d];
		Hmm thin = GaussianHmm.model(new double[] { 0, 1 }, new double[][] { { 0.5, 0.5 }, { 0, 1 } },
				new double[][] { { 0, 0 }, { 60, 0 } }, new double[][] { { 1e-3, 0, 0, 1e-3 }, { 1, 0, 0, 1 } });
		List<FitData.Stretch> gap = List.of(new FitData.Stretch(zeros, 0, 4));
		assertThrows(BadInputException.class, () -> new EStep().expectations(thin, gap));
		EStep.Expectations e = GaussianHmm.logSpaceExpectations(thin, gap);
		double state1 = -Math.log(2 * Math.PI) - 0.5 * 3600; // log N((0, 0); (60, 0), I)
		assertEquals(4 * state1, e.logLik, 1e-9);
		assertArrayEquals(new double[] { 0, 1 }, e.initial, 0);
		assertArrayEquals(new double[] { 0, 0, 0, 3 }, e.transitions, 1e-12);

		// EM from that model goes past the underflowing first iteration (state 1 moves onto the data) and improves
		double[] near = new double[20 * d];
		for (int i = 0; i < near.length; i++) near[i] = 0.05 * random.nextGaussian();
		assertThrows(BadInputException.class, () -> new EStep().expectations(thin, List.of(new FitData.Stretch(near, 0, 20))));
		GaussianHmm.Fit fit = GaussianHmm.em(thin, List.of(near), d, new GaussianHmm.Settings(2, GaussianHmm.Covariance.FULL, 20, 1e-2,
				GaussianHmm.MIN_COVAR), Progress.NONE);
		assertTrue(fit.iterations() > 1, "iterations: " + fit.iterations());
		assertTrue(fit.logLik() > 0, "the fitted model puts state 1 on the data: " + fit.logLik());
		assertEquals(0, ((LinearGaussianObservations) fit.hmm().observations()).mean(1)[0], 0.05);
	}

	/** One EM step equals hmmlearn's _do_mstep written out from the posteriors, for full and diag covariances. */
	@Test
	void mStepIsHmmlearns() {
		Random random = new Random(3);
		int t = 60, d = 2, k = 2;
		double[] x = new double[t * d];
		for (int i = 0; i < t; i++) {
			x[i * d] = random.nextGaussian() + (i < 30 ? 0 : 3);
			x[i * d + 1] = 0.5 * x[i * d] + random.nextGaussian();
		}
		Hmm hmm = GaussianHmm.model(new double[] { 0.6, 0.4 }, new double[][] { { 0.9, 0.1 }, { 0.2, 0.8 } },
				new double[][] { { 0, 0 }, { 2, 1 } }, new double[][] { { 1, 0.2, 0.2, 1 }, { 2, 0, 0, 1 } });
		Posterior post = ForwardBackward.smoothAll(new double[] { 0.6, 0.4 }, hmm.transitions().matrix(), hmm.logLikelihoods(x, 0, t), t);
		EStep.Expectations e = new EStep().expectations(hmm, List.of(new FitData.Stretch(x, 0, t)));
		for (GaussianHmm.Covariance type : GaussianHmm.Covariance.values()) {
			LinearGaussianObservations obs = (LinearGaussianObservations) GaussianHmm.maximize(hmm, e, type).observations();
			for (int s = 0; s < k; s++) {
				double n = 0;
				double[] sx = new double[d];
				for (int i = 0; i < t; i++) {
					double q = post.smoothed[i * k + s];
					n += q;
					for (int a = 0; a < d; a++) sx[a] += q * x[i * d + a];
				}
				double[] mean = { sx[0] / n, sx[1] / n };
				assertArrayEquals(mean, obs.mean(s), 1e-12);
				for (int a = 0; a < d; a++)
					for (int b = 0; b < d; b++) {
						double cn = 0; // sum_t q (x_a - m_a)(x_b - m_b), the scatter hmmlearn forms from its statistics
						for (int i = 0; i < t; i++)
							cn += post.smoothed[i * k + s] * (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
						double expected = type == GaussianHmm.Covariance.DIAG && a != b ? 0 : (GaussianHmm.COVARS_PRIOR + cn) / n;
						assertEquals(expected, obs.covariance(s)[a * d + b], 1e-12, type + " state " + s + " cov " + a + b);
					}
			}
			// transitions: expected counts normalised by row
			double[] p = GaussianHmm.maximize(hmm, e, type).transitions().matrix().toArray();
			for (int i = 0; i < k; i++) {
				double row = e.transitions[i * k] + e.transitions[i * k + 1];
				for (int j = 0; j < k; j++) assertEquals(e.transitions[i * k + j] / row, p[i * k + j], 1e-12);
			}
		}
	}

	/** hmmlearn's start and transition M-step: counts normalised, no floor, a zero stays zero, an empty row kept. */
	@Test
	void startAndTransitionZerosStayZero() {
		assertArrayEquals(new double[] { 0, 0.25, 0.75 }, GaussianHmm.startMStep(new double[] { 0.2, 0.3, 0.5 },
				new double[] { 0, 1, 3 }), 1e-15);
		assertArrayEquals(new double[] { 0, 0.5, 0.5 }, GaussianHmm.startMStep(new double[] { 0, 0.5, 0.5 },
				new double[] { 1e-3, 1, 1 }), 1e-15);
		assertArrayEquals(new double[] { 1, 0, 0, 0.1, 0.9, 0, 0.5, 0.5, 0 }, GaussianHmm.transMStep(
				new double[] { 0.5, 0.5, 0, 0.1, 0.9, 0, 0.5, 0.25, 0.25 }, new double[] { 2, 0, 2, 0, 0, 0, 1, 1, 0 }, 3),
				1e-15);
	}

	@Test
	void parameterCountIsHmmlearns() {
		// K = 3, D = 2: start 2, transitions 6, means 6, covariances 3 * 3 (full) or 3 * 2 (diag)
		assertEquals(23, GaussianHmm.parameters(3, 2, GaussianHmm.Covariance.FULL));
		assertEquals(20, GaussianHmm.parameters(3, 2, GaussianHmm.Covariance.DIAG));
		// K = 8, D = 14 (the shared runs): 7 + 56 + 112 + 8 * 105
		assertEquals(1015, GaussianHmm.parameters(8, 14, GaussianHmm.Covariance.FULL));
	}

	/** EM never lowers the log-likelihood by more than rounding, and each restart is reproducible. */
	@Test
	void fitIsDeterministicAndImproves() {
		Random random = new Random(5);
		int t = 200, d = 2;
		double[] x = new double[t * d];
		for (int i = 0; i < t; i++)
			for (int a = 0; a < d; a++) x[i * d + a] = random.nextGaussian() + ((i / 50) % 2 == 0 ? 0 : 4);
		GaussianHmm.Settings s = new GaussianHmm.Settings(2, GaussianHmm.Covariance.FULL, 50, 1e-2, GaussianHmm.MIN_COVAR);
		GaussianHmm.Fit a = GaussianHmm.fit(List.of(x), d, s, 1, org.latentj.util.Progress.NONE);
		GaussianHmm.Fit b = GaussianHmm.fit(List.of(x), d, s, 1, org.latentj.util.Progress.NONE);
		assertEquals(a.logLik(), b.logLik(), 0);
		Hmm start = GaussianHmm.start(List.of(x), d, t, s, 1);
		double before = GaussianHmm.logLikelihood(start, List.of(x));
		assertEquals(true, a.logLik() > before + 100, "EM from hmmlearn's start: " + before + " -> " + a.logLik());
		// the two blocks are found: the means are near 0 and 4
		double[] m0 = ((LinearGaussianObservations) a.hmm().observations()).mean(0);
		double[] m1 = ((LinearGaussianObservations) a.hmm().observations()).mean(1);
		assertEquals(4, Math.abs(m0[0] - m1[0]), 0.5);
	}
}
