package org.latentj.slds;

import java.util.Arrays;

import org.latentj.util.Progress;

/**
 * Local moves on hard labels z, judged by the exact log p(y, z), to get structured mean field out of its start.
 * <p>
 * Why: with q(z) one-hot on labels z and q(x) = p(x | y, z) (one x update), the ELBO is exactly log p(y, z), and
 * structured mean field started there keeps z: q(x) follows the labelled dynamics, which makes them the best for
 * q(z). Yet better labellings exist: with the true parameters on noisy_a, -5.84 per frame from the truth's labels
 * against -6.08 from Apply Model's start (BENCHMARKS.md, SLDS). A move relabels a run of frames [a, c] to one state
 * (any run of at most {@link #RUN} frames, or a whole segment) and is taken when log p(y, z) rises: it re-fits x to
 * the new labels, which a z update cannot. Structured mean field from the labels reached then decides
 * ({@link #refine}: kept only with a higher ELBO).
 * <p>
 * How: a Kalman filter on the state s_t = (x_t, ..., x_{t-G+1}) (newest first, = the regressors phi_{t+1}) keeps
 * every frame's filtered mean and covariance and predictive log-likelihood log p(y_t | y_{<t}, z). A move's change
 * of log p(y | z) is the change of these from frame a on: the filter is run again from a - 1's stored state with
 * the new labels through c and the old ones after, until its state equals the stored one again (to {@link #CLOSE};
 * the filter forgets), where the rest of the sum is unchanged. Student-t noise: each frame's R is divided by q(w)'s
 * E[w_t] (the moves then judge the Gaussian model with those weights; refine's ELBO decides).
 * <p>
 * Cost: nearly all of the moves' time is filter steps ({@link #step}: about 96 k screening steps, 230 k before the
 * shortcuts below (counted at 09200b5), plus the exact evaluations per round on noisy_a's training sequence).
 * Multiply-adds per step at d = 10, G = 2 (ms = 20), obs = 10: A P d ms^2 = 4,000 (A = the weights' first ms
 * columns; the lower blocks of the
 * predicted covariance are the old ones shifted, copied),
 * the predicted mean d ms = 200, one triangle of A P A^T d (d + 1) / 2 ms = 1,100; the update with identity emissions
 * (S = P's first d x d block + R, G^T = P's first d rows) Cholesky obs^3 / 6 = 170, L^-1 G^T obs (obs - 1) / 2 ms = 900
 * (+ 200 divisions), the mean obs ms = 200 and one triangle of P -= G S^-1 G^T obs ms (ms + 1) / 2 = 2,100: about
 * 8,700 in all; linear emissions add C P's rows obs d ms = 2,000 and S 550. These counts are the same as before
 * 2026-12-07's rewrite (the old step already used this structure), which kept every sum and its order, so the bits,
 * the moves and the ELBO are unchanged, and changed only how the loops run: each output entry's sum kept in a
 * register, four or eight entries (and two rows of A P) at a time, instead of axpy loops over 20 entries that load
 * and store the sum at every term and are too short for C2's vector loops. {@code FilterStepBench} (measured at
 * a4c248d, before the step was split into predict and correct; build machine, AMD EPYC, 2 cores, 2026-12-07 08:41
 * UTC, load 0.2-0.3, thread CPU): 4.9-5.4 -> 2.95 us per step with identity emissions, 7.1-7.4 -> 3.8 us with linear
 * ones; at the code as it now stands (22e45e6, with predict and correct apart; 2026-12-07 12:28 UTC, load 2.1) 3.12 and
 * 3.91 us. Fit SLDS's label-move EM iterations in BENCHMARKS.md, SLDS.
 * <p>
 * Fewer steps, the same numbers (2026-12-07): a screened run's last step skips its correction ({@link #predict});
 * a step that a bound shows would end the run is not taken ({@link #kills}); later sweeps reuse screenings whose
 * inputs did not change; a taken move keeps the filter its evaluation ran ({@link #take}). On noisy_a's training
 * sequence in Fit SLDS's first EM iteration (at 09200b5, before the kill margin became relative): 229,658 screening
 * steps -> 95,634 (45,028 more decided by the bound, 42,576 screenings reused), the same 62 moves and gains; the
 * move iterations 2.4-2.5 -> 1.6 s of CPU (BENCHMARKS.md,
 * SLDS, "Fewer screening steps, the same moves"; load 5.5-6.6).
 */
public final class LabelSearch {

	private static final double LOG_2PI = Math.log(2 * Math.PI);
	/** The largest entry difference of the filtered mean and covariance at which a re-run filter rejoins the stored one. */
	static final double CLOSE = 1e-7;
	/**
	 * Prints each round (moves, filter steps, gains) to stderr: {@code -Dslds.searchLog=true}, for SldsBench. Its "N
	 * moves of M" counts each evaluated move once since c70c6a2 (a taken move keeps its filter); before, a taken move
	 * was evaluated again to store it, so M was larger by about N.
	 */
	static final boolean LOG = Boolean.getBoolean("slds.searchLog");
	/** A move's gain in log p(y, z) below which it is not taken (nats). */
	static final double MIN_GAIN = 1e-3;

	private final SldsParameters m;
	private final double[] y, u;
	private final int frames, d, g, obs, ms, k;
	/** Labels per frame (-1 for the first G), the transition log-probabilities and initial ones. */
	final int[] z;
	private final double[] logT, logPi;
	/** Per frame t >= G - 1: the filtered mean (ms) and covariance (ms x ms) and log p(y_t | y_{<t}, z). */
	private final double[] mean, cov, pll;
	/** log p(y_0 .. y_{G-1}) (the prior frames: no label). */
	private double head;
	/** Work buffers. */
	private final double[] wm, wc, ap, xh, gt, sm, r;
	int accepted, evaluated;
	long stepped, screened;
	/** The frame where the last {@link #gain}'s filter rejoined the stored one (or the last frame). */
	private int rejoined;

	/** Labels z (T, -1 on the first G frames; every other frame a state), observations y (T x obs, NaN rows missing), u = E[w_t] or null. */
	LabelSearch(SldsParameters m, double[] y, int[] z, double[] u) {
		this.m = m;
		this.y = y;
		this.u = u;
		this.obs = m.obs;
		this.d = m.d;
		this.g = m.lags;
		this.k = m.k;
		this.ms = g * d;
		this.frames = y.length / obs;
		this.z = z.clone();
		org.latentj.util.Memory.require(bytes(frames, ms, k), "label moves on a sequence of " + frames + " frames");
		double[] t = m.transitions.matrix().toArray(), pi = m.initial.probabilities();
		logT = new double[k * k];
		logPi = new double[k];
		for (int i = 0; i < k * k; i++) logT[i] = Math.log(t[i]);
		for (int i = 0; i < k; i++) logPi[i] = Math.log(pi[i]);
		mean = new double[frames * ms];
		cov = new double[frames * ms * ms];
		pll = new double[frames];
		wm = new double[ms];
		wc = new double[ms * ms];
		ap = new double[d * ms];
		xh = new double[d];
		gt = new double[obs * ms];
		sm = new double[obs * obs];
		r = new double[obs];
		kr = new double[obs];
		int kept = Math.min(frames, TAIL);
		keptPll = new double[kept];
		keptMean = new double[kept * ms];
		keptCov = new double[kept * ms * ms];
		bound = new PredictiveBound(m);
		filterAll();
	}

	/**
	 * Bytes of the stored filter (8 bytes per number: mean ms, covariance ms^2 and log-likelihood per frame, ms = G d;
	 * 3.3 KB per frame at d = 10, G = 2, about the size of q(x)'s covariances), the sweeps' screening records (20 bytes
	 * per frame and state; 7 per frame: an int and three boolean arrays) and candidate list (at most one per frame and
	 * state: a double[4], 48 bytes, 56 without compressed pointers; its reference with the list's spare capacity and the
	 * sort's buffer, up to 24: 80 in all) and the kept filter of an evaluated move (at most
	 * {@link #TAIL} frames), -1 on overflow.
	 */
	static long bytes(long frames, int ms, int k) {
		long perFrame = (long) ms * ms + ms + 1;
		return org.latentj.util.Memory.plus(org.latentj.util.Memory.product(8, frames, perFrame),
				org.latentj.util.Memory.product(frames, 100L * k + 7), org.latentj.util.Memory.product(8, Math.min(frames, TAIL), perFrame));
	}

	/** log p(y, z) for the current labels. */
	double logJoint() {
		double v = head;
		for (int t = g; t < frames; t++) v += pll[t];
		return v + logPrior(g, frames - 1, -1, -1, 0);
	}

	private void filterAll() {
		Arrays.fill(wm, 0);
		Arrays.fill(wc, 0);
		for (int i = 0; i < ms; i++) wc[i * ms + i] = m.priorVariance;
		head = 0;
		for (int t = 0; t < g; t++) head += update(wm, wc, t, (g - 1 - t) * d);
		System.arraycopy(wm, 0, mean, (g - 1) * ms, ms);
		System.arraycopy(wc, 0, cov, (g - 1) * ms * ms, ms * ms);
		for (int t = g; t < frames; t++) {
			pll[t] = step(wm, wc, t, z[t]);
			System.arraycopy(wm, 0, mean, t * ms, ms);
			System.arraycopy(wc, 0, cov, t * ms * ms, ms * ms);
		}
	}

	/** Predicts s_t from s_{t-1} (in place in mean, c) under state s, then takes in y_t; returns log p(y_t | ...). */
	private double step(double[] mu, double[] c, int t, int s) {
		double ll = predict(mu, c, t, s, false);
		correct(mu, c);
		return ll;
	}

	/**
	 * The first part of {@link #step}: the prediction and log p(y_t | ...), y_t taken in only by {@link #correct}
	 * (which must follow before anything else uses the filter's work buffers), so a screened run that stops at frame t
	 * skips the correction there (about 3,200 of the step's 8,700 multiply-adds: L^-1 G^T, the mean and P -= G S^-1 G^T).
	 */
	private double predict(double[] mu, double[] c, int t, int s, boolean haveXh) {
		final int d = this.d, ms = this.ms, cols = ms + 1, keep = ms - d;
		final double[] w = m.weights[s], q = m.covs[s], ap = this.ap, xh = this.xh;
		// A P (d x ms), A = w's first ms columns (x_{t-1}, ..., x_{t-G}: s_{t-1}'s order): rows of P scaled and added
		int i0 = 0;
		for (; i0 + 2 <= d; i0 += 2) combine(w, i0 * cols, i0 * cols + cols, c, 0, ms, ap, i0 * ms, i0 * ms + ms);
		if (i0 < d) combine(w, i0 * cols, i0 * cols, c, 0, ms, ap, i0 * ms, i0 * ms);
		if (!haveXh) predictMean(w, mu); // (else kills made it, from the same mean and state)
		// new covariance [[A P A^T + Q, A P_{:, :ms-d}], [.., P_{:ms-d, :ms-d}]]: the old blocks shifted down by d
		for (int i = ms - 1; i >= d; i--) {
			int io = i * ms;
			System.arraycopy(c, io - d * ms, c, io + d, keep);
			for (int j = 0; j < d; j++) c[io + j] = ap[j * ms + i - d];
		}
		for (int i = 0, io = 0; i < d; i++, io += ms) {
			System.arraycopy(ap, io, c, io + d, keep);
			int j = 0; // one triangle of A P A^T + Q, four entries at a time
			for (; j + 4 <= i + 1; j += 4) {
				int jo = j * cols;
				double v0 = q[i * d + j], v1 = q[i * d + j + 1], v2 = q[i * d + j + 2], v3 = q[i * d + j + 3];
				for (int a = 0; a < ms; a++) {
					double x = ap[io + a];
					v0 += x * w[jo + a];
					v1 += x * w[jo + cols + a];
					v2 += x * w[jo + 2 * cols + a];
					v3 += x * w[jo + 3 * cols + a];
				}
				c[io + j] = c[j * ms + i] = v0;
				c[io + j + 1] = c[(j + 1) * ms + i] = v1;
				c[io + j + 2] = c[(j + 2) * ms + i] = v2;
				c[io + j + 3] = c[(j + 3) * ms + i] = v3;
			}
			for (; j <= i; j++) {
				double v = q[i * d + j];
				for (int a = 0, jo = j * cols; a < ms; a++) v += ap[io + a] * w[jo + a];
				c[io + j] = c[j * ms + i] = v;
			}
		}
		System.arraycopy(mu, 0, mu, d, keep);
		System.arraycopy(xh, 0, mu, 0, d);
		return observe(mu, c, t, 0);
	}

	/** Takes in y_t, which observes the block of the state at offset o (in place); returns log N(y_t; predicted, S), 0 when missing. */
	private double update(double[] mu, double[] c, int t, int o) {
		double ll = observe(mu, c, t, o);
		correct(mu, c);
		return ll;
	}

	/** xh = A mu + b under the state whose weights are w (the predicted x_t). */
	private void predictMean(double[] w, double[] mu) {
		final int cols = ms + 1;
		for (int i = 0, wo = 0; i < d; i++, wo += cols) {
			double v = w[wo + ms];
			for (int a = 0; a < ms; a++) v += w[wo + a] * mu[a];
			xh[i] = v;
		}
	}

	/** Whether {@link #observe} left a correction to make (false after a missing frame). */
	private boolean pending;

	/**
	 * log N(y_t; predicted, S) (0 when missing) for y_t observing the block of the state at offset o, leaving G^T = C
	 * P_{o, :}, S's Cholesky factor L and L^-1 r in the work buffers for {@link #correct}.
	 */
	private double observe(double[] mu, double[] c, int t, int o) {
		pending = false;
		if (Double.isNaN(y[t * obs])) return 0;
		pending = true;
		final int obs = this.obs, ms = this.ms, d = this.d;
		final double scale = u == null ? 1 : 1 / u[t];
		final double[] em = m.emission, gt = this.gt, s = this.sm, r = this.r;
		// G^T = C P_{o, :} (obs x ms; C = I: P's rows o.. themselves); S = C P_oo C^T + R / u (lower); r = y - C mu_o - offset
		if (em == null) {
			System.arraycopy(c, o * ms, gt, 0, obs * ms);
			for (int i = 0; i < obs; i++) {
				r[i] = y[t * obs + i] - mu[o + i];
				for (int j = 0; j <= i; j++) s[i * obs + j] = gt[i * ms + o + j];
			}
		} else {
			int i0 = 0;
			for (; i0 + 2 <= obs; i0 += 2) combine(em, i0 * d, i0 * d + d, c, o, d, gt, i0 * ms, i0 * ms + ms);
			if (i0 < obs) combine(em, i0 * d, i0 * d, c, o, d, gt, i0 * ms, i0 * ms);
			for (int i = 0, io = 0; i < obs; i++, io += ms) {
				double v = y[t * obs + i] - m.offset[i];
				for (int a = 0; a < d; a++) v -= em[i * d + a] * mu[o + a];
				r[i] = v;
				for (int j = 0; j <= i; j++) {
					double x = 0;
					for (int a = 0; a < d; a++) x += gt[io + o + a] * em[j * d + a];
					s[i * obs + j] = x;
				}
			}
		}
		for (int i = 0; i < obs; i++) s[i * obs + i] += scale * m.noise[i];
		// in place: S's lower triangle becomes L, r becomes L^-1 r (G^T becomes L^-1 G^T in correct: the same sums)
		double logDet = 0, sq = 0;
		for (int i = 0; i < obs; i++) {
			for (int j = 0; j <= i; j++) {
				double v = s[i * obs + j];
				for (int a = 0; a < j; a++) v -= s[i * obs + a] * s[j * obs + a];
				if (i == j) {
					if (!(v > 0)) throw new IllegalStateException("the predicted observation covariance is not positive definite at frame " + t);
					s[i * obs + i] = Math.sqrt(v);
				} else s[i * obs + j] = v / s[j * obs + j];
			}
			double li = s[i * obs + i];
			double ri = r[i];
			for (int a = 0; a < i; a++) ri -= s[i * obs + a] * r[a];
			r[i] = ri / li;
			logDet += 2 * Math.log(li);
			sq += r[i] * r[i];
		}
		return -0.5 * (obs * LOG_2PI + logDet + sq);
	}

	/** Finishes the {@link #observe} before it (nothing after a missing frame): G^T -> L^-1 G^T, mu += G S^-1 r, P -= G S^-1 G^T. */
	private void correct(double[] mu, double[] c) {
		if (!pending) return;
		pending = false;
		final int obs = this.obs, ms = this.ms;
		final double[] gt = this.gt, s = this.sm, r = this.r;
		for (int i = 0, io = 0; i < obs; i++, io += ms) {
			double li = s[i * obs + i];
			int j = 0; // G^T's row i: four columns at a time, the sums in registers
			for (; j + 4 <= ms; j += 4) {
				double v0 = gt[io + j], v1 = gt[io + j + 1], v2 = gt[io + j + 2], v3 = gt[io + j + 3];
				for (int a = 0, ao = 0; a < i; a++, ao += ms) {
					double f = s[i * obs + a];
					v0 -= f * gt[ao + j];
					v1 -= f * gt[ao + j + 1];
					v2 -= f * gt[ao + j + 2];
					v3 -= f * gt[ao + j + 3];
				}
				gt[io + j] = v0 / li;
				gt[io + j + 1] = v1 / li;
				gt[io + j + 2] = v2 / li;
				gt[io + j + 3] = v3 / li;
			}
			for (; j < ms; j++) {
				double v = gt[io + j];
				for (int a = 0, ao = 0; a < i; a++, ao += ms) v -= s[i * obs + a] * gt[ao + j];
				gt[io + j] = v / li;
			}
		}
		// mu += G S^-1 r; P -= G S^-1 G^T: its lower triangle row by row, eight or four entries at a time with the sums in
		// registers, each mirrored at once (nothing later reads the upper triangle's entries of later rows)
		final int span = obs * ms;
		int a0 = 0;
		for (; a0 + 4 <= ms; a0 += 4) {
			double v0 = mu[a0], v1 = mu[a0 + 1], v2 = mu[a0 + 2], v3 = mu[a0 + 3];
			for (int i = 0, io = a0; i < obs; i++, io += ms) {
				double x = r[i];
				v0 += gt[io] * x;
				v1 += gt[io + 1] * x;
				v2 += gt[io + 2] * x;
				v3 += gt[io + 3] * x;
			}
			mu[a0] = v0;
			mu[a0 + 1] = v1;
			mu[a0 + 2] = v2;
			mu[a0 + 3] = v3;
		}
		for (; a0 < ms; a0++) {
			double v = mu[a0];
			for (int i = 0, io = a0; i < obs; i++, io += ms) v += gt[io] * r[i];
			mu[a0] = v;
		}
		for (int a = 0, ao = 0; a < ms; a++, ao += ms) {
			int b = 0;
			for (; b + 8 <= a + 1; b += 8) {
				double v0 = c[ao + b], v1 = c[ao + b + 1], v2 = c[ao + b + 2], v3 = c[ao + b + 3];
				double v4 = c[ao + b + 4], v5 = c[ao + b + 5], v6 = c[ao + b + 6], v7 = c[ao + b + 7];
				for (int io = 0; io < span; io += ms) {
					double f = gt[io + a];
					int e = io + b;
					v0 -= f * gt[e];
					v1 -= f * gt[e + 1];
					v2 -= f * gt[e + 2];
					v3 -= f * gt[e + 3];
					v4 -= f * gt[e + 4];
					v5 -= f * gt[e + 5];
					v6 -= f * gt[e + 6];
					v7 -= f * gt[e + 7];
				}
				c[ao + b] = c[b * ms + a] = v0;
				c[ao + b + 1] = c[(b + 1) * ms + a] = v1;
				c[ao + b + 2] = c[(b + 2) * ms + a] = v2;
				c[ao + b + 3] = c[(b + 3) * ms + a] = v3;
				c[ao + b + 4] = c[(b + 4) * ms + a] = v4;
				c[ao + b + 5] = c[(b + 5) * ms + a] = v5;
				c[ao + b + 6] = c[(b + 6) * ms + a] = v6;
				c[ao + b + 7] = c[(b + 7) * ms + a] = v7;
			}
			for (; b + 4 <= a + 1; b += 4) {
				double v0 = c[ao + b], v1 = c[ao + b + 1], v2 = c[ao + b + 2], v3 = c[ao + b + 3];
				for (int io = 0; io < span; io += ms) {
					double f = gt[io + a];
					v0 -= f * gt[io + b];
					v1 -= f * gt[io + b + 1];
					v2 -= f * gt[io + b + 2];
					v3 -= f * gt[io + b + 3];
				}
				c[ao + b] = c[b * ms + a] = v0;
				c[ao + b + 1] = c[(b + 1) * ms + a] = v1;
				c[ao + b + 2] = c[(b + 2) * ms + a] = v2;
				c[ao + b + 3] = c[(b + 3) * ms + a] = v3;
			}
			for (; b <= a; b++) {
				double x = c[ao + b];
				for (int io = 0; io < span; io += ms) x -= gt[io + a] * gt[io + b];
				c[ao + b] = c[b * ms + a] = x;
			}
		}
	}

	/**
	 * out[oo + j] = sum_a f[fo + a] P[(po + a) ms + j] and out[oo1 + j] likewise with f[fo1 + a], for j < ms, a < n:
	 * two combinations of n rows of P (each summed over a in order from 0), four columns of both at a time with the
	 * eight sums in registers (each load of P serves two rows; fo1 = fo, oo1 = oo for one row).
	 */
	private void combine(double[] f, int fo, int fo1, double[] p, int po, int n, double[] out, int oo, int oo1) {
		final int ms = this.ms;
		int j = 0;
		for (; j + 4 <= ms; j += 4) {
			double v0 = 0, v1 = 0, v2 = 0, v3 = 0, u0 = 0, u1 = 0, u2 = 0, u3 = 0;
			for (int a = 0, o = po * ms + j; a < n; a++, o += ms) {
				double x = f[fo + a], z = f[fo1 + a], p0 = p[o], p1 = p[o + 1], p2 = p[o + 2], p3 = p[o + 3];
				v0 += x * p0;
				v1 += x * p1;
				v2 += x * p2;
				v3 += x * p3;
				u0 += z * p0;
				u1 += z * p1;
				u2 += z * p2;
				u3 += z * p3;
			}
			out[oo + j] = v0;
			out[oo + j + 1] = v1;
			out[oo + j + 2] = v2;
			out[oo + j + 3] = v3;
			out[oo1 + j] = u0;
			out[oo1 + j + 1] = u1;
			out[oo1 + j + 2] = u2;
			out[oo1 + j + 3] = u3;
		}
		for (; j < ms; j++) {
			double v = 0, u = 0;
			for (int a = 0, o = po * ms + j; a < n; a++, o += ms) {
				v += f[fo + a] * p[o];
				u += f[fo1 + a] * p[o];
			}
			out[oo + j] = v;
			out[oo1 + j] = u;
		}
	}

	/** log p(z) terms that involve frames from..to (transitions into from..to + 1), with frames a..c relabelled j (c < a: none). */
	private double logPrior(int from, int to, int a, int c, int j) {
		double v = 0;
		for (int t = from; t <= Math.min(to + 1, frames - 1); t++) {
			int cur = t >= a && t <= c ? j : z[t];
			if (t == g) v += logPi[cur];
			else {
				int prev = t - 1 >= a && t - 1 <= c ? j : z[t - 1];
				v += logT[prev * k + cur];
			}
		}
		return v;
	}

	/**
	 * The change of log p(y, z) if frames a..c (a >= G) were labelled j; with store, also makes that move. Without,
	 * keeps the filter it ran (up to {@link #TAIL} frames) for {@link #take}.
	 */
	double gain(int a, int c, int j, boolean store) {
		evaluated++;
		double dz = logPrior(a, c, a, c, j) - logPrior(a, c, -1, -1, 0);
		System.arraycopy(mean, (a - 1) * ms, wm, 0, ms);
		System.arraycopy(cov, (a - 1) * ms * ms, wc, 0, ms * ms);
		double dy = 0;
		int t = a;
		keptFrom = -1;
		boolean keep = !store;
		for (; t < frames; t++) {
			double ll = step(wm, wc, t, t <= c ? j : z[t]);
			stepped++;
			dy += ll - pll[t];
			boolean close = t > c && close(t);
			if (store) put(t, ll, wm, 0, wc, 0);
			else if (keep && (keep = t - a < TAIL)) { // in the kept filter
				int i = t - a;
				keptPll[i] = ll;
				System.arraycopy(wm, 0, keptMean, i * ms, ms);
				System.arraycopy(wc, 0, keptCov, i * ms * ms, ms * ms);
			}
			if (close) break;
		}
		rejoined = Math.min(t, frames - 1);
		if (store) {
			Arrays.fill(z, a, c + 1, j);
			accepted++;
		} else if (keep) {
			keptFrom = a;
			keptEnd = c;
			keptState = j;
			keptTo = rejoined;
			keptGain = dz + dy;
		}
		return dz + dy;
	}

	/**
	 * Makes the move a..c -> j: from the filter that the last {@link #gain} kept when it evaluated this move (the same
	 * numbers), else by running it again. Returns its gain.
	 */
	private double take(int a, int c, int j) {
		if (keptFrom != a || keptEnd != c || keptState != j) return gain(a, c, j, true);
		for (int t = a; t <= keptTo; t++) put(t, keptPll[t - a], keptMean, (t - a) * ms, keptCov, (t - a) * ms * ms);
		Arrays.fill(z, a, c + 1, j);
		accepted++;
		rejoined = keptTo;
		keptFrom = -1;
		return keptGain;
	}

	/** Stores frame t's filter (and marks it changed in this sweep). */
	private void put(int t, double ll, double[] mu, int mo, double[] c, int co) {
		pll[t] = ll;
		System.arraycopy(mu, mo, mean, t * ms, ms);
		System.arraycopy(c, co, cov, t * ms * ms, ms * ms);
		if (changed != null) changed[t] = sweepNo;
		if (t == lamAt) lamAt = -1;
	}

	/** The most frames of an evaluated move's filter kept for {@link #take} (3.4 KB each at d = 10, G = 2). */
	static final int TAIL = 512;
	/**
	 * The filter of the last {@link #gain} without store, frames keptFrom..keptTo (keptFrom -1: none), its move and gain;
	 * min(frames, TAIL) frames allocated once.
	 */
	private final double[] keptMean, keptCov, keptPll;
	private int keptFrom = -1, keptEnd, keptState, keptTo;
	private double keptGain;

	private boolean close(int t) {
		for (int i = 0; i < ms; i++)
			if (Math.abs(wm[i] - mean[t * ms + i]) > CLOSE) return false;
		for (int i = 0, o = t * ms * ms; i < ms * ms; i++)
			if (Math.abs(wc[i] - cov[o + i]) > CLOSE) return false;
		return true;
	}

	/**
	 * Sweeps: every run of at most {@link #RUN} frames, and every whole segment (run of one label), relabelled to each
	 * other state is screened by its change of log p(y, z) without the filter's tail (the filter run from the run's
	 * first frame through its last only: {@link #RUN} + 1 steps per frame and state); those that gain more than
	 * -{@link #MARGIN} that way are evaluated exactly ({@link #gain}), best screened first, and taken when they gain
	 * more than {@link #MIN_GAIN}; runs near a taken move wait for the next sweep, which screens only there. Until a
	 * sweep takes none or after maxSweeps. Returns the total gain.
	 * <p>
	 * A later sweep reuses a start frame and state's screening from an earlier one when nothing it read (the stored
	 * filter at a - 1, log-likelihoods and labels from a - 1 to one past the last frame it stepped or its segment's end)
	 * has changed since: the same numbers, so the same candidates, order and moves as screening again (noisy_a, first
	 * EM iteration: 42,576 of the later sweeps' screenings reused).
	 */
	double sweep(int maxSweeps, Progress progress) {
		double total = 0;
		boolean[] dirty = null; // where to screen: everywhere in the first sweep, then near the last sweep's moves
		// per start frame a and state j: the sweep that screened it last (-1: none), its best screened gain and run end
		// (-1: no candidate), and the last frame it read; per frame, the last sweep whose moves changed it (-1: none)
		int[] when = new int[frames * k], end = new int[frames * k], read = new int[frames * k];
		double[] best = new double[frames * k];
		Arrays.fill(when, -1);
		changed = new int[frames];
		Arrays.fill(changed, -1);
		for (int sw = 0; sw < maxSweeps; sw++) {
			sweepNo = sw;
			int before = accepted;
			java.util.List<double[]> cands = new java.util.ArrayList<>();
			for (int a = g; a < frames; a++) {
				if (((a - g) & 1023) == 0) progress.checkCancelled(); // about 0.1-1 s of screening per 1,024 start frames (noisy_a)
				if (dirty != null && !dirty[a]) continue;
				for (int j = 0; j < k; j++) {
					if (z[a] == j) continue;
					int p = a * k + j;
					if (!(reusing && when[p] >= 0 && unchanged(a - 1, read[p], when[p]))) {
						screen(a, j);
						when[p] = sw;
						best[p] = screenedGain;
						end[p] = screenedEnd;
						read[p] = screenedRead;
					} else reused++;
					if (end[p] >= 0) cands.add(new double[] { best[p], a, end[p], j });
				}
			}
			cands.sort((x, y) -> Double.compare(y[0], x[0]));
			boolean[] blocked = new boolean[frames], next = new boolean[frames];
			for (double[] c : cands) {
				int a = (int) c[1], e = (int) c[2], j = (int) c[3];
				if (any(blocked, Math.max(g, a - 1), Math.min(frames - 1, e + 1))) continue;
				if (!(gain(a, e, j, false) > MIN_GAIN)) continue;
				total += take(a, e, j);
				Arrays.fill(blocked, Math.max(g, a - REACH), Math.min(frames, rejoined + 1), true);
				Arrays.fill(next, Math.max(g, a - REACH), Math.min(frames, rejoined + REACH + 1), true);
			}
			if (accepted == before) break;
			dirty = next;
		}
		changed = null;
		return total;
	}

	/** The bound that {@link #kills} compares with. */
	private final PredictiveBound bound;
	/** The residual of {@link #kills}' bound. */
	private final double[] kr;
	/** Screening steps skipped by {@link #kills}. */
	long killed;
	/** The screening's shortcuts ({@link #kills}, screenings reused by later sweeps); off only in tests, which compare. */
	boolean bounded = true, reusing = true;
	/**
	 * With the shortcuts off ({@link #bounded} false: tests), the steps that {@link #kills} would have skipped, counted
	 * after the step by whether it did end the run (right) or not (wrong: the bound was not one).
	 */
	long boundRight, boundWrong;

	/**
	 * Whether screening frame t under state j from the filtered (mu, c) at t - 1 surely ends the run (acc + log p(y_t |
	 * ...) - pll[t] < -HOPELESS), judged by {@link PredictiveBound} without the step, with a margin for rounding (1e-6
	 * nats and 1e-12 of the magnitudes summed). stored: the frame whose stored covariance c is (its Gershgorin bound
	 * is shared by the states), or -1. Leaves xh = A_j mu + b_j for the step's {@link #predict}.
	 */
	private boolean kills(double acc, double[] mu, double[] c, int t, int j, int stored) {
		madeXh = false;
		if (Double.isNaN(y[t * obs])) return false;
		final int obs = this.obs;
		final double[] r = kr, e = m.emission;
		predictMean(m.weights[j], mu);
		madeXh = true;
		double rr = 0;
		for (int i = 0; i < obs; i++) {
			double v = y[t * obs + i];
			if (e == null) v -= xh[i];
			else {
				v -= m.offset[i];
				for (int a = 0; a < d; a++) v -= e[i * d + a] * xh[a];
			}
			r[i] = v;
			rr += v * v;
		}
		double need = pll[t] - acc - HOPELESS - (1e-6 + 1e-12 * (Math.abs(pll[t]) + Math.abs(acc)));
		return bound.upper(r, rr, j, u == null ? 1 : 1 / u[t], u != null, stored >= 0 ? storedLam(stored) : Double.NaN, c, 0, need) < need;
	}

	/** The frame whose stored covariance's Gershgorin bound is lamStored (-1: none). */
	private int lamAt = -1;
	private double lamStored;

	/** Gershgorin's bound on the stored covariance at frame t (the start frame's, shared by its states). */
	private double storedLam(int t) {
		if (lamAt != t) {
			lamStored = PredictiveBound.gershgorin(cov, t * ms * ms, ms);
			lamAt = t;
		}
		return lamStored;
	}

	/** Whether the last {@link #kills} left xh = A_j mu + b_j for the step's {@link #predict}. */
	private boolean madeXh;

	/** The sweep under way, and per frame the last sweep whose moves changed its stored filter or label (during {@link #sweep}). */
	private int sweepNo;
	private int[] changed;
	/** Screenings reused by a later sweep ({@link #sweep}). */
	long reused;
	/** What the last {@link #screen} found: the best screened gain, its run's last frame (-1: none above -MARGIN), the last frame it read. */
	private double screenedGain;
	private int screenedEnd, screenedRead;

	/** Whether no move changed frames from..to in or after sweep since. */
	private boolean unchanged(int from, int to, int since) {
		for (int t = from; t <= to; t++)
			if (changed[t] >= since) return false;
		return true;
	}

	/**
	 * Screens frames a.. relabelled j (z[a] != j): the filter from a - 1's stored state with label j, the best change of
	 * log p(y, z) without the tail over the run ends allowed (runs of at most RUN frames; from a segment's start also its
	 * end), above -MARGIN. log p(z)'s change is summed as the run grows (the terms in {@link #logPrior}'s order).
	 */
	private void screen(int a, int j) {
		final int k = this.k;
		int segEnd = a;
		boolean segStart = a == g || z[a - 1] != z[a];
		if (segStart) while (segEnd + 1 < frames && z[segEnd + 1] == z[a]) segEnd++;
		System.arraycopy(mean, (a - 1) * ms, wm, 0, ms);
		System.arraycopy(cov, (a - 1) * ms * ms, wc, 0, ms * ms);
		double acc = 0, best = -MARGIN;
		// log p(z)'s terms into frames a..t under the move (run) and as stored (old), without the one into t + 1
		double run = a == g ? logPi[j] : logT[z[a - 1] * k + j], old = a == g ? logPi[z[a]] : logT[z[a - 1] * k + z[a]];
		int bestEnd = -1, last = Math.min(segStart ? Math.max(segEnd, a + RUN - 1) : a + RUN - 1, frames - 1), t = a;
		for (;; t++) {
			if (t > a) {
				correct(wm, wc); // y_{t-1}, left by the last predict
				run += logT[j * k + j];
				old += logT[z[t - 1] * k + z[t]];
			}
			if (bounded && kills(acc, wm, wc, t, j, t == a ? a - 1 : -1)) { // the step would end the run: skipped, same result
				killed++;
				break;
			}
			boolean would = !bounded && kills(acc, wm, wc, t, j, t == a ? a - 1 : -1); // tests: is the bound one?
			acc += predict(wm, wc, t, j, bounded && madeXh) - pll[t];
			screened++;
			if (would) {
				if (acc < -HOPELESS) boundRight++;
				else boundWrong++;
			}
			if (acc < -HOPELESS) break; // a run that has lost this much does not come back (noisy_a: same moves, BENCHMARKS.md)
			if (t < a + RUN || t == segEnd) {
				double v = t + 1 < frames ? acc + (run + logT[j * k + z[t + 1]]) - (old + logT[z[t] * k + z[t + 1]]) : acc + run - old;
				if (v > best) {
					best = v;
					bestEnd = t;
				}
			}
			if (t == last) break;
		}
		screenedGain = best;
		screenedEnd = bestEnd;
		screenedRead = Math.min(frames - 1, Math.max(t + 1, segStart ? segEnd + 1 : a));
	}

	/** The longest run screened anywhere (whole segments besides), frames. */
	private static final int RUN = 8;
	/**
	 * Screening stops extending a run once the filter's log-likelihoods along it fell this far below the stored ones,
	 * nats: 10 and 30 took the same moves as none on both oracles (noisy_a 273 k, 467 k, 1.06 M screening steps).
	 */
	private static final double HOPELESS = 10;
	/** How far below zero a screened gain (without the filter's tail) may be and still be evaluated exactly, nats. */
	private static final double MARGIN = 2;

	/** Frames around a move whose segments the next sweep looks at again: about the filter's tail of a move (85 frames on average, noisy_a). */
	private static final int REACH = 50;

	private static boolean any(boolean[] b, int from, int to) {
		for (int t = from; t <= to; t++)
			if (b[t]) return true;
		return false;
	}

	/**
	 * Structured mean field that can leave its start: q must have converged under m; then, for at most rounds
	 * rounds, the local moves ({@link #sweep}, at most sweeps sweeps) from q's argmax labels, structured mean field
	 * from q(z) one-hot on the labels they reach (q(w) carried over), and q takes that result when its ELBO is
	 * higher. Returns q's ELBO.
	 */
	public static double refine(StructuredMeanField q, SldsParameters m, int innerIterations, double tolerance, Progress progress) {
		return refine(q, m, ROUNDS, SWEEPS, innerIterations, tolerance, progress);
	}

	/**
	 * Bytes that {@link #refine} holds on top of q for a sequence: the larger of the stored filter (during the moves)
	 * and a second structured mean field (from the labels reached; the filter is dropped before it is built), -1 on
	 * overflow.
	 */
	public static long refineBytes(long frames, int obs, int d, int lags, int k) {
		long search = bytes(frames, lags * d, k), smf = StructuredMeanField.bytes(frames, obs, d, lags, k);
		return search < 0 || smf < 0 ? -1 : Math.max(search, smf);
	}

	/** Rounds of moves then structured mean field, and sweeps per round, of {@link #refine(StructuredMeanField, SldsParameters, int, double)}. */
	static final int ROUNDS = 5, SWEEPS = 10;
	/**
	 * Fit SLDS makes label moves in EM iterations until one gains less than this fraction of the training ELBO (then
	 * only in the final decoding): on noisy_a, 10 states, moves in every EM iteration gained 93, 22, 0.3, 1.4, 1.2,
	 * 2.2, 0.3, then 0 nats (of 31,500) in 13 more (BENCHMARKS.md, SLDS).
	 */
	static final double EM_GAIN = 1e-4;

	/** As above with at most rounds rounds of at most sweeps sweeps. */
	static double refine(StructuredMeanField q, SldsParameters m, int rounds, int sweeps, int innerIterations, double tolerance,
			Progress progress) {
		double elbo = q.elbo(m);
		for (int r = 0; r < rounds; r++) {
			progress.checkCancelled();
			double[] u = null;
			if (q.wRate != null) {
				u = new double[q.frames];
				for (int t = 0; t < q.frames; t++) u[t] = q.weight(t);
			}
			LabelSearch s = new LabelSearch(m, q.y, q.labels(null), u);
			double before = s.logJoint(), gained = s.sweep(sweeps, progress);
			if (LOG) System.err.printf("round %d: log p(y,z) %.3f (ELBO %.3f), %d moves of %d, %d frames stepped, %d screened, gain %.3f (recomputed %.3f), %d screenings reused, %d screening steps ended by the bound%n", r,
					before, elbo, s.accepted, s.evaluated, s.stepped, s.screened, gained, s.logJoint() - before, s.reused, s.killed);
			if (s.accepted == 0) break;
			int[] moved = s.z;
			s = null; // the stored filter goes before the second structured mean field is built (refineBytes)
			double[] start = new double[(q.frames - q.lags) * q.k];
			for (int t = q.lags; t < q.frames; t++) start[(t - q.lags) * q.k + moved[t]] = 1;
			StructuredMeanField c = new StructuredMeanField(q.y, q.obs, q.d, q.lags, q.k, start);
			c.wShape = q.wShape;
			c.wRate = q.wRate == null ? null : q.wRate.clone();
			double e = c.converge(m, innerIterations, tolerance, null);
			if (LOG) System.err.printf("   SMF from them: ELBO %.3f (%d block updates)%n", e, c.blockUpdates);
			if (!(e > elbo)) break;
			q.adopt(c);
			elbo = e;
			if (Arrays.equals(q.labels(null), moved)) break; // structured mean field kept the moves' labels: a new round would start where this one ended
		}
		return elbo;
	}
}
