package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.diffusion.BetaSchedule;
import org.latentj.diffusion.LatentEncoder;
import org.latentj.diffusion.Latents;
import org.latentj.diffusion.SbmGrid;
import org.latentj.diffusion.SbmSimulator;
import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.VaeTrainer;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Model files and latent CSVs: exact round trips and clear messages for bad files. */
class LatentFilesTest {

	@TempDir
	Path dir;

	private static VaeTrainer.Result tinyModel() {
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(0.5, 1.5, 3, 1e-4, 1e-2, 3), 8, 20, 1, Trajectories.Kind.DISPLACEMENTS,
				Progress.NONE);
		return VaeTrainer.train(t, new VaeTrainer.Settings(3, 2, 16, 1e-3, BetaSchedule.parse("0, 5e-3"), 9, 0.25), Progress.NONE);
	}

	@Test
	void modelFileRoundTripEncodesIdentically() throws IOException {
		VaeTrainer.Result r = tinyModel();
		Path p = dir.resolve("model.json");
		LatentModelFile.write(p, r, "train.csv");
		LatentModelFile.Loaded back = LatentModelFile.read(p);
		assertArrayEquals(r.model().flatParameters(), back.model().flatParameters(), 0);
		assertArrayEquals(r.model().input().mean(), back.model().input().mean(), 0);
		assertArrayEquals(r.model().input().scale(), back.model().input().scale(), 0);
		assertArrayEquals(r.model().input().edges(), back.model().input().edges());
		assertEquals(r.model().logVarShift(), back.model().logVarShift(), 0);
		assertEquals("train.csv", back.data());
		assertEquals(2, back.history().size());
		assertEquals(r.history().last().validLoss(), back.history().last().validLoss(), 0);
		assertEquals(9, back.settings().seed());
		assertEquals("0.0, 0.005", back.settings().beta().toString());
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(1, 1, 1, 1e-3, 1e-3, 1), 5, 20, 2, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		Latents a = LatentEncoder.encode(r.model(), t, Progress.NONE), b = LatentEncoder.encode(back.model(), t, Progress.NONE);
		assertArrayEquals(a.mu(), b.mu(), 0);
		assertArrayEquals(a.logVar(), b.logVar(), 0);
	}

	/**
	 * A model file encodes as its documented formula: the encoder computed here from the file's parameter list by
	 * plain loops (each layer bias + sum over inputs i ascending of y_i W[i], ELU e^x - 1 below 0 on the hidden
	 * layers) gives LatentEncoder's mu and log sigma^2 bit for bit. This is the sum order of the hand-written layers
	 * that wrote earlier files and of nn's kernels, so files from before the move to org.latentj.nn encode unchanged.
	 */
	@Test
	void aModelFileEncodesAsItsFormula() throws IOException {
		Path p = dir.resolve("model.json");
		LatentModelFile.write(p, tinyModel(), "train.csv");
		LatentVae m = LatentModelFile.read(p).model();
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(0.5, 1.5, 3, 1e-4, 1e-2, 2), 2, 20, 4, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		Latents l = LatentEncoder.encode(m, t, Progress.NONE);
		double[] flat = m.flatParameters();
		int Z = m.latents();
		int[] sizes = { m.input().size(), LatentVae.ENCODER_HIDDEN[0], LatentVae.ENCODER_HIDDEN[1], 2 * Z };
		int hiddenNegative = 0;
		for (int s = 0; s < t.count(); s++) {
			double[] x = new double[sizes[0]];
			m.transformInput(t.values(), s * t.length(), x);
			int o = 0;
			for (int layer = 0; layer < 3; layer++) {
				int in = sizes[layer], out = sizes[layer + 1];
				double[] next = new double[out];
				for (int j = 0; j < out; j++) {
					double sum = flat[o + in * out + j];
					for (int i = 0; i < in; i++) sum += x[i] * flat[o + i * out + j];
					if (layer < 2 && sum <= 0) hiddenNegative++;
					next[j] = layer == 2 || sum > 0 ? sum : Math.exp(sum) - 1;
				}
				o += (in + 1) * out;
				x = next;
			}
			for (int j = 0; j < Z; j++) {
				assertEquals(x[j], l.mu(s, j), 0, "trajectory " + s + " mu " + j);
				assertEquals(x[Z + j], l.logVar()[s * Z + j], 0, "trajectory " + s + " log variance " + j);
			}
		}
		assertTrue(hiddenNegative > 100, "ELUs below 0: " + hiddenNegative);
	}

	private String modelError(JsonObject o) throws IOException {
		Path p = dir.resolve("bad.json");
		Files.writeString(p, o.toString(), StandardCharsets.UTF_8);
		return assertThrows(BadInputException.class, () -> LatentModelFile.read(p)).getMessage();
	}

	/**
	 * The gson binding (issue 8) keeps the keys of version 1, so files written before it read the
	 * same, and every double comes back bit for bit, awkward values included.
	 */
	@Test
	void modelFilesKeepTheirKeysAndRoundTripExactly() throws IOException {
		Path p = dir.resolve("model.json");
		VaeTrainer.Result r = tinyModel();
		double[] params = r.model().flatParameters();
		params[0] = Math.nextUp(0.1);
		params[1] = -0.0;
		params[2] = Double.MIN_VALUE;
		params[3] = 1e300 / 3;
		params[4] = 2.0 / 3;
		LatentVae odd = new LatentVae(r.model().input(), r.model().latents(), r.model().basis(), r.model().logVarShift(), params);
		VaeTrainer.Result oddResult = new VaeTrainer.Result(odd, r.history(), r.settings(), r.trainCount(), r.validationCount());
		LatentModelFile.write(p, oddResult, "train.csv");
		double[] back = LatentModelFile.read(p).model().flatParameters();
		assertEquals(params.length, back.length);
		for (int i = 0; i < params.length; i++)
			assertEquals(Double.doubleToRawLongBits(params[i]), Double.doubleToRawLongBits(back[i]), "parameter " + i);
		JsonObject o = JsonParser.parseString(Files.readString(p)).getAsJsonObject();
		assertEquals(java.util.List.of("format", "version", "length", "latents", "basis", "encoder_hidden", "decoder_hidden", "input_transform",
				"input_windows", "input_mean", "input_scale", "log_variance_shift", "training", "parameters"), java.util.List.copyOf(o.keySet()));
		assertEquals(java.util.List.of("data", "trajectories", "validation_trajectories", "epochs", "batch", "learning_rate", "beta", "seed",
				"validation", "history"), java.util.List.copyOf(o.getAsJsonObject("training").keySet()));
		JsonObject epoch = o.getAsJsonObject("training").getAsJsonArray("history").get(0).getAsJsonObject();
		assertEquals(java.util.Set.of("epoch", "beta", "train_loss", "train_nll", "train_kl", "valid_loss", "valid_nll", "valid_kl"), epoch.keySet());
		assertEquals(1, o.get("version").getAsInt());
		assertEquals("1", o.get("version").toString(), "whole numbers stay whole");
	}

	@Test
	void badModelFilesSayWhatIsWrong() throws IOException {
		Path p = dir.resolve("model.json");
		LatentModelFile.write(p, tinyModel(), null);
		JsonObject good = JsonParser.parseString(Files.readString(p)).getAsJsonObject();

		JsonObject o = good.deepCopy();
		o.addProperty("format", "something-else");
		assertTrue(modelError(o).contains("format 'something-else'"));
		o = good.deepCopy();
		o.addProperty("version", 7);
		assertTrue(modelError(o).contains("version 7"));
		o = good.deepCopy();
		o.addProperty("latents", 4); // a model file for another latent size than its parameters
		assertTrue(modelError(o).contains("with 4 latents needs"), modelError(o));
		o = good.deepCopy();
		o.addProperty("length", 30); // or another length
		assertTrue(modelError(o).contains("the length 30"), modelError(o));
		o = good.deepCopy();
		JsonArray hidden = new JsonArray();
		hidden.add(64);
		hidden.add(32);
		o.add("encoder_hidden", hidden);
		assertTrue(modelError(o).contains("'encoder_hidden'"));
		o = good.deepCopy();
		o.getAsJsonArray("parameters").set(3, new com.google.gson.JsonPrimitive("NaN"));
		assertTrue(modelError(o).contains("'parameters' entry 4"), modelError(o));
		o = good.deepCopy();
		o.remove("input_scale");
		assertTrue(modelError(o).contains("no 'input_scale'"));
		o = good.deepCopy();
		o.getAsJsonArray("input_windows").set(1, new com.google.gson.JsonPrimitive(0));
		assertTrue(modelError(o).contains("'input_windows' must increase"));
		o = good.deepCopy();
		o.getAsJsonArray("parameters").set(2, new com.google.gson.JsonPrimitive("abc"));
		assertTrue(modelError(o).startsWith("The model file " + dir.resolve("bad.json") + ": 'parameters' entry 3 has the wrong type"), modelError(o));
		o = good.deepCopy();
		o.addProperty("version", 1.5);
		assertTrue(modelError(o).contains("'version' has the wrong type"), modelError(o));
		o = good.deepCopy();
		o.getAsJsonObject("training").remove("epochs");
		assertTrue(modelError(o).contains("(training) has no 'epochs'"), modelError(o));
		Path junk = dir.resolve("junk.json");
		Files.writeString(junk, "{ not json", StandardCharsets.UTF_8);
		assertTrue(assertThrows(BadInputException.class, () -> LatentModelFile.read(junk)).getMessage().contains("not valid JSON"));
		assertTrue(assertThrows(BadInputException.class, () -> LatentModelFile.read(dir.resolve("none.json"))).getMessage()
				.contains("does not exist"));
	}

	@Test
	void latentCsvRoundTripAndErrors() throws IOException {
		Latents l = new Latents(2, new double[] { 0.5, 1.5 }, new double[] { 1e-3, 1e-2 }, new double[] { 0.1, -0.2, 0.3, 1.0 / 3 },
				new double[] { -1, -2, -3, -4.5 });
		Path p = dir.resolve("latents.csv");
		LatentCsv.write(p, l);
		assertEquals("alpha,D,mu_0,mu_1,logvar_0,logvar_1", Files.readAllLines(p).get(0));
		Latents back = LatentCsv.read(p);
		assertArrayEquals(l.mu(), back.mu(), 0);
		assertArrayEquals(l.logVar(), back.logVar(), 0);
		assertArrayEquals(l.ds(), back.ds(), 0);

		Path bad = dir.resolve("bad.csv");
		Files.writeString(bad, "alpha,D,mu_0,sigma_0\n1,1,0,0\n");
		assertTrue(assertThrows(BadInputException.class, () -> LatentCsv.read(bad)).getMessage().contains("column 4 is 'sigma_0', expected 'logvar_0'"));
		Files.writeString(bad, "alpha,D,mu_0\n1,1,0\n");
		assertTrue(assertThrows(BadInputException.class, () -> LatentCsv.read(bad)).getMessage().contains("2 + 2Z columns"));
		Files.writeString(bad, "alpha,D,mu_0,logvar_0\n1,1,0,0\n1,1,zero,0\n");
		assertTrue(assertThrows(BadInputException.class, () -> LatentCsv.read(bad)).getMessage().contains("row 3, column 'mu_0' is 'zero'"));
		Files.writeString(bad, "alpha,D,mu_0,logvar_0\n3,1,0,0\n");
		assertTrue(assertThrows(BadInputException.class, () -> LatentCsv.read(bad)).getMessage().contains("alpha must be in (0, 2]"));
		Files.writeString(bad, "alpha,D,mu_0,logvar_0\n1,-1,0,0\n");
		assertTrue(assertThrows(BadInputException.class, () -> LatentCsv.read(bad)).getMessage().contains("D must be > 0"));
		Files.writeString(bad, "alpha,D,mu_0,logvar_0\n1,1,0,Inf\n");
		assertNotNull(assertThrows(BadInputException.class, () -> LatentCsv.read(bad)).getMessage());
		Files.writeString(bad, "alpha,D,mu_0,logvar_0\n1,1,0\n");
		assertTrue(assertThrows(BadInputException.class, () -> LatentCsv.read(bad)).getMessage().contains("row 2 has 3 fields"));
	}
}
