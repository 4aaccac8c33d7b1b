package org.latentj.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The row kernels against the flat kernels they replaced (copied below, as they were on main at 0904cba), bit for bit,
 * on sizes that are neither tile nor block multiples, with ReLU zeros in the left operand (the gathering paths) and
 * without zeros (ELU outputs: the paths that take four rows at once and their remainders), one output and few outputs.
 */
class KernelsTest {

	private static double[] random(Random r, int n, boolean relu) {
		double[] a = new double[n];
		for (int i = 0; i < n; i++) a[i] = relu ? Math.max(0, r.nextGaussian()) : r.nextGaussian();
		return a;
	}

	private static double[][] rows(double[] flat, int rows, int width) {
		double[][] m = new double[rows][width];
		Kernels.toRows(flat, rows, width, m);
		return m;
	}

	private static void assertSame(double[] flat, double[][] m, int rows, int width) {
		for (int r = 0; r < rows; r++)
			for (int i = 0; i < width; i++)
				assertEquals(Double.doubleToRawLongBits(flat[r * width + i]), Double.doubleToRawLongBits(m[r][i]), "row " + r + ", column " + i);
	}

	@Test
	void rowKernelsGiveTheFlatKernelsBits() {
		Random r = new Random(4);
		// k, n, rows; the last two are large enough to be cut into pieces (4 a thread, so at least 4 on any machine):
		// {700, 64, 300} uses two column chunks of 512 weight rows in mul and two blocks of 256 rows in
		// addTransposedProduct, {9, 3000, 40} five blocks of 8 rows there
		int[][] shapes = { { 37, 23, 5 }, { 70, 19, 1 }, { 2, 33, 3 }, { 41, 1, 9 }, { 33, 5, 6 }, { 600, 3, 11 }, { 700, 64, 300 },
				{ 9, 3000, 40 } };
		for (boolean relu : new boolean[] { true, false })
			for (int[] s : shapes)
				compare(r, s[0], s[1], s[2], relu);
	}

	private static void compare(Random r, int k, int n, int rows, boolean relu) {
		Kernels.Scratch scratch = new Kernels.Scratch();
		double[] w = random(r, k * n, false), bias = random(r, n, false), a = random(r, rows * k, relu), d = random(r, rows * n, relu);
		double[][] wr = rows(w, k, n);
		// forward product, with and without bias
		double[] c = new double[rows * n];
		flatMul(a, rows, k, w, n, bias, c);
		double[][] cr = new double[rows][n];
		Kernels.mul(rows(a, rows, k), rows, k, wr, n, bias, cr, scratch);
		assertSame(c, cr, rows, n);
		flatMul(a, rows, k, w, n, null, c);
		Kernels.mul(rows(a, rows, k), rows, k, wr, n, null, cr, scratch);
		assertSame(c, cr, rows, n);
		// transposed product (the input gradient)
		double[] t = new double[k * n], da = new double[rows * k];
		flatTranspose(w, k, n, t);
		flatMul(d, rows, n, t, k, null, da);
		double[][] dar = new double[rows][k];
		Kernels.mulTransposed(rows(d, rows, n), rows, n, wr, k, new double[n][k], dar, scratch);
		assertSame(da, dar, rows, k);
		// weight gradient, accumulated twice onto a non-zero start
		double[] g = random(r, k * n, false);
		double[][] gr = rows(g, k, n);
		for (int twice = 0; twice < 2; twice++) {
			flatAddTransposedProduct(a, rows, k, d, n, g);
			Kernels.addTransposedProduct(rows(a, rows, k), rows, k, rows(d, rows, n), n, gr, scratch);
		}
		assertSame(g, gr, k, n);
	}

	/**
	 * Rows with and without zeros mixed inside blocks of 8, +-0.0 (both skipped as coefficients, and their sign kept
	 * or lost by the sum), NaN and +-Inf, row counts that are not multiples of 4, on 1 to 5 threads (pieces of g
	 * narrower than four rows at 3 and 5 threads for k = 9): against {@link #plain} loops, bit for bit (NaN payloads
	 * aside: any NaN equals any NaN).
	 */
	@Test
	void mixedRowsSignedZerosAndNonFiniteOnAnyThreadCount() {
		String saved = System.getProperty("latentj.threads");
		try {
			// k, n, rows: the last three are large enough to be cut into pieces
			int[][] shapes = { { 13, 6, 7 }, { 33, 1, 13 }, { 6, 17, 5 }, { 5, 1, 3 }, { 70, 64, 61 }, { 9, 3000, 13 }, { 40, 1, 7000 } };
			for (String threads : new String[] { "1", "2", "3", "5" }) {
				System.setProperty("latentj.threads", threads);
				Random r = new Random(6);
				for (int mode = 0; mode < 3; mode++)
					for (int[] s : shapes)
						comparePlain(r, s[0], s[1], s[2], mode, "threads " + threads + ", mode " + mode + ", k " + s[0] + ", n " + s[1] + ", rows " + s[2]);
			}
		} finally {
			if (saved == null) System.clearProperty("latentj.threads");
			else System.setProperty("latentj.threads", saved);
		}
	}

	/** Mode 0: finite, no zeros in the left operands; 1: rows mixed, zeros of both signs; 2: 1 with NaN and +-Inf. */
	private static double[][] special(Random r, int rows, int width, int mode) {
		double[][] m = new double[rows][width];
		for (double[] row : m) {
			int kind = mode == 0 ? 0 : r.nextInt(4); // 0: no zeros, 1: ReLU-like, 2: one zero, 3: zeros only
			for (int i = 0; i < width; i++) {
				double v = r.nextGaussian();
				row[i] = kind == 0 || kind == 2 ? v : kind == 1 && v > 0 ? v : r.nextBoolean() ? 0.0 : -0.0;
			}
			if (kind == 2) row[r.nextInt(width)] = r.nextBoolean() ? 0.0 : -0.0;
			if (mode == 2 && r.nextInt(3) == 0) {
				double[] odd = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
				row[r.nextInt(width)] = odd[r.nextInt(3)];
			}
		}
		return m;
	}

	/** Right operands, biases and gradient starts: Gaussian with +-0.0 (and NaN, +-Inf in mode 2) here and there. */
	private static double[][] weights(Random r, int rows, int width, int mode) {
		double[][] m = new double[rows][width];
		for (double[] row : m)
			for (int i = 0; i < width; i++) {
				int u = r.nextInt(200);
				row[i] = mode > 0 && u < 20 ? (u % 2 == 0 ? 0.0 : -0.0)
						: mode == 2 && u == 20 ? Double.NaN : mode == 2 && u == 21 ? Double.NEGATIVE_INFINITY : r.nextGaussian();
			}
		return m;
	}

	private static void comparePlain(Random r, int k, int n, int rows, int mode, String what) {
		Kernels.Scratch scratch = new Kernels.Scratch();
		double[][] a = special(r, rows, k, mode), d = special(r, rows, n, mode), w = weights(r, k, n, mode);
		double[] bias = weights(r, 1, n, mode)[0];
		double[][] c = new double[rows][n];
		for (double[] b : new double[][] { bias, null }) {
			Kernels.mul(a, rows, k, w, n, b, c, scratch);
			assertBits(plainMul(a, rows, k, w, n, b), c, what + ", mul");
		}
		double[][] da = new double[rows][k];
		Kernels.mulTransposed(d, rows, n, w, k, new double[n][k], da, scratch);
		assertBits(plainMulTransposed(d, rows, n, w, k), da, what + ", mulTransposed");
		double[][] g = weights(r, k, n, mode), expected = new double[k][];
		for (int j = 0; j < k; j++) expected[j] = g[j].clone();
		for (int twice = 0; twice < 2; twice++) { // the second time on reused scratch
			Kernels.addTransposedProduct(a, rows, k, d, n, g, scratch);
			plainAddTransposedProduct(a, rows, k, d, n, expected);
		}
		assertBits(expected, g, what + ", addTransposedProduct");
	}

	private static void assertBits(double[][] expected, double[][] actual, String what) {
		for (int r = 0; r < expected.length; r++)
			for (int i = 0; i < expected[r].length; i++) {
				double e = expected[r][i], x = actual[r][i];
				int row = r, column = i;
				assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(x), () -> what + ": " + e + " against " + x + " at row " + row + ", column " + column);
			}
	}

	// Plain loops, one sum per element, terms in ascending order, each added as c = c + term. Skipped terms, as the
	// kernels define them: zero coefficients of the left operand (of d in a transposed product) in products with more
	// than one output and in weight gradients of more than one column; zero rows of d in a one-column weight gradient.
	// Nothing is skipped in one-output products or in transposed products with fewer than 8 outputs (dot products).

	private static double[][] plainMul(double[][] a, int rows, int k, double[][] w, int n, double[] bias) {
		double[][] c = new double[rows][n];
		for (int r = 0; r < rows; r++)
			for (int i = 0; i < n; i++) {
				double sum = bias == null ? 0 : bias[i];
				for (int j = 0; j < k; j++)
					if (n == 1 || a[r][j] != 0) sum = sum + a[r][j] * w[j][i];
				c[r][i] = sum;
			}
		return c;
	}

	private static double[][] plainMulTransposed(double[][] d, int rows, int n, double[][] w, int k) {
		double[][] c = new double[rows][k];
		for (int r = 0; r < rows; r++)
			for (int j = 0; j < k; j++) {
				double sum = 0;
				for (int i = 0; i < n; i++)
					if (k < 8 || d[r][i] != 0) sum = sum + d[r][i] * w[j][i];
				c[r][j] = sum;
			}
		return c;
	}

	private static void plainAddTransposedProduct(double[][] a, int rows, int k, double[][] d, int n, double[][] g) {
		for (int j = 0; j < k; j++)
			for (int i = 0; i < n; i++) {
				double sum = g[j][i];
				for (int r = 0; r < rows; r++)
					if (n == 1 ? d[r][0] != 0 : a[r][j] != 0) sum = sum + a[r][j] * d[r][i];
				g[j][i] = sum;
			}
	}

	@Test
	void tiledTranspose() {
		Random r = new Random(5);
		int k = 37, n = 23;
		double[][] w = rows(random(r, k * n, false), k, n), t = new double[n][k];
		Kernels.transpose(w, k, n, t);
		for (int j = 0; j < k; j++)
			for (int i = 0; i < n; i++) assertEquals(w[j][i], t[i][j], 0);
	}

	// The flat kernels of main at 0904cba (org.latentj.nn.Kernels), the reference for the bits.

	private static void flatMul(double[] a, int rows, int k, double[] w, int n, double[] bias, double[] c) {
		if (n == 1) {
			double b0 = bias == null ? 0 : bias[0];
			for (int r = 0; r < rows; r++) {
				double s = b0;
				for (int j = 0, o = r * k; j < k; j++) s += a[o + j] * w[j];
				c[r] = s;
			}
			return;
		}
		for (int r0 = 0; r0 < rows; r0 += 8) {
			int r1 = Math.min(rows, r0 + 8);
			for (int r = r0; r < r1; r++) {
				int co = r * n;
				if (bias != null) System.arraycopy(bias, 0, c, co, n);
				else java.util.Arrays.fill(c, co, co + n, 0);
			}
			for (int j = 0; j < k; j++) {
				int wo = j * n;
				for (int r = r0; r < r1; r++) {
					double v = a[r * k + j];
					if (v == 0) continue;
					int co = r * n;
					for (int i = 0; i < n; i++) c[co + i] += v * w[wo + i];
				}
			}
		}
	}

	private static void flatAddTransposedProduct(double[] a, int rows, int k, double[] d, int n, double[] g) {
		if (n == 1) {
			for (int r = 0; r < rows; r++) {
				double v = d[r];
				if (v == 0) continue;
				for (int j = 0, o = r * k; j < k; j++) g[j] += v * a[o + j];
			}
			return;
		}
		for (int r0 = 0; r0 < rows; r0 += 8) {
			int r1 = Math.min(rows, r0 + 8);
			for (int j = 0; j < k; j++) {
				int go = j * n;
				for (int r = r0; r < r1; r++) {
					double v = a[r * k + j];
					if (v == 0) continue;
					int dOff = r * n;
					for (int i = 0; i < n; i++) g[go + i] += v * d[dOff + i];
				}
			}
		}
	}

	private static void flatTranspose(double[] w, int k, int n, double[] t) {
		for (int j = 0; j < k; j++)
			for (int i = 0; i < n; i++) t[i * k + j] = w[j * n + i];
	}
}
