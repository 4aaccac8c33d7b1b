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
 */
public final class GpGenerator implements CurveGenerator {

	private final double length, scale;
	private double[] grid;
	private DMatrixRMaj factor;
	private boolean withGradient;

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
		if (factor == null || this.grid != grid || withGradient != gradient) factor(grid, gradient);
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

	/** The joint covariance of (f, f') on the grid (f alone without gradient), and its lower Cholesky factor. */
	private void factor(double[] grid, boolean gradient) {
		int n = grid.length, m = gradient ? 2 * n : n;
		double inv = 1 / (length * length), s2 = scale * scale;
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
			if (chol.decompose(a)) {
				factor = chol.getT(null);
				break;
			}
			if (jitter > 1e-3 * s2)
				throw new BadInputException(String.format(Locale.ROOT,
						"The GP kernel with gp_length %s does not factor on %d points even with jitter; raise gp_length or lower points.", length, n));
		}
		this.grid = grid;
		this.withGradient = gradient;
	}
}
