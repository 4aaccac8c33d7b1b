package org.latentj.hmm;

import java.util.Random;

import org.latentj.util.BadInputException;

/**
 * A hidden Markov model as three parts (initial distribution, transitions, observations), each with
 * its own statistics and M-step, and inference on any stretch of frames of a sequence. Data are
 * standardized T x D arrays; a sequence's first {@code lags} frames are context, never scored.
 */
public final class Hmm {

	private final InitialDistribution initial;
	private final Transitions transitions;
	private final Observations observations;

	public Hmm(InitialDistribution initial, Transitions transitions, Observations observations) {
		int k = observations.states();
		if (initial.raw().length != k || transitions.matrix().states() != k)
			throw new IllegalArgumentException("parts of the HMM disagree on the number of states");
		this.initial = initial;
		this.transitions = transitions;
		this.observations = observations;
	}

	public int states() {
		return observations.states();
	}

	public int dim() {
		return observations.dim();
	}

	public int lags() {
		return observations.lags();
	}

	public InitialDistribution initial() {
		return initial;
	}

	public Transitions transitions() {
		return transitions;
	}

	public Observations observations() {
		return observations;
	}

	/** log p(x_t | z_t = k, past) for scored frames t in [from, to), (to - from) x K. */
	public double[] logLikelihoods(double[] x, int from, int to) {
		double[] ll = new double[(to - from) * states()];
		observations.logLikelihoods(x, from, to, ll);
		return ll;
	}

	/** Posterior over frames [from, to) (from >= lags), keeping its own copy of the smoothed probabilities. */
	public Posterior posterior(double[] x, int from, int to) {
		checkRange(x, from, to);
		return ForwardBackward.smooth(initial.raw(), transitions.matrix(), logLikelihoods(x, from, to), to - from,
				transitions.isLearned());
	}

	/** The most likely state path of frames [from, to). */
	public Viterbi viterbi(double[] x, int from, int to) {
		checkRange(x, from, to);
		return Viterbi.decode(initial.raw(), transitions.matrix(), logLikelihoods(x, from, to), to - from);
	}

	private void checkRange(double[] x, int from, int to) {
		int frames = x.length / dim();
		if (from < lags() || to > frames || to <= from)
			throw new IllegalArgumentException("frames [" + from + ", " + to + ") of " + frames + " with " + lags() + " lags");
	}

	/** The model with states renumbered: new state n is old state order[n]. */
	public Hmm permute(int[] order) {
		return new Hmm(initial.permute(order), transitions.permute(order), observations.permute(order));
	}

	/**
	 * Draws a sequence of {@code frames} frames (standardized units). The first lags frames are the
	 * given history (zeros, i.e. the training mean, when null); states[t] is -1 there.
	 */
	public Sample sample(int frames, long seed, double[] history) {
		int d = dim(), lags = lags(), k = states();
		if (frames <= lags) throw new BadInputException("A sample needs more than " + lags + " frames (got " + frames + ").");
		Random random = new Random(seed);
		double[] x = new double[frames * d];
		if (history != null) System.arraycopy(history, 0, x, 0, lags * d);
		int[] z = new int[frames];
		for (int t = 0; t < lags; t++) z[t] = -1;
		TransitionMatrix p = transitions.matrix();
		double[] pi = initial.raw();
		for (int t = lags; t < frames; t++) {
			double u = random.nextDouble(), c = 0;
			int s = k - 1;
			for (int j = 0; j < k; j++) {
				c += t == lags ? pi[j] : p.get(z[t - 1], j);
				if (u < c) {
					s = j;
					break;
				}
			}
			z[t] = s;
			observations.sample(s, x, t, random);
		}
		return new Sample(z, x);
	}

	/** A sampled sequence: states (-1 for the history frames) and frames (T x D). */
	public static final class Sample {
		public final int[] states;
		public final double[] data;

		public Sample(int[] states, double[] data) {
			this.states = states;
			this.data = data;
		}
	}
}
