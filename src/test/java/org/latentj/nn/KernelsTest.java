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
