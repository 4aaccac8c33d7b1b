package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.Standardization;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A linear-emission model.json edited by hand: each bad slds key is one sentence naming the file and the key with its
 * full path (slds.latent against the dynamics' dimension, an overflowing or rank-deficient slds.emission_matrix, a
 * NaN in slds.pc_standardization.mean, a noise variance below Fit SLDS's floor).
 */
class SldsModelFileTest {

	@Test
	void badSldsKeysNameTheFileAndKey(@TempDir Path dir) throws IOException {
		SldsParameters truth = SldsTestModels.linear(SldsTestModels.random(2, 2, 1, 41, false), 3, 42);
		double[] y = SldsTestModels.sample(truth, 200, 43, new int[200]);
		SessionData session = SessionData.withDroppedFrames("lin", y, 3, null);
		SldsSettings settings = new SldsSettings(2, 1, 3, SldsSettings.Emissions.LINEAR, 2, false, 0.9, 0, 1, 2, 10, 1e-6,
				1, 0, 0.8, Standardization.Kind.ZSCORE);
		SldsResult r = SldsFitter.fit(List.of(session), settings, Progress.NONE);
		SldsFiles.write(dir, r, List.of(session), Map.of("states", 2));
		JsonObject good = JsonParser.parseString(Files.readString(dir.resolve("model.json"))).getAsJsonObject();
		SldsModel.read(dir.resolve("model.json")); // the file as written reads back

		assertRefused(dir, good, "latent", s -> s.addProperty("latent", 3),
				": slds.latent is 3 but the dynamics (A, Q) have dimension 2.");
		assertRefused(dir, good, "overflow", s -> s.add("emission_matrix", array(1e200, 0, 0, 1e200, 0, 0)),
				": slds.emission_matrix is too large for slds.noise_variances: C^T R^-1 C overflows.");
		assertRefused(dir, good, "dependent", s -> s.add("emission_matrix", array(1, 0, 1, 0, 1, 0)),
				": slds.emission_matrix (C) has dependent columns: C^T R^-1 C is singular.");
		assertRefused(dir, good, "mean", s -> s.getAsJsonObject("pc_standardization").getAsJsonArray("mean").set(0,
				new com.google.gson.JsonPrimitive(Double.NaN)), ": slds.pc_standardization.mean holds a number that is not finite.");
		assertRefused(dir, good, "noise", s -> s.getAsJsonArray("noise_variances").set(0, new com.google.gson.JsonPrimitive(1e-300)),
				": slds.noise_variances[0] is 1.0E-300, below 1e-12 (the least noise variance Fit SLDS fits, in standardized units).");
		// a recorded setting is checked when the file is read too, not when Apply Model first asks for it
		JsonObject json = good.deepCopy();
		json.getAsJsonObject("training").getAsJsonObject("settings").addProperty("label_moves", "yes");
		Path file = dir.resolve("moves.json");
		Files.writeString(file, json.toString());
		assertEquals("The model file " + file + ": training.settings.label_moves is yes; it must be true or false.",
				assertThrows(BadInputException.class, () -> SldsModel.read(file)).getMessage());
	}

	/** The file written with one edit of its slds section is refused with "The model file FILE" + tail. */
	private static void assertRefused(Path dir, JsonObject good, String name, Consumer<JsonObject> edit, String tail) throws IOException {
		JsonObject json = good.deepCopy();
		edit.accept(json.getAsJsonObject("slds"));
		Path file = dir.resolve(name + ".json");
		Files.writeString(file, json.toString());
		BadInputException e = assertThrows(BadInputException.class, () -> SldsModel.read(file), name);
		assertEquals("The model file " + file + tail, e.getMessage());
	}

	private static JsonArray array(double... v) {
		JsonArray a = new JsonArray();
		for (double x : v) a.add(x);
		return a;
	}
}
