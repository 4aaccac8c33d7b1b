package org.latentj.hmm;

import java.util.List;
import java.util.Random;

import org.latentj.util.Parallel;

/**
 * k-means (k-means++ seeding, then Lloyd iterations) on rows of P values, each read in place from an
 * array at an offset (a flat N x P array, or each frame's window x_{t-G}..x_t, contiguous in its
 * session's T x D data); deterministic for a given random generator. Used to start EM from hard
 * clusters. Windows are not copied: a copy took 8 (lags + 1) D bytes per frame, up to every training
 * frame in each of the parallel split moves (HmmMemory); the rows cost 8 + 4 bytes each, the same
 * arithmetic in the same order, so the same labels bit for bit.
 * <p>
 * Lloyd's iterations skip, with Hamerly's bounds, the points that cannot change cluster: an upper bound on the
 * distance to the own centre and a lower bound on the distance to any other, moved by how far the centres
 * moved. A point is skipped only when the bounds clear by 1e-8 of the data's scale, far above rounding (data
 * whose squared distances fall below 2^-900, where subnormal rounding is absolute, are measured in full), so
 * the labels and centres are those of measuring every point (KMeansTest against the pre-change loop). With four
 * centres per sweep, k-means went from ~32% to ~19% of Fit Training Phases' benchmark sweep (800 k-means runs inside
 * 80 EM fits; BENCHMARKS.md, training dynamics, 2026-12-07, measured at 10a9d65, when that command still started from
 * this class; it now uses {@link SklearnKMeans}, and this class serves Fit HMM's start and split moves).
 */
final class KMeans {

	/** Points per parallel block of the assignment step (fixed, so labels do not depend on the cores). */
	private static final int BLOCK = 4096;

	private KMeans() {
	}

	/** Cluster of each row of a flat N x P array. */
	static int[] cluster(double[] points, int p, int k, Random random, int maxIterations) {
		int n = points.length / p;
		double[][] rows = new double[n][];
		int[] offsets = new int[n];
		for (int i = 0; i < n; i++) {
			rows[i] = points;
			offsets[i] = i * p;
		}
		return cluster(rows, offsets, p, k, random, maxIterations, new double[k * p]);
	}

	/** Cluster of each training frame's window (x_{t-lags}, ..., x_t) of the stretches, in their order. */
	static int[] clusterWindows(List<FitData.Stretch> stretches, int lags, int d, int k, Random random, int maxIterations) {
		return clusterWindows(stretches, lags, d, k, random, maxIterations, new double[k * (lags + 1) * d]);
	}

	/** As {@link #clusterWindows(List, int, int, int, Random, int)}, leaving the final centres (K x P) in {@code centers}. */
	static int[] clusterWindows(List<FitData.Stretch> stretches, int lags, int d, int k, Random random, int maxIterations,
			double[] centers) {
		int n = 0;
		for (FitData.Stretch s : stretches) n += s.frames();
		double[][] rows = new double[n][];
		int[] offsets = new int[n];
		int row = 0;
		for (FitData.Stretch s : stretches)
			for (int t = s.from; t < s.to; t++, row++) {
				rows[row] = s.x;
				offsets[row] = (t - lags) * d;
			}
		return cluster(rows, offsets, (lags + 1) * d, k, random, maxIterations, centers);
	}

	/** Cluster of each row: row i is rows[i][offsets[i] .. offsets[i] + p); the final centres (K x P) in {@code centers}. */
	private static int[] cluster(double[][] rows, int[] offsets, int p, int k, Random random, int maxIterations,
			double[] centers) {
		int n = rows.length;
		double[] dist = new double[n];
		int first = random.nextInt(n);
		System.arraycopy(rows[first], offsets[first], centers, 0, p);
		for (int i = 0; i < n; i++) dist[i] = distance(rows[i], offsets[i], centers, 0, p);
		for (int c = 1; c < k; c++) {
			double total = 0;
			for (double v : dist) total += v;
			int pick;
			if (total > 0) {
				double u = random.nextDouble() * total, acc = 0;
				pick = n - 1;
				for (int i = 0; i < n; i++) {
					acc += dist[i];
					if (acc > u) {
						pick = i;
						break;
					}
				}
			} else pick = random.nextInt(n);
			System.arraycopy(rows[pick], offsets[pick], centers, c * p, p);
			for (int i = 0; i < n; i++) dist[i] = Math.min(dist[i], distance(rows[i], offsets[i], centers, c, p));
		}
		int[] label = new int[n];
		java.util.Arrays.fill(label, -1);
		double[] sums = new double[k * p];
		int[] counts = new int[k];
		// Hamerly's bounds: upper >= the distance to the own centre, lower <= the distance to any other
		double[] upper = new double[n], lower = new double[n], half = new double[k], moveBy = new double[k];
		double[] old = new double[k * p];
		int blocks = Parallel.blocks(n, BLOCK);
		double[] farthest = new double[blocks];
		double slack = Double.NaN; // NaN: the bounds are not set yet, every point is measured
		for (int it = 0; it < maxIterations; it++) {
			if (!Double.isNaN(slack)) halfGaps(centers, k, p, half);
			double margin = slack;
			// each point's nearest center on its own: blocks of points in parallel, the same labels on any number of cores
			boolean[] moved = new boolean[blocks];
			Parallel.forEach(blocks, b -> {
				double[] dd = new double[k];
				double far = 0;
				for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
					if (!Double.isNaN(margin)) {
						double m = Math.max(half[label[i]], lower[i]) - margin;
						if (upper[i] < m) continue;
						upper[i] = Math.sqrt(dist[i] = distance(rows[i], offsets[i], centers, label[i], p));
						if (upper[i] < m) continue;
					}
					distances(rows[i], offsets[i], centers, k, p, dd);
					int best = 0;
					double bd = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY;
					for (int c = 0; c < k; c++) {
						if (dd[c] < bd) {
							second = bd;
							bd = dd[c];
							best = c;
						} else if (dd[c] < second) second = dd[c];
						if (Double.isNaN(margin) && dd[c] > far) far = dd[c]; // read only to set the margin
					}
					if (label[i] != best) {
						label[i] = best;
						moved[b] = true;
					}
					dist[i] = bd;
					upper[i] = Math.sqrt(bd);
					lower[i] = Math.sqrt(second);
				}
				farthest[b] = far;
			});
			if (Double.isNaN(slack)) { // bounds skip a point only when it is nearer its centre by far more than rounding
				double far = 0;
				for (double f : farthest) far = Math.max(far, f);
				slack = 1e-8 * Math.sqrt(far);
				// NaN data, or squared distances so small (below 2^-900) that subnormal rounding is absolute, not relative
				// (data at 1e-160 changed labels: KMeansTest): measure every point every time
				if (!(slack >= 0) || !(far >= 0x1p-900)) slack = Double.NaN;
			}
			boolean changed = false;
			for (boolean m : moved) changed |= m;
			if (!changed) break;
			System.arraycopy(centers, 0, old, 0, k * p);
			java.util.Arrays.fill(sums, 0);
			java.util.Arrays.fill(counts, 0);
			for (int i = 0; i < n; i++) {
				counts[label[i]]++;
				double[] x = rows[i];
				for (int j = 0, o = offsets[i]; j < p; j++) sums[label[i] * p + j] += x[o + j];
			}
			boolean stale = true; // dist of points the bounds skipped is from an earlier iteration
			for (int c = 0; c < k; c++) {
				if (counts[c] == 0) { // an empty cluster takes the point farthest from its center
					if (stale) {
						for (int i = 0; i < n; i++) dist[i] = distance(rows[i], offsets[i], old, label[i], p);
						stale = false;
					}
					int far = 0;
					for (int i = 1; i < n; i++)
						if (dist[i] > dist[far]) far = i;
					System.arraycopy(rows[far], offsets[far], centers, c * p, p);
					dist[far] = 0;
					continue;
				}
				for (int j = 0; j < p; j++) centers[c * p + j] = sums[c * p + j] / counts[c];
			}
			if (!Double.isNaN(slack)) moveBounds(centers, old, k, p, label, upper, lower, moveBy);
		}
		return label;
	}

	/** half[c] = half the distance from centre c to the nearest other centre (infinite when K = 1). */
	static void halfGaps(double[] centers, int k, int p, double[] half) {
		java.util.Arrays.fill(half, Double.POSITIVE_INFINITY);
		for (int a = 0; a < k; a++)
			for (int b = a + 1; b < k; b++) {
				double g = 0.5 * Math.sqrt(distance(centers, a * p, centers, b, p));
				half[a] = Math.min(half[a], g);
				half[b] = Math.min(half[b], g);
			}
	}

	/** Widens the bounds by how far the centres moved: the own centre's shift up, the largest other one's down. */
	private static void moveBounds(double[] centers, double[] old, int k, int p, int[] label, double[] upper,
			double[] lower, double[] moveBy) {
		int top = 0;
		for (int c = 0; c < k; c++) {
			moveBy[c] = Math.sqrt(distance(centers, c * p, old, c, p));
			if (moveBy[c] > moveBy[top]) top = c;
		}
		double next = 0; // the largest shift but the top one
		for (int c = 0; c < k; c++)
			if (c != top) next = Math.max(next, moveBy[c]);
		for (int i = 0; i < label.length; i++) {
			upper[i] += moveBy[label[i]];
			lower[i] -= label[i] == top ? next : moveBy[top];
		}
	}

	/**
	 * out[c] = {@link #distance} to every centre, four centres per sweep over the row: four independent sums
	 * (each in the same order as one distance, so the same bits) instead of one chain of dependent adds
	 * (measured together with Hamerly's bounds at 10a9d65: see the class comment).
	 */
	private static void distances(double[] x, int offset, double[] centers, int k, int p, double[] out) {
		int c = 0;
		for (; c + 4 <= k; c += 4) {
			int o0 = c * p, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p;
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
			for (int j = 0; j < p; j++) {
				double xj = x[offset + j];
				double v0 = xj - centers[o0 + j], v1 = xj - centers[o1 + j], v2 = xj - centers[o2 + j],
						v3 = xj - centers[o3 + j];
				s0 += v0 * v0;
				s1 += v1 * v1;
				s2 += v2 * v2;
				s3 += v3 * v3;
			}
			out[c] = s0;
			out[c + 1] = s1;
			out[c + 2] = s2;
			out[c + 3] = s3;
		}
		if (c + 2 <= k) {
			int o0 = c * p, o1 = o0 + p;
			double s0 = 0, s1 = 0;
			for (int j = 0; j < p; j++) {
				double xj = x[offset + j];
				double v0 = xj - centers[o0 + j], v1 = xj - centers[o1 + j];
				s0 += v0 * v0;
				s1 += v1 * v1;
			}
			out[c] = s0;
			out[c + 1] = s1;
			c += 2;
		}
		if (c < k) out[c] = distance(x, offset, centers, c, p);
	}

	private static double distance(double[] x, int offset, double[] centers, int c, int p) {
		double s = 0;
		for (int j = 0; j < p; j++) {
			double v = x[offset + j] - centers[c * p + j];
			s += v * v;
		}
		return s;
	}
}
