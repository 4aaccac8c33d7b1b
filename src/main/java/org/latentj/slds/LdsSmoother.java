package org.latentj.slds;

import org.latentj.util.BadInputException;

/**
 * The exact Gaussian posterior q(x) of a chain x_0..x_{T-1} (each D-dimensional) whose log density is
 * a sum of node potentials (one frame: -x^T J x / 2 + h^T x) and window potentials over G + 1
 * consecutive frames (x_{t-G}, ..., x_t), as the expected AR(G) dynamics of an SLDS give.
 * <p>
 * The precision Lambda of x_0..x_{T-1} is block banded: D x D blocks, Lambda_{s,t} = 0 for |s - t| > G.
 * Its block Cholesky factor L (Lambda = L L^T) is block lower banded with the same bandwidth, found
 * frame by frame: L_{t,j} = (Lambda_{t,j} - sum_{t-G <= s < j} L_{t,s} L_{j,s}^T) L_jj^-T for j = t-G..t-1,
 * then L_tt L_tt^T = Lambda_tt - sum_j L_{t,j} L_{t,j}^T; z = L^-1 h on the way, log|Lambda| = 2 sum log diag L.
 * The backward pass is the selected inversion of Takahashi et al.: from Sigma L = L^-T (upper triangular),
 * with B_s = L_{s,t} L_tt^-1 (s = t+1..t+G), Sigma_{s',t} = -sum_s Sigma_{s',s} B_s (s' = t+1..t+G) and
 * Sigma_tt = L_tt^-T L_tt^-1 - sum_s B_s^T Sigma_{s,t}; it needs only Sigma inside the band, which is exactly
 * what is kept: the means, Cov(x_t, x_t) and every lag cross-covariance Cov(x_t, x_{t-g}), g <= G. The mean
 * is mu_t = L_tt^-T z_t - sum_s B_s^T mu_s. (This replaced a Kalman smoother on chunks of G frames, m = GD,
 * 4.67 m^3 + 3 m^2 = 38,730 multiply-adds per chunk of 2 frames at GD = 20, i.e. 19,365 per frame; same results to
 * 6e-15 at T = 36,000.)
 * <p>
 * Arithmetic per frame away from the ends (multiply-adds, triangles counted exactly, tri = D(D+1)/2):
 * forward, the products L_{t,s} L_{j,s}^T (G(G-1)/2 D^3), the solves by L_jj^-T (G D tri), the Schur
 * complement of L_tt (G D tri, lower triangle), its Cholesky and the inverse of that ((D^3 - D)/6 each) and
 * z (G D^2 + tri); backward, B_s^T = L_tt^-T L_{s,t}^T (G D tri), X^T = B^T S with S the G x G frames'
 * covariance (G^2 D^3), Sigma_tt = (L_tt^-T, B^T)(L_tt^-T, X^T)^T (tri (D + GD), lower triangle) and mu_t
 * (D(D + GD) - D(D-1)/2). At D = 10, G = 2: 3,785 + 7,005 = 10,790 per frame (the kernels round the
 * triangles up to their 2 x 4 blocks and do 11,780), 388 M for T = 36,000: O(T G^2 D^3), 1.79x fewer than
 * the chunked smoother's 19,365 per frame (697 M).
 * <p>
 * Speed (SldsBench speed with -Dslds.smootherOnly=1 -Dlatentj.threads=1, 2026-12-07 06:54 UTC, AMD EPYC family 26
 * = Zen 5, 2 cores, OpenJDK 17.0.15, quiet (load 1.6-2.2), single-thread CPU time, best of each run, three runs,
 * alternating with the chunked smoother in the same process): 0.208-0.304 s at T = 36,000 (potential scatter
 * included) against 0.239-0.360 s for the chunked one: 1.11-1.21x faster (1.3-1.5x in the branch's runs under
 * load, before the packed potentials), 1.3-1.9 G counted multiply-adds/s = 2.3-3.4% of one core's peak (16 double
 * FMA per cycle x 3.4 GHz = 55 G/s; a long vectorised loop reaches 41.7). The
 * 25% goal is not met: the kernels (SmallDense) are D = 10 long, which C2 runs at scalar speed (JDK 17,
 * no Vector API), and even so the 5.8-8.4 us per frame are three to five times the scalar bound of the
 * multiply-adds done (11,780 at two FMA per cycle: 1.7 us); the rest is the potentials' scatter, copies and memory.
 * Segments of the chain eliminated side by side in vectorised lane loops (src/bench LaneSmoother, 2026-12-07, load 8-11)
 * do 3.66x the arithmetic at 3.7-4.6 G/s per lane product and are 2.1-3.1x slower (BENCHMARKS.md, SLDS).
 */
public final class LdsSmoother {

	private LdsSmoother() {
	}

	/** The potentials of the chain; both methods add into arrays the caller has zeroed. */
	public interface Potentials {
		/**
		 * Adds the window potential of frame t (lags <= t < T) over v = (x_{t-G}, ..., x_t), n = (G + 1) D: h (n)
		 * and J (n x n, symmetric) as its lower block triangle only (what the smoother reads): for b = 0..G the
		 * blocks (a, b), a = b..G, each D x D row-major (rows from frame t - G + a, columns from t - G + b),
		 * (G + 1)(G + 2)/2 D^2 numbers; this is the order of a frame's blocks in the smoother's band, so each column
		 * adds to it as one contiguous run. (Tests and benchmarks that write J whole: FullWindow in the test tree.)
		 */
		void windowBlocks(int t, double[] j, double[] h);

		/** Adds the node potential of frame t: J (D x D) and h (D). */
		void node(int t, double[] j, double[] h);
	}

	/** q(x): means, covariances with lags and the normaliser's parts. */
	public static final class Result {
		public final int frames, dim, lags;
		/** E[x_t], T x D row-major. */
		public final double[] mean;
		/** Cov(x_t, x_{t-g}) for g = 0..G at [((t (G + 1)) + g) D^2 + i D + j]; zero where t - g < 0. */
		public final double[] cov;
		/** log |Lambda| (the precision of the whole chain). */
		public final double logDetPrecision;
		/** h^T E[x] (so that log Z = h^T mu / 2 - log|Lambda| / 2 + TD log(2 pi) / 2). */
		public final double hMean;

		Result(int frames, int dim, int lags, double[] mean, double[] cov, double logDetPrecision, double hMean) {
			this.frames = frames;
			this.dim = dim;
			this.lags = lags;
			this.mean = mean;
			this.cov = cov;
			this.logDetPrecision = logDetPrecision;
			this.hMean = hMean;
		}

		/** Cov(x_a, x_b) for |a - b| <= G, element (i, j). */
		public double cov(int a, int b, int i, int j) {
			int d = dim;
			return a >= b ? cov[((a * (lags + 1)) + a - b) * d * d + i * d + j]
					: cov[((b * (lags + 1)) + b - a) * d * d + j * d + i];
		}

		/** Entropy of q(x): TD (1 + log 2 pi) / 2 - log|Lambda| / 2. */
		public double entropy() {
			return 0.5 * frames * dim * (1 + Math.log(2 * Math.PI)) - 0.5 * logDetPrecision;
		}
	}

	public static Result smooth(int frames, int d, int lags, Potentials p) {
		if (lags < 1) throw new IllegalArgumentException("lags must be at least 1");
		int g = lags, g1 = g + 1, dd = d * d, m = g * d;
		// frame t's numbers at t (G + 1) D^2: Lambda_tt (D x D), overwritten by L_tt^-1 (lower), then the column
		// C_t = (Lambda_{t+1,t}; ...; Lambda_{t+G,t}) (GD x D, block l - 1 for frame t + l), overwritten by L's
		double[] lam = new double[frames * g1 * dd], h = new double[frames * d];
		assemble(frames, d, g, p, lam, h);
		double[] z = new double[frames * d], tmp = new double[dd], r = new double[d];
		double logDet = 0;
		// forward: block Cholesky Lambda = L L^T (L block lower banded), z = L^-1 h
		for (int t = 0; t < frames; t++) {
			int base = t * g1 * dd, gmax = Math.min(g, t);
			for (int l = gmax; l >= 1; l--) { // L_{t,j}, j = t - l, oldest first
				int j = t - l, mo = j * g1 * dd + dd + (l - 1) * dd;
				for (int ls = l + 1; ls <= gmax; ls++) { // - L_{t,s} L_{j,s}^T, s = t - ls: both in column s
					int so = (t - ls) * g1 * dd + dd;
					SmallDense.abt(lam, so + (ls - 1) * dd, d, lam, so + (ls - l - 1) * dd, d, lam, mo, d, d, d, d, -1, SmallDense.FULL);
				}
				SmallDense.abt(lam, mo, d, lam, j * g1 * dd, d, tmp, 0, d, d, d, d, 1, SmallDense.B_LOWER | SmallDense.SET); // L_jj^-T
				System.arraycopy(tmp, 0, lam, mo, dd);
			}
			for (int l = 1; l <= gmax; l++) { // Lambda_tt - sum_l L_{t,t-l} L_{t,t-l}^T
				int lo = (t - l) * g1 * dd + dd + (l - 1) * dd;
				SmallDense.abt(lam, lo, d, lam, lo, d, lam, base, d, d, d, d, -1, SmallDense.LOWER);
			}
			logDet += cholInverse(lam, base, tmp, d, t);
			System.arraycopy(h, t * d, r, 0, d);
			for (int l = 1; l <= gmax; l++) // r = h_t - sum_l L_{t,t-l} z_{t-l}
				for (int i = 0; i < d; i++) {
					int lo = (t - l) * g1 * dd + dd + (l - 1) * dd + i * d, zo = (t - l) * d;
					double v0 = 0, v1 = 0;
					for (int q = 0; q + 1 < d; q += 2) {
						v0 = Math.fma(lam[lo + q], z[zo + q], v0);
						v1 = Math.fma(lam[lo + q + 1], z[zo + q + 1], v1);
					}
					if (d % 2 == 1) v0 = Math.fma(lam[lo + d - 1], z[zo + d - 1], v0);
					r[i] -= v0 + v1;
				}
			for (int i = 0; i < d; i++) { // z_t = L_tt^-1 r
				double v = 0;
				for (int q = 0; q <= i; q++) v = Math.fma(lam[base + i * d + q], r[q], v);
				z[t * d + i] = v;
			}
		}

		// backward: mu = L^-T z and the selected inverse (Takahashi): with B_s = L_{s,t} L_tt^-1 (s = t+1..t+G),
		// Sigma_{s',t} = - sum_s Sigma_{s',s} B_s and Sigma_tt = L_tt^-T L_tt^-1 - sum_s B_s^T Sigma_{s,t}. In rows:
		// ea = (L_tt^-T, B^T) and eb = (L_tt^-T, X^T) with X = S B (S: Sigma over frames t+1..t+G), so that
		// Sigma_tt = ea eb^T, Sigma_{t+l,t} = -X_l and mu_t = ea (z_t, -mu_{t+1}, ..., -mu_{t+G})
		// Sigma overwrites Lambda's factor in place: step t reads only frame t's blocks of it (into ea, eb) before
		// writing Sigma_tt there and Sigma_{t+l,t} into frame t + l's blocks (whose factor step t + l used up);
		// one array of (G + 1) D^2 per frame less to allocate and stream through (SldsBench, BENCHMARKS.md)
		double[] mean = new double[frames * d], cov = lam;
		int w = d + m, set = SmallDense.SET;
		double[] ea = new double[d * w], eb = new double[d * w], sm = new double[m * m], v = new double[w];
		for (int t = frames - 1; t >= 0; t--) {
			int base = t * g1 * dd, gp = Math.min(g, frames - 1 - t), mp = gp * d, len = d + mp;
			for (int q = 0; q < d; q++)
				for (int c = 0; c < d; c++) ea[c * w + q] = eb[c * w + q] = lam[base + q * d + c];
			if (gp > 0) { // B^T = L_tt^-T C_t^T, X^T = B^T S
				SmallDense.abt(ea, 0, w, lam, base + dd, d, ea, d, w, d, mp, d, 1, SmallDense.A_UPPER | set);
				for (int a = 1; a <= gp; a++)
					for (int b = 1; b <= a; b++) {
						int so = ((t + a) * g1 + a - b) * dd;
						for (int i = 0; i < d; i++)
							for (int j = 0; j < d; j++) {
								double x = cov[so + i * d + j];
								sm[((a - 1) * d + i) * mp + (b - 1) * d + j] = x;
								sm[((b - 1) * d + j) * mp + (a - 1) * d + i] = x;
							}
					}
				for (int i = 0; i < d; i++) java.util.Arrays.fill(eb, i * w + d, i * w + d + mp, 0);
				SmallDense.multAdd(ea, d, w, sm, 0, mp, eb, d, w, d, mp, mp); // S symmetric: B^T S in the vectorisable c += a b form
			}
			SmallDense.abt(ea, 0, w, eb, 0, w, cov, base, d, d, d, len, 1, SmallDense.LOWER | set);
			for (int i = 0; i < d; i++)
				for (int j = i + 1; j < d; j++) cov[base + i * d + j] = cov[base + j * d + i];
			for (int l = 1; l <= gp; l++) {
				int oo = ((t + l) * g1 + l) * dd, xo = d + (l - 1) * d;
				for (int i = 0; i < d; i++)
					for (int q = 0; q < d; q++) cov[oo + i * d + q] = -eb[q * w + xo + i];
			}
			System.arraycopy(z, t * d, v, 0, d);
			for (int c = 0; c < mp; c++) v[d + c] = -mean[(t + 1) * d + c];
			for (int i = 0; i < d; i++) {
				double x0 = 0, x1 = 0;
				int c = i; // ea's row i starts at column i (L_tt^-T is upper triangular)
				for (; c + 1 < len; c += 2) {
					x0 = Math.fma(ea[i * w + c], v[c], x0);
					x1 = Math.fma(ea[i * w + c + 1], v[c + 1], x1);
				}
				if (c < len) x0 = Math.fma(ea[i * w + c], v[c], x0);
				mean[t * d + i] = x0 + x1;
			}
		}
		for (int t = 0; t < g && t < frames; t++) // Cov(x_t, x_{t-l}) for t - l < 0: zero, not the factor's leftovers
			java.util.Arrays.fill(cov, (t * g1 + t + 1) * dd, (t + 1) * g1 * dd, 0);
		double hMean = 0;
		for (int i = 0; i < frames * d; i++) hMean += h[i] * mean[i];
		return new Result(frames, d, g, mean, cov, logDet, hMean);
	}

	/**
	 * Replaces the d x d block at o (a symmetric matrix; its lower triangle is read) by the inverse of its
	 * Cholesky factor (lower, zeros above); returns log det of the matrix. l is scratch (d x d).
	 */
	private static double cholInverse(double[] a, int o, double[] l, int d, int t) {
		// one log per frame: the pivots' product stays in [1e-100, 1e100] (folded into the log when it leaves), and a
		// pivot outside that range goes to the log by itself, so no product can overflow or underflow
		double det = 1, logDet = 0;
		for (int j = 0; j < d; j++) {
			double s = a[o + j * d + j];
			for (int q = 0; q < j; q++) s = Math.fma(-l[j * d + q], l[j * d + q], s);
			if (!(s > 0))
				throw new BadInputException("The posterior precision at frame " + t
						+ " is not positive definite (the model's covariances are degenerate).");
			double ljj = Math.sqrt(s), inv = 1 / ljj;
			if (s > 1e100 || s < 1e-100) logDet += Math.log(s);
			else {
				det *= s;
				if (det > 1e100 || det < 1e-100) {
					logDet += Math.log(det);
					det = 1;
				}
			}
			l[j * d + j] = inv; // the factor's diagonal is kept as its reciprocal
			for (int i = j + 1; i < d; i++) {
				double v = a[o + i * d + j];
				for (int q = 0; q < j; q++) v = Math.fma(-l[i * d + q], l[j * d + q], v);
				l[i * d + j] = v * inv;
			}
		}
		for (int i = 0; i < d; i++) { // row i of L^-1 from the rows above it: (e_i - sum_q L_iq X_q) / L_ii, axpys (no chain)
			int ri = o + i * d;
			java.util.Arrays.fill(a, ri, ri + d, 0);
			a[ri + i] = 1;
			for (int q = 0; q < i; q++) {
				double f = -l[i * d + q];
				for (int c = 0; c <= q; c++) a[ri + c] = Math.fma(f, a[o + q * d + c], a[ri + c]);
			}
			double inv = l[i * d + i];
			for (int c = 0; c <= i; c++) a[ri + c] *= inv;
		}
		return logDet + Math.log(det);
	}

	/** Number of J entries {@link Potentials#windowBlocks} gives: (G + 1)(G + 2)/2 blocks of D x D. */
	public static int windowBlocksLength(int d, int lags) {
		return (lags + 1) * (lags + 2) / 2 * d * d;
	}

	/** Scatters every potential into the per-frame blocks Lambda_{t,t-l} (l = 0..G) and the linear terms. */
	private static void assemble(int frames, int d, int g, Potentials p, double[] lam, double[] h) {
		int n = (g + 1) * d, g1 = g + 1, dd = d * d;
		double[] jw = new double[windowBlocksLength(d, g)], hw = new double[n], jn = new double[dd], hn = new double[d];
		for (int t = 0; t < frames; t++) {
			java.util.Arrays.fill(jn, 0);
			java.util.Arrays.fill(hn, 0);
			p.node(t, jn, hn);
			int o = t * g1 * dd;
			for (int i = 0; i < d; i++) h[t * d + i] += hn[i];
			for (int i = 0; i < dd; i++) lam[o + i] += jn[i];
			if (t < g) continue;
			java.util.Arrays.fill(jw, 0);
			java.util.Arrays.fill(hw, 0);
			p.windowBlocks(t, jw, hw);
			for (int i = 0, ho = (t - g) * d; i < n; i++) h[ho + i] += hw[i]; // frames t - G..t are contiguous in h
			// column b's blocks (a = b..G) are frame t - G + b's band blocks Lambda_{t-G+a, t-G+b}, in band order
			for (int b = 0, jo = 0; b <= g; b++) {
				int fo = (t - g + b) * g1 * dd, len = (g1 - b) * dd;
				for (int i = 0; i < len; i++) lam[fo + i] += jw[jo + i];
				jo += len;
			}
		}
	}
}
