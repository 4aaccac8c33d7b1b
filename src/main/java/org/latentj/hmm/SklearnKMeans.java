package org.latentj.hmm;

import java.util.Arrays;

import org.latentj.util.NumpyRandom;

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
 * <p>
 * Speed without changing a floating-point operation (every sum in the same order; {@link SklearnKMeansBitsTest}
 * compares seeding, Lloyd runs and centres bit for bit with the version before, kept as SklearnKMeansBefore): the
 * scratch is allocated once per call, not per Lloyd iteration (the empty-cluster check was a stream per iteration);
 * the dot products, the distances to the own centre and the row norms take two or four rows at a time (independent
 * sums instead of one 14-long chain of dependent adds); a run of rows with one label is summed into its centre in
 * registers ({@link KMeansRows}). The sweep's 80 calls ({@code SklearnKMeansBench}, one thread, median of rounds 2-9):
 * 0.560 → 0.370 s of CPU, the same bits (2026-12-07 14:33 UTC, load 1.1, at the code as it stands; 0.556 → 0.364 s at
 * f08f1e2, before the kernels moved into KMeansRows); the whole sweep's figures are in BENCHMARKS.md, training dynamics.
 */
final class SklearnKMeans {

	static final int N_INIT = 10, MAX_ITER = 300;
	static final double TOL = 1e-4;

	private SklearnKMeans() {
	}

	/** The K x D centres of the best of 10 runs on the N x D rows {@code x} (row-major), drawing from {@code random}. */
	static double[][] centers(double[] x, int n, int d, int k, NumpyRandom random) {
		double[] mean = new double[d];
		for (int t = 0; t < n; t++)
			for (int j = 0; j < d; j++) mean[j] += x[t * d + j];
		for (int j = 0; j < d; j++) mean[j] /= n;
		double[] xc = new double[n * d], norms = new double[n];
		for (int t = 0; t < n; t++)
			for (int j = 0; j < d; j++) xc[t * d + j] = x[t * d + j] - mean[j];
		KMeansRows.squares(xc, n, d, norms); // each row's |x|^2 in coordinate order, four rows at a time: the same bits
		// sklearn's mean variance: each feature's sum of squares over the rows in row order, the features side by side
		// (D independent sums, not one 1,500-long chain after another; the same bits)
		double[] var = new double[d];
		for (int t = 0; t < n; t++)
			for (int j = 0; j < d; j++) var[j] += xc[t * d + j] * xc[t * d + j];
		double tol = 0;
		for (int j = 0; j < d; j++) tol += var[j] / n;
		tol = tol / d * TOL;
		Work w = new Work(n, d, k);
		double[] best = null;
		int[] bestLabels = null;
		double bestInertia = Double.NaN;
		for (int run = 0; run < N_INIT; run++) {
			double[] c = plusPlus(xc, norms, n, d, k, random, w);
			int[] labels = new int[n];
			double inertia = lloyd(xc, norms, n, d, k, c, labels, tol, w);
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

	/**
	 * One centers() call's scratch, allocated once for its 10 runs (nothing is allocated per Lloyd iteration): the
	 * per-row lists and values let {@link KMeansRows}' kernels work on two or four rows at a time.
	 */
	static final class Work {
		final int[] old, rows, pending, offs;
		final double[] next, weight, moveBy, cn, dotA, dotB, need, owns, upper, lower, half, closest, cum, cand;

		Work(int n, int d, int k) {
			old = new int[n];
			rows = new int[n];
			pending = new int[n];
			offs = new int[Math.max(k, 4)];
			next = new double[k * d];
			weight = new double[k];
			moveBy = new double[k];
			cn = new double[k];
			dotA = new double[Math.max(k, 4)];
			dotB = new double[Math.max(k, 4)];
			need = new double[n];
			owns = new double[n];
			upper = new double[n];
			lower = new double[n];
			half = new double[k];
			closest = new double[n];
			cum = new double[n];
			cand = new double[trials(k) * n];
		}
	}

	/** Greedy k-means++: the first centre uniform, then of 2 + ln K candidates drawn by D^2 the one with least potential. */
	static double[] plusPlus(double[] x, double[] norms, int n, int d, int k, NumpyRandom random, Work w) {
		double[] centers = new double[k * d];
		int trials = trials(k);
		int first = (int) random.randint(n);
		System.arraycopy(x, first * d, centers, 0, d);
		double[] closest = w.closest, cum = w.cum, cand = w.cand, dot = w.dotA, dotB = w.dotB;
		int[] offs = w.offs;
		// sklearn's euclidean_distances(x[first], X, squared): |a|^2 - 2 a.x + |x|^2, >= 0; x[first] against four rows
		// at a time (a.x = x.a to the bit: the same products summed in the same order)
		for (int i = 0; i < n; i += 4) {
			int m = Math.min(4, n - i);
			for (int r = 0; r < m; r++) offs[r] = (i + r) * d;
			KMeansRows.dots(x, first * d, x, offs, m, d, dot);
			for (int r = 0; r < m; r++) closest[i + r] = Math.max(0, -2 * dot[r] + norms[first] + norms[i + r]);
		}
		double pot = 0;
		for (int i = 0; i < n; i++) pot += closest[i];
		double[] u = new double[trials], pots = new double[trials];
		int[] ids = new int[trials];
		for (int c = 1; c < k; c++) {
			for (int j = 0; j < trials; j++) u[j] = random.uniform(0, 1) * pot;
			double acc = 0;
			for (int i = 0; i < n; i++) cum[i] = acc += closest[i];
			for (int j = 0; j < trials; j++) offs[j] = (ids[j] = Math.min(searchLeft(cum, u[j]), n - 1)) * d;
			Arrays.fill(pots, 0);
			for (int i = 0; i < n; i += 2) { // every candidate's distance to rows i and i + 1, potentials summed in row order
				boolean two = i + 1 < n;
				if (two) KMeansRows.dots2(x, i * d, (i + 1) * d, x, offs, trials, d, dot, dotB);
				else KMeansRows.dots(x, i * d, x, offs, trials, d, dot);
				for (int j = 0; j < trials; j++) {
					double v = Math.min(closest[i], Math.max(0, -2 * dot[j] + norms[ids[j]] + norms[i]));
					cand[j * n + i] = v;
					pots[j] += v;
				}
				if (two)
					for (int j = 0; j < trials; j++) {
						double v = Math.min(closest[i + 1], Math.max(0, -2 * dotB[j] + norms[ids[j]] + norms[i + 1]));
						cand[j * n + i + 1] = v;
						pots[j] += v;
					}
			}
			int best = 0; // np.argmin: the first of equal potentials
			for (int j = 1; j < trials; j++)
				if (pots[j] < pots[best]) best = j;
			pot = pots[best];
			System.arraycopy(cand, best * n, closest, 0, n);
			System.arraycopy(x, ids[best] * d, centers, c * d, d);
		}
		return centers;
	}

	/** sklearn's n_local_trials: 2 + int(ln K) candidates per centre. */
	static int trials(int k) {
		return 2 + (int) Math.log(k);
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
	static double lloyd(double[] x, double[] norms, int n, int d, int k, double[] c, int[] labels, double tol, Work w) {
		int[] old = w.old;
		Arrays.fill(old, -1);
		Arrays.fill(labels, -1);
		double[] next = w.next, weight = w.weight, moveBy = w.moveBy;
		Bounds bounds = new Bounds(w);
		boolean strict = false;
		for (int it = 0; it < MAX_ITER; it++) {
			assign(x, norms, n, d, k, c, labels, bounds, w);
			Arrays.fill(next, 0);
			Arrays.fill(weight, 0);
			KMeansRows.sumRuns(x, n, d, labels, next, weight);
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
			bounds.defer(moveBy);
			if (Arrays.equals(labels, old)) {
				strict = true;
				break;
			}
			if (shift <= tol) break;
			System.arraycopy(labels, 0, old, 0, n);
		}
		if (!strict) assign(x, norms, n, d, k, c, labels, null, w);
		int[] all = w.rows;
		for (int i = 0; i < n; i++) all[i] = i;
		KMeansRows.owns(x, all, n, labels, c, d, w.owns);
		double inertia = 0;
		for (int i = 0; i < n; i++) inertia += w.owns[i];
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

		Bounds(Work w) {
			upper = w.upper;
			lower = w.lower;
			half = w.half;
		}

		/** moveBy: how far each centre moved; applied to the rows in the next assign's scan (one pass, not two). Set by
		 * every defer once the slack is set, so the scans after the first always have it. */
		double[] moveBy;
		int top;
		double second;

		/** Records the centres' moves (the largest and the second largest) for the next scan to apply. */
		void defer(double[] moveBy) {
			if (Double.isNaN(slack)) return;
			int largest = 0;
			for (int c = 1; c < moveBy.length; c++)
				if (moveBy[c] > moveBy[largest]) largest = c;
			double next = 0;
			for (int c = 0; c < moveBy.length; c++)
				if (c != largest) next = Math.max(next, moveBy[c]);
			this.moveBy = moveBy;
			this.top = largest;
			this.second = next;
		}
	}

	/**
	 * Each row's nearest centre by |c|^2 - 2 x.c (the first of equals), as sklearn's chunked E-step; with
	 * {@code bounds}, rows whose bounds show their centre unchanged are skipped. In three passes (the same values per
	 * row as measuring the rows one by one, as no row's result depends on another's): the rows the bounds do not clear,
	 * their distance to their own centre (four at a time), then the rows still not cleared measured against every
	 * centre two at a time.
	 */
	private static void assign(double[] x, double[] norms, int n, int d, int k, double[] c, int[] labels, Bounds bounds,
			Work w) {
		double[] cn = w.cn;
		for (int a = 0; a < k; a++) {
			double s = 0;
			for (int j = 0; j < d; j++) s += c[a * d + j] * c[a * d + j];
			cn[a] = s;
		}
		int[] offs = w.offs;
		for (int a = 0; a < k; a++) offs[a] = a * d;
		double slack = bounds == null ? Double.NaN : bounds.slack;
		int[] rows = w.rows;
		int m = 0;
		if (!Double.isNaN(slack)) {
			KMeans.halfGaps(c, k, d, bounds.half); // half the distance from each centre to its nearest other
			double[] need = w.need, upper = bounds.upper, half = bounds.half, lower = bounds.lower;
			int p = 0;
			int[] pending = w.pending;
			// the bounds widened by the last move, then the scan: lloyd's Bounds.defer has always run between the
			// assign that set the slack and this one
			double[] moveBy = bounds.moveBy;
			int top = bounds.top;
			double second = bounds.second, largest = moveBy[top]; // a row of top's moved by the second largest, others by the largest
			for (int i = 0; i < n; i++) {
				int a = labels[i];
				double ui = upper[i] += moveBy[a], li = lower[i] -= a == top ? second : largest;
				double mi = Math.max(half[a], li) - slack;
				if (ui < mi) continue;
				need[p] = mi;
				pending[p++] = i;
			}
			double[] own = w.owns;
			KMeansRows.owns(x, pending, p, labels, c, d, own);
			for (int r = 0; r < p; r++) {
				int i = pending[r];
				upper[i] = Math.sqrt(own[r]);
				if (upper[i] < need[r]) continue;
				rows[m++] = i;
			}
		} else {
			for (int i = 0; i < n; i++) rows[i] = i;
			m = n;
		}
		double[] dotA = w.dotA, dotB = w.dotB;
		double far = 0;
		for (int r = 0; r < m; r += 2) {
			int i = rows[r];
			if (r + 1 < m) {
				int i1 = rows[r + 1];
				KMeansRows.dots2(x, i * d, i1 * d, c, offs, k, d, dotA, dotB);
				far = label(i, k, cn, dotA, norms, labels, bounds, far);
				far = label(i1, k, cn, dotB, norms, labels, bounds, far);
			} else {
				KMeansRows.dots(x, i * d, c, offs, k, d, dotA);
				far = label(i, k, cn, dotA, norms, labels, bounds, far);
			}
		}
		// after the first full pass: the margin; none (every row measured) for NaN data or squared distances below
		// 2^-900, where subnormal rounding is absolute (as KMeans)
		if (bounds != null && Double.isNaN(slack) && far >= 0x1p-900 && Double.isFinite(far)) bounds.slack = 1e-6 * Math.sqrt(far);
	}

	/** Row i's label from its dot products with the centres, its bounds set; returns the largest squared distance seen. */
	private static double label(int i, int k, double[] cn, double[] dot, double[] norms, int[] labels, Bounds bounds,
			double far) {
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
			// the least squared distance to another centre (min and max are exact: any order gives the same value);
			// the largest distance only while the margin is not set
			double second = Double.POSITIVE_INFINITY, ni = norms[i];
			for (int a = 0; a < best; a++) second = Math.min(second, Math.max(0, cn[a] - 2 * dot[a] + ni));
			for (int a = best + 1; a < k; a++) second = Math.min(second, Math.max(0, cn[a] - 2 * dot[a] + ni));
			if (Double.isNaN(bounds.slack))
				for (int a = 0; a < k; a++) far = Math.max(far, Math.max(0, cn[a] - 2 * dot[a] + ni));
			bounds.upper[i] = Math.sqrt(Math.max(0, bd + ni));
			bounds.lower[i] = Math.sqrt(second);
		}
		return far;
	}

	/**
	 * An empty cluster takes the row farthest from its old centre (the farthest first), its weight moved with it. With
	 * two or more empty clusters, or ties in distance, sklearn's argpartition may hand out the rows in another order:
	 * a possible difference from sklearn, never met on the shared runs (untested, as no test data empties a cluster).
	 */
	private static void relocateEmpty(double[] x, int n, int d, int k, double[] old, double[] sums, double[] weight,
			int[] labels) {
		int empties = 0;
		for (int a = 0; a < k; a++)
			if (weight[a] == 0) empties++;
		if (empties == 0) return; // the usual case: no stream, no allocation per Lloyd iteration
		int[] empty = new int[empties]; // listed before any move
		for (int a = 0, e = 0; a < k; a++)
			if (weight[a] == 0) empty[e++] = a;
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
