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
		for (int it = 0; it < maxIterations; it++) {
			// each point's nearest center on its own: blocks of points in parallel, the same labels on any number of cores
			boolean[] moved = new boolean[Parallel.blocks(n, BLOCK)];
			Parallel.forEach(moved.length, b -> {
				for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
					int best = 0;
					double bd = Double.POSITIVE_INFINITY;
					for (int c = 0; c < k; c++) {
						double dd = distance(rows[i], offsets[i], centers, c, p);
						if (dd < bd) {
							bd = dd;
							best = c;
						}
					}
					if (label[i] != best) {
						label[i] = best;
						moved[b] = true;
					}
					dist[i] = bd;
				}
			});
			boolean changed = false;
			for (boolean m : moved) changed |= m;
			if (!changed) break;
			java.util.Arrays.fill(sums, 0);
			java.util.Arrays.fill(counts, 0);
			for (int i = 0; i < n; i++) {
				counts[label[i]]++;
				double[] x = rows[i];
				for (int j = 0, o = offsets[i]; j < p; j++) sums[label[i] * p + j] += x[o + j];
			}
			for (int c = 0; c < k; c++) {
				if (counts[c] == 0) { // an empty cluster takes the point farthest from its center
					int far = 0;
					for (int i = 1; i < n; i++)
						if (dist[i] > dist[far]) far = i;
					System.arraycopy(rows[far], offsets[far], centers, c * p, p);
					dist[far] = 0;
					continue;
				}
				for (int j = 0; j < p; j++) centers[c * p + j] = sums[c * p + j] / counts[c];
			}
		}
		return label;
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
