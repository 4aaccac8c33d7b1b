package org.latentj.hmm;

/**
 * The row kernels of {@link SklearnKMeans}: squared norms, distances to the own centre, dot products with the
 * centres and the centre sums, several rows or centres per sweep as independent sums, each in the order of one plain
 * loop, so the bits are those of the plain loops (SklearnKMeansBitsTest against the version before them).
 */
final class KMeansRows {

	private KMeansRows() {
	}

	/**
	 * next[a] += the rows labelled a, weight[a] += their count: per centre and coordinate the rows added one by one in
	 * row order, as a plain loop over the rows adds them (the same bits), but a run of rows with one label (the
	 * sessions' frames come in runs) is summed in registers, eight coordinates at a time, not through memory.
	 */
	static void sumRuns(double[] x, int n, int d, int[] labels, double[] next, double[] weight) {
		for (int i = 0; i < n;) {
			int a = labels[i], e = i + 1;
			while (e < n && labels[e] == a) e++;
			weight[a] += e - i; // whole numbers: exact, as adding 1 per row
			int base = a * d, j = 0;
			for (; j + 8 <= d; j += 8) {
				int p = base + j;
				double s0 = next[p], s1 = next[p + 1], s2 = next[p + 2], s3 = next[p + 3], s4 = next[p + 4],
						s5 = next[p + 5], s6 = next[p + 6], s7 = next[p + 7];
				for (int r = i; r < e; r++) {
					int o = r * d + j;
					s0 += x[o];
					s1 += x[o + 1];
					s2 += x[o + 2];
					s3 += x[o + 3];
					s4 += x[o + 4];
					s5 += x[o + 5];
					s6 += x[o + 6];
					s7 += x[o + 7];
				}
				next[p] = s0;
				next[p + 1] = s1;
				next[p + 2] = s2;
				next[p + 3] = s3;
				next[p + 4] = s4;
				next[p + 5] = s5;
				next[p + 6] = s6;
				next[p + 7] = s7;
			}
			for (; j + 4 <= d; j += 4) {
				int p = base + j;
				double s0 = next[p], s1 = next[p + 1], s2 = next[p + 2], s3 = next[p + 3];
				for (int r = i; r < e; r++) {
					int o = r * d + j;
					s0 += x[o];
					s1 += x[o + 1];
					s2 += x[o + 2];
					s3 += x[o + 3];
				}
				next[p] = s0;
				next[p + 1] = s1;
				next[p + 2] = s2;
				next[p + 3] = s3;
			}
			for (; j < d; j++) {
				double s0 = next[base + j];
				for (int r = i; r < e; r++) s0 += x[r * d + j];
				next[base + j] = s0;
			}
			i = e;
		}
	}

	/** out[i] = |x_i|^2, i < n, each summed in coordinate order, four rows at a time (as {@link #owns}). */
	static void squares(double[] x, int n, int d, double[] out) {
		int i = 0;
		for (; i + 4 <= n; i += 4) {
			int x0 = i * d, x1 = x0 + d, x2 = x1 + d, x3 = x2 + d;
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
			for (int j = 0; j < d; j++) {
				double v0 = x[x0 + j], v1 = x[x1 + j], v2 = x[x2 + j], v3 = x[x3 + j];
				s0 += v0 * v0;
				s1 += v1 * v1;
				s2 += v2 * v2;
				s3 += v3 * v3;
			}
			out[i] = s0;
			out[i + 1] = s1;
			out[i + 2] = s2;
			out[i + 3] = s3;
		}
		for (; i < n; i++) {
			int xo = i * d;
			double s = 0;
			for (int j = 0; j < d; j++) s += x[xo + j] * x[xo + j];
			out[i] = s;
		}
	}

	/**
	 * out[r] = |x_i - c_{labels[i]}|^2 for i = rows[r], r < m, each summed in coordinate order: four rows at a time as
	 * four independent sums (the same bits as one row at a time, not one 14-long chain of dependent adds).
	 */
	static void owns(double[] x, int[] rows, int m, int[] labels, double[] c, int d, double[] out) {
		int r = 0;
		for (; r + 4 <= m; r += 4) {
			int i0 = rows[r], i1 = rows[r + 1], i2 = rows[r + 2], i3 = rows[r + 3];
			int x0 = i0 * d, x1 = i1 * d, x2 = i2 * d, x3 = i3 * d;
			int c0 = labels[i0] * d, c1 = labels[i1] * d, c2 = labels[i2] * d, c3 = labels[i3] * d;
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
			for (int j = 0; j < d; j++) {
				double v0 = x[x0 + j] - c[c0 + j], v1 = x[x1 + j] - c[c1 + j], v2 = x[x2 + j] - c[c2 + j],
						v3 = x[x3 + j] - c[c3 + j];
				s0 += v0 * v0;
				s1 += v1 * v1;
				s2 += v2 * v2;
				s3 += v3 * v3;
			}
			out[r] = s0;
			out[r + 1] = s1;
			out[r + 2] = s2;
			out[r + 3] = s3;
		}
		for (; r < m; r++) {
			int xo = rows[r] * d, co = labels[rows[r]] * d;
			double s = 0;
			for (int j = 0; j < d; j++) {
				double v = x[xo + j] - c[co + j];
				s += v * v;
			}
			out[r] = s;
		}
	}

	/**
	 * out[a] = x[xo..xo+d) . rows[offs[a]..offs[a]+d), a < m: four rows per sweep as four independent sums, each in
	 * the order of one plain dot product (the same bits), not one chain of dependent adds (as KMeans; measured with
	 * SklearnKMeans' Hamerly bounds, BENCHMARKS.md, training dynamics, 2026-12-07).
	 */
	static void dots(double[] x, int xo, double[] rows, int[] offs, int m, int d, double[] out) {
		int a = 0;
		for (; a + 4 <= m; a += 4) {
			int o0 = offs[a], o1 = offs[a + 1], o2 = offs[a + 2], o3 = offs[a + 3];
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
			for (int j = 0; j < d; j++) {
				double v = x[xo + j];
				s0 += v * rows[o0 + j];
				s1 += v * rows[o1 + j];
				s2 += v * rows[o2 + j];
				s3 += v * rows[o3 + j];
			}
			out[a] = s0;
			out[a + 1] = s1;
			out[a + 2] = s2;
			out[a + 3] = s3;
		}
		for (; a + 2 <= m; a += 2) {
			int o0 = offs[a], o1 = offs[a + 1];
			double s0 = 0, s1 = 0;
			for (int j = 0; j < d; j++) {
				double v = x[xo + j];
				s0 += v * rows[o0 + j];
				s1 += v * rows[o1 + j];
			}
			out[a] = s0;
			out[a + 1] = s1;
		}
		if (a < m) {
			double s0 = 0;
			for (int j = 0, o0 = offs[a]; j < d; j++) s0 += x[xo + j] * rows[o0 + j];
			out[a] = s0;
		}
	}

	/**
	 * {@link #dots} for two rows at once (xa into outA, xb into outB): eight, four or two independent sums per sweep,
	 * each in the order of one plain dot product (the same bits).
	 */
	static void dots2(double[] x, int xa, int xb, double[] rows, int[] offs, int m, int d, double[] outA,
			double[] outB) {
		int a = 0;
		for (; a + 4 <= m; a += 4) {
			int o0 = offs[a], o1 = offs[a + 1], o2 = offs[a + 2], o3 = offs[a + 3];
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
			for (int j = 0; j < d; j++) {
				double v = x[xa + j], u = x[xb + j], r0 = rows[o0 + j], r1 = rows[o1 + j], r2 = rows[o2 + j],
						r3 = rows[o3 + j];
				s0 += v * r0;
				s1 += v * r1;
				s2 += v * r2;
				s3 += v * r3;
				t0 += u * r0;
				t1 += u * r1;
				t2 += u * r2;
				t3 += u * r3;
			}
			outA[a] = s0;
			outA[a + 1] = s1;
			outA[a + 2] = s2;
			outA[a + 3] = s3;
			outB[a] = t0;
			outB[a + 1] = t1;
			outB[a + 2] = t2;
			outB[a + 3] = t3;
		}
		for (; a + 2 <= m; a += 2) {
			int o0 = offs[a], o1 = offs[a + 1];
			double s0 = 0, s1 = 0, t0 = 0, t1 = 0;
			for (int j = 0; j < d; j++) {
				double v = x[xa + j], u = x[xb + j], r0 = rows[o0 + j], r1 = rows[o1 + j];
				s0 += v * r0;
				s1 += v * r1;
				t0 += u * r0;
				t1 += u * r1;
			}
			outA[a] = s0;
			outA[a + 1] = s1;
			outB[a] = t0;
			outB[a + 1] = t1;
		}
		if (a < m) {
			int o0 = offs[a];
			double s0 = 0, t0 = 0;
			for (int j = 0; j < d; j++) {
				double r0 = rows[o0 + j];
				s0 += x[xa + j] * r0;
				t0 += x[xb + j] * r0;
			}
			outA[a] = s0;
			outB[a] = t0;
		}
	}
}
