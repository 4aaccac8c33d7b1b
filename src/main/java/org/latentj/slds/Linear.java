package org.latentj.slds;

/** Small dense helpers on row-major arrays (D x D at most a few dozen; no allocation worth an EJML matrix). */
final class Linear {

	private Linear() {
	}

	/** Lower Cholesky factor of a symmetric D x D matrix, or null when it is not positive definite. */
	static double[] cholesky(double[] a, int d) {
		double[] l = new double[d * d];
		for (int i = 0; i < d; i++)
			for (int j = 0; j <= i; j++) {
				double v = a[i * d + j];
				for (int m = 0; m < j; m++) v -= l[i * d + m] * l[j * d + m];
				if (i == j) {
					if (!(v > 0) || !Double.isFinite(v)) return null;
					l[i * d + i] = Math.sqrt(v);
				} else l[i * d + j] = v / l[j * d + j];
			}
		return l;
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
