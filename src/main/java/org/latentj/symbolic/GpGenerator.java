package org.latentj.symbolic;

import java.util.Locale;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.latentj.util.BadInputException;
import org.latentj.util.Memory;

/**
 * Smooth non-symbolic curves (the seed's step 15.1, "GP activations"): samples of a zero-mean Gaussian process with
 * the squared-exponential kernel k(x, x') = scale^2 exp(-(x - x')^2 / (2 length^2)) on the grid. With the gradient
 * channel, values and derivatives are drawn jointly (a GP's derivative is a GP: cov(f(x), f'(x')) = k (x - x') /
 * length^2, cov(f'(x), f'(x')) = k (1/length^2 - (x - x')^2 / length^4)), so the derivative is exact, as the library's
 * and the networks' are. One Cholesky factor (EJML) per grid, with a jitter of 1e-9 scale^2 per doubling until it
 * factors (the kernel matrix of a fine grid is singular to machine precision); each sample is then L z, z ~ N(0, I).
 * <p>
 * Several inputs: the product kernel scale^2 prod_k exp(-(x_k - x'_k)^2 / (2 length^2)) on a tensor grid
 * ({@link Curves#grid(double, double, int, int)}, x0 fastest). Its covariance is the Kronecker product of the
 * per-input ones, so a sample is (L_{d-1} x ... x L_0) z with one factor per input: d products of a triangular
 * factor along one input of the tensor z, about d m^(d+1)/2 multiply-adds for m values per input, never the
 * (m^d)^3 of factoring the whole matrix. With the gradient channel each L_k is the one-input joint factor of
 * (f, f') along input k, with 2m rows: z has (2m)^d entries and the work is about d (2m)^(d+1)/2; d/dx_j is read
 * where input j takes a derivative row and every other input a value row (the kernel is separable, so the
 * covariances of all values and partial derivatives are the products of the per-input ones). The scale goes into
 * L_0; curves of one input are this path with d = 1. Grids whose factors or tensors would
 * not fit in memory are refused before any work, naming points, inputs and bytes.
 */
public final class GpGenerator implements CurveGenerator {

	private final double length, scale;
	private double[] grid; // the last one-input grid, and the same as a tensor grid of one input
	private double[][] gridAsPoints;
	private double[][] points; // the tensor grid of the per-input factors
	private DMatrixRMaj[] factors;
	private boolean withGradientK;
	private double[] tensorZ, tensorImage; // the tensor z and its image under one factor, reused across samples

	public GpGenerator(double length, double scale) {
		if (!(length > 0 && Double.isFinite(length))) throw new BadInputException("The key 'gp_length' is " + length + "; it must be positive.");
		if (!(scale > 0 && Double.isFinite(scale))) throw new BadInputException("The key 'gp_scale' is " + scale + "; it must be positive.");
		this.length = length;
		this.scale = scale;
	}

	@Override
	public String describe() {
		return String.format(Locale.ROOT, "gp length %s scale %s", length, scale);
	}

	/** One input is the tensor path with d = 1 (the same draws and products), so there is one sampling loop. */
	@Override
	public void sample(Random random, double[] grid, double[] y, double[] dy) {
		if (grid != this.grid) {
			gridAsPoints = new double[][] { grid };
			this.grid = grid;
		}
		sample(random, gridAsPoints, y, dy == null ? null : new double[][] { dy });
	}

	/**
	 * A sample of the product kernel on a tensor grid ({@code points[k][i]}: x_k of point i, x0 fastest, as
	 * {@link Curves#grid(double, double, int, int)} lays it out) and, when dy is not null, its exact partial
	 * derivatives; scattered points are refused.
	 */
	@Override
	public void sample(Random random, double[][] points, double[] y, double[][] dy) {
		boolean gradient = dy != null;
		if (points != this.points || withGradientK != gradient) {
			this.points = null; // a refused or failed grid leaves nothing half-built behind
			factors = tensorFactors(points, gradient);
			this.points = points;
			withGradientK = gradient;
		}
		int d = factors.length, m = factors[0].numRows, total = tensorZ.length; // m^d, checked in tensorFactors
		double[] t = tensorZ, next = tensorImage;
		for (int i = 0; i < total; i++) t[i] = random.nextGaussian();
		for (int k = 0, stride = 1; k < d; k++, stride *= m) { // t <- L_k applied along input k
			double[] l = factors[k].data;
			// a fibre along input k starts at outer + inner: outer steps over blocks of m strides, inner within one stride
			for (int outer = 0; outer < total; outer += stride * m)
				for (int start = outer; start < outer + stride; start++)
					for (int i = 0; i < m; i++) {
						double s = 0;
						for (int j = 0, o = i * m; j <= i; j++) s += l[o + j] * t[start + j * stride];
						next[start + i * stride] = s; // every entry is written: each lies on one fibre along input k
					}
			double[] swap = t;
			t = next;
			next = swap;
		}
		int n = gradient ? m / 2 : m, count = y.length;
		for (int p = 0; p < count; p++) {
			int at = 0; // the entry of point p with every input on a value row
			for (int k = 0, rest = p, stride = 1; k < d; k++, rest /= n, stride *= m) at += (rest % n) * stride;
			y[p] = t[at];
			if (gradient)
				for (int k = 0, rest = p, stride = 1; k < d; k++, rest /= n, stride *= m) dy[k][p] = t[at + n * stride]; // input k on its derivative row
		}
	}

	/** One factor per input of a tensor grid (the scale in the first), with or without the derivative rows. */
	private DMatrixRMaj[] tensorFactors(double[][] points, boolean gradient) {
		int d = points.length, total = points[0].length;
		int n = (int) Math.round(Math.pow(total, 1.0 / d));
		long expected = 1;
		for (int k = 0; k < d; k++) expected *= n;
		double[][] axes = new double[d][n];
		boolean tensor = expected == total && n >= 1;
		for (int k = 0, stride = 1; tensor && k < d; k++, stride *= n)
			for (int j = 0; j < n; j++) axes[k][j] = points[k][j * stride];
		for (int p = 0; tensor && p < total; p++)
			for (int k = 0, rest = p; k < d; k++, rest /= n)
				if (points[k][p] != axes[k][rest % n]) {
					tensor = false;
					break;
				}
		if (!tensor)
			throw new BadInputException("The generator " + describe() + " draws curves of " + d
					+ " inputs on a tensor grid only (the same number of values per input, x0 varying fastest).");
		long entries = requireMemory(total, d, gradient ? 2L * n : n, gradient);
		tensorZ = tensorImage = null; // the old grid's, before the new ones are allocated
		DMatrixRMaj[] f = new DMatrixRMaj[d];
		for (int k = 0; k < d; k++) f[k] = factor(axes[k], gradient, k == 0 ? scale * scale : 1, d == 1 ? -1 : k);
		tensorZ = new double[(int) entries];
		tensorImage = new double[(int) entries];
		return f;
	}

	/** The most entries one Java array holds. */
	private static final long MAX_ENTRIES = Integer.MAX_VALUE - 8;

	/**
	 * Refuses, in one sentence naming points, inputs and the estimated bytes, a grid whose work would not fit: factors
	 * of m x m doubles (three alive while one is built: the kernel, its jittered copy, the factor; then one per input)
	 * and two tensors of m^d (the draws and their image along one input). Returns m^d.
	 */
	private long requireMemory(int points, int d, long m, boolean gradient) {
		long square = Memory.product(m, m), entries = 1;
		for (int k = 0; k < d; k++) entries = Memory.product(entries, m);
		String what = String.format(Locale.ROOT, "Drawing GP curves on points=%d (%d input%s%s)", points, d, d == 1 ? "" : "s",
				gradient ? ", with the gradient channel" : "");
		if (square < 0 || square > MAX_ENTRIES || entries < 0 || entries > MAX_ENTRIES)
			throw new BadInputException(what + " needs more entries in one array than Java allows (" + MAX_ENTRIES + "); lower points.");
		Memory.require(8 * (2 * entries + (d + 2) * square), what);
		return entries;
	}

	/**
	 * The lower Cholesky factor of the joint covariance of (f, f') on the grid (f alone without gradient) for the
	 * kernel s2 exp(-(x - x')^2 / (2 length^2)); input is that of a tensor grid, -1 for curves of one input.
	 */
	private DMatrixRMaj factor(double[] grid, boolean gradient, double s2, int input) {
		int n = grid.length, m = gradient ? 2 * n : n;
		double inv = 1 / (length * length);
		DMatrixRMaj k = new DMatrixRMaj(m, m);
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				double d = grid[i] - grid[j], kij = s2 * Math.exp(-0.5 * d * d * inv);
				k.set(i, j, kij);
				if (!gradient) continue;
				k.set(i, n + j, kij * d * inv); // cov(f(x_i), f'(x_j)) = dk/dx_j
				k.set(n + j, i, kij * d * inv);
				k.set(n + i, n + j, kij * (inv - d * d * inv * inv));
			}
		for (double jitter = 1e-9 * s2; ; jitter *= 2) {
			DMatrixRMaj a = k.copy();
			for (int i = 0; i < n; i++) a.add(i, i, jitter);
			for (int i = n; i < m; i++) a.add(i, i, jitter * inv);
			CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
			if (chol.decompose(a)) return chol.getT(null);
			if (jitter > 1e-3 * s2)
				throw new BadInputException(String.format(Locale.ROOT, "The GP kernel with gp_length %s does not factor on %s even with jitter; "
						+ "lower gp_length or points (a longer length makes it more singular).", length,
						input < 0 ? n + " points" : n + " values per input (input x" + input + ")"));
		}
	}
}
