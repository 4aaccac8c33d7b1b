package org.latentj.hmm;

import java.util.Arrays;

/**
 * The log-likelihood kernel of {@link LinearGaussianObservations} with frames in the inner loop: a chunk of
 * frames is copied into one column per window input, then each output y_i = (M_s u_t)_i of each state is
 * formed for the whole chunk in sweeps over those columns (two input pairs per sweep, the coefficients held
 * in registers), and its square added to the frame's sum. Inner loops are then as long as the chunk whatever
 * K and D, and an input pair whose coefficients are both 0 (the upper triangle of L^{-1} for Gaussian
 * observations: 42 of 98 pairs at D = 14) is never loaded.
 * <p>
 * Same bits as the frame-blocked kernel it replaced (ColumnLogLikelihoodsTest keeps that one and compares):
 * each y_i is bias + (x_0 m_0 + x_1 m_1) + (x_2 m_2 + x_3 m_3) + ... in the same order; a skipped pair only
 * ever added +-0, and a lone last input is paired with itself times 0, which again adds +-0, so y_i can
 * differ at most by the sign of a zero, which its square removes.
 * <p>
 * Measured (AMD EPYC Zen 5, 2 cores shared, load 5-6, OpenJDK 17, 2026-12-07; thread CPU, best of runs):
 * in Fit Training Phases' sweep (K = 1..8, D = 14, 300-frame runs, one thread) the log-likelihoods took
 * 0.83 s of 3.45 s in the frame-blocked kernel (inner loops K D long, 14 at K = 1, and a 14-long sum of
 * squares per state and frame that C2 does not vectorise), 0.53 s here; per frame and state at K = 8
 * 18 -> 12.7 ns, K = 1 34 -> 18 ns; MoSeq's shape (10 PCs, 2 lags, K = 50, random weights) 46 -> 20 ns.
 */
final class ColumnLogLikelihoods {

	/** Frames per chunk: 14 inputs (30 for 10 PCs and 2 lags) x 128 doubles stay in the L1 cache. */
	static final int CHUNK = 128;

	private final int k, d, lags, inputs;
	/** Per output (s d + i): the first input of each pair kept, its partner, and their coefficients. */
	private final int[][] first, second;
	private final double[][] u, v;
	private final double[] bias, logNorm;
	/** The stacked M^T itself, for the frames summed input by input. */
	private final double[][] mt;

	/**
	 * Per thread: the input columns, one output and the sums of squares of a chunk. A thread-local is safe here
	 * (unlike EStep's buffers) because {@link #block} starts no parallel work, so no other task can run on
	 * this thread while it holds them; their contents never outlive a chunk.
	 */
	private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[0][]);

	/** From the stacked M^T (one row of K D per window input except the constant), the constant's column and c_k. */
	ColumnLogLikelihoods(int k, int d, int lags, double[][] mt, double[] bias, double[] logNorm) {
		this.k = k;
		this.d = d;
		this.lags = lags;
		this.inputs = mt.length;
		this.mt = mt;
		this.bias = bias;
		this.logNorm = logNorm;
		int kd = k * d;
		first = new int[kd][];
		second = new int[kd][];
		u = new double[kd][];
		v = new double[kd][];
		for (int col = 0; col < kd; col++) {
			int[] a = new int[(inputs + 1) / 2], b = new int[a.length];
			double[] ua = new double[a.length], ub = new double[a.length];
			int p = 0;
			for (int c = 0; c < inputs; c += 2) {
				boolean pair = c + 1 < inputs;
				double m0 = mt[c][col], m1 = pair ? mt[c + 1][col] : 0;
				if (m0 == 0 && m1 == 0) continue; // adds +-0 only
				a[p] = c;
				b[p] = pair ? c + 1 : c;
				ua[p] = m0;
				ub[p] = m1;
				p++;
			}
			first[col] = Arrays.copyOf(a, p);
			second[col] = Arrays.copyOf(b, p);
			u[col] = Arrays.copyOf(ua, p);
			v[col] = Arrays.copyOf(ub, p);
		}
	}

	/**
	 * out[(t - from) K + s] for t in [t0, t1), as {@link Observations#logLikelihoods}, t0 a block's first frame.
	 * The last (t1 - t0) mod 4 frames of the block are summed input by input, not in pairs, as the
	 * frame-blocked kernel summed the frames left over from its groups of four: the same bits there too.
	 */
	void block(double[] x, int from, int t0, int t1, double[] out) {
		int fours = t0 + ((t1 - t0) & ~3);
		if (fours < t1) leftOver(x, from, fours, t1, out);
		double[][] s = scratch();
		double[] y = s[inputs], sum = s[inputs + 1];
		for (int tc = t0; tc < fours; tc += CHUNK) {
			int m = Math.min(CHUNK, fours - tc);
			int base = (tc - lags) * d;
			for (int c = 0; c < inputs; c++) {
				double[] col = s[c];
				for (int r = 0, i = base + c; r < m; r++, i += d) col[r] = x[i];
			}
			for (int state = 0; state < k; state++) {
				for (int i = 0; i < d; i++) row(s, state * d + i, y, sum, m, i == 0);
				double norm = logNorm[state];
				for (int r = 0, o = (tc - from) * k + state; r < m; r++, o += k) out[o] = norm - 0.5 * sum[r];
			}
		}
	}

	/** The frames of [t0, t1) one by one: y = bias, then y += x_c m_c for every input c in turn. */
	private void leftOver(double[] x, int from, int t0, int t1, double[] out) {
		int kd = k * d;
		double[] y = new double[kd];
		for (int t = t0; t < t1; t++) {
			int base = (t - lags) * d;
			System.arraycopy(bias, 0, y, 0, kd);
			for (int c = 0; c < inputs; c++) {
				double a = x[base + c];
				double[] m = mt[c];
				for (int j = 0; j < kd; j++) y[j] += a * m[j];
			}
			int row = (t - from) * k;
			for (int state = 0; state < k; state++) {
				double sum = 0;
				for (int i = 0, o = state * d; i < d; i++) sum += y[o + i] * y[o + i];
				out[row + state] = logNorm[state] - 0.5 * sum;
			}
		}
	}

	private double[][] scratch() {
		double[][] s = SCRATCH.get();
		if (s.length < inputs + 2) {
			s = new double[inputs + 2][CHUNK];
			SCRATCH.set(s);
		}
		return s;
	}

	/** sum += y^2 (sum = y^2 for the state's first output) with y = bias + the pairs of output {@code col}, over m frames. */
	private void row(double[][] s, int col, double[] y, double[] sum, int m, boolean firstOutput) {
		int[] a = first[col], b = second[col];
		double[] ua = u[col], ub = v[col];
		int p = a.length;
		double c = bias[col];
		if (p == 0) Arrays.fill(y, 0, m, c);
		else if (p == 1) init1(y, c, s[a[0]], s[b[0]], ua[0], ub[0], m);
		else init2(y, c, s[a[0]], s[b[0]], s[a[1]], s[b[1]], ua[0], ub[0], ua[1], ub[1], m);
		int q = 2;
		for (; q + 2 <= p; q += 2)
			add2(y, s[a[q]], s[b[q]], s[a[q + 1]], s[b[q + 1]], ua[q], ub[q], ua[q + 1], ub[q + 1], m);
		if (q < p) add1(y, s[a[q]], s[b[q]], ua[q], ub[q], m);
		if (firstOutput) for (int r = 0; r < m; r++) sum[r] = y[r] * y[r]; // 0 + y^2: the same bits
		else for (int r = 0; r < m; r++) sum[r] += y[r] * y[r];
	}

	// One loop per form, each a plain index over arrays indexed from 0 so that C2 vectorises it; at most two pairs
	// per loop: with three, C2 (JDK 17) no longer unrolls the loop enough to vectorise it (measured 1.9 against
	// 0.31 ns per frame for two).

	private static void init1(double[] y, double c, double[] a0, double[] b0, double u0, double v0, int m) {
		for (int r = 0; r < m; r++) y[r] = c + (a0[r] * u0 + b0[r] * v0);
	}

	private static void init2(double[] y, double c, double[] a0, double[] b0, double[] a1, double[] b1, double u0, double v0,
			double u1, double v1, int m) {
		for (int r = 0; r < m; r++) y[r] = c + (a0[r] * u0 + b0[r] * v0) + (a1[r] * u1 + b1[r] * v1);
	}

	private static void add1(double[] y, double[] a0, double[] b0, double u0, double v0, int m) {
		for (int r = 0; r < m; r++) y[r] = y[r] + (a0[r] * u0 + b0[r] * v0);
	}

	private static void add2(double[] y, double[] a0, double[] b0, double[] a1, double[] b1, double u0, double v0, double u1,
			double v1, int m) {
		for (int r = 0; r < m; r++) y[r] = y[r] + (a0[r] * u0 + b0[r] * v0) + (a1[r] * u1 + b1[r] * v1);
	}
}
