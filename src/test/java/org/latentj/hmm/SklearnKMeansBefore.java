package org.latentj.hmm;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.latentj.util.NumpyRandom;

/**
 * {@link SklearnKMeans} as it was before its scratch buffers and multi-row kernels (main c015197, 2026-12-07), kept as
 * the bit-for-bit reference of {@link SklearnKMeansBitsTest}: the rows one at a time, each dot product and distance
 * one chain of adds, the centre sums through memory. Its javadoc below is the original's.
 */
/**
 * scikit-learn 1.2's {@code KMeans(n_clusters=K, n_init=10, random_state=r).fit(X).cluster_centers_}, the means
 * hmmlearn's GaussianHMM starts from, with numpy's draws ({@link NumpyRandom}): the same seeding and iterations, so
 * the same clustering (the centres to rounding: sklearn forms distances by BLAS, here by plain loops).
 * <p>
 * Followed from {@code sklearn/cluster/_kmeans.py} ({@code KMeans.fit}, {@code _kmeans_plusplus},
 * {@code _kmeans_single_lloyd}, {@code _tolerance}) and {@code _k_means_lloyd.pyx} / {@code _k_means_common.pyx}
 * ({@code lloyd_iter_chunked_dense}, {@code _relocate_empty_clusters_dense}, {@code _average_centers},
 * {@code _is_same_clustering}): X centred by its mean; per run greedy k-means++ (2 + ln K candidates per centre,
 * the one with the least potential), then Lloyd until the labels repeat or the centres move by at most
 * 1e-4 x the mean feature variance (squared), then the labels of the final centres; the run with the least inertia
 * is kept unless it is the kept clustering relabelled. MoSeq's Fit HMM keeps its own {@link KMeans}.
 */
final class SklearnKMeansBefore {

	static final int N_INIT = 10, MAX_ITER = 300;
	static final double TOL = 1e-4;

	private SklearnKMeansBefore() {
	}

	/** The K x D centres of the best of 10 runs on the N x D rows {@code x} (row-major), drawing from {@code random}. */
	static double[][] centers(double[] x, int n, int d, int k, NumpyRandom random) {
		double[] mean = new double[d];
		for (int t = 0; t < n; t++)
			for (int j = 0; j < d; j++) mean[j] += x[t * d + j];
		for (int j = 0; j < d; j++) mean[j] /= n;
		double[] xc = new double[n * d], norms = new double[n];
		double tol = 0;
		for (int t = 0; t < n; t++)
			for (int j = 0; j < d; j++) {
				double v = x[t * d + j] - mean[j];
				xc[t * d + j] = v;
				norms[t] += v * v;
			}
		for (int j = 0; j < d; j++) {
			double var = 0;
			for (int t = 0; t < n; t++) var += xc[t * d + j] * xc[t * d + j];
			tol += var / n;
		}
		tol = tol / d * TOL;
		double[] best = null;
		int[] bestLabels = null;
		double bestInertia = Double.NaN;
		for (int run = 0; run < N_INIT; run++) {
			double[] c = plusPlus(xc, norms, n, d, k, random);
			int[] labels = new int[n];
			double inertia = lloyd(xc, norms, n, d, k, c, labels, tol);
			if (best == null || (inertia < bestInertia && !sameClustering(labels, bestLabels, k))) {
				best = c;
				bestLabels = labels;
				bestInertia = inertia;
			}
		}
		double[][] out = new double[k][d];
		for (int c = 0; c < k; c++)
			for (int j = 0; j < d; j++) out[c][j] = best[c * d + j] + mean[j];
		return out;
	}

	/** Greedy k-means++: the first centre uniform, then of 2 + ln K candidates drawn by D^2 the one with least potential. */
	static double[] plusPlus(double[] x, double[] norms, int n, int d, int k, NumpyRandom random) {
		double[] centers = new double[k * d];
		int trials = 2 + (int) Math.log(k);
		int first = (int) random.randint(n);
		System.arraycopy(x, first * d, centers, 0, d);
		double[] closest = new double[n], one = new double[1];
		int[] firstOff = { first * d };
		for (int i = 0; i < n; i++) { // sklearn's euclidean_distances(x[first], X, squared): |a|^2 - 2 a.x + |x|^2, >= 0
			dots(x, i * d, x, firstOff, 1, d, one);
			closest[i] = Math.max(0, -2 * one[0] + norms[first] + norms[i]);
		}
		double pot = 0;
		for (double v : closest) pot += v;
		double[] cum = new double[n], cand = new double[trials * n], bestD = new double[n];
		for (int c = 1; c < k; c++) {
			double[] u = new double[trials];
			for (int j = 0; j < trials; j++) u[j] = random.uniform(0, 1) * pot;
			double acc = 0;
			for (int i = 0; i < n; i++) cum[i] = acc += closest[i];
			int[] ids = new int[trials], offs = new int[trials];
			for (int j = 0; j < trials; j++) offs[j] = (ids[j] = Math.min(searchLeft(cum, u[j]), n - 1)) * d;
			double[] pots = new double[trials], dot = new double[trials];
			for (int i = 0; i < n; i++) { // every candidate's distance to row i, potentials summed in row order
				dots(x, i * d, x, offs, trials, d, dot);
				for (int j = 0; j < trials; j++) {
					double v = Math.min(closest[i], Math.max(0, -2 * dot[j] + norms[ids[j]] + norms[i]));
					cand[j * n + i] = v;
					pots[j] += v;
				}
			}
			int best = 0; // np.argmin: the first of equal potentials
			for (int j = 1; j < trials; j++)
				if (pots[j] < pots[best]) best = j;
			int pick = ids[best];
			double pickPot = pots[best];
			System.arraycopy(cand, best * n, bestD, 0, n);
			pot = pickPot;
			System.arraycopy(bestD, 0, closest, 0, n);
			System.arraycopy(x, pick * d, centers, c * d, d);
		}
		return centers;
	}

	/** np.searchsorted(sorted, v, side='left'): the first index whose value is >= v (n when none). */
	private static int searchLeft(double[] sorted, double v) {
		int lo = 0, hi = sorted.length;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (sorted[mid] < v) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/**
	 * Lloyd's iterations from {@code c} (updated in place) on the centred rows {@code x} (squared norms {@code norms});
	 * the final labels in {@code labels}; returns the inertia.
	 */
	static double lloyd(double[] x, double[] norms, int n, int d, int k, double[] c, int[] labels, double tol) {
		int[] old = new int[n];
		Arrays.fill(old, -1);
		Arrays.fill(labels, -1);
		double[] next = new double[k * d], weight = new double[k], moveBy = new double[k];
		Bounds bounds = new Bounds(n, k);
		boolean strict = false;
		for (int it = 0; it < MAX_ITER; it++) {
			assign(x, norms, n, d, k, c, labels, bounds);
			Arrays.fill(next, 0);
			Arrays.fill(weight, 0);
			for (int i = 0; i < n; i++) {
				weight[labels[i]]++;
				for (int j = 0; j < d; j++) next[labels[i] * d + j] += x[i * d + j];
			}
			relocateEmpty(x, n, d, k, c, next, weight, labels);
			double shift = 0;
			for (int a = 0; a < k; a++) {
				if (weight[a] > 0) {
					double inv = 1.0 / weight[a]; // sklearn multiplies by the reciprocal
					for (int j = 0; j < d; j++) next[a * d + j] *= inv;
				}
				double s = 0;
				for (int j = 0; j < d; j++) {
					double v = next[a * d + j] - c[a * d + j];
					s += v * v;
				}
				moveBy[a] = Math.sqrt(s);
				shift += moveBy[a] * moveBy[a];
			}
			System.arraycopy(next, 0, c, 0, k * d);
			bounds.move(moveBy, labels);
			if (Arrays.equals(labels, old)) {
				strict = true;
				break;
			}
			if (shift <= tol) break;
			System.arraycopy(labels, 0, old, 0, n);
		}
		if (!strict) assign(x, norms, n, d, k, c, labels, null);
		double inertia = 0;
		for (int i = 0; i < n; i++) inertia += own(x, i, c, labels[i], d);
		return inertia;
	}

	/**
	 * Hamerly's bounds (as {@link KMeans}): upper[i] >= the distance from row i to its centre, lower[i] <= the distance
	 * to any other, widened by how far the centres move. A row is skipped only when they clear by 1e-6 of the data's
	 * scale, so far above the rounding of |c|^2 - 2 x.c (~1e-8 of the scale in distance) that its label is the one
	 * measuring it gives; the labels are sklearn's either way (SklearnKMeansTest). Skipping cut the sweep's k-means
	 * Lloyd time by about half (800 k-means runs, one thread, 1.2 s to 0.5-0.6 s at load ~5; BENCHMARKS.md, 2026-12-07).
	 */
	private static final class Bounds {
		final double[] upper, lower, half;
		double slack = Double.NaN; // NaN: not set yet, every row is measured

		Bounds(int n, int k) {
			upper = new double[n];
			lower = new double[n];
			half = new double[k];
		}

		void move(double[] moveBy, int[] labels) {
			if (Double.isNaN(slack)) return;
			int top = 0;
			for (int c = 1; c < moveBy.length; c++)
				if (moveBy[c] > moveBy[top]) top = c;
			double second = 0;
			for (int c = 0; c < moveBy.length; c++)
				if (c != top) second = Math.max(second, moveBy[c]);
			for (int i = 0; i < labels.length; i++) {
				upper[i] += moveBy[labels[i]];
				lower[i] -= labels[i] == top ? second : moveBy[top];
			}
		}
	}

	/** |x_i - c_a|^2 summed in order. */
	private static double own(double[] x, int i, double[] c, int a, int d) {
		double s = 0;
		for (int j = 0; j < d; j++) {
			double v = x[i * d + j] - c[a * d + j];
			s += v * v;
		}
		return s;
	}

	/**
	 * Each row's nearest centre by |c|^2 - 2 x.c (the first of equals), as sklearn's chunked E-step; with
	 * {@code bounds}, rows whose bounds show their centre unchanged are skipped.
	 */
	private static void assign(double[] x, double[] norms, int n, int d, int k, double[] c, int[] labels, Bounds bounds) {
		double[] cn = new double[k];
		for (int a = 0; a < k; a++) {
			double s = 0;
			for (int j = 0; j < d; j++) s += c[a * d + j] * c[a * d + j];
			cn[a] = s;
		}
		int[] offs = new int[k];
		for (int a = 0; a < k; a++) offs[a] = a * d;
		double slack = bounds == null ? Double.NaN : bounds.slack;
		if (!Double.isNaN(slack)) { // half the distance from each centre to its nearest other
			Arrays.fill(bounds.half, Double.POSITIVE_INFINITY);
			for (int a = 0; a < k; a++)
				for (int b = a + 1; b < k; b++) {
					double g = 0;
					for (int j = 0; j < d; j++) g += (c[a * d + j] - c[b * d + j]) * (c[a * d + j] - c[b * d + j]);
					g = 0.5 * Math.sqrt(g);
					bounds.half[a] = Math.min(bounds.half[a], g);
					bounds.half[b] = Math.min(bounds.half[b], g);
				}
		}
		double[] dot = new double[k];
		double far = 0;
		for (int i = 0; i < n; i++) {
			if (!Double.isNaN(slack)) {
				double m = Math.max(bounds.half[labels[i]], bounds.lower[i]) - slack;
				if (bounds.upper[i] < m) continue;
				bounds.upper[i] = Math.sqrt(own(x, i, c, labels[i], d));
				if (bounds.upper[i] < m) continue;
			}
			dots(x, i * d, c, offs, k, d, dot);
			int best = 0;
			double bd = cn[0] - 2 * dot[0];
			for (int a = 1; a < k; a++) {
				double v = cn[a] - 2 * dot[a];
				if (v < bd) {
					bd = v;
					best = a;
				}
			}
			labels[i] = best;
			if (bounds != null) {
				double second = Double.POSITIVE_INFINITY;
				for (int a = 0; a < k; a++) {
					double v = Math.max(0, cn[a] - 2 * dot[a] + norms[i]);
					far = Math.max(far, v);
					if (a != best) second = Math.min(second, v);
				}
				bounds.upper[i] = Math.sqrt(Math.max(0, bd + norms[i]));
				bounds.lower[i] = Math.sqrt(second);
			}
		}
		// after the first full pass: the margin; none (every row measured) for NaN data or squared distances below
		// 2^-900, where subnormal rounding is absolute (as KMeans)
		if (bounds != null && Double.isNaN(slack) && far >= 0x1p-900 && Double.isFinite(far)) bounds.slack = 1e-6 * Math.sqrt(far);
	}

	/**
	 * out[a] = x[xo..xo+d) . rows[offs[a]..offs[a]+d), a < m: four rows per sweep as four independent sums, each in
	 * the order of one plain dot product (the same bits), not one chain of dependent adds (as KMeans; measured with
	 * the bounds below, BENCHMARKS.md, training dynamics, 2026-12-07).
	 */
	private static void dots(double[] x, int xo, double[] rows, int[] offs, int m, int d, double[] out) {
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
	 * An empty cluster takes the row farthest from its old centre (the farthest first), its weight moved with it. With
	 * two or more empty clusters, or ties in distance, sklearn's argpartition may hand out the rows in another order:
	 * a possible difference from sklearn, never met on the shared runs (untested, as no test data empties a cluster).
	 */
	private static void relocateEmpty(double[] x, int n, int d, int k, double[] old, double[] sums, double[] weight,
			int[] labels) {
		int[] empty = IntStream.range(0, k).filter(a -> weight[a] == 0).toArray(); // listed before any move
		if (empty.length == 0) return;
		double[] dist = new double[n];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < d; j++) {
				double v = x[i * d + j] - old[labels[i] * d + j];
				dist[i] += v * v;
			}
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) order[i] = i;
		Arrays.sort(order, (p, q) -> Double.compare(dist[q], dist[p]));
		for (int e = 0; e < empty.length; e++) {
			int a = empty[e], far = order[e], from = labels[far];
			for (int j = 0; j < d; j++) {
				sums[from * d + j] -= x[far * d + j];
				sums[a * d + j] = x[far * d + j];
			}
			weight[a] = 1;
			weight[from] -= 1;
		}
	}

	/** sklearn's _is_same_clustering: labels1 maps onto labels2 by one function of the labels. */
	static boolean sameClustering(int[] a, int[] b, int k) {
		int[] map = new int[k];
		Arrays.fill(map, -1);
		for (int i = 0; i < a.length; i++) {
			if (map[a[i]] == -1) map[a[i]] = b[i];
			else if (map[a[i]] != b[i]) return false;
		}
		return true;
	}
}
