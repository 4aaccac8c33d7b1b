package org.latentj.slds;

import java.util.Arrays;

import org.apache.commons.math3.special.Gamma;
import org.latentj.hmm.ForwardBackward;
import org.latentj.hmm.Posterior;
import org.latentj.util.Parallel;

/**
 * Structured mean-field inference q(z) q(x) for one sequence of an SLDS (identity or linear emissions).
 * Frames whose observation row is NaN are missing (dropped): the smoother simply has no
 * observation there, and the chain of x and z runs through them. z is defined on frames G..T-1
 * (row t - G of q(z)), where the dynamics are; the first G frames have the prior N(0, priorVariance I).
 * <p>
 * The ELBO is L = E[log p(z)] + H[q(z)] + sum_t,k q(z_t = k) E_q(x) log N(x_t; W_k phi_t, Q_k)
 * + E_q(x)[log p(x_{<G}) + log p(y | x)] + H[q(x)]. After forward-backward with log-likelihoods l,
 * H[q(z)] = log Z - sum q l - E[log p(z)], which is how the entropy of q(z) is kept (then valid for
 * any parameters). Both block updates are exact coordinate ascent steps, so L never decreases.
 * <p>
 * Student-t observation noise (finite {@link SldsParameters#dof} nu): y_t ~ N(C x_t + offset, R / w_t) with
 * w_t ~ Gamma(nu / 2, rate nu / 2), and a third factor q(w) = prod_t Gamma(a, b_t) over observed frames,
 * a = (nu + obs) / 2, b_t = (nu + E[r_t^T R^-1 r_t]) / 2 (r_t = y_t - C x_t - offset, the expectation with
 * q(x)'s covariance), so E[w_t] = (nu + obs) / (nu + E[r_t^T R^-1 r_t]). It scales frame t's observation
 * potential by E[w_t] and adds E log p(w) + H[q(w)] to the ELBO; its update (after q(x)'s) is exact too.
 */
public final class StructuredMeanField {

	private static final double LOG_2PI = Math.log(2 * Math.PI);

	final double[] y;
	/** Frames, latent dimension, lags, states, window size (G + 1) d, observed dimension. */
	final int frames, d, lags, k, n, obs;
	/** q(z) marginals, (T - G) x K. */
	double[] w;
	LdsSmoother.Result qx;
	/** E_q(x) log N(x_t; W_k phi_t, Q_k), (T - G) x K, under {@link #llFor}. */
	private double[] ll;
	private SldsParameters llFor;
	/** Expected transition counts (K x K) and q(z_G) of the last forward-backward, and H[q(z)]. */
	double[] counts, first;
	double entropyZ = Double.NaN;
	/** q(w) (Student-t noise only): shape a for every frame, rate b_t per frame; null with Gaussian noise. */
	double wShape;
	double[] wRate;
	/** Block updates run by the last {@link #converge} and whether it met the tolerance. */
	int blockUpdates;
	boolean converged;

	/** A sequence (T x D, NaN rows missing) and a starting q(z) ((T - G) x K, rows summing to 1); identity emissions. */
	public StructuredMeanField(double[] y, int d, int lags, int k, double[] startW) {
		this(y, d, d, lags, k, startW);
	}

	/** As above with obs observed numbers per frame (T x obs) and a latent x of d (linear emissions). */
	public StructuredMeanField(double[] y, int obs, int d, int lags, int k, double[] startW) {
		this.y = y;
		this.obs = obs;
		this.d = d;
		this.lags = lags;
		this.k = k;
		this.frames = y.length / obs;
		this.n = (lags + 1) * d;
		if (frames <= lags) throw new IllegalArgumentException("a sequence needs more than " + lags + " frames");
		if (startW.length != (frames - lags) * k) throw new IllegalArgumentException("q(z) has the wrong size");
		this.w = startW.clone();
	}

	/**
	 * Bytes that inference on a sequence holds at its peak, about (8 bytes each, the smoothing and the M-step's peaks
	 * added, an upper bound): q(x)'s covariances with lags ((G + 1) d^2 per frame), the next q(x)'s band, which the
	 * smoother builds while the previous q(x) is still held ((G + 1) d^2 per frame, counted as 2 G d^2, at least
	 * that), the means, the smoother's h, z and new means (3 d per frame), data, q(z) and its log-likelihoods and the
	 * forward-backward's arrays (about 5 K per frame), q(w)'s rate (Student-t noise); and the M-step's partial sums
	 * per block of {@link SldsFitter#MOMENT_BLOCK} frames (blocks x K x (len + 1), len = n (n + 1) / 2 + n packed
	 * moments, n = (G + 1) d).
	 */
	public static long bytes(long frames, int obs, int d, int lags, int k) {
		long perFrame = (long) (lags + 1) * d * d + 2L * lags * d * d + d + 3L * d + obs + 5L * k + 1;
		long n = (long) (lags + 1) * d, blocks = Math.max(0, frames - lags + SldsFitter.MOMENT_BLOCK - 1) / SldsFitter.MOMENT_BLOCK;
		long perSequence = org.latentj.util.Memory.product(8, frames, perFrame), partial = org.latentj.util.Memory.product(8, blocks, k,
				n * (n + 1) / 2 + n + 1);
		return perSequence < 0 || partial < 0 || perSequence > Long.MAX_VALUE - partial ? -1 : perSequence + partial;
	}

	public int frames() {
		return frames;
	}

	/** q(x) given q(z) (and q(w)): the Kalman smoother on the expected dynamics. */
	public void updateX(SldsParameters m) {
		double pv = 1 / m.priorVariance;
		prepareW(m);
		// each state's P_k as the smoother reads it (lower block triangle, LdsSmoother.Potentials#windowBlocks): 2/3 of n^2 at G = 2
		int len = LdsSmoother.windowBlocksLength(d, lags);
		double[][] pk = new double[k][len];
		for (int s = 0; s < k; s++) {
			double[] full = m.p[s], packed = pk[s];
			for (int b = 0, o = 0; b <= lags; b++)
				for (int a = b; a <= lags; a++)
					for (int i = 0; i < d; i++, o += d) System.arraycopy(full, (a * d + i) * n + b * d, packed, o, d);
		}
		qx = LdsSmoother.smooth(frames, d, lags, new LdsSmoother.Potentials() {
			@Override
			public void windowBlocks(int t, double[] j, double[] h) { // sum_k q(z_t = k) P_k: K axpys of (G+1)(G+2)/2 D^2
				int row = (t - lags) * k;
				for (int s = 0; s < k; s++) {
					double q = w[row + s];
					if (q == 0) continue;
					double[] ps = pk[s], hs = m.h[s];
					for (int i = 0; i < len; i++) j[i] += q * ps[i];
					for (int i = 0; i < n; i++) h[i] += q * hs[i];
				}
			}

			@Override
			public void node(int t, double[] j, double[] h) {
				if (t < lags)
					for (int i = 0; i < d; i++) j[i * d + i] += pv;
				if (Double.isNaN(y[t * obs])) return;
				double u = weight(t); // E[w_t]: 1 with Gaussian noise
				if (!m.linear()) {
					for (int i = 0; i < d; i++) {
						j[i * d + i] += u / m.noise[i];
						h[i] += u * y[t * d + i] / m.noise[i];
					}
					return;
				}
				for (int i = 0; i < d * d; i++) j[i] += u * m.nodePrecision[i]; // C^T R^-1 C, C^T R^-1 (y - offset)
				for (int a = 0; a < d; a++) {
					double v = 0;
					for (int i = 0; i < obs; i++) v += m.nodeGain[a * obs + i] * (y[t * obs + i] - m.offset[i]);
					h[a] += u * v;
				}
			}
		});
		llFor = null;
	}

	/**
	 * Creates or resets q(w) for the model about to be used by an update (never by the ELBO, which only reads it):
	 * none with Gaussian noise, and the start E[w_t] = 1 (Gamma(a, a)) where q(w) is missing or was made for another dof.
	 */
	private void prepareW(SldsParameters m) {
		if (!m.student()) {
			wRate = null;
			return;
		}
		double a = 0.5 * (m.dof + obs);
		if (wRate != null && wShape == a) return;
		wShape = a;
		wRate = new double[frames];
		Arrays.fill(wRate, a);
	}

	/** E[w_t] under q(w) as the last update left it: 1 where there is none (Gaussian noise). */
	double weight(int t) {
		return wRate == null ? 1 : wShape / wRate[t];
	}

	/** q(w) given q(x) (Student-t noise; nothing with Gaussian): b_t = (nu + E[r_t^T R^-1 r_t]) / 2 on observed frames. */
	public void updateW(SldsParameters m) {
		prepareW(m);
		if (wRate == null) return;
		for (int t = 0; t < frames; t++)
			if (!Double.isNaN(y[t * obs])) wRate[t] = 0.5 * (m.dof + expectedMahalanobis(m, t));
	}

	/** q(z) given q(x): forward-backward (the HMM engine's) on the expected log dynamics. */
	public void updateZ(SldsParameters m) {
		double[] l = logLikelihoods(m);
		Posterior post = ForwardBackward.smooth(m.initial.probabilities(), m.transitions.matrix(), l, frames - lags, true);
		w = post.smoothed;
		counts = post.transitionCounts;
		first = Arrays.copyOf(w, k);
		entropyZ = post.marginalLogLik - dot(w, l) - expectedLogPrior(m);
	}

	/** E[log p(z)] under q(z) for the given transitions and initial distribution. */
	private double expectedLogPrior(SldsParameters m) {
		double[] p = m.transitions.matrix().toArray(), pi = m.initial.probabilities();
		double v = 0;
		for (int i = 0; i < k * k; i++)
			if (counts[i] > 0) v += counts[i] * Math.log(p[i]);
		for (int i = 0; i < k; i++)
			if (first[i] > 0) v += first[i] * Math.log(pi[i]);
		return v;
	}

	/** The ELBO under parameters m (q(z) must come from {@link #updateZ} at least once). */
	public double elbo(SldsParameters m) {
		return entropyZ + expectedLogPrior(m) + dot(w, logLikelihoods(m)) + xTerms(m);
	}

	/**
	 * Alternates the block updates (x, then w with Student-t noise, then z) until the updates after q(x)'s in a round
	 * (w's and z's) gain at most tolerance relatively, or after maxBlocks rounds; returns the ELBO. q(x) is exact given
	 * q(z) and q(w) when it is made, so a round whose later updates barely move the ELBO is at the fixed point to about
	 * that tolerance (one more round gains at most 2 tolerances, asserted in StructuredMeanFieldTest with Gaussian and
	 * with Student-t noise, whose w update moves x's node potentials), and a warm q (EM's next iteration) whose
	 * q(z) the new parameters do not move stops after one round. The ELBO after the x update is cheap (the z update
	 * reuses its expected log dynamics) but exists only once q(z) has come from a z update: a fresh q runs at least two
	 * rounds. Comparing whole rounds instead (the rule before 2026-12-07) ran a second round after every M-step, which
	 * gained 1e-12 to 1e-9 relatively on noisy_a (BENCHMARKS.md). With a history array, the ELBO after every block
	 * update (x, w, z) is appended (for the monotonicity checks).
	 */
	public double converge(SldsParameters m, int maxBlocks, double tolerance, java.util.List<Double> history) {
		double elbo = Double.NaN;
		converged = false;
		blockUpdates = 0;
		for (int b = 0; b < maxBlocks; b++) {
			updateX(m);
			double afterX = Double.isNaN(entropyZ) ? Double.NaN : elbo(m);
			if (history != null && !Double.isNaN(afterX)) history.add(afterX);
			if (m.student()) {
				updateW(m);
				if (history != null && !Double.isNaN(entropyZ)) history.add(elbo(m));
			}
			updateZ(m);
			elbo = elbo(m);
			blockUpdates++;
			if (history != null) history.add(elbo);
			if (Math.abs(elbo - afterX) <= tolerance * Math.abs(elbo)) {
				converged = true;
				break;
			}
		}
		return elbo;
	}

	/**
	 * E_q(x) log N(x_t; W_k phi_t, Q_k) = -tr(P_k E[v v^T]) / 2 + h_k^T E[v] + c_k for every scored frame and
	 * state, (T - G) x K: a (T x m) by (m x K) product, m = n(n + 1)/2 + n, of the packed moments
	 * ({@link #packedMoments}: the trace over the lower triangle, off-diagonals of P_k doubled) with the states'
	 * coefficients. Register blocks of 2 frames x 4 states (8 independent sums, 6 loads per 8 FMAs): Java keeps a
	 * single sum's additions in order, one per FMA latency, and a frames-innermost (vectorisable) form needed a
	 * transposed copy of the moments whose strided stores cost more than they saved (SldsBench, BENCHMARKS.md).
	 */
	double[] logLikelihoods(SldsParameters m) {
		if (llFor == m) return ll;
		int rows = frames - lags, np = n * (n + 1) / 2, len = np + n;
		double[] coef = new double[k * len]; // state c's coefficients of the packed moments at c m
		for (int c = 0; c < k; c++) {
			for (int i = 0, o = c * len; i < n; i++)
				for (int j = 0; j <= i; j++) coef[o++] = (i == j ? -0.5 : -1.0) * m.p[c][i * n + j];
			for (int i = 0; i < n; i++) coef[c * len + np + i] = m.h[c][i];
		}
		double[] out = new double[rows * k];
		// blocks of frames on all threads: each frame's sums are the same whatever the split
		Parallel.forEach(Parallel.blocks(rows, LL_BLOCK), blk -> logLikelihoods(m, coef, lags + blk * LL_BLOCK,
				Math.min(frames, lags + (blk + 1) * LL_BLOCK), out));
		ll = out;
		llFor = m;
		return out;
	}

	/** Frames per parallel block of {@link #logLikelihoods} (even: the frames go in pairs). */
	private static final int LL_BLOCK = 512;

	/** Rows from..to - 1 of {@link #logLikelihoods} into out, the states' coefficients given (c m + i). */
	private void logLikelihoods(SldsParameters m, double[] coef, int from, int to, double[] out) {
		int len = n * (n + 1) / 2 + n;
		double[] v = new double[2 * len];
		for (int t = from; t < to; t += 2) {
			boolean pair = t + 1 < to;
			packedMoments(t, v, 0);
			if (pair) packedMoments(t + 1, v, len);
			else Arrays.fill(v, len, 2 * len, 0);
			int row = (t - lags) * k, c = 0;
			for (; c + 3 < k; c += 4) {
				int o0 = c * len, o1 = o0 + len, o2 = o1 + len, o3 = o2 + len;
				double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
				for (int i = 0; i < len; i++) {
					double x = v[i], y = v[len + i], p0 = coef[o0 + i], p1 = coef[o1 + i], p2 = coef[o2 + i], p3 = coef[o3 + i];
					a0 = Math.fma(p0, x, a0);
					a1 = Math.fma(p1, x, a1);
					a2 = Math.fma(p2, x, a2);
					a3 = Math.fma(p3, x, a3);
					b0 = Math.fma(p0, y, b0);
					b1 = Math.fma(p1, y, b1);
					b2 = Math.fma(p2, y, b2);
					b3 = Math.fma(p3, y, b3);
				}
				out[row + c] = a0 + m.c[c];
				out[row + c + 1] = a1 + m.c[c + 1];
				out[row + c + 2] = a2 + m.c[c + 2];
				out[row + c + 3] = a3 + m.c[c + 3];
				if (pair) {
					out[row + k + c] = b0 + m.c[c];
					out[row + k + c + 1] = b1 + m.c[c + 1];
					out[row + k + c + 2] = b2 + m.c[c + 2];
					out[row + k + c + 3] = b3 + m.c[c + 3];
				}
			}
			if (c + 1 < k) { // two states left (K = 10): 2 x 2
				int o0 = c * len, o1 = o0 + len;
				double a0 = 0, a1 = 0, b0 = 0, b1 = 0;
				for (int i = 0; i < len; i++) {
					double x = v[i], y = v[len + i], p0 = coef[o0 + i], p1 = coef[o1 + i];
					a0 = Math.fma(p0, x, a0);
					a1 = Math.fma(p1, x, a1);
					b0 = Math.fma(p0, y, b0);
					b1 = Math.fma(p1, y, b1);
				}
				out[row + c] = a0 + m.c[c];
				out[row + c + 1] = a1 + m.c[c + 1];
				if (pair) {
					out[row + k + c] = b0 + m.c[c];
					out[row + k + c + 1] = b1 + m.c[c + 1];
				}
				c += 2;
			}
			for (; c < k; c++) {
				int o0 = c * len;
				double a0 = 0, b0 = 0;
				for (int i = 0; i < len; i++) {
					a0 = Math.fma(coef[o0 + i], v[i], a0);
					b0 = Math.fma(coef[o0 + i], v[len + i], b0);
				}
				out[row + c] = a0 + m.c[c];
				if (pair) out[row + k + c] = b0 + m.c[c];
			}
		}
	}

	/**
	 * E[v v^T]'s lower triangle (row i, column j <= i at i(i + 1)/2 + j) then E[v], for the window
	 * v = (x_{t-G}, ..., x_t): n(n + 1)/2 + n numbers written from out[off].
	 */
	void packedMoments(int t, double[] out, int off) {
		int base = t - lags, dd = d * d, g1 = lags + 1, mo = base * d;
		double[] mean = qx.mean, cov = qx.cov;
		int o = off;
		for (int a = 0; a <= lags; a++)
			for (int i = 0; i < d; i++) {
				double mi = mean[mo + a * d + i];
				for (int b = 0; b <= a; b++) {
					int co = (((base + a) * g1) + a - b) * dd + i * d, jo = mo + b * d, end = b == a ? i + 1 : d;
					for (int j = 0; j < end; j++) out[o + j] = cov[co + j] + mi * mean[jo + j];
					o += end;
				}
			}
		System.arraycopy(mean, mo, out, o, n);
	}

	/**
	 * E_q(x)[log p(x_{<G}) + log p(y | x, w)] + H[q(x)], and with Student-t noise E log p(w) + H[q(w)] (q(w) given,
	 * E log p(y | x, w) = obs E[log w_t] / 2 - E[w_t] E[r_t^T R^-1 r_t] / 2 - log|2 pi R| / 2).
	 */
	double xTerms(SldsParameters m) {
		// q(w) is only read here: Gaussian noise has no w (a q(w) left from a Student-t model is ignored, not
		// deleted); Student-t noise needs the q(w) of an update (any dof: the terms below hold for any Gamma q(w))
		boolean student = m.student();
		if (student && wRate == null)
			throw new IllegalStateException("the ELBO under Student-t noise needs q(w): run updateX or updateW with that model first");
		double v = qx.entropy(), logNorm = obs * LOG_2PI;
		for (int i = 0; i < obs; i++) logNorm += Math.log(m.noise[i]);
		double nu = m.dof, a = wShape, prior = 0, entropyA = 0, digammaA = 0;
		if (student) {
			digammaA = Gamma.digamma(a);
			prior = 0.5 * nu * Math.log(0.5 * nu) - Gamma.logGamma(0.5 * nu);
			entropyA = a + Gamma.logGamma(a) + (1 - a) * digammaA;
		}
		int g1 = lags + 1;
		for (int t = 0; t < frames; t++) {
			int diag = t * g1 * d * d;
			if (t < lags) {
				double sq = 0;
				for (int i = 0; i < d; i++) sq += qx.mean[t * d + i] * qx.mean[t * d + i] + qx.cov[diag + i * d + i];
				v += -0.5 * sq / m.priorVariance - 0.5 * d * (LOG_2PI + Math.log(m.priorVariance));
			}
			if (Double.isNaN(y[t * obs])) continue;
			double e = expectedMahalanobis(m, t);
			if (!student) {
				v += -0.5 * e - 0.5 * logNorm;
				continue;
			}
			double b = wRate[t], ew = a / b, elw = digammaA - Math.log(b);
			v += 0.5 * obs * elw - 0.5 * ew * e - 0.5 * logNorm; // E log N(y; C x + offset, R / w)
			v += prior + (0.5 * nu - 1) * elw - 0.5 * nu * ew; // E log Gamma(w; nu / 2, nu / 2)
			v += entropyA - Math.log(b); // H[Gamma(a, b)]
		}
		return v;
	}

	/** E_q(x)[r_t^T R^-1 r_t], r_t = y_t - C x_t - offset (C = I, offset = 0 with identity emissions), frame t observed. */
	double expectedMahalanobis(SldsParameters m, int t) {
		int diag = t * (lags + 1) * d * d;
		double v = 0;
		if (!m.linear()) {
			for (int i = 0; i < d; i++) {
				double r = y[t * d + i] - qx.mean[t * d + i];
				v += (r * r + qx.cov[diag + i * d + i]) / m.noise[i];
			}
			return v;
		}
		for (int i = 0; i < obs; i++) { // E (y_i - c_i x - o_i)^2 = (y_i - c_i mu - o_i)^2 + c_i Sigma c_i^T
			double r = y[t * obs + i] - m.offset[i], q = 0;
			for (int a = 0; a < d; a++) {
				double ca = m.emission[i * d + a];
				r -= ca * qx.mean[t * d + a];
				double row = 0;
				for (int b = 0; b < d; b++) row += qx.cov[diag + a * d + b] * m.emission[i * d + b];
				q += ca * row;
			}
			v += (r * r + q) / m.noise[i];
		}
		return v;
	}

	/** Takes over another inference's q(z), q(x), q(w) and counters on the same sequence (LabelSearch#refine). */
	void adopt(StructuredMeanField o) {
		w = o.w;
		qx = o.qx;
		counts = o.counts;
		first = o.first;
		entropyZ = o.entropyZ;
		wShape = o.wShape;
		wRate = o.wRate;
		blockUpdates += o.blockUpdates;
		converged = o.converged;
		llFor = null;
	}

	/** The most probable state of each frame (-1 for the first G) and its probability. */
	public int[] labels(double[] probability) {
		int[] out = new int[frames];
		Arrays.fill(out, 0, lags, -1);
		if (probability != null) Arrays.fill(probability, 0, lags, Double.NaN);
		for (int t = lags; t < frames; t++) {
			int row = (t - lags) * k, best = 0;
			for (int s = 1; s < k; s++)
				if (w[row + s] > w[row + best]) best = s;
			out[t] = best;
			if (probability != null) probability[t] = w[row + best];
		}
		return out;
	}

	/** q(z) marginals ((T - G) x K; the live array). */
	public double[] stateProbabilities() {
		return w;
	}

	/** E[x_t] (T x D; the live array). */
	public double[] means() {
		return qx.mean;
	}

	private static double dot(double[] a, double[] b) {
		double v = 0;
		for (int i = 0; i < a.length; i++) v += a[i] * b[i];
		return v;
	}
}
