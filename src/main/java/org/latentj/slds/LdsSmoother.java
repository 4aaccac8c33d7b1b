package org.latentj.slds;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.linsol.chol.LinearSolverChol_DDRM;
import org.latentj.util.BadInputException;

/**
 * The exact Gaussian posterior q(x) of a chain x_0..x_{T-1} (each D-dimensional) whose log density is
 * a sum of node potentials (one frame: -x^T J x / 2 + h^T x) and window potentials over G + 1
 * consecutive frames (x_{t-G}, ..., x_t), as the expected AR(G) dynamics of an SLDS give.
 * <p>
 * The AR(G) chain is made first order by state augmentation: frames are grouped into chunks of G
 * (chunk c = frames cG .. cG + G - 1, m = GD numbers); a window of G + 1 frames spans at most two
 * consecutive chunks, so the precision is block tridiagonal in chunks. The information-form Kalman
 * filter (block Cholesky: J^_c = Lambda_cc - L_c J^_{c-1}^{-1} L_c^T) and the RTS smoother
 * (Sigma_c = J^_c^{-1} + K_c Sigma_{c+1} K_c^T, K_c = J^_c^{-1} L_{c+1}^T, Sigma_{c+1,c} = -Sigma_{c+1} K_c^T)
 * then give the means, the marginal covariances and every lag cross-covariance Cov(x_t, x_{t-g}),
 * g <= G (they lie in the chunk's diagonal block or the one below). A last partial chunk is padded
 * with independent N(0, I) dummies, which change neither the answer nor log|Lambda|.
 * <p>
 * Arithmetic per chunk (m = GD, multiply-adds): the Cholesky of J^_c ((m^3 - m)/6, EJML), J^_c^{-1} from
 * it (L^-1: (m^3 - m)/6, L^-T L^-1: m(m+1)(2m+1)/6, EJML; about that), K'_c = -J^_c^{-1} L_{c+1}^T (m^3), the
 * Schur update L_{c+1} K'_c (m^3), the cross-covariance Sigma_{c+1} K'_c^T (m^3), K'_c times it (m^3) and
 * three m x m matrix-vector products for h and mu: 4.67 m^3 + 3 m^2 in all, 38,730 per chunk at m = 20,
 * i.e. 697 M for T = 36,000 (D = 10, G = 2): O(T (GD)^3) = O(T G^2 D^3). (The backward pass forms
 * K Sigma K^T as K' Sigma_{c+1,c}, one product, not two.)
 * <p>
 * Speed (SldsBench speed and kernels, 2026-12-07 03:08-03:39 UTC, AMD EPYC family 26 = Zen 5, 2 cores,
 * OpenJDK 17.0.15, load 9-22 on the 2 cores, single-thread CPU time, best of 4): this smoother 0.253-0.334 s
 * = 2.1-2.75 G multiply-adds/s at T = 36,000 (with EJML's products 0.419-0.455 s = 1.53-1.66 G/s in the
 * same sessions). Peak of one core: 16 double FMA per cycle (two 512-bit FMA pipes) x 3.4 GHz (a
 * dependent-FMA chain clocks 3.35-3.46 GHz at a 4-cycle latency; lscpu gives 2.096 GHz, the TSC) = 55 G
 * multiply-adds/s, of which a long vectorised loop reaches 41.7 (the machine's 2 cores: 110): the smoother
 * runs at 5.0% of one core's peak at best (8.2% against the 2.096 GHz base clock), its product kernel at
 * 10%. The 25% goal is not met: C2 vectorises a j loop of 20 only in part (pre-loop, one vector pass,
 * scalar tail), so the 20 x 20 kernels stay near scalar speed (BENCHMARKS.md, SLDS).
 */
public final class LdsSmoother {

	private LdsSmoother() {
	}

	/** The potentials of the chain; both methods add into arrays the caller has zeroed. */
	public interface Potentials {
		/**
		 * Adds the window potential of frame t (lags <= t < T) over v = (x_{t-G}, ..., x_t): J (n x n,
		 * n = (G + 1) D, row-major, symmetric) and h (n).
		 */
		void window(int t, double[] j, double[] h);

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
		int g = lags, m = g * d, n = (g + 1) * d, chunks = (frames + g - 1) / g;
		double[][] diag = new double[chunks][m * m], lower = new double[chunks][m * m];
		double[][] h = new double[chunks][m];
		// pad the last chunk with independent N(0, I) dummies
		for (int t = frames; t < chunks * g; t++)
			for (int i = 0; i < d; i++) {
				int r = (t % g) * d + i;
				diag[chunks - 1][r * m + r] = 1;
			}
		assemble(frames, d, g, p, diag, lower, h);
		double[][] h0 = new double[chunks][];
		for (int c = 0; c < chunks; c++) h0[c] = h[c].clone(); // for h^T mu; the filter overwrites h

		// forward: information filter, J^_c in diag[c] (then its inverse), K'_c = -K_c in lower[c + 1]
		// Cholesky and inverse: EJML's (faster at 20 x 20 than a hand version, SmallDense's comment)
		CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
		LinearSolverChol_DDRM solver = new LinearSolverChol_DDRM(chol);
		DMatrixRMaj f = new DMatrixRMaj(m, m);
		double[] work = new double[m * m], t1 = new double[m * m];
		double logDet = 0;
		double[] hhat = new double[chunks * m];
		for (int c = 0; c < chunks; c++) {
			System.arraycopy(h[c], 0, hhat, c * m, m);
			System.arraycopy(diag[c], 0, f.data, 0, m * m);
			if (!solver.setA(f))
				throw new BadInputException("The posterior precision of frames " + c * g + ".." + (Math.min(frames, c * g + g) - 1)
						+ " is not positive definite (the model's covariances are degenerate).");
			double[] lt = chol.getT().data;
			for (int i = 0; i < m; i++) logDet += 2 * Math.log(lt[i * m + i]);
			double[] inv = diag[c];
			solver.invert(DMatrixRMaj.wrap(m, m, inv)); // diag[c] now holds J^_c^{-1}
			if (c + 1 < chunks) {
				double[] l = lower[c + 1], kc = t1;
				SmallDense.transpose(l, -1, work, m);
				java.util.Arrays.fill(kc, 0);
				SmallDense.multAdd(inv, work, kc, m); // K'_c = -J^_c^{-1} L_{c+1}^T
				SmallDense.multAdd(l, kc, diag[c + 1], m); // J^_{c+1} = Lambda - L_{c+1} K_c
				// h^_{c+1} = h_{c+1} - K_c^T h^_c
				for (int r = 0; r < m; r++) {
					double v = hhat[c * m + r];
					for (int i = 0; i < m; i++) h[c + 1][i] = Math.fma(kc[r * m + i], v, h[c + 1][i]);
				}
				System.arraycopy(kc, 0, l, 0, m * m);
			}
		}

		// backward: RTS smoother
		double[] mu = new double[chunks * m];
		double[] mean = new double[frames * d], cov = new double[frames * (g + 1) * d * d];
		double[] sigNext = new double[m * m], sig = new double[m * m], cross = t1, kt = work;
		for (int c = chunks - 1; c >= 0; c--) {
			double[] inv = diag[c];
			for (int i = 0; i < m; i++) {
				double v = 0;
				for (int r = 0; r < m; r++) v += inv[i * m + r] * hhat[c * m + r];
				mu[c * m + i] = v;
			}
			System.arraycopy(inv, 0, sig, 0, m * m);
			if (c + 1 < chunks) {
				double[] k = lower[c + 1]; // K' = -K
				for (int i = 0; i < m; i++) {
					double v = 0;
					for (int r = 0; r < m; r++) v += k[i * m + r] * mu[(c + 1) * m + r];
					mu[c * m + i] += v;
				}
				SmallDense.transpose(k, 1, kt, m);
				java.util.Arrays.fill(cross, 0);
				SmallDense.multAdd(sigNext, kt, cross, m); // Sigma_{c+1,c} = -Sigma_{c+1} K_c^T
				SmallDense.multAdd(k, cross, sig, m); // Sigma_c = J^-1 + K Sigma_{c+1} K^T = J^-1 + K' Sigma_{c+1,c}
				writeCross(c + 1, cross, frames, d, g, cov);
			}
			writeDiagonal(c, sig, frames, d, g, cov);
			double[] swap = sigNext;
			sigNext = sig;
			sig = swap;
		}
		double hMean = 0;
		for (int c = 0; c < chunks; c++)
			for (int i = 0; i < m; i++) {
				int t = c * g + i / d;
				if (t < frames) {
					mean[t * d + i % d] = mu[c * m + i];
				}
			}
		for (int c = 0; c < chunks; c++)
			for (int i = 0; i < m; i++) hMean += h0[c][i] * mu[c * m + i];
		return new Result(frames, d, g, mean, cov, logDet, hMean);
	}

	/** Scatters every potential into the chunk blocks (diagonal and below) and the linear terms. */
	private static void assemble(int frames, int d, int g, Potentials p, double[][] diag, double[][] lower, double[][] h) {
		int m = g * d, n = (g + 1) * d;
		double[] jw = new double[n * n], hw = new double[n], jn = new double[d * d], hn = new double[d];
		for (int t = 0; t < frames; t++) {
			java.util.Arrays.fill(jn, 0);
			java.util.Arrays.fill(hn, 0);
			p.node(t, jn, hn);
			int c = t / g, o = (t % g) * d;
			for (int i = 0; i < d; i++) {
				h[c][o + i] += hn[i];
				for (int j = 0; j < d; j++) diag[c][(o + i) * m + o + j] += jn[i * d + j];
			}
			if (t < g) continue;
			java.util.Arrays.fill(jw, 0);
			java.util.Arrays.fill(hw, 0);
			p.window(t, jw, hw);
			for (int a = 0; a <= g; a++) {
				int fa = t - g + a, ca = fa / g, oa = (fa % g) * d;
				for (int i = 0; i < d; i++) h[ca][oa + i] += hw[a * d + i];
				for (int b = 0; b <= g; b++) {
					int fb = t - g + b, cb = fb / g, ob = (fb % g) * d;
					if (cb > ca) continue; // the upper triangle of blocks is the transpose of the lower
					double[] dst = cb == ca ? diag[ca] : lower[ca];
					for (int i = 0; i < d; i++)
						for (int j = 0; j < d; j++) dst[(oa + i) * m + ob + j] += jw[(a * d + i) * n + b * d + j];
				}
			}
		}
	}

	/** Within-chunk covariances of chunk c into the per-frame lag layout. */
	private static void writeDiagonal(int c, double[] sig, int frames, int d, int g, double[] cov) {
		int m = g * d;
		for (int la = 0; la < g; la++) {
			int a = c * g + la;
			if (a >= frames) break;
			for (int lb = 0; lb <= la; lb++) {
				int lag = la - lb, base = ((a * (g + 1)) + lag) * d * d;
				for (int i = 0; i < d; i++)
					for (int j = 0; j < d; j++) cov[base + i * d + j] = sig[(la * d + i) * m + lb * d + j];
			}
		}
	}

	/** Covariances between chunk c and chunk c - 1 (Sigma_{c,c-1}) within G lags. */
	private static void writeCross(int c, double[] cross, int frames, int d, int g, double[] cov) {
		int m = g * d;
		for (int la = 0; la < g; la++) {
			int a = c * g + la;
			if (a >= frames) break;
			for (int lb = 0; lb < g; lb++) {
				int b = (c - 1) * g + lb, lag = a - b;
				if (lag > g) continue;
				int base = ((a * (g + 1)) + lag) * d * d;
				for (int i = 0; i < d; i++)
					for (int j = 0; j < d; j++) cov[base + i * d + j] = cross[(la * d + i) * m + lb * d + j];
			}
		}
	}
}
