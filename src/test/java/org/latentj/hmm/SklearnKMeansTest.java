package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentj.util.NumpyRandom;
import org.latentj.testing.NumpyDraws;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * scikit-learn 1.2.1's KMeans(n_clusters=K, n_init=10, random_state=r) on the z-scored rows of test-data/training-runs
 * (150 x 14; src/test/python/numpy_draws_reference.py): the same labels and inertia, the same centres to 1e-9, for
 * K = 1..8 and r = 0, 3, 9.
 */
class SklearnKMeansTest {

	static final JsonObject REF = NumpyDraws.reference();

	static double[] rows() {
		JsonArray rows = REF.getAsJsonArray("rows");
		int d = rows.get(0).getAsJsonArray().size();
		double[] x = new double[rows.size() * d];
		for (int t = 0; t < rows.size(); t++)
			for (int j = 0; j < d; j++) x[t * d + j] = rows.get(t).getAsJsonArray().get(j).getAsDouble();
		return x;
	}

	static List<double[]> sequences() {
		double[] x = rows();
		int d = 14, off = 0;
		List<double[]> out = new ArrayList<>();
		for (JsonElement len : REF.getAsJsonArray("lengths")) {
			int t = len.getAsInt();
			out.add(java.util.Arrays.copyOfRange(x, off * d, (off + t) * d));
			off += t;
		}
		return out;
	}

	@Test
	void centresAreSklearns() {
		double[] x = rows();
		int d = 14, n = x.length / d;
		assertEquals(150, n);
		for (JsonElement e : REF.getAsJsonArray("kmeans")) {
			JsonObject c = e.getAsJsonObject();
			int k = c.get("K").getAsInt(), r = c.get("random_state").getAsInt();
			double[][] centres = SklearnKMeans.centers(x, n, d, k, new NumpyRandom(r));
			JsonArray expected = c.getAsJsonArray("centers");
			int[] labels = new int[n];
			double inertia = 0;
			for (int t = 0; t < n; t++) { // the labels and inertia of the centres (sklearn's labels_, inertia_)
				double bd = Double.POSITIVE_INFINITY;
				for (int a = 0; a < k; a++) {
					double s = 0;
					for (int j = 0; j < d; j++) s += (x[t * d + j] - centres[a][j]) * (x[t * d + j] - centres[a][j]);
					if (s < bd) {
						bd = s;
						labels[t] = a;
					}
				}
				inertia += bd;
			}
			String what = "K = " + k + ", random_state " + r;
			for (int a = 0; a < k; a++)
				for (int j = 0; j < d; j++)
					assertEquals(expected.get(a).getAsJsonArray().get(j).getAsDouble(), centres[a][j], 1e-9, what + ", centre " + a);
			int[] sk = new int[n];
			for (int t = 0; t < n; t++) sk[t] = c.getAsJsonArray("labels").get(t).getAsInt();
			assertArrayEquals(sk, labels, what);
			double ski = c.get("inertia").getAsDouble();
			assertEquals(ski, inertia, 1e-9 * ski, what);
		}
	}

	/** sklearn keeps the earlier run when a later one with less inertia is the same clustering relabelled. */
	@Test
	void sameClusteringIsUpToRelabelling() {
		assertTrue(SklearnKMeans.sameClustering(new int[] { 0, 0, 1, 2 }, new int[] { 2, 2, 0, 1 }, 3));
		assertFalse(SklearnKMeans.sameClustering(new int[] { 0, 0, 1, 2 }, new int[] { 2, 1, 0, 1 }, 3));
	}
}
