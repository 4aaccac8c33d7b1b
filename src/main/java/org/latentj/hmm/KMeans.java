package org.latentj.hmm;

import java.util.Random;

import org.latentj.util.Parallel;

/**
 * k-means (k-means++ seeding, then Lloyd iterations) on rows of a flat N x P array; deterministic
 * for a given random generator. Used to start EM from hard clusters.
 */
final class KMeans {

	/** Points per parallel block of the assignment step (fixed, so labels do not depend on the cores). */
	private static final int BLOCK = 4096;

	private KMeans() {
	}

	/** Cluster of each row. */
	static int[] cluster(double[] points, int p, int k, Random random, int maxIterations) {
		int n = points.length / p;
		double[] centers = new double[k * p];
		double[] dist = new double[n];
		int first = random.nextInt(n);
		System.arraycopy(points, first * p, centers, 0, p);
		for (int i = 0; i < n; i++) dist[i] = distance(points, i, centers, 0, p);
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
			System.arraycopy(points, pick * p, centers, c * p, p);
			for (int i = 0; i < n; i++) dist[i] = Math.min(dist[i], distance(points, i, centers, c, p));
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
						double dd = distance(points, i, centers, c, p);
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
				for (int j = 0; j < p; j++) sums[label[i] * p + j] += points[i * p + j];
			}
			for (int c = 0; c < k; c++) {
				if (counts[c] == 0) { // an empty cluster takes the point farthest from its center
					int far = 0;
					for (int i = 1; i < n; i++)
						if (dist[i] > dist[far]) far = i;
					System.arraycopy(points, far * p, centers, c * p, p);
					dist[far] = 0;
					continue;
				}
				for (int j = 0; j < p; j++) centers[c * p + j] = sums[c * p + j] / counts[c];
			}
		}
		return label;
	}

	private static double distance(double[] points, int i, double[] centers, int c, int p) {
		double s = 0;
		for (int j = 0; j < p; j++) {
			double v = points[i * p + j] - centers[c * p + j];
			s += v * v;
		}
		return s;
	}
}
