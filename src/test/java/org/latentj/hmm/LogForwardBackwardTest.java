package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;

/**
 * Log-space forward-backward (hmmlearn's implementation="log"): equal to the engine's scaled recursion where that one
 * works, and to the sum over every state path (brute force) where exact zeros make the scaled one underflow.
 */
class LogForwardBackwardTest {

	@Test
	void equalsTheScaledRecursion() {
		Random random = new Random(11);
		int k = 3, t = 40;
		double[] ll = new double[t * k];
		for (int i = 0; i < ll.length; i++) ll[i] = -5 * random.nextDouble() - 20;
		double[] pi = { 0.2, 0.5, 0.3 };
		TransitionMatrix p = TransitionMatrix.dense(k, new double[] { 0.8, 0.15, 0.05, 0.1, 0.7, 0.2, 0.3, 0.3, 0.4 });
		Posterior scaled = ForwardBackward.smoothAll(pi, p, ll, t), log = LogForwardBackward.smoothAll(pi, p, ll, t);
		assertEquals(scaled.marginalLogLik, log.marginalLogLik, 1e-10 * Math.abs(scaled.marginalLogLik));
		assertEquals(scaled.marginalLogLik, LogForwardBackward.logLikelihood(pi, p, ll, t), 1e-10 * Math.abs(scaled.marginalLogLik));
		assertArrayEquals(scaled.smoothed, log.smoothed, 1e-12);
		assertArrayEquals(scaled.filtered, log.filtered, 1e-12);
		assertArrayEquals(scaled.predicted, log.predicted, 1e-12);
		assertArrayEquals(scaled.transitionCounts, LogForwardBackward.smoothAll(pi, p, ll, t, true).transitionCounts, 1e-10);
	}

	/**
	 * State 0 is forbidden at the start and from state 1, and state 1's emissions lie 800 nats below state 0's: the
	 * scaled recursion finds no probable state (exp(-800) underflows), the log-space one the sum over paths.
	 */
	@Test
	void zerosWithLargeEmissionGapsStayFinite() {
		int k = 2, t = 4;
		double[] ll = { 0, -800, 0, -801, 0, -799, 0, -800.5 };
		double[] pi = { 0, 1 };
		TransitionMatrix p = TransitionMatrix.dense(k, new double[] { 0.5, 0.5, 0, 1 });
		assertThrows(BadInputException.class, () -> ForwardBackward.smoothAll(pi, p, ll, t));
		// only the path 1,1,1,1 is possible: log 1 + the four emissions of state 1
		double expected = -800 - 801 - 799 - 800.5;
		assertEquals(expected, LogForwardBackward.logLikelihood(pi, p, ll, t), 1e-9);
		Posterior post = LogForwardBackward.smoothAll(pi, p, ll, t);
		assertEquals(expected, post.marginalLogLik, 1e-9);
		for (int i = 0; i < t; i++) {
			assertEquals(0, post.smoothed[i * k], 0);
			assertEquals(1, post.smoothed[i * k + 1], 1e-15);
		}
	}

	/** A 3-state chain with zeros against the sum over all 3^T paths. */
	@Test
	void equalsTheSumOverPaths() {
		Random random = new Random(4);
		int k = 3, t = 6;
		double[] ll = new double[t * k];
		for (int i = 0; i < ll.length; i++) ll[i] = -3 * random.nextDouble();
		double[] pi = { 0.6, 0, 0.4 };
		double[] m = { 0.5, 0.5, 0, 0, 0.3, 0.7, 0.2, 0, 0.8 };
		TransitionMatrix p = TransitionMatrix.dense(k, m);
		double total = 0, first0 = 0;
		int paths = (int) Math.pow(k, t);
		for (int code = 0; code < paths; code++) {
			int[] z = new int[t];
			for (int i = 0, c = code; i < t; i++, c /= k) z[i] = c % k;
			double pr = pi[z[0]] * Math.exp(ll[z[0]]);
			for (int i = 1; i < t; i++) pr *= m[z[i - 1] * k + z[i]] * Math.exp(ll[i * k + z[i]]);
			total += pr;
			if (z[2] == 0) first0 += pr;
		}
		Posterior post = LogForwardBackward.smoothAll(pi, p, ll, t);
		assertEquals(Math.log(total), post.marginalLogLik, 1e-12);
		assertEquals(first0 / total, post.smoothed[2 * k], 1e-12);
	}
}
