package org.latentj.slds;

/** Small dense helpers on row-major arrays (D x D at most a few dozen; no allocation worth an EJML matrix). */
final class Linear {

	private Linear() {
	}

	/** Lower Cholesky factor of a symmetric D x D matrix (zeros above the diagonal), or null when it is not positive definite. */
	static double[] cholesky(double[] a, int d) {
		double[] l = java.util.Arrays.copyOf(a, d * d);
		if (Double.isNaN(choleskyInPlace(l, d))) return null;
		for (int i = 0; i < d; i++)
			for (int j = i + 1; j < d; j++) l[i * d + j] = 0;
		return l;
	}

	/**
	 * In place, without allocating: the lower triangle of s (n x n, symmetric) becomes its Cholesky factor (the upper
	 * one is left as it was); returns log|s|, NaN when s is not positive definite.
	 */
	static double choleskyInPlace(double[] s, int n) {
		double ld = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j <= i; j++) {
				double v = s[i * n + j];
				for (int a = 0; a < j; a++) v -= s[i * n + a] * s[j * n + a];
				if (i == j) {
					if (!(v > 0) || !Double.isFinite(v)) return Double.NaN;
					s[i * n + i] = Math.sqrt(v);
					ld += Math.log(v);
				} else s[i * n + j] = v / s[j * n + j];
			}
		return ld;
	}

	/** L^{-1} B for lower-triangular L (D x D) and B (D x cols). */
	static double[] solveLower(double[] l, int d, double[] b, int cols) {
		double[] x = b.clone();
		for (int i = 0; i < d; i++)
			for (int c = 0; c < cols; c++) {
				double v = x[i * cols + c];
				for (int m = 0; m < i; m++) v -= l[i * d + m] * x[m * cols + c];
				x[i * cols + c] = v / l[i * d + i];
			}
		return x;
	}

	/** Solves A X = B for symmetric positive definite A (n x n) and B (n x cols); null when A is not. */
	static double[] solveSpd(double[] a, int n, double[] b, int cols) {
		double[] l = cholesky(a, n);
		if (l == null) return null;
		double[] y = solveLower(l, n, b, cols);
		// back substitution with L^T
		for (int i = n - 1; i >= 0; i--)
			for (int c = 0; c < cols; c++) {
				double v = y[i * cols + c];
				for (int m = i + 1; m < n; m++) v -= l[m * n + i] * y[m * cols + c];
				y[i * cols + c] = v / l[i * n + i];
			}
		return y;
	}
}
