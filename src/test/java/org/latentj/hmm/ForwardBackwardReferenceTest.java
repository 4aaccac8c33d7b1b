package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latentj.testing.Reference;

import com.google.gson.JsonObject;

/**
 * Forward-backward and Viterbi against hmmlearn 0.3.3 on the STATS320 ARHMM lab's random log-likelihoods
 * (fb_small: T=100, K=10; fb_offset: T=3000, K=50 with every log-likelihood near -1000), through
 * both the O(K) sticky products and the general dense ones.
 */
class ForwardBackwardReferenceTest {

	@ParameterizedTest(name = "{0}, sticky path = {1}")
	@CsvSource({ "fb_small, true", "fb_small, false", "fb_offset, true", "fb_offset, false" })
	void matchesHmmlearn(String name, boolean stickyPath) {
		JsonObject c = Reference.cases().getAsJsonObject(name);
		int t = c.get("T").getAsInt(), k = c.get("K").getAsInt();
		double s = c.get("stickiness").getAsDouble();
		JsonObject files = c.getAsJsonObject("files");
		int[] shape = new int[2];
		double[] ll = Reference.matrix(files.get("loglik").getAsString(), shape);
		assertEquals(t, shape[0]);
		assertEquals(k, shape[1]);

		TransitionMatrix sticky = TransitionMatrix.sticky(k, s);
		TransitionMatrix p = stickyPath ? sticky : TransitionMatrix.dense(k, sticky.toArray());
		assertEquals(stickyPath, p.isSticky());
		double[] pi = new double[k];
		Arrays.fill(pi, 1.0 / k);

		Posterior post = ForwardBackward.smoothAll(pi, p, ll, t);
		double expected = c.get("marginal_loglik").getAsDouble();
		assertEquals(expected, post.marginalLogLik, 1e-9 * Math.abs(expected));
		assertCloseRows(Reference.matrix(files.get("predicted").getAsString(), null), post.predicted, k, 1e-8);
		assertCloseRows(Reference.matrix(files.get("filtered").getAsString(), null), post.filtered, k, 1e-8);
		assertCloseRows(Reference.matrix(files.get("smoothed").getAsString(), null), post.smoothed, k, 1e-8);

		// Expected transition counts: each step's pairwise posterior sums to 1, and its margins are the smoothed marginals.
		double total = 0;
		double[] rowSums = new double[k];
		for (int i = 0; i < k; i++)
			for (int j = 0; j < k; j++) {
				total += post.transitionCounts[i * k + j];
				rowSums[i] += post.transitionCounts[i * k + j];
			}
		assertEquals(t - 1, total, 1e-9 * t);
		for (int i = 0; i < k; i++) {
			double m = 0;
			for (int f = 0; f < t - 1; f++) m += post.smoothed[f * k + i];
			assertEquals(m, rowSums[i], 1e-9 * t);
		}

		Viterbi v = Viterbi.decode(pi, p, ll, t);
		double[] path = Reference.matrix(files.get("viterbi").getAsString(), null);
		int[] expectedPath = new int[t];
		for (int f = 0; f < t; f++) expectedPath[f] = (int) path[f];
		assertArrayEquals(expectedPath, v.path);
		double vlp = c.get("viterbi_logprob").getAsDouble();
		assertEquals(vlp, v.logProb, 1e-9 * Math.abs(vlp));
	}

	/**
	 * Probabilities within {@code atol} of hmmlearn's. hmmlearn works in log space, where the offset
	 * case's log-likelihoods near -3e6 leave its rows summing to 1 only within ~1.5e-8 (an error of
	 * |log p| x machine epsilon); ours sum to 1 within 1e-12. So each reference row is first divided
	 * by its sum, and the raw reference must also agree within atol plus its own row-sum error.
	 */
	static void assertCloseRows(double[] expected, double[] actual, int k, double atol) {
		assertEquals(expected.length, actual.length);
		int t = expected.length / k;
		double[] normalized = new double[expected.length];
		for (int f = 0; f < t; f++) {
			double ref = 0, ours = 0;
			for (int j = 0; j < k; j++) {
				ref += expected[f * k + j];
				ours += actual[f * k + j];
			}
			assertEquals(1, ours, 1e-12, "row " + f + " sums to " + ours);
			for (int j = 0; j < k; j++) {
				normalized[f * k + j] = expected[f * k + j] / ref;
				double raw = Math.abs(expected[f * k + j] - actual[f * k + j]);
				assertTrue(raw <= atol + Math.abs(ref - 1), "row " + f + ": " + raw + " from hmmlearn");
			}
		}
		assertClose(normalized, actual, atol);
	}

	static void assertClose(double[] expected, double[] actual, double atol) {
		assertEquals(expected.length, actual.length);
		double worst = 0;
		int where = -1;
		for (int i = 0; i < expected.length; i++) {
			double d = Math.abs(expected[i] - actual[i]);
			if (!(d <= worst)) {
				worst = d;
				where = i;
			}
		}
		assertTrue(worst <= atol, "largest difference " + worst + " at " + where);
	}
}
