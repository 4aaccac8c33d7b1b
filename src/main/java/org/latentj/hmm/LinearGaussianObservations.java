package org.latentj.hmm;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.latentj.util.BadInputException;
import org.latentj.util.Parallel;

/**
 * Gaussian and autoregressive observations, one linear-Gaussian regression per state:
 * x_t = sum_{g=1..G} A_{k,g} x_{t-g} + b_k + noise, noise ~ N(0, Q_k), i.e. x_t ~ N(W_k phi_t, Q_k)
 * with covariates phi_t = (x_{t-1}, ..., x_{t-G}, 1) and weights W_k = [A_{k,1} ... A_{k,G} b_k]
 * (D x (GD + 1), the STATS320 ARHMM lab's layout). With G = 0 lags this is the Gaussian HMM: W_k = the mean.
 * <p>
 * Internally each scored frame t is the window u_t = (x_{t-G}, ..., x_{t-1}, x_t, 1), a contiguous
 * slice of the data plus a one, of length n = (G + 1) D + 1:
 * <ul>
 * <li>log-likelihoods: y = M_k u_t with M_k = L_k^{-1} [-A_{k,G} ... -A_{k,1}  I  -b_k] (L_k the
 * Cholesky factor of Q_k) gives log p = c_k - |y|^2 / 2; all K states at once is a T x (n - 1) by
 * (n - 1) x KD product: at most T K D (n - 1) multiply-adds ({@link ColumnLogLikelihoods} skips the
 * zeros of M_k, frames in the inner loop).</li>
 * <li>statistics: the weighted Gram matrices sum_t q_tk u_t u_t^T (upper triangle, n(n+1)/2 numbers
 * per state, holding N_k, sum x, sum x phi^T, ...): T K n(n+1)/2 multiply-adds.</li>
 * <li>M-step (the STATS320 ARHMM lab's): W = S_xphi S_phiphi^{-1}, Q = (S_xx - W S_phix) / N + 1e-4 I.</li>
 * </ul>
 */
public final class LinearGaussianObservations implements Observations {

	/** Added to every fitted covariance, as in the STATS320 ARHMM lab, so that it stays positive definite. */
	public static final double COVARIANCE_FLOOR = 1e-4;
	/** A state with fewer expected frames than this keeps its previous parameters. */
	public static final double EMPTY_FRAMES = 1e-8;
	private static final double LOG_2PI = Math.log(2 * Math.PI);
	/** Frames per block of the parallel kernels (fixed: results never depend on the core count). */
	static final int BLOCK = 1024;
	/**
	 * Blocks whose partial statistics (K x gram doubles each) {@link #accumulateStats} holds at once:
	 * they are added to the statistics block by block in order anyway, so working on the blocks of a
	 * long session in groups of this many gives the same sums while it caps the partials at
	 * GROUP_BLOCKS K gram 8 bytes (at 100 PCs, 2 lags and 50 states 291 MB, where all the blocks of 2.4
	 * million frames held 42 GB). Fixed, not the thread count, like every block size here.
	 */
	static final int GROUP_BLOCKS = 16;

	private final int k, d, lags;
	/** Window length n = (lags + 1) D + 1 and Gram size n (n + 1) / 2. */
	private final int n, gram;
	/** Per state: weights in the STATS320 ARHMM lab's layout (D x (lags D + 1)) and covariance (D x D), row-major. */
	private final double[][] weights, covs;
	/**
	 * Derived for log-likelihoods: the stacked M_k transposed, one row (KD) per window input except
	 * the constant, the constant's column, c_k (read by the kernel below and by expectedLogLik).
	 */
	private double[][] mt;
	private double[] bias, logNorm;
	/** The log-likelihood kernel over those (frames in the inner loop). */
	private ColumnLogLikelihoods columns;

	private LinearGaussianObservations(int k, int d, int lags) {
		this(k, d, lags, true);
	}

	/** With {@code initial} false the caller sets every state's weights and covariance, then derives. */
	private LinearGaussianObservations(int k, int d, int lags, boolean initial) {
		if (k < 1) throw new BadInputException("The number of states must be at least 1 (got " + k + ").");
		if (d < 1) throw new BadInputException("The data need at least one dimension (got " + d + ").");
		if (lags < 0) throw new BadInputException("The number of lags cannot be negative (got " + lags + ").");
		this.k = k;
		this.d = d;
		this.lags = lags;
		this.n = (lags + 1) * d + 1;
		this.gram = n * (n + 1) / 2;
		this.weights = new double[k][d * (lags * d + 1)];
		this.covs = new double[k][d * d];
		if (!initial) return;
		for (int s = 0; s < k; s++)
			for (int i = 0; i < d; i++) covs[s][i * d + i] = 1;
		derive();
	}

	/** Gaussian observations with means 0 and identity covariances (the STATS320 ARHMM lab's starting point). */
	public static LinearGaussianObservations gaussian(int states, int dim) {
		return new LinearGaussianObservations(states, dim, 0);
	}

	/** Autoregressive observations with zero weights and identity covariances. */
	public static LinearGaussianObservations autoregressive(int states, int dim, int lags) {
		if (lags < 1) throw new BadInputException("An autoregressive model needs at least 1 lag (got " + lags + ").");
		return new LinearGaussianObservations(states, dim, lags);
	}

	@Override
	public String type() {
		return lags == 0 ? "gaussian" : "ar";
	}

	@Override
	public int states() {
		return k;
	}

	@Override
	public int dim() {
		return d;
	}

	@Override
	public int lags() {
		return lags;
	}

	/** Covariates per state and dimension: lags D + 1. */
	public int covariates() {
		return lags * d + 1;
	}

	/** Weights of state s, D x (lags D + 1) row-major, columns (x_{t-1}, ..., x_{t-G}, 1); for Gaussian observations the mean. */
	public double[] weights(int s) {
		return weights[s].clone();
	}

	/** Mean of state s (Gaussian observations), or its intercept b_s (autoregressive ones). */
	public double[] mean(int s) {
		double[] m = new double[d];
		int c = covariates();
		for (int i = 0; i < d; i++) m[i] = weights[s][i * c + c - 1];
		return m;
	}

	/** Covariance of state s, D x D row-major. */
	public double[] covariance(int s) {
		return covs[s].clone();
	}

	/** Sets the parameters of state s (weights D x (lags D + 1), covariance D x D, row-major). */
	public void set(int s, double[] w, double[] cov) {
		store(s, w, cov);
		derive();
	}

	/**
	 * A copy with the given states' parameters (weights D x (lags D + 1) and covariance, row-major; null: the state
	 * keeps its own), and with those of a state whose covariance is not positive definite or whose weights are
	 * not finite left as they are; {@code set} state by state would derive every state's factor K times (64
	 * Cholesky factors and inverses per M-step at K = 8, ~10% of Fit Training Phases' EM).
	 */
	LinearGaussianObservations with(double[][] w, double[][] cov) {
		LinearGaussianObservations o = new LinearGaussianObservations(k, d, lags, false);
		for (int s = 0; s < k; s++) {
			o.weights[s] = weights[s].clone();
			o.covs[s] = covs[s].clone();
			if (w[s] == null) continue;
			try {
				o.store(s, w[s], cov[s]);
			} catch (BadInputException keep) {
				// keeps the previous, valid parameters
			}
		}
		o.derive();
		return o;
	}

	/** Checks and stores one state's parameters (without deriving). */
	private void store(int s, double[] w, double[] cov) {
		if (w.length != d * covariates() || cov.length != d * d)
			throw new BadInputException("State " + s + ": weights need " + d * covariates() + " numbers and the covariance "
					+ d * d + ".");
		for (double v : w)
			if (!Double.isFinite(v)) throw new BadInputException("State " + s + " has a weight that is not finite.");
		double[] sym = symmetric(cov);
		if (Cholesky.factor(sym, d) == null)
			throw new BadInputException("The covariance of state " + s + " is not positive definite.");
		weights[s] = w.clone();
		covs[s] = sym;
	}

	// ---------------------------------------------------------------- log-likelihoods

	private void derive() {
		int kd = k * d, nc = n - 1, c = covariates();
		double[][] newMt = new double[nc][kd];
		double[] newBias = new double[kd], newLogNorm = new double[k];
		for (int s = 0; s < k; s++) {
			double[] l = Cholesky.factor(covs[s], d);
			double[] li = Cholesky.invertLower(l, d);
			double logDet = 0;
			for (int i = 0; i < d; i++) logDet += Math.log(l[i * d + i]);
			newLogNorm[s] = -0.5 * d * LOG_2PI - logDet;
			for (int i = 0; i < d; i++) { // row i of M_s
				int col = s * d + i;
				// block of x_t (window position lags*d .. lags*d + d - 1): L^{-1}
				for (int j = 0; j <= i; j++) newMt[lags * d + j][col] = li[i * d + j];
				// block of x_{t-g} (window position (lags - g) d ...): -L^{-1} A_g
				for (int g = 1; g <= lags; g++)
					for (int j = 0; j < d; j++) {
						double v = 0;
						for (int m = 0; m <= i; m++) v += li[i * d + m] * weights[s][m * c + (g - 1) * d + j];
						newMt[(lags - g) * d + j][col] = -v;
					}
				double b = 0;
				for (int m = 0; m <= i; m++) b += li[i * d + m] * weights[s][m * c + c - 1];
				newBias[col] = -b;
			}
		}
		mt = newMt;
		bias = newBias;
		logNorm = newLogNorm;
		columns = new ColumnLogLikelihoods(k, d, lags, newMt, newBias, newLogNorm);
	}

	@Override
	public void logLikelihoods(double[] x, int from, int to, double[] out) {
		if (from < lags) throw new IllegalArgumentException("frame " + from + " has no " + lags + " past frames");
		int frames = to - from;
		Parallel.forEach(Parallel.blocks(frames, BLOCK), b -> {
			int t0 = from + b * BLOCK, t1 = Math.min(to, t0 + BLOCK);
			columns.block(x, from, t0, t1, out);
		});
	}

	// ---------------------------------------------------------------- statistics

	@Override
	public int statsSize() {
		return gram;
	}

	@Override
	public double frames(double[] stats, int s) {
		return stats[s * gram + gram - 1];
	}

	@Override
	public void accumulateStats(double[] x, int from, int to, double[] w, double[] stats) {
		if (from < lags) throw new IllegalArgumentException("frame " + from + " has no " + lags + " past frames");
		int blocks = Parallel.blocks(to - from, BLOCK);
		double[][][] partial = new double[Math.min(blocks, GROUP_BLOCKS)][k][gram];
		for (int first = 0; first < blocks; first += GROUP_BLOCKS) {
			int g0 = first, count = Math.min(GROUP_BLOCKS, blocks - first);
			Parallel.forEach(count, i -> {
				int t0 = from + (g0 + i) * BLOCK, t1 = Math.min(to, t0 + BLOCK);
				double[][] acc = partial[i];
				if (g0 > 0) for (double[] a : acc) Arrays.fill(a, 0);
				gramBlock(x, w, from, t0, t1, acc);
			});
			// block by block in order, as when every block's sums were held at once: the same bits
			for (int i = 0; i < count; i++)
				for (int s = 0; s < k; s++) {
					double[] a = partial[i][s];
					int o = s * gram;
					for (int j = 0; j < gram; j++) stats[o + j] += a[j];
				}
		}
	}

	/**
	 * Posterior weights under this count as exactly 0 in the statistics. A fitted model's posterior is
	 * mostly 0 or 1, with a tail of subnormal weights (2.2% of the 36,000 x 50 posterior of issue 15)
	 * that Java does not flush to zero: every product with one costs a microcode assist, and the kernel
	 * took 0.120 s on that posterior against 0.029 s with them zeroed. A weight of 1e-200 changes no
	 * sum it enters (the frame counts and the Gram entries are far above 1e-184 = 1e-200 / 2^-53
	 * whenever a state has any frame), so results change by rounding at most (LinearGaussianStatsTest).
	 */
	static final double NEGLIGIBLE_WEIGHT = 1e-200;

	private static double weight(double w) {
		return w < NEGLIGIBLE_WEIGHT ? 0 : w;
	}

	/**
	 * acc[s] += sum_t w_ts vech(u_t u_t^T): the products of a few frames are formed once, then added
	 * to every state four frames at a time (four multiply-adds per load and store of the accumulator).
	 * Rows are separate arrays indexed from 0 so that C2 vectorises the sweeps.
	 */
	private void gramBlock(double[] x, double[] w, int from, int t0, int t1, double[][] acc) {
		int sub = Math.max(4, Math.min(64, (8192 / gram) & ~3));
		double[][] v = new double[Math.min(sub, t1 - t0)][gram]; // split/merge's runs are often shorter than sub
		double[] u = new double[n];
		for (int ts = t0; ts < t1; ts += sub) {
			int rows = Math.min(sub, t1 - ts);
			for (int r = 0; r < rows; r++) {
				System.arraycopy(x, (ts + r - lags) * d, u, 0, n - 1);
				u[n - 1] = 1;
				double[] vr = v[r];
				for (int a = 0, o = 0; a < n; o += n - a, a++) {
					double ua = u[a];
					int off = o - a; // an index without o++ in the loop, so C2 vectorises it
					for (int c = a; c < n; c++) vr[off + c] = ua * u[c];
				}
			}
			// two states per sweep: each loaded product serves both (measured ~1.5x faster than one)
			int s = 0;
			for (; s + 2 <= k; s += 2) {
				double[] as = acc[s], bs = acc[s + 1];
				int r = 0;
				for (; r + 4 <= rows; r += 4) {
					int wr = (ts + r - from) * k + s;
					double q0 = weight(w[wr]), q1 = weight(w[wr + k]), q2 = weight(w[wr + 2 * k]),
							q3 = weight(w[wr + 3 * k]);
					double p0 = weight(w[wr + 1]), p1 = weight(w[wr + k + 1]), p2 = weight(w[wr + 2 * k + 1]),
							p3 = weight(w[wr + 3 * k + 1]);
					if (q0 == 0 && q1 == 0 && q2 == 0 && q3 == 0 && p0 == 0 && p1 == 0 && p2 == 0 && p3 == 0) continue;
					double[] v0 = v[r], v1 = v[r + 1], v2 = v[r + 2], v3 = v[r + 3];
					for (int j = 0; j < gram; j++) {
						double a0 = v0[j], a1 = v1[j], a2 = v2[j], a3 = v3[j];
						as[j] += q0 * a0 + q1 * a1 + q2 * a2 + q3 * a3;
						bs[j] += p0 * a0 + p1 * a1 + p2 * a2 + p3 * a3;
					}
				}
				for (; r < rows; r++) {
					int wr = (ts + r - from) * k + s;
					double q0 = weight(w[wr]), p0 = weight(w[wr + 1]);
					if (q0 == 0 && p0 == 0) continue;
					double[] v0 = v[r];
					for (int j = 0; j < gram; j++) {
						as[j] += q0 * v0[j];
						bs[j] += p0 * v0[j];
					}
				}
			}
			for (; s < k; s++) {
				double[] as = acc[s];
				for (int r = 0; r < rows; r++) {
					double q0 = weight(w[(ts + r - from) * k + s]);
					if (q0 == 0) continue;
					double[] v0 = v[r];
					for (int j = 0; j < gram; j++) as[j] += q0 * v0[j];
				}
			}
		}
	}

	// ---------------------------------------------------------------- M-step

	/**
	 * The M-step inside EM. The STATS320 ARHMM lab's 1e-4 I keeps covariances positive definite but makes the update
	 * slightly different from the exact maximizer, so near convergence it could lower the expected
	 * log-likelihood a hair, and with it the log-likelihood. So each state takes its update only when
	 * that does not lower its expected log-likelihood (a generalized EM step): EM then never lowers the
	 * training log-likelihood, and everywhere else the update is exactly the STATS320 ARHMM lab's.
	 */
	@Override
	public boolean[] maximizeMonotone(double[] stats) {
		double[] before = new double[k];
		for (int s = 0; s < k; s++) before[s] = expectedLogLik(stats, s);
		double[][] oldW = new double[k][], oldQ = new double[k][];
		for (int s = 0; s < k; s++) {
			oldW[s] = weights[s];
			oldQ[s] = covs[s];
		}
		boolean[] empty = maximize(stats);
		boolean restored = false;
		for (int s = 0; s < k; s++)
			if (!empty[s] && expectedLogLik(stats, s) < before[s]) {
				weights[s] = oldW[s];
				covs[s] = oldQ[s];
				restored = true;
			}
		if (restored) derive();
		return empty;
	}

	@Override
	public boolean[] maximize(double[] stats) {
		boolean[] empty = new boolean[k];
		int c = covariates();
		for (int s = 0; s < k; s++) {
			double frames = frames(stats, s);
			if (!(frames >= EMPTY_FRAMES)) {
				empty[s] = true;
				continue;
			}
			double[] g = unpack(stats, s);
			// covariate positions in the window: x_{t-1} .. x_{t-G} (the STATS320 ARHMM lab's order), then the constant
			int[] cov = new int[c];
			for (int lag = 1; lag <= lags; lag++)
				for (int j = 0; j < d; j++) cov[(lag - 1) * d + j] = (lags - lag) * d + j;
			cov[c - 1] = n - 1;
			int xs = lags * d;
			DMatrixRMaj spp = new DMatrixRMaj(c, c), spx = new DMatrixRMaj(c, d);
			for (int a = 0; a < c; a++) {
				for (int b = 0; b < c; b++) spp.set(a, b, g[cov[a] * n + cov[b]]);
				for (int i = 0; i < d; i++) spx.set(a, i, g[cov[a] * n + xs + i]);
			}
			DMatrixRMaj wt = solveSpd(spp, spx); // c x d = W^T
			double[] q = new double[d * d];
			for (int i = 0; i < d; i++)
				for (int j = 0; j < d; j++) {
					double v = g[(xs + i) * n + xs + j];
					for (int a = 0; a < c; a++) v -= wt.get(a, i) * spx.get(a, j);
					q[i * d + j] = v / frames;
				}
			q = symmetric(q);
			for (int i = 0; i < d; i++) q[i * d + i] += COVARIANCE_FLOOR;
			double[] newW = new double[d * c];
			boolean finite = true;
			for (int i = 0; i < d; i++)
				for (int a = 0; a < c; a++) {
					newW[i * c + a] = wt.get(a, i);
					finite &= Double.isFinite(newW[i * c + a]);
				}
			for (double v : q) finite &= Double.isFinite(v);
			if (!finite || Cholesky.factor(q, d) == null) { // cancellation in a nearly empty state: keep the old one
				empty[s] = true;
				continue;
			}
			weights[s] = newW;
			covs[s] = q;
		}
		derive();
		return empty;
	}

	/** The full symmetric n x n Gram matrix of state s. */
	private double[] unpack(double[] stats, int s) {
		double[] g = new double[n * n];
		int o = s * gram;
		for (int a = 0; a < n; a++)
			for (int b = a; b < n; b++) {
				double v = stats[o++];
				g[a * n + b] = v;
				g[b * n + a] = v;
			}
		return g;
	}

	/** Solves A X = B for symmetric positive (semi)definite A; a vanishing ridge rescues a singular A. */
	private static DMatrixRMaj solveSpd(DMatrixRMaj a, DMatrixRMaj b) {
		int m = a.numRows;
		double trace = 0;
		for (int i = 0; i < m; i++) trace += a.get(i, i);
		double ridge = 0;
		for (int attempt = 0; attempt < 12; attempt++) {
			DMatrixRMaj r = a.copy();
			for (int i = 0; i < m; i++) r.add(i, i, ridge);
			CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
			if (chol.decompose(r)) {
				DMatrixRMaj l = chol.getT(null);
				boolean ok = true;
				for (int i = 0; i < m; i++) ok &= l.get(i, i) > 1e-12 * Math.sqrt(trace / m);
				if (ok) {
					return solveCholesky(l, b);
				}
			}
			ridge = ridge == 0 ? 1e-12 * Math.max(trace / m, Double.MIN_NORMAL) : ridge * 10;
		}
		DMatrixRMaj x = new DMatrixRMaj(m, b.numCols);
		CommonOps_DDRM.fill(x, Double.NaN);
		return x;
	}

	/** X = (L L^T)^{-1} B, column by column, with EJML's triangular solves. */
	private static DMatrixRMaj solveCholesky(DMatrixRMaj l, DMatrixRMaj b) {
		int m = l.numRows, cols = b.numCols;
		DMatrixRMaj x = new DMatrixRMaj(m, cols);
		double[] v = new double[m];
		for (int col = 0; col < cols; col++) {
			for (int i = 0; i < m; i++) v[i] = b.get(i, col);
			TriangularSolver_DDRM.solveL(l.data, v, m);
			TriangularSolver_DDRM.solveTranL(l.data, v, m);
			for (int i = 0; i < m; i++) x.set(i, col, v[i]);
		}
		return x;
	}

	// ---------------------------------------------------------------- small dense helpers

	private double[] symmetric(double[] a) {
		double[] s = new double[d * d];
		for (int i = 0; i < d; i++)
			for (int j = 0; j < d; j++) s[i * d + j] = 0.5 * (a[i * d + j] + a[j * d + i]);
		return s;
	}

	// ---------------------------------------------------------------- the rest

	@Override
	public LinearGaussianObservations permute(int[] order) {
		LinearGaussianObservations p = new LinearGaussianObservations(k, d, lags, false); // derived once, below
		for (int s = 0; s < k; s++) {
			p.weights[s] = weights[order[s]].clone();
			p.covs[s] = covs[order[s]].clone();
		}
		p.derive();
		return p;
	}

	@Override
	public LinearGaussianObservations copy() {
		return permute(identity(k));
	}

	@Override
	public LinearGaussianObservations create(int states) {
		return new LinearGaussianObservations(states, d, lags);
	}

	@Override
	public void setState(int s, Observations from, int fromState) {
		LinearGaussianObservations o = (LinearGaussianObservations) from;
		if (o.d != d || o.lags != lags) throw new IllegalArgumentException("different observation shapes");
		weights[s] = o.weights[fromState].clone();
		covs[s] = o.covs[fromState].clone();
		derive();
	}

	/** N c_s - tr(M_s G_s M_s^T) / 2, with G_s the state's weighted Gram matrix of windows. */
	@Override
	public double expectedLogLik(double[] stats, int s) {
		double[] g = unpack(stats, s);
		double frames = frames(stats, s);
		double quad = 0;
		double[] row = new double[n];
		for (int i = 0; i < d; i++) {
			int col = s * d + i;
			for (int c = 0; c < n - 1; c++) row[c] = mt[c][col];
			row[n - 1] = bias[col];
			for (int a = 0; a < n; a++) {
				double v = 0;
				for (int b = 0; b < n; b++) v += g[a * n + b] * row[b];
				quad += row[a] * v;
			}
		}
		return frames * logNorm[s] - 0.5 * quad;
	}

	static int[] identity(int k) {
		int[] order = new int[k];
		for (int i = 0; i < k; i++) order[i] = i;
		return order;
	}

	@Override
	public void sample(int s, double[] x, int t, Random random) {
		int c = covariates();
		double[] l = Cholesky.factor(covs[s], d);
		double[] e = new double[d];
		for (int i = 0; i < d; i++) e[i] = random.nextGaussian();
		for (int i = 0; i < d; i++) {
			double v = weights[s][i * c + c - 1];
			for (int g = 1; g <= lags; g++)
				for (int j = 0; j < d; j++) v += weights[s][i * c + (g - 1) * d + j] * x[(t - g) * d + j];
			for (int m = 0; m <= i; m++) v += l[i * d + m] * e[m];
			x[t * d + i] = v;
		}
	}

	@Override
	public String toString() {
		return type() + " observations, K=" + k + ", D=" + d + (lags > 0 ? ", lags=" + lags : "") + ", means "
				+ Arrays.toString(mean(0)) + "...";
	}
}
