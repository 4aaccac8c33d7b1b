package org.latentj.hmm;

import java.util.Arrays;

import org.latentj.util.BadInputException;
import org.latentj.util.Parallel;

/**
 * Normalized forward-backward for an HMM, written once against a T x K matrix of log-likelihoods
 * log p(x_t | z_t = k), with the semantics of the STATS320 ARHMM lab and dynamax:
 * <ul>
 * <li>predicted_t = p(z_t | x_{1:t-1}) (predicted_0 = the initial distribution),</li>
 * <li>filtered_t = p(z_t | x_{1:t}) = normalize(predicted_t * exp(ll_t - max_k ll_t)),</li>
 * <li>marginal log-likelihood = sum_t [max_k ll_t + log sum_k predicted_t exp(ll_t - max_k ll_t)],</li>
 * <li>backward messages beta_{T-1} = 1, beta_t = P normalize(exp(ll_{t+1} - max) * beta_{t+1}),</li>
 * <li>smoothed_t = normalize(filtered_t * beta_t).</li>
 * </ul>
 * Expected transition counts are accumulated on the fly (never a T x K x K array): memory is O(TK).
 * <p>
 * Cost per sequence: T K exponentials, and for a dense transition matrix 3 T K^2 multiply-adds
 * (forward, backward, transition counts); a sticky matrix makes forward and backward O(TK). The
 * forward and backward passes are independent, so they run at the same time on two cores; the
 * exponentials, the smoothing and the counts are cut into fixed blocks of frames.
 */
public final class ForwardBackward {

	/** Frames per block for the parallel parts; fixed so that results never depend on the core count. */
	static final int BLOCK = 2048;
	/** Sequences with fewer frames x states run their forward and backward passes one after the other. */
	static final long PARALLEL_MIN = 1 << 14;

	private ForwardBackward() {
	}

	/** Reusable arrays (one per thread), so that repeated E-steps allocate nothing. */
	public static final class Workspace {
		double[] like = new double[0], alpha = new double[0], beta = new double[0];
		double[] shift = new double[0], norm = new double[0], smoothNorm = new double[0];

		void ensure(int frames, int states) {
			int n = frames * states;
			if (like.length < n) {
				like = new double[n];
				alpha = new double[n];
				beta = new double[n];
			}
			if (shift.length < frames) {
				shift = new double[frames];
				norm = new double[frames];
				smoothNorm = new double[frames];
			}
		}
	}

	/** Smoothed probabilities and marginal log-likelihood (and, if asked, expected transition counts). */
	public static Posterior smooth(double[] initial, TransitionMatrix p, double[] logLik, int frames,
			boolean transitionCounts) {
		return run(initial, p, logLik, frames, transitionCounts, false, new Workspace(), true);
	}

	/** As {@link #smooth}, also keeping predicted and filtered probabilities (for checks and plots). */
	public static Posterior smoothAll(double[] initial, TransitionMatrix p, double[] logLik, int frames) {
		return run(initial, p, logLik, frames, true, true, new Workspace(), true);
	}

	/**
	 * The full E-step. With {@code copySmoothed} false the returned smoothed array is the workspace's
	 * own (valid until the workspace is used again), which saves a T x K copy inside EM.
	 */
	public static Posterior run(double[] initial, TransitionMatrix p, double[] logLik, int frames,
			boolean transitionCounts, boolean keepPredictedFiltered, Workspace ws, boolean copySmoothed) {
		int k = p.states();
		check(initial, logLik, frames, k);
		ws.ensure(frames, k);
		double[] like = ws.like, alpha = ws.alpha, beta = ws.beta, shift = ws.shift;
		double[] predicted = keepPredictedFiltered ? new double[frames * k] : null;
		scaledLikelihoods(logLik, frames, k, like, shift);

		double[] logNorm = new double[1];
		Runnable forward = () -> logNorm[0] = forwardPass(initial, p, like, shift, frames, k, alpha, predicted);
		Runnable backward = () -> backwardPass(p, like, frames, k, beta, ws.norm);
		if ((long) frames * k >= PARALLEL_MIN) Parallel.both(forward, backward);
		else { // a short sequence: a task would cost more than it saves (same arithmetic either way)
			forward.run();
			backward.run();
		}

		double[] filtered = keepPredictedFiltered ? Arrays.copyOf(alpha, frames * k) : null;
		double[] s = ws.smoothNorm;
		int blocks = Parallel.blocks(frames, BLOCK);
		Parallel.forEach(blocks, b -> {
			int t1 = Math.min(frames, (b + 1) * BLOCK);
			for (int t = b * BLOCK; t < t1; t++) {
				int row = t * k;
				double sum = 0;
				for (int j = 0; j < k; j++) sum += alpha[row + j] * beta[row + j];
				s[t] = sum;
			}
		});
		double[] counts = transitionCounts ? transitionCounts(p, like, alpha, beta, ws.norm, s, frames, k) : null;
		double[] smoothed = copySmoothed || keepPredictedFiltered ? new double[frames * k] : alpha;
		Parallel.forEach(blocks, b -> {
			int t1 = Math.min(frames, (b + 1) * BLOCK);
			for (int t = b * BLOCK; t < t1; t++) {
				int row = t * k;
				double inv = 1 / s[t];
				for (int j = 0; j < k; j++) smoothed[row + j] = alpha[row + j] * beta[row + j] * inv;
			}
		});
		return new Posterior(frames, k, logNorm[0], smoothed, counts, predicted, filtered);
	}

	/** Marginal log-likelihood only (forward pass; used for held-out data). */
	public static double logLikelihood(double[] initial, TransitionMatrix p, double[] logLik, int frames,
			Workspace ws) {
		int k = p.states();
		check(initial, logLik, frames, k);
		ws.ensure(frames, k);
		scaledLikelihoods(logLik, frames, k, ws.like, ws.shift);
		return forwardPass(initial, p, ws.like, ws.shift, frames, k, ws.alpha, null);
	}

	private static void check(double[] initial, double[] logLik, int frames, int k) {
		if (frames < 1) throw new IllegalArgumentException("no frames");
		if (initial.length != k || logLik.length < frames * k)
			throw new IllegalArgumentException("shape mismatch: K=" + k + ", T=" + frames);
	}

	/** like[t,k] = exp(ll[t,k] - max_k ll[t,k]); shift[t] = that max. */
	private static void scaledLikelihoods(double[] logLik, int frames, int k, double[] like, double[] shift) {
		Parallel.forEach(Parallel.blocks(frames, BLOCK), b -> {
			int t1 = Math.min(frames, (b + 1) * BLOCK);
			for (int t = b * BLOCK; t < t1; t++) shift[t] = scaleRow(logLik, like, t * k, k, t);
		});
	}

	/** One row of {@link #scaledLikelihoods}: like = exp(ll - max ll) from {@code row}, returns the max (dst may be src). */
	static double scaleRow(double[] logLik, double[] like, int row, int k, int frame) {
		double m = rowMax(logLik, row, k, frame);
		for (int j = 0; j < k; j++) like[row + j] = Math.exp(logLik[row + j] - m);
		return m;
	}

	/** The largest log-likelihood of one frame over the states; refuses a row that is not finite. */
	static double rowMax(double[] logLik, int row, int k, int frame) {
		double m = Double.NEGATIVE_INFINITY;
		for (int j = 0; j < k; j++) m = Math.max(m, logLik[row + j]);
		if (!(m > Double.NEGATIVE_INFINITY) || Double.isNaN(m) || m == Double.POSITIVE_INFINITY)
			throw new BadInputException("Frame " + frame + " has log-likelihood " + m
					+ " under every state; the data or the model is not finite.");
		return m;
	}

	private static double forwardPass(double[] initial, TransitionMatrix p, double[] like, double[] shift, int frames,
			int k, double[] alpha, double[] predicted) {
		double[] pred = new double[k];
		System.arraycopy(initial, 0, pred, 0, k);
		if (predicted != null) System.arraycopy(initial, 0, predicted, 0, k);
		double logNorm = 0;
		for (int t = 0; t < frames; t++) {
			int row = t * k;
			double c = 0;
			for (int j = 0; j < k; j++) {
				double v = pred[j] * like[row + j];
				alpha[row + j] = v;
				c += v;
			}
			if (!(c > 0)) throw impossible(t);
			double inv = 1 / c;
			for (int j = 0; j < k; j++) alpha[row + j] *= inv;
			logNorm += Math.log(c) + shift[t];
			if (t + 1 < frames) {
				p.forward(alpha, row, pred);
				if (predicted != null) System.arraycopy(pred, 0, predicted, row + k, k);
			}
		}
		return logNorm;
	}

	/** beta and, in norm[t + 1], the sum normalizing like_{t+1} * beta_{t+1}. */
	private static void backwardPass(TransitionMatrix p, double[] like, int frames, int k, double[] beta,
			double[] norm) {
		int last = (frames - 1) * k;
		Arrays.fill(beta, last, last + k, 1);
		double[] w = new double[k], b = new double[k];
		for (int t = frames - 2; t >= 0; t--) {
			int next = (t + 1) * k;
			double sum = 0;
			for (int j = 0; j < k; j++) {
				double v = like[next + j] * beta[next + j];
				w[j] = v;
				sum += v;
			}
			if (!(sum > 0)) throw impossible(t + 1);
			norm[t + 1] = sum;
			double inv = 1 / sum;
			for (int j = 0; j < k; j++) w[j] *= inv;
			p.backward(w, 0, b);
			System.arraycopy(b, 0, beta, t * k, k);
		}
	}

	/**
	 * sum_t xi_t(i, j) with xi_t(i, j) = alpha_t(i) P_ij like_{t+1}(j) beta_{t+1}(j) / (norm_{t+1} s_t),
	 * where s_t = sum_i alpha_t(i) beta_t(i) makes each xi_t sum to 1. Accumulated as P o (A^T G),
	 * a rank-4 update per step of four frames (four multiply-adds per load and store of the
	 * accumulator), in fixed blocks of frames reduced in order.
	 */
	private static double[] transitionCounts(TransitionMatrix p, double[] like, double[] alpha, double[] beta,
			double[] norm, double[] s, int frames, int k) {
		int pairs = frames - 1;
		int blocks = Math.max(1, Parallel.blocks(pairs, BLOCK));
		double[][][] partial = new double[blocks][][];
		Parallel.forEach(blocks, b -> {
			// rows indexed from 0 so that C2 vectorises the inner loop (see TransitionMatrix)
			double[][] acc = new double[k][k];
			double[] g0 = new double[k], g1 = new double[k], g2 = new double[k], g3 = new double[k];
			int t0 = b * BLOCK, t1 = Math.min(pairs, t0 + BLOCK);
			int t = t0;
			for (; t + 4 <= t1; t += 4) {
				weights(like, beta, norm, s, t, k, g0);
				weights(like, beta, norm, s, t + 1, k, g1);
				weights(like, beta, norm, s, t + 2, k, g2);
				weights(like, beta, norm, s, t + 3, k, g3);
				int a0 = t * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
				int i = 0;
				for (; i + 2 <= k; i += 2) { // two rows per sweep: each loaded g serves both
					double x0 = alpha[a0 + i], x1 = alpha[a1 + i], x2 = alpha[a2 + i], x3 = alpha[a3 + i];
					double z0 = alpha[a0 + i + 1], z1 = alpha[a1 + i + 1], z2 = alpha[a2 + i + 1], z3 = alpha[a3 + i + 1];
					double[] row = acc[i], next = acc[i + 1];
					for (int j = 0; j < k; j++) {
						double h0 = g0[j], h1 = g1[j], h2 = g2[j], h3 = g3[j];
						row[j] += x0 * h0 + x1 * h1 + x2 * h2 + x3 * h3;
						next[j] += z0 * h0 + z1 * h1 + z2 * h2 + z3 * h3;
					}
				}
				for (; i < k; i++) {
					double x0 = alpha[a0 + i], x1 = alpha[a1 + i], x2 = alpha[a2 + i], x3 = alpha[a3 + i];
					double[] row = acc[i];
					for (int j = 0; j < k; j++) row[j] += x0 * g0[j] + x1 * g1[j] + x2 * g2[j] + x3 * g3[j];
				}
			}
			for (; t < t1; t++) {
				weights(like, beta, norm, s, t, k, g0);
				int a0 = t * k;
				for (int i = 0; i < k; i++) {
					double x0 = alpha[a0 + i];
					double[] row = acc[i];
					for (int j = 0; j < k; j++) row[j] += x0 * g0[j];
				}
			}
			partial[b] = acc;
		});
		double[] counts = new double[k * k];
		for (int b = 0; b < blocks; b++)
			for (int i = 0; i < k; i++)
				for (int j = 0; j < k; j++) counts[i * k + j] += partial[b][i][j];
		for (int i = 0; i < k; i++)
			for (int j = 0; j < k; j++) counts[i * k + j] *= p.get(i, j);
		return counts;
	}

	private static void weights(double[] like, double[] beta, double[] norm, double[] s, int t, int k, double[] g) {
		int next = (t + 1) * k;
		double scale = 1 / (norm[t + 1] * s[t]);
		for (int j = 0; j < k; j++) g[j] = like[next + j] * beta[next + j] * scale;
	}

	static Underflow impossible(int t) {
		return new Underflow("Frame " + t + " has probability 0 under the model (no state can produce it "
				+ "after the previous frames); check the transition matrix and the data.");
	}

	/**
	 * A frame the scaled recursion found impossible: either it is (exact zeros in the model forbid every state that
	 * can produce it), or the scaling underflowed (every allowed state more than ~745 nats below the best one), which
	 * only the log-space recursion ({@link LogForwardBackward}) tells apart; callers that can afford it retry there.
	 */
	static final class Underflow extends BadInputException {
		private static final long serialVersionUID = 1L;

		Underflow(String message) {
			super(message);
		}
	}
}
