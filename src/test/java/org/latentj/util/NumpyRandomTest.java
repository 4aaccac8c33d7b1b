package org.latentj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.latentj.testing.NumpyDraws;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * numpy 1.24.2's legacy RandomState, drawn by src/test/python/numpy_draws_reference.py: raw words, doubles and
 * randint exactly; Gaussian, gamma and Dirichlet draws (hmmlearn's startprob_ and transmat_ for K = 1..8,
 * random_state 0..9) to 1e-15 relative (libm's log and pow may round the last bit differently from Java's).
 */
class NumpyRandomTest {

	static final JsonObject REF = NumpyDraws.reference();

	private static void close(double expected, double actual, String what) {
		assertEquals(expected, actual, 1e-15 * Math.abs(expected), what);
	}

	@Test
	void rawWordsAndDoublesAreNumpys() {
		for (String seed : REF.getAsJsonObject("raw").keySet()) {
			NumpyRandom r = new NumpyRandom(Long.parseLong(seed));
			for (JsonElement w : REF.getAsJsonObject("raw").getAsJsonArray(seed))
				assertEquals(w.getAsLong(), r.nextUint32(), "raw word, seed " + seed);
			r = new NumpyRandom(Long.parseLong(seed));
			for (JsonElement v : REF.getAsJsonObject("random_sample").getAsJsonArray(seed))
				assertEquals(v.getAsDouble(), r.random(), 0, "random_sample, seed " + seed);
		}
	}

	@Test
	void randintIsNumpys() {
		for (JsonElement e : REF.getAsJsonArray("randint")) {
			JsonObject c = e.getAsJsonObject();
			NumpyRandom r = new NumpyRandom(c.get("seed").getAsLong());
			long n = c.get("n").getAsLong();
			for (JsonElement v : c.getAsJsonArray("values"))
				assertEquals(v.getAsLong(), r.randint(n), "randint(" + n + "), seed " + c.get("seed"));
		}
	}

	@Test
	void gaussAndGammaAreNumpys() {
		for (String seed : REF.getAsJsonObject("gauss").keySet()) {
			NumpyRandom r = new NumpyRandom(Long.parseLong(seed));
			for (JsonElement v : REF.getAsJsonObject("gauss").getAsJsonArray(seed))
				close(v.getAsDouble(), r.gauss(), "standard_normal, seed " + seed);
		}
		for (JsonElement e : REF.getAsJsonArray("gamma")) {
			JsonObject c = e.getAsJsonObject();
			NumpyRandom r = new NumpyRandom(c.get("seed").getAsLong());
			double shape = c.get("shape").getAsDouble();
			for (JsonElement v : c.getAsJsonArray("values"))
				close(v.getAsDouble(), r.gamma(shape), "standard_gamma(" + shape + "), seed " + c.get("seed"));
		}
	}

	/** hmmlearn's base _init: startprob_ = dirichlet(1/K), then transmat_ = dirichlet(1/K, size=K), one stream. */
	@Test
	void dirichletIsHmmlearnsStart() {
		for (JsonElement e : REF.getAsJsonArray("dirichlet")) {
			JsonObject c = e.getAsJsonObject();
			int k = c.get("K").getAsInt();
			NumpyRandom r = new NumpyRandom(c.get("random_state").getAsLong());
			double[] alpha = new double[k];
			java.util.Arrays.fill(alpha, 1.0 / k);
			String what = "K = " + k + ", random_state " + c.get("random_state");
			JsonArray start = c.getAsJsonArray("startprob");
			double[] pi = r.dirichlet(alpha);
			for (int j = 0; j < k; j++) close(start.get(j).getAsDouble(), pi[j], "startprob, " + what);
			for (JsonElement row : c.getAsJsonArray("transmat")) {
				double[] p = r.dirichlet(alpha);
				for (int j = 0; j < k; j++) close(row.getAsJsonArray().get(j).getAsDouble(), p[j], "transmat, " + what);
			}
		}
	}

	@Test
	void seedsOutsideNumpysRangeAreRefused() {
		assertThrows(BadInputException.class, () -> new NumpyRandom(-1));
		assertThrows(BadInputException.class, () -> new NumpyRandom(1L << 32));
		assertEquals(0, new NumpyRandom(7).randint(1));
	}
}
