package org.latentj.symbolic;

import java.util.Locale;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.latentj.util.BadInputException;

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
 * per-input ones, so a sample is (L_{d-1} x ... x L_0) z with one factor per input: d products of a factor along
 * one input of the tensor z, about d m^(d+1) operations, never the (m^d)^3 of factoring the whole matrix. With the
 * gradient channel each L_k is the one-input joint factor of (f, f') along input k, z has (2m)^d entries, and
 * d/dx_j is read where input j takes a derivative row and every other input a value row (the kernel is separable,
 * so the covariances of all values and partial derivatives are the products of the per-input ones). The scale
 * goes into L_0, so one input gives the one-input curves bit for bit (GpGeneratorTest).
 */
public final class GpGenerator implements CurveGenerator {

	private final double length, scale;
	private double[] grid; // the one-input factor's grid
	private DMatrixRMaj factor;
	private boolean withGradient;
	private double[][] points; // the tensor grid of the per-input factors
	private DMatrixRMaj[] factors;
	private boolean withGradientK;

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

	@Override
	public void sample(Random random, double[] grid, double[] y, double[] dy) {
		int n = grid.length;
		boolean gradient = dy != null;
		if (factor == null || this.grid != grid || withGradient != gradient) {
			factor = factor(grid, gradient, scale * scale);
			this.grid = grid;
			withGradient = gradient;
		}
		int m = factor.numRows;
		double[] z = new double[m];
		for (int i = 0; i < m; i++) z[i] = random.nextGaussian();
		double[] l = factor.data;
		for (int i = 0; i < m; i++) {
			double s = 0;
			for (int j = 0, o = i * m; j <= i; j++) s += l[o + j] * z[j];
			if (i < n) y[i] = s;
			else dy[i - n] = s;
		}
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
			factors = tensorFactors(points, gradient);
			this.points = points;
			withGradientK = gradient;
		}
		int d = factors.length, m = factors[0].numRows, total = 1;
		for (int k = 0; k < d; k++) total *= m;
		double[] t = new double[total];
		for (int i = 0; i < total; i++) t[i] = random.nextGaussian();
		double[] next = new double[total];
		for (int k = 0, stride = 1; k < d; k++, stride *= m) { // t <- L_k applied along input k
			double[] l = factors[k].data;
			for (int start = 0; start < total; start++) {
				if ((start / stride) % m != 0) continue; // the first entry of a fibre along input k
				for (int i = 0; i < m; i++) {
					double s = 0;
					for (int j = 0, o = i * m; j <= i; j++) s += l[o + j] * t[start + j * stride];
					next[start + i * stride] = s;
				}
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
		DMatrixRMaj[] f = new DMatrixRMaj[d];
		for (int k = 0; k < d; k++) f[k] = factor(axes[k], gradient, k == 0 ? scale * scale : 1);
		return f;
	}

	/**
	 * The lower Cholesky factor of the joint covariance of (f, f') on the grid (f alone without gradient) for the
	 * kernel s2 exp(-(x - x')^2 / (2 length^2)).
	 */
	private DMatrixRMaj factor(double[] grid, boolean gradient, double s2) {
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
				throw new BadInputException(String.format(Locale.ROOT,
						"The GP kernel with gp_length %s does not factor on %d points even with jitter; raise gp_length or lower points.", length, n));
		}
	}
}
