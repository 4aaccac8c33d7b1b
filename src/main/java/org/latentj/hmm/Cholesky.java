package org.latentj.hmm;

/**
 * The Cholesky factor of a small symmetric matrix and the inverse of a lower-triangular one (D x D,
 * row-major), for the standardization (whitening) and the observations' covariances.
 */
final class Cholesky {

	private Cholesky() {
	}

	/** The lower factor L (A = L L^T), or null when A is not positive definite. */
	static double[] factor(double[] a, int d) {
		double[] l = new double[d * d];
		return factor(a, d, 0, l) < 0 ? l : null;
	}

	/**
	 * Writes the lower factor L of A into {@code l} (zeros above the diagonal). Returns -1, or the
	 * first row whose pivot (what is left of a_ii) is not finite and above {@code relativeFloor} a_ii,
	 * where the factorisation stops.
	 */
	static int factor(double[] a, int d, double relativeFloor, double[] l) {
		for (int i = 0; i < d; i++)
			for (int j = 0; j <= i; j++) {
				double v = a[i * d + j];
				for (int m = 0; m < j; m++) v -= l[i * d + m] * l[j * d + m];
				if (i == j) {
					if (!(v > relativeFloor * a[i * d + i]) || !Double.isFinite(v)) return i;
					l[i * d + i] = Math.sqrt(v);
				} else l[i * d + j] = v / l[j * d + j];
			}
		return -1;
	}

	/** L^{-1} of a lower-triangular L with a nonzero diagonal (itself lower triangular). */
	static double[] invertLower(double[] l, int d) {
		double[] inv = new double[d * d];
		for (int col = 0; col < d; col++) {
			inv[col * d + col] = 1 / l[col * d + col];
			for (int i = col + 1; i < d; i++) {
				double v = 0;
				for (int m = col; m < i; m++) v -= l[i * d + m] * inv[m * d + col];
				inv[i * d + col] = v / l[i * d + i];
			}
		}
		return inv;
	}
}
