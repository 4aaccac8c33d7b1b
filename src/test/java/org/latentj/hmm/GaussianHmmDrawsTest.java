package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentj.testing.NumpyDraws;
import org.latentj.util.Progress;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A whole fit equals hmmlearn's GaussianHMM(K, "full", n_iter=100, tol=1e-2, random_state=r) on the z-scored rows of
 * test-data/training-runs (3 runs of 50 rows, their first 4 metrics: with all 14 hmmlearn's states collapse to
 * covariances that are not positive definite, where GaussianHmm departs; src/test/python/numpy_draws_reference.py): the same start (startprob_,
 * transmat_, means_, covars_) and the same final log-likelihood, iteration count and means.
 */
class GaussianHmmDrawsTest {

	@Test
	void fitsAreHmmlearns() {
		int d = NumpyDraws.reference().get("fit_columns").getAsInt();
		List<double[]> x = new java.util.ArrayList<>();
		for (double[] run : SklearnKMeansTest.sequences()) { // the first d of the 14 metrics
			int t = run.length / 14;
			double[] y = new double[t * d];
			for (int i = 0; i < t; i++) System.arraycopy(run, i * 14, y, i * d, d);
			x.add(y);
		}
		for (JsonElement e : NumpyDraws.reference().getAsJsonArray("fits")) {
			JsonObject c = e.getAsJsonObject();
			int k = c.get("K").getAsInt(), r = c.get("random_state").getAsInt();
			String what = "K = " + k + ", random_state " + r;
			GaussianHmm.Settings s = new GaussianHmm.Settings(k, GaussianHmm.Covariance.FULL, 100, 1e-2, GaussianHmm.MIN_COVAR);
			long frames = 0;
			for (double[] seq : x) frames += seq.length / d;
			Hmm start = GaussianHmm.start(x, d, frames, s, r);
			JsonObject st = c.getAsJsonObject("start");
			double[] pi = start.initial().probabilities();
			JsonArray spi = st.getAsJsonArray("startprob"), trans = st.getAsJsonArray("transmat");
			for (int i = 0; i < k; i++) {
				assertEquals(spi.get(i).getAsDouble(), pi[i], 1e-15 * spi.get(i).getAsDouble(), what + ", startprob");
				for (int j = 0; j < k; j++) {
					double p = trans.get(i).getAsJsonArray().get(j).getAsDouble();
					assertEquals(p, start.transitions().matrix().get(i, j), 1e-15 * p, what + ", transmat");
				}
			}
			LinearGaussianObservations obs = (LinearGaussianObservations) start.observations();
			JsonArray means = st.getAsJsonArray("means"), cov = st.getAsJsonArray("covars");
			for (int a = 0; a < k; a++)
				for (int i = 0; i < d; i++) {
					assertEquals(means.get(a).getAsJsonArray().get(i).getAsDouble(), obs.mean(a)[i], 1e-9, what + ", means");
					for (int j = 0; j < d; j++)
						assertEquals(cov.get(i).getAsJsonArray().get(j).getAsDouble(), obs.covariance(a)[i * d + j], 1e-12,
								what + ", covars");
				}
			GaussianHmm.Fit f = GaussianHmm.fit(x, d, s, r, Progress.NONE);
			double ll = c.get("loglik").getAsDouble();
			assertEquals(ll, f.logLik(), 1e-6 * Math.abs(ll), what + ", log-likelihood");
			assertEquals(c.get("iterations").getAsInt(), f.iterations(), what + ", iterations");
			assertEquals(c.get("converged").getAsBoolean(), f.converged(), what + ", converged");
			JsonArray fm = c.getAsJsonArray("means");
			obs = (LinearGaussianObservations) f.hmm().observations();
			for (int a = 0; a < k; a++)
				for (int i = 0; i < d; i++)
					assertEquals(fm.get(a).getAsJsonArray().get(i).getAsDouble(), obs.mean(a)[i], 1e-6, what + ", fitted means");
		}
	}
}
