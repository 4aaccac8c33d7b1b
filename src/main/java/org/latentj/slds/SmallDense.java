package org.latentj.slds;

/**
 * The smoother's hot kernels on small dense m x m matrices (m = GD, 20 for the default D = 10, G = 2),
 * row-major double[], no allocation: the Kalman smoother calls them 18,000 times per pass at
 * T = 36,000, where EJML's general kernels spend more time on loop overhead than on arithmetic.
 * <p>
 * Why hand code (LdsSmoother's budget is 4.67 m^3 multiply-adds per chunk, mostly products): the
 * product {@link #multAdd} works on 4 x 4 blocks (four rows of C, four k) so that each inner j loop
 * does 16 fused multiply-adds per element from 4 loads of B and 4 of C, which C2 vectorises even at
 * m = 20; EJML's mult at 20 x 20 runs one row and one k per inner loop. Measured with
 * {@code SldsBench kernels} (AMD EPYC family 26 = Zen 5, 2 cores, OpenJDK 17.0.15, 2026-12-07, load
 * 12-21 on 2 cores, CPU time): this multAdd 5.6-6.0 G multiply-adds/s, EJML mult 2.1-2.2 and
 * multTransB 2.8; BENCHMARKS.md (SLDS speed) gives the smoother's share of peak.
 */
public final class SmallDense { // public for SldsBench kernels; not an API

	private SmallDense() {
	}

	/** c += a b (all m x m). */
	public static void multAdd(double[] a, double[] b, double[] c, int m) {
		int m4 = m - m % 4, i = 0;
		for (; i < m4; i += 4) {
			int c0 = i * m, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m, k = 0;
			for (; k < m4; k += 4) {
				int b0 = k * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
				double a00 = a[c0 + k], a01 = a[c0 + k + 1], a02 = a[c0 + k + 2], a03 = a[c0 + k + 3];
				double a10 = a[c1 + k], a11 = a[c1 + k + 1], a12 = a[c1 + k + 2], a13 = a[c1 + k + 3];
				double a20 = a[c2 + k], a21 = a[c2 + k + 1], a22 = a[c2 + k + 2], a23 = a[c2 + k + 3];
				double a30 = a[c3 + k], a31 = a[c3 + k + 1], a32 = a[c3 + k + 2], a33 = a[c3 + k + 3];
				for (int j = 0; j < m; j++) {
					double x0 = b[b0 + j], x1 = b[b1 + j], x2 = b[b2 + j], x3 = b[b3 + j];
					c[c0 + j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, c[c0 + j]))));
					c[c1 + j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, c[c1 + j]))));
					c[c2 + j] = Math.fma(a23, x3, Math.fma(a22, x2, Math.fma(a21, x1, Math.fma(a20, x0, c[c2 + j]))));
					c[c3 + j] = Math.fma(a33, x3, Math.fma(a32, x2, Math.fma(a31, x1, Math.fma(a30, x0, c[c3 + j]))));
				}
			}
			for (; k < m; k++) // k remainder (m not a multiple of 4)
				for (int r = c0; r <= c3; r += m) axpy(a[r + k], b, k * m, c, r, m);
		}
		for (; i < m; i++) // row remainder
			for (int k = 0; k < m; k++) axpy(a[i * m + k], b, k * m, c, i * m, m);
	}

	/** y[yo..yo+n) += s x[xo..xo+n). */
	private static void axpy(double s, double[] x, int xo, double[] y, int yo, int n) {
		for (int j = 0; j < n; j++) y[yo + j] = Math.fma(s, x[xo + j], y[yo + j]);
	}

	/** at = s a^T. */
	public static void transpose(double[] a, double s, double[] at, int m) {
		for (int i = 0; i < m; i++)
			for (int j = 0; j < m; j++) at[j * m + i] = s * a[i * m + j];
	}

	/**
	 * Lower Cholesky factor L (a = L L^T) of the symmetric a in place, m^3 / 6 multiply-adds; returns
	 * log det a, or NaN where a is not positive definite. Right-looking on the upper triangle (which it
	 * reads): the trailing update is independent row axpys, not the dependent dot products of the
	 * left-looking form (0.7 G multiply-adds/s at m = 20, half EJML's rate; see SldsBench kernels).
	 */
	public static double cholesky(double[] a, int m) {
		double logDet = 0;
		for (int k = 0; k < m; k++) {
			int rk = k * m;
			double v = a[rk + k];
			if (!(v > 0)) return Double.NaN;
			double u = Math.sqrt(v), s = 1 / u;
			a[rk + k] = u;
			logDet += 2 * Math.log(u);
			for (int j = k + 1; j < m; j++) a[rk + j] *= s;
			for (int i = k + 1; i < m; i++) axpy(-a[rk + i], a, rk + i, a, i * m + i, m - i);
		}
		for (int i = 0; i < m; i++) // the factor is U = L^T in the upper triangle: mirror it
			for (int j = i + 1; j < m; j++) {
				a[j * m + i] = a[i * m + j];
				a[i * m + j] = 0;
			}
		return logDet;
	}

	/**
	 * inv = (L L^T)^-1 = L^-T L^-1 from the lower factor l: L^-1 by forward substitution into work
	 * (m^3 / 6), then the sum of the outer products of its rows (m^3 / 3, both triangles).
	 */
	public static void inverseFromCholesky(double[] l, double[] inv, double[] work, int m) {
		java.util.Arrays.fill(work, 0, m * m, 0);
		for (int i = 0; i < m; i++) {
			int ri = i * m;
			for (int k = 0; k < i; k++) axpy(-l[ri + k], work, k * m, work, ri, k + 1);
			work[ri + i] = 1;
			double s = 1 / l[ri + i];
			for (int j = 0; j <= i; j++) work[ri + j] *= s;
		}
		java.util.Arrays.fill(inv, 0, m * m, 0);
		for (int k = 0; k < m; k++) {
			int rk = k * m;
			for (int i = 0; i <= k; i++) axpy(work[rk + i], work, rk, inv, i * m, k + 1);
		}
	}
}
