package org.latentj.diffusion;

import org.latentj.io.AtomicOutput;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.latentj.diffusion.BetaSchedule;
import org.latentj.diffusion.InputTransform;
import org.latentj.diffusion.LatentVae;
import org.latentj.diffusion.TrainingHistory;
import org.latentj.diffusion.VaeTrainer;
import org.latentj.util.BadInputException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;

/**
 * The latent model file (JSON): {@code format: "latentj-trajectory-vae"}, {@code version: 1}, the
 * architecture (length T, latents Z, basis K, hidden sizes), the input transform constants, all
 * parameters in {@link LatentVae#flatParameters()} order at full double precision, and the training
 * settings with the loss per epoch. Written under a temporary name, renamed when complete.
 */
public final class LatentModelFile {

	public static final String FORMAT = "latentj-trajectory-vae";
	public static final int VERSION = 1;

	/** A model read back, with how it was trained (settings and history are null if the file has none). */
	public record Loaded(LatentVae model, VaeTrainer.Settings settings, TrainingHistory history, String data) {
	}

	private LatentModelFile() {
	}

	/** Writes a trained model; {@code data} names the training file (for the record), may be null. */
	public static void write(Path path, VaeTrainer.Result result, String data) throws IOException {
		LatentVae m = result.model();
		AtomicOutput.writeFile(path, tmp -> {
			try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); JsonWriter json = new JsonWriter(w)) {
				json.setIndent(" ");
				json.beginObject();
				json.name("format").value(FORMAT);
				json.name("version").value(VERSION);
				json.name("length").value(m.length());
				json.name("latents").value(m.latents());
				json.name("basis").value(m.basis());
				json.name("encoder_hidden");
				ints(json, LatentVae.ENCODER_HIDDEN);
				json.name("decoder_hidden");
				ints(json, LatentVae.DECODER_HIDDEN);
				InputTransform in = m.input();
				json.name("input_transform").value("u_k = (ln(mean dx^2 in window k + 1e-12 m) - ln m - input_mean[k]) / input_scale[k], "
						+ "window k = steps input_windows[k]+1..input_windows[k+1]; last input (ln m - input_mean[K]) / input_scale[K]; "
						+ "m = mean of dx_t^2");
				json.name("input_windows");
				ints(json, in.edges());
				json.name("input_mean");
				doubles(json, in.mean());
				json.name("input_scale");
				doubles(json, in.scale());
				json.name("log_variance_shift").value(m.logVarShift());
				VaeTrainer.Settings s = result.settings();
				json.name("training").beginObject();
				if (data != null) json.name("data").value(data);
				json.name("trajectories").value(result.trainCount());
				json.name("validation_trajectories").value(result.validationCount());
				json.name("epochs").value(s.epochs());
				json.name("batch").value(s.batch());
				json.name("learning_rate").value(s.learningRate());
				json.name("beta").value(s.beta().toString());
				json.name("seed").value(s.seed());
				json.name("validation").value(s.validationFraction());
				json.name("history").beginArray();
				json.setIndent("");
				for (TrainingHistory.Epoch e : result.history().epochs()) {
					json.beginObject();
					json.name("epoch").value(e.epoch());
					json.name("beta").value(e.beta());
					json.name("train_loss").value(e.trainLoss());
					json.name("train_nll").value(e.trainNll());
					json.name("train_kl").value(e.trainKl());
					if (result.history().hasValidation()) {
						json.name("valid_loss").value(e.validLoss());
						json.name("valid_nll").value(e.validNll());
						json.name("valid_kl").value(e.validKl());
					}
					json.endObject();
				}
				json.endArray();
				json.endObject();
				json.setIndent(" ");
				json.name("parameters").beginArray();
				json.setIndent("");
				for (double v : m.flatParameters()) json.value(v);
				json.endArray();
				json.setIndent(" ");
				json.endObject();
			}
		});
	}

	private static void doubles(JsonWriter json, double[] values) throws IOException {
		json.beginArray();
		for (double v : values) json.value(v);
		json.endArray();
	}

	private static void ints(JsonWriter json, int[] values) throws IOException {
		json.beginArray();
		for (int v : values) json.value(v);
		json.endArray();
	}

	/** Reads a model file; every problem is reported naming the file and the field. */
	public static Loaded read(Path path) {
		String source = path.toString();
		org.latentj.io.Inputs.requireRegularFile(path, "model file");
		JsonObject root;
		try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			JsonElement e = JsonParser.parseReader(r);
			if (!e.isJsonObject()) throw new BadInputException("The model file " + source + " is not a LatentJ model (not a JSON object).");
			root = e.getAsJsonObject();
		} catch (NoSuchFileException e) {
			throw new BadInputException("The model file " + source + " does not exist.", e);
		} catch (IOException e) {
			throw new BadInputException("Cannot read the model file " + source + " (" + e.getMessage() + ").", e);
		} catch (JsonParseException e) {
			throw new BadInputException("The model file " + source + " is not valid JSON (" + e.getMessage() + ").", e);
		}
		Fields f = new Fields(source, root);
		String format = f.string("format");
		if (!FORMAT.equals(format))
			throw new BadInputException("The model file " + source + " has format '" + format + "', expected '" + FORMAT + "'.");
		int version = f.integer("version");
		if (version != VERSION)
			throw new BadInputException("The model file " + source + " has version " + version + "; this LatentJ reads version " + VERSION + ".");
		int length = f.integer("length"), latents = f.integer("latents"), basis = f.integer("basis");
		if (length < 2) throw new BadInputException("The model file " + source + ": 'length' is " + length + "; it must be >= 2.");
		if (latents < 1) throw new BadInputException("The model file " + source + ": 'latents' is " + latents + "; it must be >= 1.");
		if (basis < 1) throw new BadInputException("The model file " + source + ": 'basis' is " + basis + "; it must be >= 1.");
		f.requireInts("encoder_hidden", LatentVae.ENCODER_HIDDEN);
		f.requireInts("decoder_hidden", LatentVae.DECODER_HIDDEN);
		double[] windows = f.numbers("input_windows"), mean = f.numbers("input_mean"), scale = f.numbers("input_scale");
		int[] edges = new int[windows.length];
		for (int k = 0; k < edges.length; k++) edges[k] = (int) windows[k];
		boolean edgesOk = edges.length >= 2 && edges[0] == 0 && edges[edges.length - 1] == length;
		for (int k = 1; edgesOk && k < edges.length; k++) edgesOk = edges[k] > edges[k - 1] && windows[k] == edges[k];
		if (!edgesOk)
			throw new BadInputException("The model file " + source + ": 'input_windows' must increase from 0 to the length " + length + ".");
		if (mean.length != edges.length || scale.length != edges.length)
			throw new BadInputException("The model file " + source + ": 'input_mean' and 'input_scale' need " + edges.length + " values each.");
		for (int k = 0; k < scale.length; k++)
			if (!(scale[k] > 0)) throw new BadInputException("The model file " + source + ": 'input_scale' entry " + (k + 1) + " must be > 0.");
		double logVarShift = f.number("log_variance_shift");
		double[] params = f.numbers("parameters");
		int expected = LatentVae.parameterCount(edges.length, latents, basis);
		if (params.length != expected)
			throw new BadInputException("The model file " + source + ": 'parameters' has " + params.length + " values, but a model of length "
					+ length + " with " + latents + " latents needs " + expected + ".");
		LatentVae model = new LatentVae(new InputTransform(edges, mean, scale), latents, basis, logVarShift, params);

		VaeTrainer.Settings settings = null;
		TrainingHistory history = null;
		String data = null;
		if (root.has("training") && root.get("training").isJsonObject()) {
			Fields t = new Fields(source + " (training)", root.getAsJsonObject("training"));
			try {
				settings = new VaeTrainer.Settings(latents, t.integer("epochs"), t.integer("batch"), t.number("learning_rate"),
						BetaSchedule.parse(t.string("beta")), t.longInteger("seed"), t.number("validation"));
			} catch (IllegalArgumentException e) {
				throw new BadInputException("The model file " + source + " has invalid training settings (" + e.getMessage() + ").", e);
			}
			if (t.has("data")) data = t.string("data");
			int validationCount = t.has("validation_trajectories") ? t.integer("validation_trajectories") : 0;
			if (validationCount < 0)
				throw new BadInputException("The model file " + source + ": 'validation_trajectories' is " + validationCount + "; it must be >= 0.");
			history = new TrainingHistory(validationCount);
			if (t.has("history")) for (JsonElement e : t.array("history")) {
				Fields h = new Fields(source + " (history)", e.getAsJsonObject());
				boolean v = history.hasValidation();
				history.add(new TrainingHistory.Epoch(h.integer("epoch"), h.number("beta"), h.number("train_loss"), h.number("train_nll"),
						h.number("train_kl"), v ? h.number("valid_loss") : Double.NaN, v ? h.number("valid_nll") : Double.NaN,
						v ? h.number("valid_kl") : Double.NaN));
			}
		}
		return new Loaded(model, settings, history, data);
	}

	/** Typed access to a JSON object's fields with messages naming the file and field. */
	private static final class Fields {
		final String source;
		final JsonObject o;

		Fields(String source, JsonObject o) {
			this.source = source;
			this.o = o;
		}

		boolean has(String name) {
			return o.has(name) && !o.get(name).isJsonNull();
		}

		JsonElement get(String name) {
			if (!has(name)) throw new BadInputException("The model file " + source + " has no '" + name + "'.");
			return o.get(name);
		}

		String string(String name) {
			JsonElement e = get(name);
			if (!e.isJsonPrimitive()) throw new BadInputException("The model file " + source + ": '" + name + "' is not text.");
			return e.getAsString();
		}

		double number(String name) {
			JsonElement e = get(name);
			try {
				double v = e.getAsDouble();
				if (!Double.isFinite(v)) throw new NumberFormatException();
				return v;
			} catch (RuntimeException ex) {
				throw new BadInputException("The model file " + source + ": '" + name + "' is " + e + ", not a finite number.");
			}
		}

		int integer(String name) {
			double v = number(name);
			if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)
				throw new BadInputException("The model file " + source + ": '" + name + "' is " + v + ", not a whole number.");
			return (int) v;
		}

		long longInteger(String name) {
			JsonElement e = get(name);
			try {
				return e.getAsBigDecimal().longValueExact();
			} catch (RuntimeException ex) {
				throw new BadInputException("The model file " + source + ": '" + name + "' is " + e + ", not a whole number.");
			}
		}

		JsonArray array(String name) {
			JsonElement e = get(name);
			if (!e.isJsonArray()) throw new BadInputException("The model file " + source + ": '" + name + "' is not a list.");
			return e.getAsJsonArray();
		}

		double[] numbers(String name) {
			JsonArray a = array(name);
			double[] v = new double[a.size()];
			for (int i = 0; i < v.length; i++) {
				try {
					v[i] = a.get(i).getAsDouble();
					if (!Double.isFinite(v[i])) throw new NumberFormatException();
				} catch (RuntimeException ex) {
					throw new BadInputException("The model file " + source + ": '" + name + "' entry " + (i + 1) + " is " + a.get(i)
							+ ", not a finite number.");
				}
			}
			return v;
		}

		void requireInts(String name, int[] expected) {
			double[] v = numbers(name);
			boolean same = v.length == expected.length;
			for (int i = 0; same && i < v.length; i++) same = v[i] == expected[i];
			if (!same)
				throw new BadInputException("The model file " + source + ": '" + name + "' is " + array(name) + "; this LatentJ builds "
						+ java.util.Arrays.toString(expected) + ".");
		}
	}
}
