package org.latentj.hmm;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The Cholesky factor of a small symmetric matrix and the inverse of a lower-triangular one (D x D,
 * row-major), for the standardization (whitening) and the observations' covariances: EJML's, on
 * LatentJ's flat arrays. (The hand-written kernels this replaced were no faster: 3.3-5.6 us against
 * EJML's 2.0-3.3 us per 10 x 10 factor and inverse, measured 2026-12-06 on the build machine; and
 * they run K times per M-step, not in a hot loop.)
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
	 * first row whose pivot (l_ii squared) is not finite and above {@code relativeFloor} a_ii, where
	 * A is not (numerically) positive definite.
	 */
	static int factor(double[] a, int d, double relativeFloor, double[] l) {
		CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
		if (chol.decompose(new DMatrixRMaj(d, d, true, a))) {
			DMatrixRMaj t = chol.getT(null);
			int bad = firstBadPivot(t.data, a, d, relativeFloor);
			System.arraycopy(t.data, 0, l, 0, d * d);
			if (bad < 0) return -1;
			return bad;
		}
		// not positive definite: the first leading block that fails names the row
		for (int n = 1; n <= d; n++) {
			double[] lead = new double[n * n];
			for (int i = 0; i < n; i++) System.arraycopy(a, i * d, lead, i * n, n);
			CholeskyDecomposition_F64<DMatrixRMaj> c = DecompositionFactory_DDRM.chol(n, true);
			if (!c.decompose(new DMatrixRMaj(n, n, true, lead))) return n - 1;
			int bad = firstBadPivot(c.getT(null).data, lead, n, relativeFloor);
			if (bad >= 0) return bad;
		}
		return d - 1;
	}

	private static int firstBadPivot(double[] l, double[] a, int d, double relativeFloor) {
		for (int i = 0; i < d; i++) {
			double p = l[i * d + i];
			if (!(p * p > relativeFloor * a[i * d + i]) || !Double.isFinite(p)) return i;
		}
		for (double v : l)
			if (!Double.isFinite(v)) return d - 1;
		return -1;
	}

	/** L^{-1} of a lower-triangular L with a nonzero diagonal (itself lower triangular). */
	static double[] invertLower(double[] l, int d) {
		double[] inv = l.clone();
		TriangularSolver_DDRM.invertLower(inv, d);
		return inv;
	}
}
