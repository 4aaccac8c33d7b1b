package org.latentj.hmm;

import org.latentj.util.BadInputException;

/**
 * Forward-backward in log space, as hmmlearn's default {@code implementation="log"} ({@code _hmmc.forward_log},
 * {@code backward_log}): for models with exact zeros in the start or transition probabilities (hmmlearn's M-step,
 * {@link GaussianHmm}). The engine's scaled {@link ForwardBackward} divides each frame by its largest likelihood over
 * all states, so a frame whose reachable states are all more than ~745 nats below an unreachable one underflows to
 * probability 0, where the log-space recursion gives hmmlearn's finite score (held-out runs under thin full
 * covariances do this). O(T K^2) exp/log: used for scores, for labelling runs, and inside EM only for an iteration
 * whose scaled E-step underflowed ({@link GaussianHmm}).
 */
public final class LogForwardBackward {

	private LogForwardBackward() {
	}

	/** log p(x_{1:T}): hmmlearn's {@code score} of one sequence from its T x K emission log-likelihoods. */
	public static double logLikelihood(double[] initial, TransitionMatrix p, double[] logLik, int frames) {
		int k = check(initial, logLik, frames);
		return logSumExp(forward(initial, p.logMatrix(), logLik, frames, k), (frames - 1) * k, k);
	}

	/** Smoothed, filtered and predicted probabilities and the marginal log-likelihood (no transition counts). */
	public static Posterior smoothAll(double[] initial, TransitionMatrix p, double[] logLik, int frames) {
		return smoothAll(initial, p, logLik, frames, false);
	}

	/**
	 * As {@link #smoothAll(double[], TransitionMatrix, double[], int)}, with the expected transition counts when
	 * {@code counts}: sum_t exp(alpha_t(i) + log p_ij + ll_{t+1}(j) + beta_{t+1}(j) - log p(x)), hmmlearn's
	 * {@code compute_log_xi_sum}.
	 */
	public static Posterior smoothAll(double[] initial, TransitionMatrix p, double[] logLik, int frames, boolean counts) {
		int k = check(initial, logLik, frames);
		double[] logP = p.logMatrix();
		double[] alpha = forward(initial, logP, logLik, frames, k);
		double[] beta = new double[frames * k], v = new double[k];
		for (int t = frames - 2; t >= 0; t--) backwardStep(logP, logLik, (t + 1) * k, beta, (t + 1) * k, beta, t * k, k, v);
		double total = logSumExp(alpha, (frames - 1) * k, k);
		double[] smoothed = new double[frames * k], filtered = new double[frames * k], predicted = new double[frames * k];
		double[] g = new double[k];
		for (int t = 0; t < frames; t++) {
			double f = logSumExp(alpha, t * k, k);
			for (int j = 0; j < k; j++) g[j] = alpha[t * k + j] + beta[t * k + j];
			double norm = logSumExp(g, 0, k); // each frame normalised on its own, as hmmlearn's log_normalize: sums to 1
			for (int j = 0; j < k; j++) {
				smoothed[t * k + j] = Math.exp(g[j] - norm);
				filtered[t * k + j] = Math.exp(alpha[t * k + j] - f);
			}
			if (t == 0) System.arraycopy(initial, 0, predicted, 0, k);
			else {
				p.forward(filtered, (t - 1) * k, g); // g is free again: this frame's smoothed values are written
				System.arraycopy(g, 0, predicted, t * k, k);
			}
		}
		double[] xi = counts ? new double[k * k] : null;
		if (counts)
			for (int t = 0; t < frames - 1; t++)
				for (int i = 0; i < k; i++)
					for (int j = 0; j < k; j++)
						xi[i * k + j] += Math.exp(alpha[t * k + i] + logP[i * k + j] + logLik[(t + 1) * k + j] + beta[(t + 1) * k + j] - total);
		return new Posterior(frames, k, total, smoothed, xi, predicted, filtered);
	}

	/** K, after checking that there is a frame and a log-likelihood per frame and state. */
	private static int check(double[] initial, double[] logLik, int frames) {
		int k = initial.length;
		if (frames < 1) throw new BadInputException("A sequence needs at least one frame to be scored.");
		if (logLik.length < (long) frames * k)
			throw new IllegalArgumentException("shape mismatch: K=" + k + ", T=" + frames);
		return k;
	}

	/** alpha_t(j) = log p(x_{1:t}, z_t = j). */
	private static double[] forward(double[] initial, double[] logP, double[] logLik, int frames, int k) {
		double[] alpha = new double[frames * k], v = new double[k];
		for (int j = 0; j < k; j++) alpha[j] = Math.log(initial[j]) + logLik[j];
		for (int t = 1; t < frames; t++) forwardStep(logP, alpha, (t - 1) * k, logLik, t * k, alpha, t * k, k, v);
		return alpha;
	}

	/**
	 * One step of {@link #forward}: alpha_t(j) = log sum_i exp(alpha_{t-1}(i) + log p_ij) + ll_t(j), from row {@code prev}
	 * of {@code alpha} and row {@code ll} of {@code logLik} into row {@code out} of {@code into}; v holds K scratch values.
	 * Shared with {@link LogStreamingDecoder}, which therefore computes the same bits.
	 */
	static void forwardStep(double[] logP, double[] alpha, int prev, double[] logLik, int ll, double[] into, int out, int k,
			double[] v) {
		for (int j = 0; j < k; j++) {
			for (int i = 0; i < k; i++) v[i] = alpha[prev + i] + logP[i * k + j];
			into[out + j] = logSumExp(v, 0, k) + logLik[ll + j];
		}
	}

	/**
	 * One step of the backward recursion: beta_t(i) = log sum_j exp(log p_ij + ll_{t+1}(j) + beta_{t+1}(j)), from row
	 * {@code ll} of {@code logLik} and row {@code next} of {@code beta} into row {@code out} of {@code into}.
	 */
	static void backwardStep(double[] logP, double[] logLik, int ll, double[] beta, int next, double[] into, int out, int k,
			double[] v) {
		for (int i = 0; i < k; i++) {
			for (int j = 0; j < k; j++) v[j] = logP[i * k + j] + logLik[ll + j] + beta[next + j];
			into[out + i] = logSumExp(v, 0, k);
		}
	}

	/** log sum_j exp(a[from + j]), j < k; -inf when every term is. */
	static double logSumExp(double[] a, int from, int k) {
		double m = Double.NEGATIVE_INFINITY;
		for (int j = 0; j < k; j++) m = Math.max(m, a[from + j]);
		if (m == Double.NEGATIVE_INFINITY || Double.isNaN(m)) return m;
		double s = 0;
		for (int j = 0; j < k; j++) s += Math.exp(a[from + j] - m);
		return m + Math.log(s);
	}
}
