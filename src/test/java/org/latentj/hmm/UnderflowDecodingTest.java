package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;

/**
 * Decoding (Apply Model's Decoding.of, streaming) where exact zeros leave a frame only states far below a forbidden
 * one: the scaled recursion underflows there (exp(ll - max) = 0) and the run is decoded again in log space, to the
 * sum over every state path (hand-made 3-state model, brute force) and, over several blocks and runs, to the bit of
 * {@link LogForwardBackward#smoothAll} and {@link Viterbi#decode}; only a run no path reaches is refused, in one
 * sentence naming the session and the session's frame.
 */
class UnderflowDecodingTest {

	/** 1-D Gaussian states with the given means and variances. */
	private static Hmm model(double[] initial, double[] transitions, double[] means, double[] variances) {
		int k = means.length;
		LinearGaussianObservations obs = LinearGaussianObservations.gaussian(k, 1);
		for (int j = 0; j < k; j++) obs.set(j, new double[] { means[j] }, new double[] { variances[j] });
		return new Hmm(InitialDistribution.of(initial, false), Transitions.fixed(TransitionMatrix.dense(k, transitions)), obs);
	}

	/**
	 * The reviewer's repro in small: the model may only start in state 2 (initial [0, 0, 1]), whose mean lies 60 SDs
	 * from the first frame (ll 1800 nats below state 0's), and state 2 must move to state 0. Every state's density is
	 * positive, so the data are possible: the labels and probabilities are those of the sum over all 3^8 paths.
	 */
	@Test
	void anAllowedStateFarBelowTheBestIsDecodedInLogSpace() {
		double[] pi = { 0, 0, 1 };
		double[] p = { 0.9, 0.1, 0, 0.5, 0.5, 0, 1, 0, 0 };
		Hmm hmm = model(pi, p, new double[] { 0, 60, -60 }, new double[] { 1, 1, 1 });
		double[] x = { 0.3, -0.2, 0.1, 59.5, 60.4, 0.2, 60.1, -0.4 };
		int t = x.length, k = 3;
		double[] ll = hmm.logLikelihoods(x, 0, t);
		// the old behaviour: the scaled recursion calls frame 0 impossible
		assertThrows(ForwardBackward.Underflow.class, () -> ForwardBackward.smooth(pi, hmm.transitions().matrix(), ll, t, false));

		// brute force: p(x, z) for every path z, summed and marginalized per frame
		double[][] marginal = new double[t][k];
		double best = Double.NEGATIVE_INFINITY, total = 0, shift = -2000; // every possible path is within 2000 nats of the shift
		int[] bestPath = null;
		int[] z = new int[t];
		for (int code = 0; code < Math.pow(k, t); code++) {
			for (int i = 0, c = code; i < t; i++, c /= k) z[i] = c % k;
			double lp = Math.log(pi[z[0]]) + ll[z[0]];
			for (int i = 1; i < t; i++) lp += Math.log(p[z[i - 1] * k + z[i]]) + ll[i * k + z[i]];
			if (lp == Double.NEGATIVE_INFINITY) continue;
			double w = Math.exp(lp - shift);
			total += w;
			for (int i = 0; i < t; i++) marginal[i][z[i]] += w;
			if (lp > best) {
				best = lp;
				bestPath = z.clone();
			}
		}
		assertEquals(2, bestPath[0], "the forced start");
		for (Decoding.Mode mode : Decoding.Mode.values()) {
			Decoding d = Decoding.of(hmm, "s", x, mode);
			assertEquals(shift + Math.log(total), d.logLik, 1e-9 * Math.abs(d.logLik), mode.toString());
			for (int i = 0; i < t; i++) {
				int label = mode == Decoding.Mode.VITERBI ? bestPath[i] : argmax(marginal[i]);
				assertEquals(label, d.labels[i], mode + ", frame " + i);
				assertEquals(marginal[i][label] / total, d.probability[i], 1e-12, mode + ", frame " + i);
			}
			assertEquals(1, d.probability[0], 1e-15, "state 2 is certain at frame 0");
		}
	}

	/**
	 * Several blocks (checkpoints and the backward carry in log space), dropped frames (two runs) and transition zeros
	 * that make frames far from the start underflow: the same labels, probabilities and log-likelihood as
	 * LogForwardBackward and Viterbi over each run, to the bit.
	 */
	@Test
	void longRunsUnderflowingLateAreTheLogSpaceRecursionToTheBit() {
		// state 0 may not move to state 1: a jump from 0 to 60 must go through state 2 (mean -60), 7200 nats off
		double[] pi = { 0.5, 0.5, 0 };
		double[] p = { 0.9, 0, 0.1, 0.1, 0.9, 0, 0, 0.1, 0.9 };
		Hmm hmm = model(pi, p, new double[] { 0, 60, -60 }, new double[] { 1, 2, 1 });
		int frames = 7000, k = 3;
		Random r = new Random(5);
		double[] x = new double[frames];
		for (int t = 0; t < frames; t++) x[t] = ((t / 700) % 2 == 0 ? 0 : 60) + r.nextGaussian();
		Arrays.fill(x, 3000, 3003, Double.NaN); // runs [0, 3000) and [3003, 7000)
		int[] runs = SessionData.runs(x, 1);
		assertArrayEquals(new int[] { 0, 3000, 3003, 7000 }, runs);
		for (Decoding.Mode mode : Decoding.Mode.values()) {
			Decoding got = Decoding.of(hmm, "s", x, mode);
			double logLik = 0;
			for (int q = 0; q < runs.length; q += 2) {
				int from = runs[q], to = runs[q + 1], n = to - from;
				double[] ll = hmm.logLikelihoods(x, from, to);
				assertThrows(ForwardBackward.Underflow.class, () -> ForwardBackward.smooth(pi, hmm.transitions().matrix(), ll, n, false));
				Posterior post = LogForwardBackward.smoothAll(pi, hmm.transitions().matrix(), ll, n);
				int[] path = mode == Decoding.Mode.VITERBI ? Viterbi.decode(pi, hmm.transitions().matrix(), ll, n).path
						: post.mostProbableStates();
				for (int t = from; t < to; t++) {
					String what = mode + ", frame " + t;
					assertEquals(path[t - from], got.labels[t], what);
					assertEquals(Double.doubleToRawLongBits(post.smoothed[(t - from) * k + path[t - from]]),
							Double.doubleToRawLongBits(got.probability[t]), what);
				}
				logLik += post.marginalLogLik;
			}
			assertEquals(Double.doubleToRawLongBits(logLik), Double.doubleToRawLongBits(got.logLik), mode.toString());
			for (int t = 3000; t < 3003; t++) assertEquals(-1, got.labels[t]);
			// the path must pass through state 2 to reach state 1: at the last frame near 0 (~1800 nats), not at the
			// first near 60 (~7200)
			if (mode == Decoding.Mode.VITERBI) {
				assertEquals(0, got.labels[698]);
				assertEquals(2, got.labels[699]);
				assertEquals(1, got.labels[700]);
			}
		}
	}

	/**
	 * Truly impossible runs: a state whose variance is 1e-300 cannot produce a frame 1e5 from its mean (its density
	 * underflows to log 0 in exact arithmetic too: (1e5)^2 / 1e-300 overflows), and zeros leave only that state.
	 */
	@Test
	void aRunNoPathReachesIsRefusedNamingTheSessionAndItsFrame() {
		double[] means = { 0, 0 }, variances = { 1, 1e-300 };
		// only state 1 may start: the first frame of the second run (session frame 4) is impossible
		Hmm start = model(new double[] { 0, 1 }, new double[] { 0.5, 0.5, 0.5, 0.5 }, means, variances);
		double[] x = { 0, 0, Double.NaN, Double.NaN, 1e5, 0 };
		String m = assertThrows(BadInputException.class, () -> Decoding.of(start, "mouse_7", x, Decoding.Mode.POSTERIOR)).getMessage();
		assertEquals("Session mouse_7 cannot be decoded: its frame 4 has probability 0 under the model, since every state "
				+ "that can produce it has initial probability 0.", m);
		// every move leads to state 1: session frame 5 (the second of its run) is impossible
		Hmm move = model(new double[] { 0.5, 0.5 }, new double[] { 0, 1, 0, 1 }, means, variances);
		double[] y = { 0, 0, Double.NaN, Double.NaN, 0.5, 1e5, 0 };
		for (Decoding.Mode mode : Decoding.Mode.values())
			assertEquals("Session mouse_7 cannot be decoded: its frame 5 has probability 0 under the model, since the transition "
					+ "matrix forbids every move from the states possible at frame 4 to a state that can produce it.",
					assertThrows(BadInputException.class, () -> Decoding.of(move, "mouse_7", y, mode)).getMessage(), mode.toString());
	}

	private static int argmax(double[] v) {
		int best = 0;
		for (int j = 1; j < v.length; j++)
			if (v[j] > v[best]) best = j;
		return best;
	}
}
