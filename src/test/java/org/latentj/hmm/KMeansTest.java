package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** k-means on windows read in place gives the labels of k-means on copied windows, bit for bit. */
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
			assertEquals(x.nextLong(), y.nextLong(), "the generator is left where copying k-means leaves it");
		}
	}
}
