package org.latentj.nn;

import org.latentj.util.Parallel;

/**
 * The three matrix products of dense layers on matrices stored as arrays of rows ({@code double[rows][width]}).
 * <p>
 * Why rows: OpenJDK 17's auto-vectorizer (SuperWord) only vectorizes a loop whose array accesses all share one
 * offset, so {@code c[co + i] += v * w[wo + i]} on one flat array per matrix stays scalar; on separate row arrays
 * {@code c[i] = c[i] + va * wa[i] + vb * wb[i] + vc * wc[i] + vd * wd[i]} runs on AVX vectors and loads and stores
 * c once per four weight rows. Measured ({@code SymbolicBench kernels}; AMD EPYC, 2 cores, 2026-12-07 06:47 UTC, load about 2, one
 * thread, thread CPU time, the code as it stands): the critic's 128 x 700 x 512 head product 4.0-4.2 ms on dense
 * input and 2.4 ms on ReLU input, against 13.4-14.1 ms for EJML.
 * The sum is still taken term by term in the same order (Java never fuses or reorders floating-point operations),
 * so every result is bit for bit what the flat kernels gave (KernelsTest).
 * Zeros of the left operand (ReLU outputs, masked gradients) are skipped: the others are gathered first, without a
 * branch (ReLU zeros fall at random, so a branch would mispredict about every other time; not timed on its own), then four at a
 * time go into one pass over c.
 * <p>
 * Operands without zeros (the diffusion VAE's ELU outputs, its chunks of 32 trajectories through 200 x 100 layers) take
 * other paths: no gathering, and four rows of c share every weight row they read ({@link #accumulate4}), as the VAE's
 * hand-written layers did before they moved here; each element still gets its terms in the same order, so the bits do
 * not change (KernelsTest, with and without zeros). Measured with {@code VaeEpochBench} (one thread, thread CPU time; AMD
 * EPYC, 2 cores, 2026-12-07): one row at a time, a VAE epoch took about 10 % more than with the VAE's own layers (load
 * 9-18); with these paths 0.55 s against their 0.63 s (medians of 16 runs each, load 4-7, at commit 1a3bc29;
 * BENCHMARKS.md; since then see {@link #FOUR_ROWS_MAX_WIDTH}).
 * <p>
 * Large products are cut into one piece per thread ({@link Parallel}): rows of c for the products, rows of g for the
 * weight gradient. Every number is still computed by one thread, term by term in the same order, so the results do
 * not depend on the number of threads (CriticTrainerTest trains with 1 and 3). A {@link Scratch} holds the gathered
 * terms of one piece; the caller's keeps those of the other pieces for its next product.
 */
public final class Kernels {

	private Kernels() {
	}

	/** Gathered non-zero terms: coefficient t multiplies row index[t]. */
	public static final class Scratch {
		double[] coef = new double[0];
		int[] index = new int[0];
		double[] col = new double[0];
		/** iota[j] = j: the index of the terms of a row without zeros, taken as they stand. */
		int[] iota = new int[0];
		double[][] block = new double[0][0];
		/** The scratch of piece p of a product cut into pieces (p > 0; piece 0 takes this one), kept for the next call. */
		private Scratch[] pieces = new Scratch[0];

		void ensure(int m) {
			if (coef.length < m) {
				coef = new double[m];
				index = new int[m];
			}
		}

		double[] col(int k) {
			if (col.length < k) col = new double[k];
			return col;
		}

		/** A block of at least rows x width, for a transposed block of the left operand. */
		double[][] block(int rows, int width) {
			int have = block.length == 0 ? 0 : block[0].length;
			if (block.length < rows || have < width) block = new double[Math.max(rows, block.length)][Math.max(width, have)];
			return block;
		}

		/**
		 * Scratches for pieces 0..count of one product, made here on the calling thread before any piece starts: each
		 * piece writes only its own, and a later product reuses them (one pass runs on one thread at a time).
		 */
		Scratch[] pieces(int count) {
			if (pieces.length < count) {
				Scratch[] more = java.util.Arrays.copyOf(pieces, count);
				for (int p = pieces.length; p < count; p++) more[p] = p == 0 ? this : new Scratch();
				pieces = more;
			}
			return pieces;
		}

		int[] iota(int k) {
			if (iota.length < k) {
				iota = new int[k];
				for (int j = 0; j < k; j++) iota[j] = j;
			}
			return iota;
		}
	}

	/** Rows of a product block that share weight rows while they sit in cache. */
	static final int ROW_BLOCK = 8;
	/**
	 * Widest output for which {@link #mul} takes four rows without zeros at a time. It loads and stores four rows of c
	 * per weight row: that pays at the VAE's layers (at most 200 wide; the 0.55 vs 0.63 s above) but not at the
	 * critic's 512-wide layer on dense input (SymbolicBench kernels, 128 x 700 x 512, one thread: 13.5-14.0 ms with it
	 * against 4.0-4.2 ms without; 2026-12-07 06:47 UTC, load about 2, AMD EPYC Zen 5). VaeEpochBench is the same either
	 * way (its run-to-run spread, 0.47-0.60 s, is larger than any difference). Where between 200 and 512 the two cross
	 * was not measured.
	 */
	static final int FOUR_ROWS_MAX_WIDTH = 256;

	/** Products below this many multiply-adds stay on the calling thread (handing work over costs tens of microseconds). */
	static final double PARALLEL_WORK = 1 << 18;

	interface Piece {
		void run(int from, int to, Scratch s);
	}

	/**
	 * Runs body over [0, units) in {@code perThread} pieces per thread when the product is large enough, else in one
	 * piece (more pieces than threads let a thread that starts late take fewer).
	 */
	static void inPieces(int units, double work, int perThread, Scratch s, Piece body) {
		int pieces = work < PARALLEL_WORK ? 1 : Math.min(perThread * Parallel.threads(), units);
		if (pieces <= 1) {
			body.run(0, units, s);
			return;
		}
		Scratch[] sc = s == null ? null : s.pieces(pieces);
		Parallel.forEach(pieces, p -> body.run((int) ((long) units * p / pieces), (int) ((long) units * (p + 1) / pieces), sc == null ? null : sc[p]));
	}

	/** c[r] = bias + sum over j of a[r][j] w[j] (w: k rows of n), j ascending; bias may be null (zero). */
	public static void mul(double[][] a, int rows, int k, double[][] w, int n, double[] bias, double[][] c, Scratch s) {
		inPieces(rows, (double) rows * k * n, 4, s, (r0, r1, sc) -> mul(a, r0, r1, k, w, n, bias, c, sc));
	}

	/** {@link #mul} for rows r0..r1 only. */
	static void mul(double[][] a, int r0, int r1, int k, double[][] w, int n, double[] bias, double[][] c, Scratch s) {
		if (n == 1) {
			mulColumn(a, r0, r1, k, w, bias == null ? 0 : bias[0], c, s);
			return;
		}
		s.ensure(k);
		int[] iota = s.iota(k);
		// weight rows in chunks of about 256 KB (L2), each chunk used by ROW_BLOCK rows before the next
		int chunk = Math.max(4, 32768 / n);
		for (int b0 = r0; b0 < r1; b0 += ROW_BLOCK) {
			int b1 = Math.min(r1, b0 + ROW_BLOCK);
			for (int r = b0; r < b1; r++) {
				if (bias != null) System.arraycopy(bias, 0, c[r], 0, n);
				else java.util.Arrays.fill(c[r], 0, n, 0);
			}
			for (int j0 = 0; j0 < k; j0 += chunk) {
				int j1 = Math.min(k, j0 + chunk);
				int r = b0;
				// four rows without zeros (ELU outputs) share every weight row they read, when their outputs are narrow
				for (; n <= FOUR_ROWS_MAX_WIDTH && r + 4 <= b1 && noZero(a[r], j0, j1) && noZero(a[r + 1], j0, j1) && noZero(a[r + 2], j0, j1)
						&& noZero(a[r + 3], j0, j1); r += 4)
					accumulate4(c, a, r, j0, j1, w, n);
				for (; r < b1; r++) {
					double[] ar = a[r];
					if (noZero(ar, j0, j1)) { // the terms as they stand, no gathering
						accumulate(c[r], ar, iota, j0, j1, w, n);
						continue;
					}
					int m = 0;
					for (int j = j0; j < j1; j++) {
						double v = ar[j];
						s.coef[m] = v;
						s.index[m] = j;
						m += v != 0 ? 1 : 0;
					}
					accumulate(c[r], s.coef, s.index, 0, m, w, n);
				}
			}
		}
	}

	/**
	 * One output: c[r][0] = b0 + sum over j of a[r][j] w[j][0], j ascending, zeros included (as the dot product it
	 * replaces). Four rows at a time, so that four independent sums hide the latency of the additions.
	 */
	private static void mulColumn(double[][] a, int r0, int r1, int k, double[][] w, double b0, double[][] c, Scratch s) {
		double[] col = s.col(k);
		for (int j = 0; j < k; j++) col[j] = w[j][0];
		int r = r0;
		for (; r + 4 <= r1; r += 4) {
			double[] a0 = a[r], a1 = a[r + 1], a2 = a[r + 2], a3 = a[r + 3];
			double s0 = b0, s1 = b0, s2 = b0, s3 = b0;
			for (int j = 0; j < k; j++) {
				double v = col[j];
				s0 += a0[j] * v;
				s1 += a1[j] * v;
				s2 += a2[j] * v;
				s3 += a3[j] * v;
			}
			c[r][0] = s0;
			c[r + 1][0] = s1;
			c[r + 2][0] = s2;
			c[r + 3][0] = s3;
		}
		for (; r < r1; r++) {
			double[] ar = a[r];
			double s0 = b0;
			for (int j = 0; j < k; j++) s0 += ar[j] * col[j];
			c[r][0] = s0;
		}
	}

	/**
	 * True when a[j0..j1) holds no zero. Then the gathered terms would be all of them in order, and the sum is the
	 * same without gathering: the VAE's ELU layers (no zeros) skip a scalar copy of every coefficient and index,
	 * while a ReLU row stops at its first zero, one of the first few.
	 */
	private static boolean noZero(double[] a, int j0, int j1) {
		for (int j = j0; j < j1; j++)
			if (a[j] == 0) return false;
		return true;
	}

	/** {@link #noZero} for rows r0..r1 of a. */
	private static boolean noZero(double[][] a, int r0, int r1, int j0, int j1) {
		for (int r = r0; r < r1; r++)
			if (!noZero(a[r], j0, j1)) return false;
		return true;
	}

	/**
	 * c[r + q] += a[r + q][j] src[j] for j = j0..j1 ascending and q = 0..3, two weight rows per pass over the four rows
	 * of c: every weight row is read once for four rows, where {@link #accumulate} reads it once per row (for the VAE's
	 * 32-row chunks through 200 x 100 layers, weights streamed from L2 32 times instead of 8). Each c[r + q][i] still
	 * gets its terms one after the other in ascending j (Java adds left to right and rounds every step), so the sums
	 * are bit for bit those of {@link #accumulate}.
	 */
	static void accumulate4(double[][] c, double[][] a, int r, int j0, int j1, double[][] src, int n) {
		accumulate4(c[r], c[r + 1], c[r + 2], c[r + 3], a[r], a[r + 1], a[r + 2], a[r + 3], j0, j1, src, 0, n);
	}

	/** {@link #accumulate4} on four rows c0..c3 with coefficient rows a0..a3, term j taking row src[offset + j]. */
	static void accumulate4(double[] c0, double[] c1, double[] c2, double[] c3, double[] a0, double[] a1, double[] a2, double[] a3,
			int j0, int j1, double[][] src, int offset, int n) {
		int j = j0;
		for (; j + 2 <= j1; j += 2) {
			double[] wa = src[offset + j], wb = src[offset + j + 1];
			double a0a = a0[j], a0b = a0[j + 1], a1a = a1[j], a1b = a1[j + 1];
			double a2a = a2[j], a2b = a2[j + 1], a3a = a3[j], a3b = a3[j + 1];
			for (int i = 0; i < n; i++) {
				double x = wa[i], y = wb[i];
				c0[i] = c0[i] + a0a * x + a0b * y;
				c1[i] = c1[i] + a1a * x + a1b * y;
				c2[i] = c2[i] + a2a * x + a2b * y;
				c3[i] = c3[i] + a3a * x + a3b * y;
			}
		}
		if (j < j1) {
			double[] wa = src[offset + j];
			double a0a = a0[j], a1a = a1[j], a2a = a2[j], a3a = a3[j];
			for (int i = 0; i < n; i++) {
				double x = wa[i];
				c0[i] += a0a * x;
				c1[i] += a1a * x;
				c2[i] += a2a * x;
				c3[i] += a3a * x;
			}
		}
	}

	/**
	 * c[0..n) += coef[t0] src[index[t0]] + coef[t0 + 1] src[index[t0 + 1]] + ... (terms t0..m), added one after the
	 * other.
	 */
	static void accumulate(double[] c, double[] coef, int[] index, int t0, int m, double[][] src, int n) {
		int t = t0;
		for (; t + 4 <= m; t += 4) {
			double va = coef[t], vb = coef[t + 1], vc = coef[t + 2], vd = coef[t + 3];
			double[] wa = src[index[t]], wb = src[index[t + 1]], wc = src[index[t + 2]], wd = src[index[t + 3]];
			for (int i = 0; i < n; i++) c[i] = c[i] + va * wa[i] + vb * wb[i] + vc * wc[i] + vd * wd[i];
		}
		if (t + 2 <= m) {
			double va = coef[t], vb = coef[t + 1];
			double[] wa = src[index[t]], wb = src[index[t + 1]];
			for (int i = 0; i < n; i++) c[i] = c[i] + va * wa[i] + vb * wb[i];
			t += 2;
		}
		if (t < m) {
			double va = coef[t];
			double[] wa = src[index[t]];
			for (int i = 0; i < n; i++) c[i] += va * wa[i];
		}
	}

	/**
	 * c[r] = d[r] w^T (d: rows x n, w: k rows of n, c: rows x k), through {@code wt} (n rows of at least k) for w
	 * transposed. Few outputs (k < 8, the embedding's first layer) take dot products instead, in the same order.
	 */
	public static void mulTransposed(double[][] d, int rows, int n, double[][] w, int k, double[][] wt, double[][] c, Scratch s) {
		if (k < 8) {
			inPieces(rows, (double) rows * k * n, 4, s, (r0, r1, sc) -> mulTransposedDots(d, r0, r1, n, w, k, c));
			return;
		}
		transpose(w, k, n, wt);
		mul(d, rows, n, wt, k, null, c, s);
	}

	static void mulTransposedDots(double[][] d, int r0, int r1, int n, double[][] w, int k, double[][] c) {
		for (int r = r0; r < r1; r++) {
			double[] dr = d[r], cr = c[r];
			for (int j = 0; j < k; j++) {
				double[] wj = w[j];
				double sum = 0;
				for (int i = 0; i < n; i++) sum += dr[i] * wj[i];
				cr[j] = sum;
			}
		}
	}

	/** g[j] += sum over r of a[r][j] d[r] (g: k rows of n), r ascending for every element. */
	public static void addTransposedProduct(double[][] a, int rows, int k, double[][] d, int n, double[][] g, Scratch s) {
		inPieces(k, (double) rows * k * n, 1, s, // one per thread: each piece reads all of a and d
				 (j0, j1, sc) -> addTransposedProduct(a, rows, j0, j1, d, n, g, sc));
	}

	/** {@link #addTransposedProduct} for the rows j0..j1 of g only (each over all rows of a and d). */
	static void addTransposedProduct(double[][] a, int rows, int j0, int j1, double[][] d, int n, double[][] g, Scratch s) {
		if (n == 1) { // g[j][0] += d[r][0] a[r][j]: an axpy along a's row, on a column copy of g
			int k = j1 - j0;
			double[] col = s.col(k);
			for (int j = 0; j < k; j++) col[j] = g[j0 + j][0];
			for (int r = 0; r < rows; r++) {
				double v = d[r][0];
				if (v == 0) continue;
				double[] ar = a[r];
				for (int j = 0; j < k; j++) col[j] += v * ar[j0 + j];
			}
			for (int j = 0; j < k; j++) g[j0 + j][0] = col[j];
			return;
		}
		// rows of d in blocks of about 128 KB (L2), each block used by every row of g before the next
		int block = Math.max(ROW_BLOCK, 16384 / n);
		s.ensure(block);
		for (int r0 = 0; r0 < rows; r0 += block) {
			int r1 = Math.min(rows, r0 + block);
			int j = j0;
			// ELU outputs, dense inputs: four rows of g share every row of d they read (so a piece of fewer than four
			// rows of g gathers instead of transposing a block it would not use)
			if (j1 - j0 >= 4 && noZero(a, r0, r1, j0, j1)) {
				int fours = (j1 - j0) & ~3; // the rows of g taken four at a time; the rest gather below
				double[][] at = s.block(fours, r1 - r0);
				for (int r = r0; r < r1; r++) {
					double[] ar = a[r];
					for (int q = 0; q < fours; q++) at[q][r - r0] = ar[j0 + q];
				}
				for (; j + 4 <= j0 + fours; j += 4) {
					int q = j - j0;
					accumulate4(g[j], g[j + 1], g[j + 2], g[j + 3], at[q], at[q + 1], at[q + 2], at[q + 3], 0, r1 - r0, d, r0, n);
				}
			}
			for (; j < j1; j++) {
				int m = 0;
				for (int r = r0; r < r1; r++) {
					double v = a[r][j];
					s.coef[m] = v;
					s.index[m] = r;
					m += v != 0 ? 1 : 0;
				}
				accumulate(g[j], s.coef, s.index, 0, m, d, n);
			}
		}
	}

	/** Side of the square tiles {@link #transpose} copies: 16 x 16 doubles of source and target stay in L1. */
	static final int TILE = 16;

	/**
	 * t[i][j] = w[j][i] (w: k rows of n; t: n rows of at least k), tile by tile: the plain double loop writes t with a
	 * stride of a row, one cache line per element, and took about a sixth of a critic step (SymbolicBench profile,
	 * batch 5); SymbolicBench times both.
	 */
	public static void transpose(double[][] w, int k, int n, double[][] t) {
		for (int j0 = 0; j0 < k; j0 += TILE) {
			int j1 = Math.min(k, j0 + TILE);
			for (int i0 = 0; i0 < n; i0 += TILE) {
				int i1 = Math.min(n, i0 + TILE);
				for (int j = j0; j < j1; j++) {
					double[] wj = w[j];
					for (int i = i0; i < i1; i++) t[i][j] = wj[i];
				}
			}
		}
	}

	/** A rows x width matrix as rows, reusing {@code m} when it has enough rows of that width. */
	public static double[][] rows(double[][] m, int rows, int width) {
		if (m != null && m.length >= rows && (m.length == 0 || m[0].length == width)) return m;
		return new double[rows][width];
	}

	/** Row-major flat[rows x width] into rows. */
	public static void toRows(double[] flat, int rows, int width, double[][] into) {
		for (int r = 0; r < rows; r++) System.arraycopy(flat, r * width, into[r], 0, width);
	}

	/** Rows into row-major flat[rows x width]. */
	public static void toFlat(double[][] m, int rows, int width, double[] into) {
		for (int r = 0; r < rows; r++) System.arraycopy(m[r], 0, into, r * width, width);
	}
}
