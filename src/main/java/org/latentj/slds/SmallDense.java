package org.latentj.slds;

/**
 * The smoother's hot products on small dense matrices (D x D blocks, D = 10 by default, and their G-frame
 * stacks, GD = 20), row-major double[] with offsets and row strides, no allocation.
 * <p>
 * Why hand code: EJML's general kernels spend more time on loop overhead than on arithmetic at these sizes,
 * and have no strided or triangular variants. {@link #abt} (c += s a b^T, dot products) works on two rows of a
 * by four of b, eight independent sums, so the scalar loop is bound by throughput, not by the FMA latency
 * (Java keeps each sum's order), and it skips the zero triangles of triangular operands. {@link #multAdd}
 * (c += a b) works on 4 x 4 blocks (then 2 x 4) so that each inner j loop does 16 fused multiply-adds per
 * element from 4 loads of b and 4 of c, which C2 vectorises in part. Measured with {@code SldsBench kernels}
 * (AMD EPYC family 26 = Zen 5, 2 cores, OpenJDK 17.0.15, 2026-12-07, load 16-22 on 2 cores, CPU time, 18,000
 * calls, 20 x 20): multAdd 5.44-5.58 G multiply-adds/s against EJML's mult 2.12 and multTransB 2.67. One core's
 * peak is about 55 G/s (16 FMA per cycle x 3.4 GHz): C2 vectorises loops of 10-20 only partly. LdsSmoother's
 * comment and BENCHMARKS.md (SLDS speed) have the smoother's rate and share of peak.
 */
public final class SmallDense { // public for SldsBench kernels; not an API

	private SmallDense() {
	}

	/** c += a b (all m x m). */
	public static void multAdd(double[] a, double[] b, double[] c, int m) {
		multAdd(a, b, c, m, m, m);
	}

	/** c += a b with a rows x inner, b inner x cols, c rows x cols (all row-major from index 0). */
	public static void multAdd(double[] a, double[] b, double[] c, int rows, int inner, int cols) {
		multAdd(a, 0, inner, b, 0, cols, c, 0, cols, rows, inner, cols);
	}

	/** c += a b as above, each matrix row-major from its offset with its own row stride. */
	public static void multAdd(double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int cs, int rows, int inner,
			int cols) {
		int r4 = rows - rows % 4, k4 = inner - inner % 4, i = 0;
		for (; i < r4; i += 4) {
			int a0 = ao + i * as, a1 = a0 + as, a2 = a1 + as, a3 = a2 + as;
			int c0 = co + i * cs, c1 = c0 + cs, c2 = c1 + cs, c3 = c2 + cs, k = 0;
			for (; k < k4; k += 4) {
				int b0 = bo + k * bs, b1 = b0 + bs, b2 = b1 + bs, b3 = b2 + bs;
				double a00 = a[a0 + k], a01 = a[a0 + k + 1], a02 = a[a0 + k + 2], a03 = a[a0 + k + 3];
				double a10 = a[a1 + k], a11 = a[a1 + k + 1], a12 = a[a1 + k + 2], a13 = a[a1 + k + 3];
				double a20 = a[a2 + k], a21 = a[a2 + k + 1], a22 = a[a2 + k + 2], a23 = a[a2 + k + 3];
				double a30 = a[a3 + k], a31 = a[a3 + k + 1], a32 = a[a3 + k + 2], a33 = a[a3 + k + 3];
				for (int j = 0; j < cols; j++) {
					double x0 = b[b0 + j], x1 = b[b1 + j], x2 = b[b2 + j], x3 = b[b3 + j];
					c[c0 + j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, c[c0 + j]))));
					c[c1 + j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, c[c1 + j]))));
					c[c2 + j] = Math.fma(a23, x3, Math.fma(a22, x2, Math.fma(a21, x1, Math.fma(a20, x0, c[c2 + j]))));
					c[c3 + j] = Math.fma(a33, x3, Math.fma(a32, x2, Math.fma(a31, x1, Math.fma(a30, x0, c[c3 + j]))));
				}
			}
			for (; k < inner; k++) { // k remainder (inner not a multiple of 4)
				axpy(a[a0 + k], b, bo + k * bs, c, c0, cols);
				axpy(a[a1 + k], b, bo + k * bs, c, c1, cols);
				axpy(a[a2 + k], b, bo + k * bs, c, c2, cols);
				axpy(a[a3 + k], b, bo + k * bs, c, c3, cols);
			}
		}
		for (; i + 1 < rows; i += 2) { // two remaining rows, four k at a time
			int a0 = ao + i * as, a1 = a0 + as, c0 = co + i * cs, c1 = c0 + cs, k = 0;
			for (; k < k4; k += 4) {
				int b0 = bo + k * bs, b1 = b0 + bs, b2 = b1 + bs, b3 = b2 + bs;
				double a00 = a[a0 + k], a01 = a[a0 + k + 1], a02 = a[a0 + k + 2], a03 = a[a0 + k + 3];
				double a10 = a[a1 + k], a11 = a[a1 + k + 1], a12 = a[a1 + k + 2], a13 = a[a1 + k + 3];
				for (int j = 0; j < cols; j++) {
					double x0 = b[b0 + j], x1 = b[b1 + j], x2 = b[b2 + j], x3 = b[b3 + j];
					c[c0 + j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, c[c0 + j]))));
					c[c1 + j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, c[c1 + j]))));
				}
			}
			for (; k < inner; k++) {
				axpy(a[a0 + k], b, bo + k * bs, c, c0, cols);
				axpy(a[a1 + k], b, bo + k * bs, c, c1, cols);
			}
		}
		for (; i < rows; i++) // row remainder
			for (int k = 0; k < inner; k++) axpy(a[ao + i * as + k], b, bo + k * bs, c, co + i * cs, cols);
	}

	/**
	 * {@link #abt}'s mode, bits or-ed: LOWER: only blocks that reach c's lower triangle (q <= i; a few above it
	 * are done too); B_LOWER: b is lower triangular (column q's sum stops at r = q, rounded up to its block);
	 * A_UPPER: a is upper triangular (row i's sum starts at r = i, rounded down to its pair); SET: c = s a b^T
	 * instead of c += s a b^T.
	 */
	public static final int FULL = 0, LOWER = 1, B_LOWER = 2, A_UPPER = 4, SET = 8;

	/**
	 * c[i][q] += s sum_r a[i][r] b[q][r] (c += s a b^T), i < rows, q < cols, r < len; each matrix is row-major
	 * from its offset with its own row stride. Two rows of a by four of b at a time: eight independent sums,
	 * so the scalar loop is not bound by the fused multiply-add's latency (Java keeps each sum's order).
	 */
	public static void abt(double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int cs, int rows, int cols,
			int len, double s, int mode) {
		boolean set = (mode & SET) != 0, bLower = (mode & B_LOWER) != 0, aUpper = (mode & A_UPPER) != 0, lower = (mode & LOWER) != 0;
		int i = 0;
		for (; i + 1 < rows; i += 2) {
			int a0 = ao + i * as, a1 = a0 + as, c0 = co + i * cs, c1 = c0 + cs, r0 = aUpper ? i : 0;
			int qEnd = lower ? Math.min(cols, (i + 5) & ~3) : cols, q = 0;
			for (; q + 3 < qEnd; q += 4) {
				int b0 = bo + q * bs, b1 = b0 + bs, b2 = b1 + bs, b3 = b2 + bs, n = bLower ? Math.min(len, q + 4) : len;
				double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
				for (int r = r0; r < n; r++) {
					double x0 = a[a0 + r], x1 = a[a1 + r], y0 = b[b0 + r], y1 = b[b1 + r], y2 = b[b2 + r], y3 = b[b3 + r];
					s00 = Math.fma(x0, y0, s00);
					s01 = Math.fma(x0, y1, s01);
					s02 = Math.fma(x0, y2, s02);
					s03 = Math.fma(x0, y3, s03);
					s10 = Math.fma(x1, y0, s10);
					s11 = Math.fma(x1, y1, s11);
					s12 = Math.fma(x1, y2, s12);
					s13 = Math.fma(x1, y3, s13);
				}
				if (set) {
					c[c0 + q] = s * s00;
					c[c0 + q + 1] = s * s01;
					c[c0 + q + 2] = s * s02;
					c[c0 + q + 3] = s * s03;
					c[c1 + q] = s * s10;
					c[c1 + q + 1] = s * s11;
					c[c1 + q + 2] = s * s12;
					c[c1 + q + 3] = s * s13;
				} else {
					c[c0 + q] = Math.fma(s, s00, c[c0 + q]);
					c[c0 + q + 1] = Math.fma(s, s01, c[c0 + q + 1]);
					c[c0 + q + 2] = Math.fma(s, s02, c[c0 + q + 2]);
					c[c0 + q + 3] = Math.fma(s, s03, c[c0 + q + 3]);
					c[c1 + q] = Math.fma(s, s10, c[c1 + q]);
					c[c1 + q + 1] = Math.fma(s, s11, c[c1 + q + 1]);
					c[c1 + q + 2] = Math.fma(s, s12, c[c1 + q + 2]);
					c[c1 + q + 3] = Math.fma(s, s13, c[c1 + q + 3]);
				}
			}
			for (; q < qEnd; q++) {
				int b0 = bo + q * bs, n = bLower ? Math.min(len, q + 1) : len;
				double s0 = 0, s1 = 0;
				for (int r = r0; r < n; r++) {
					s0 = Math.fma(a[a0 + r], b[b0 + r], s0);
					s1 = Math.fma(a[a1 + r], b[b0 + r], s1);
				}
				c[c0 + q] = set ? s * s0 : Math.fma(s, s0, c[c0 + q]);
				c[c1 + q] = set ? s * s1 : Math.fma(s, s1, c[c1 + q]);
			}
		}
		if (i < rows) { // the last row of an odd count
			int a0 = ao + i * as, c0 = co + i * cs, qEnd = lower ? Math.min(cols, i + 1) : cols, r0 = aUpper ? i : 0;
			for (int q = 0; q < qEnd; q++) {
				int b0 = bo + q * bs, n = bLower ? Math.min(len, q + 1) : len;
				double s0 = 0, s1 = 0;
				int r = r0;
				for (; r + 1 < n; r += 2) {
					s0 = Math.fma(a[a0 + r], b[b0 + r], s0);
					s1 = Math.fma(a[a0 + r + 1], b[b0 + r + 1], s1);
				}
				if (r < n) s0 = Math.fma(a[a0 + r], b[b0 + r], s0);
				c[c0 + q] = set ? s * (s0 + s1) : Math.fma(s, s0 + s1, c[c0 + q]);
			}
		}
	}

	/** y[yo..yo+n) += s x[xo..xo+n). */
	private static void axpy(double s, double[] x, int xo, double[] y, int yo, int n) {
		for (int j = 0; j < n; j++) y[yo + j] = Math.fma(s, x[xo + j], y[yo + j]);
	}
}
