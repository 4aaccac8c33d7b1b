package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * k-means on windows read in place gives the labels of k-means on copied windows, bit for bit: against
 * {@link Reference}, a verbatim copy of the k-means loop and its copying callers before windows were read
 * in place (git 779e89a), so that the comparison does not run the new loop on both sides. The copy is
 * frozen on purpose: when k-means changes on purpose (seeding, empty clusters), delete it and keep
 * {@code windowsInPlaceMatchCopiedWindows}.
 */
class KMeansTest {

	@Test
	void windowsInPlaceMatchCopiedWindows() {
		int d = 3, lags = 2, p = (lags + 1) * d;
		Random r = new Random(5);
		double[] a = new double[400 * d], b = new double[250 * d];
		for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian() + (i / d / 50 % 2) * 3; // blocks of 50 frames apart
		for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian() - (i / d / 30 % 3);
		// stretches of two sessions, as training frames and split/merge runs are (each from its lags-th frame on)
		List<FitData.Stretch> runs = List.of(new FitData.Stretch(a, 2, 180), new FitData.Stretch(b, 7, 9),
				new FitData.Stretch(a, 200, 400), new FitData.Stretch(b, 40, 250));
		int n = 0;
		for (FitData.Stretch s : runs) n += s.frames();
		double[] copied = new double[n * p];
		int row = 0;
		for (FitData.Stretch s : runs)
			for (int t = s.from; t < s.to; t++, row++)
				System.arraycopy(s.x, (t - lags) * d, copied, row * p, p);
		for (int k : new int[] { 2, 5 }) {
			Random x = new Random(11), y = new Random(11);
			int[] expected = KMeans.cluster(copied, p, k, x, 100);
			int[] inPlace = KMeans.clusterWindows(runs, lags, d, k, y, 100);
			assertEquals(n, inPlace.length);
			assertArrayEquals(expected, inPlace, "k = " + k);
			// and both are the frozen pre-change loop's labels (not the new loop checked against itself)
			assertArrayEquals(Reference.cluster(copied, p, k, new Random(11), 100).labels, expected, "k = " + k + ", reference");
			assertEquals(x.nextLong(), y.nextLong(), "the generator is left where copying k-means leaves it");
		}
	}

	/** Stretches of two sessions (T x D) cut as training frames and split/merge runs are, from the lags-th frame on. */
	private static List<FitData.Stretch> stretches(double[] a, double[] b, int d, int lags, int piece) {
		List<FitData.Stretch> out = new ArrayList<>();
		for (double[] x : new double[][] { a, b })
			for (int t = lags; t < x.length / d; t += piece + 3) out.add(new FitData.Stretch(x, t, Math.min(x.length / d, t + piece)));
		return out;
	}

	/**
	 * Over 4096 windows (several assignment blocks): the training frames of a fit's k-means start (one stretch a
	 * session, 100 iterations) and a split's runs (short stretches, K = 2, 50 iterations) give the old labels and
	 * centres, and leave the generator where the old code left it.
	 */
	@Test
	void manyWindowsMatchThePreChangeLoop() {
		int d = 3, lags = 2;
		Random r = new Random(8);
		double[] a = new double[6000 * d], b = new double[4500 * d];
		for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian() + (i / d / 70 % 3) * 2;
		for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian() - (i / d / 40 % 2) * 3;
		Object[][] cases = { { stretches(a, b, d, lags, 1 << 20), 5, 100 }, { stretches(a, b, d, lags, 37), 2, 50 },
				{ stretches(a, b, d, lags, 37), 9, 100 } };
		for (Object[] c : cases) {
			@SuppressWarnings("unchecked")
			List<FitData.Stretch> runs = (List<FitData.Stretch>) c[0];
			int k = (Integer) c[1], iterations = (Integer) c[2];
			Reference ref = Reference.windows(runs, lags, d, k, new Random(21), iterations);
			assertTrue(ref.labels.length > 2 * 4096, "three blocks at least: " + ref.labels.length);
			double[] centers = new double[k * (lags + 1) * d];
			Random y = new Random(21);
			int[] labels = KMeans.clusterWindows(runs, lags, d, k, y, iterations, centers);
			assertArrayEquals(ref.labels, labels, "k = " + k);
			assertArrayEquals(ref.centers, centers, 0, "k = " + k);
			assertEquals(ref.random.nextLong(), y.nextLong(), "the generator is left where the old code leaves it");
		}
		// and the flat N x P entry (Gaussian HMMs' start) on the same windows copied
		List<FitData.Stretch> runs = stretches(a, b, d, lags, 1 << 20);
		double[] copied = Reference.copy(runs, lags, d);
		int k = 6, p = (lags + 1) * d;
		Reference ref = Reference.cluster(copied, p, k, new Random(3), 300);
		assertArrayEquals(ref.labels, KMeans.cluster(copied, p, k, new Random(3), 300));
		// Hamerly's bounds skip points: at scales whose squared distances are subnormal (1e-160) rounding is no longer
		// relative and nothing may be skipped; K = 1, 3 and 7 take the 1-, 2+1- and 4+2+1-centre paths of a sweep
		for (double scale : new double[] { 1, 1e-160, 1e150 })
			for (int kk : new int[] { 1, 3, 7 })
				for (int seed = 0; seed < 4; seed++) {
					double[] scaled = new double[copied.length];
					for (int i = 0; i < scaled.length; i++) scaled[i] = copied[i] * scale;
					Reference rs = Reference.cluster(scaled, p, kk, new Random(seed), 300);
					assertArrayEquals(rs.labels, KMeans.cluster(scaled, p, kk, new Random(seed), 300), "scale " + scale + ", k = " + kk + ", seed " + seed);
				}
	}

	/**
	 * Windows of only two distinct values and K = 4: after two k-means++ picks every window sits on a centre,
	 * so the last two are drawn uniformly and duplicate them; ties go to the lower centre, so clusters empty out
	 * and take the farthest window. The reference counts those events to show the case is met.
	 */
	@Test
	void emptyClustersMatchThePreChangeLoop() {
		int d = 2, lags = 1;
		double[] a = new double[4000 * d], b = new double[3000 * d];
		java.util.Arrays.fill(a, 1.5);
		java.util.Arrays.fill(b, -2);
		List<FitData.Stretch> runs = stretches(a, b, d, lags, 1 << 20);
		for (long seed : new long[] { 1, 2, 3 }) {
			Reference ref = Reference.windows(runs, lags, d, 4, new Random(seed), 100);
			assertTrue(ref.emptied > 0, "an empty cluster (seed " + seed + ")");
			assertTrue(ref.labels.length > 4096);
			double[] centers = new double[4 * (lags + 1) * d];
			Random y = new Random(seed);
			assertArrayEquals(ref.labels, KMeans.clusterWindows(runs, lags, d, 4, y, 100, centers), "seed " + seed);
			assertArrayEquals(ref.centers, centers, 0, "seed " + seed);
			assertEquals(ref.random.nextLong(), y.nextLong());
		}
	}

	/**
	 * KMeans.cluster and its callers as of git 779e89a (before windows were read in place), verbatim but for
	 * keeping the final centres, the generator and a count of empty clusters for the tests.
	 */
	private static final class Reference {
		private static final int BLOCK = 4096;
		int[] labels;
		double[] centers;
		Random random;
		int emptied;

		/** The copying of HmmFitter.kmeansLabels and SplitMerge's split (each scored frame's window, in stretch order). */
		static double[] copy(List<FitData.Stretch> runs, int lags, int d) {
			int p = (lags + 1) * d;
			int n = 0;
			for (FitData.Stretch s : runs) n += s.frames();
			double[] points = new double[n * p];
			int row = 0;
			for (FitData.Stretch s : runs)
				for (int t = s.from; t < s.to; t++, row++)
					System.arraycopy(s.x, (t - lags) * d, points, row * p, p);
			return points;
		}

		static Reference windows(List<FitData.Stretch> runs, int lags, int d, int k, Random random, int maxIterations) {
			return cluster(copy(runs, lags, d), (lags + 1) * d, k, random, maxIterations);
		}

		static Reference cluster(double[] points, int p, int k, Random random, int maxIterations) {
			Reference out = new Reference();
			out.random = random;
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
				boolean[] moved = new boolean[(n + BLOCK - 1) / BLOCK];
				for (int b = 0; b < moved.length; b++) {
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
				}
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
						out.emptied++;
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
			out.labels = label;
			out.centers = centers;
			return out;
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
}
