package org.latentj.slds;

/**
 * The smoother's hot products on small dense m x m matrices (m = GD, 20 for the default D = 10, G = 2),
 * row-major double[], no allocation: the Kalman smoother makes 4 products and 2 transposes per chunk,
 * 18,000 chunks per pass at T = 36,000, where EJML's general kernels spend more time on loop overhead than on arithmetic.
 * <p>
 * Why hand code (LdsSmoother's budget is 4.67 m^3 multiply-adds per chunk, mostly products): the
 * product {@link #multAdd} works on 4 x 4 blocks (four rows of C, four k) so that each inner j loop
 * does 16 fused multiply-adds per element from 4 loads of B and 4 of C, which C2 vectorises in part even
 * at m = 20; EJML's mult at 20 x 20 runs one row and one k per inner loop. Measured with
 * {@code SldsBench kernels} (AMD EPYC family 26 = Zen 5, 2 cores, OpenJDK 17.0.15, 2026-12-07, load
 * 16-22 on 2 cores, CPU time, 18,000 calls): multAdd 5.44-5.58 G multiply-adds/s against EJML's mult 2.12
 * and multTransB 2.67. (Hand Cholesky and inverse were measured too, 0.99 and 1.85 against EJML's 1.47 and
 * 2.18 G/s, so the smoother keeps EJML's for those.) One
 * core's peak is about 55 G/s (16 FMA per cycle x 3.4 GHz), so multAdd runs at 10% of it: C2 vectorises
 * j loops of 20 only partly. BENCHMARKS.md (SLDS speed) has the smoother's share of peak.
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
}
