package org.latentj.hmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Sessions sampled from a known sticky HMM (Gaussian with lags = 0, AR otherwise), for tests. */
final class Synthetic {
	private Synthetic() {
	}

	static Hmm truth(int lags, int k, int d, long seed) {
		Random r = new Random(seed);
		LinearGaussianObservations obs = lags == 0 ? LinearGaussianObservations.gaussian(k, d)
				: LinearGaussianObservations.autoregressive(k, d, lags);
		int c = obs.covariates();
		for (int s = 0; s < k; s++) {
			double[] w = new double[d * c];
			for (int i = 0; i < d; i++) {
				if (lags > 0) {
					w[i * c + i] = 0.5 + 0.4 * r.nextDouble() * (s % 2 == 0 ? 1 : -1);
					for (int j = 0; j < lags * d; j++) w[i * c + j] += 0.1 * r.nextGaussian();
				}
				w[i * c + c - 1] = 3 * r.nextGaussian();
			}
			double[] q = new double[d * d];
			for (int i = 0; i < d; i++) q[i * d + i] = 0.2 + 0.3 * r.nextDouble();
			q[1] = q[d] = 0.05;
			obs.set(s, w, q);
		}
		return new Hmm(InitialDistribution.uniform(k), Transitions.fixedSticky(k, 0.95), obs);
	}

	static List<SessionData> sessions(int lags, int k, int d, int[] lengths, long seed) {
		Hmm hmm = truth(lags, k, d, seed);
		List<SessionData> out = new ArrayList<>();
		for (int i = 0; i < lengths.length; i++) {
			Hmm.Sample s = hmm.sample(lengths[i], seed * 31 + i, null);
			double[] times = new double[lengths[i]];
			for (int t = 0; t < times.length; t++) times[t] = t / 30.0;
			out.add(new SessionData("synthetic_" + i, s.data, d, times));
		}
		return out;
	}

	static int[] states(int lags, int k, int d, int length, long seed, int index) {
		return truth(lags, k, d, seed).sample(length, seed * 31 + index, null).states;
	}
}
