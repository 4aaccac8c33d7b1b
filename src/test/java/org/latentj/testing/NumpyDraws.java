package org.latentj.testing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** numpy / scikit-learn / hmmlearn draws written by src/test/python/numpy_draws_reference.py (committed resource). */
public final class NumpyDraws {
	private NumpyDraws() {
	}

	private static JsonObject cached;

	public static synchronized JsonObject reference() {
		if (cached == null)
			try (Reader r = new InputStreamReader(NumpyDraws.class.getResourceAsStream("/org/latentj/hmm/numpy_draws.json"),
					StandardCharsets.UTF_8)) {
				cached = JsonParser.parseReader(r).getAsJsonObject();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		return cached;
	}
}
