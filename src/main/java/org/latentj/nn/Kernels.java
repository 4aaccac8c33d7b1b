package org.latentj.nn;

/**
 * The three matrix products of dense layers, row-major double arrays, written as row-blocked axpy loops
 * (the JIT vectorizes the inner loop; a dot-product form cannot be, Java keeps FP reductions in order).
 * Blocks of {@link #ROWS} rows share each weight row while it is in L1; zeros in the left operand (ReLU
 * outputs, masked gradients) are skipped. Single-threaded and in a fixed order, so results are bit-for-bit
 * reproducible. SymbolicBench times them against EJML's CommonOps_DDRM.mult on the critic's largest product
 * (BENCHMARKS.md has the figures).
 */
public final class Kernels {

	static final int ROWS = 8;

	private Kernels() {
	}

	/** c[rows x n] = a[rows x k] * w[k x n] (+ bias[n] when not null). */
	public static void mul(double[] a, int rows, int k, double[] w, int n, double[] bias, double[] c) {
		if (n == 1) { // one output (the embedding's and the head's last layer): a dot product per row
			double b0 = bias == null ? 0 : bias[0];
			for (int r = 0; r < rows; r++) {
				double s = b0;
				for (int j = 0, o = r * k; j < k; j++) s += a[o + j] * w[j];
				c[r] = s;
			}
			return;
		}
		for (int r0 = 0; r0 < rows; r0 += ROWS) {
			int r1 = Math.min(rows, r0 + ROWS);
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

	/** c[rows x k] = d[rows x n] * w[k x n]^T, through {@code wt}, a scratch of k * n for w transposed. */
	public static void mulTransposed(double[] d, int rows, int n, double[] w, int k, double[] wt, double[] c) {
		transpose(w, k, n, wt);
		mul(d, rows, n, wt, k, null, c);
	}

	/** g[k x n] += a[rows x k]^T * d[rows x n]. */
	public static void addTransposedProduct(double[] a, int rows, int k, double[] d, int n, double[] g) {
		if (n == 1) { // g[k] += d[r] * a[r, :], an axpy along the row
			for (int r = 0; r < rows; r++) {
				double v = d[r];
				if (v == 0) continue;
				for (int j = 0, o = r * k; j < k; j++) g[j] += v * a[o + j];
			}
			return;
		}
		for (int r0 = 0; r0 < rows; r0 += ROWS) {
			int r1 = Math.min(rows, r0 + ROWS);
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

	/** Side of the square tiles {@link #transpose} copies: 16 x 16 doubles of source and target stay in L1. */
	static final int TILE = 16;

	/**
	 * t[n x k] = w[k x n]^T, tile by tile: the plain double loop writes t with a stride of k doubles, one cache line
	 * per element, and took about a sixth of a critic step (SymbolicBench profile, batch 5); SymbolicBench times both.
	 */
	public static void transpose(double[] w, int k, int n, double[] t) {
		for (int j0 = 0; j0 < k; j0 += TILE) {
			int j1 = Math.min(k, j0 + TILE);
			for (int i0 = 0; i0 < n; i0 += TILE) {
				int i1 = Math.min(n, i0 + TILE);
				for (int j = j0; j < j1; j++)
					for (int i = i0, o = j * n; i < i1; i++) t[i * k + j] = w[o + i];
			}
		}
	}
}
