package org.latentj.diffusion;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.latentj.io.AtomicOutput;
import org.latentj.util.BadInputException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.SerializedName;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * The latent model file (JSON): {@code format: "latentj-trajectory-vae"}, {@code version: 1}, the
 * architecture (length T, latents Z, basis K, hidden sizes), the input transform constants, all
 * parameters in {@link LatentVae#flatParameters()} order at full double precision, and the training
 * settings with the loss per epoch. Bound by gson to the records below, whose serialized names are
 * the file's keys since version 1 (files written before the binding read the same). Doubles are
 * written with Double.toString and read with Double.parseDouble, so every value round-trips
 * bit for bit. Written under a temporary name, renamed when complete.
 */
public final class LatentModelFile {

	public static final String FORMAT = "latentj-trajectory-vae";
	public static final int VERSION = 1;
	/** How the inputs are computed, written into the file for a reader without LatentJ. */
	static final String INPUT_TRANSFORM = "u_k = (ln(mean dx^2 in window k + 1e-12 m) - ln m - input_mean[k]) / input_scale[k], "
			+ "window k = steps input_windows[k]+1..input_windows[k+1]; last input (ln m - input_mean[K]) / input_scale[K]; "
			+ "m = mean of dx_t^2";

	/** Gson's own double reader lets "abc" escape as a bare NumberFormatException; this one names the path. */
	private static final TypeAdapter<Double> DOUBLES = new TypeAdapter<>() {
		@Override
		public void write(JsonWriter out, Double value) throws IOException {
			if (value == null) out.nullValue();
			else out.value(value.doubleValue()); // Double.toString: reads back bit for bit
		}

		@Override
		public Double read(JsonReader in) throws IOException {
			if (in.peek() == JsonToken.NULL) {
				in.nextNull();
				return null;
			}
			String path = in.getPath();
			try {
				return in.nextDouble();
			} catch (NumberFormatException e) {
				throw new JsonSyntaxException("not a number at path " + path, e);
			}
		}
	};

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().registerTypeAdapter(double.class, DOUBLES)
			.registerTypeAdapter(Double.class, DOUBLES).create();

	/** A model read back, with how it was trained (settings and history are null if the file has none). */
	public record Loaded(LatentVae model, VaeTrainer.Settings settings, TrainingHistory history, String data) {
	}

	/** The file, field by field (null: absent). */
	record FileJson(String format, Integer version, Integer length, Integer latents, Integer basis,
			@SerializedName("encoder_hidden") int[] encoderHidden, @SerializedName("decoder_hidden") int[] decoderHidden,
			@SerializedName("input_transform") String inputTransform, @SerializedName("input_windows") int[] inputWindows,
			@SerializedName("input_mean") double[] inputMean, @SerializedName("input_scale") double[] inputScale,
			@SerializedName("log_variance_shift") Double logVarianceShift, TrainingJson training, double[] parameters, SymbolicJson symbolic) {
	}

	/** The "symbolic" object, only for a model trained with the symbolic penalty: the critic, weight, axis, penalty per epoch. */
	record SymbolicJson(String critic, Double weight, String along, @SerializedName("penalty_per_epoch") double[] penalty) {
	}

	/** The "training" object. */
	record TrainingJson(String data, Integer trajectories, @SerializedName("validation_trajectories") Integer validationTrajectories,
			Integer epochs, Integer batch, @SerializedName("learning_rate") Double learningRate, String beta, Long seed, Double validation,
			List<EpochJson> history) {
	}

	/** One entry of "history"; the valid_* fields only when trajectories were held out. */
	record EpochJson(Integer epoch, Double beta, @SerializedName("train_loss") Double trainLoss, @SerializedName("train_nll") Double trainNll,
			@SerializedName("train_kl") Double trainKl, @SerializedName("valid_loss") Double validLoss,
			@SerializedName("valid_nll") Double validNll, @SerializedName("valid_kl") Double validKl) {
	}

	private LatentModelFile() {
	}

	/** Writes a trained model; {@code data} names the training file (for the record), may be null. */
	public static void write(Path path, VaeTrainer.Result result, String data) throws IOException {
		FileJson json = toJson(result, data);
		AtomicOutput.writeFile(path, tmp -> {
			try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
				GSON.toJson(json, w);
			}
		});
	}

	static FileJson toJson(VaeTrainer.Result result, String data) {
		LatentVae m = result.model();
		VaeTrainer.Settings s = result.settings();
		boolean v = result.history().hasValidation();
		List<EpochJson> history = new ArrayList<>();
		for (TrainingHistory.Epoch e : result.history().epochs())
			history.add(new EpochJson(e.epoch(), e.beta(), e.trainLoss(), e.trainNll(), e.trainKl(), v ? e.validLoss() : null,
					v ? e.validNll() : null, v ? e.validKl() : null));
		TrainingJson training = new TrainingJson(data, result.trainCount(), result.validationCount(), s.epochs(), s.batch(),
				s.learningRate(), s.beta().toString(), s.seed(), s.validationFraction(), history);
		InputTransform in = m.input();
		return new FileJson(FORMAT, VERSION, m.length(), m.latents(), m.basis(), LatentVae.ENCODER_HIDDEN, LatentVae.DECODER_HIDDEN,
				INPUT_TRANSFORM, in.edges(), in.mean(), in.scale(), m.logVarShift(), training, m.flatParameters(), symbolic(result));
	}

	private static SymbolicJson symbolic(VaeTrainer.Result r) {
		SymbolicRegularizer g = r.symbolic();
		return g == null ? null : new SymbolicJson(g.critic().source(), g.weight(), g.along().key(), r.symbolicPenalty());
	}

	/** Reads a model file; every problem is reported naming the file and the field. */
	public static Loaded read(Path path) {
		String source = path.toString();
		org.latentj.io.Inputs.requireRegularFile(path, "model file");
		FileJson f;
		try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			f = GSON.fromJson(r, FileJson.class);
		} catch (NoSuchFileException e) {
			throw new BadInputException("The model file " + source + " does not exist.", e);
		} catch (IOException e) {
			throw new BadInputException("Cannot read the model file " + source + " (" + e.getMessage() + ").", e);
		} catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
			throw new BadInputException(parseProblem(source, e), e);
		}
		if (f == null) throw new BadInputException("The model file " + source + " is empty.");
		return fromJson(source, f);
	}

	private static final Pattern GSON_PATH = Pattern.compile("path \\$\\.([a-z_]+)(?:\\[(\\d+)\\])?(?:\\.([a-z_]+))?");

	/** Gson's "Expected a double but was STRING at line 1 column 9 path $.parameters[3]" as the file's words. */
	static String parseProblem(String source, Exception e) {
		if (e.getMessage() == null) // gson's array adapter, for one: a list where its items cannot be
			return "The model file " + source + " is not a LatentJ model (a field holds a value of the wrong kind).";
		String m = e.getMessage();
		Matcher p = GSON_PATH.matcher(m);
		boolean malformed = e.getCause() instanceof com.google.gson.stream.MalformedJsonException || e.getCause() instanceof java.io.EOFException;
		if (!malformed && p.find()) {
			String field = p.group(3) != null ? p.group(3) : p.group(1);
			String entry = p.group(2) != null && p.group(3) == null ? " entry " + (Integer.parseInt(p.group(2)) + 1) : "";
			return "The model file " + source + ": '" + field + "'" + entry + " has the wrong type (" + firstLine(m) + ").";
		}
		if (m.contains("BEGIN_OBJECT") || m.contains("Not a JSON Object"))
			return "The model file " + source + " is not a LatentJ model (not a JSON object).";
		return "The model file " + source + " is not valid JSON (" + firstLine(m) + ").";
	}

	private static String firstLine(String m) {
		int nl = m.indexOf('\n');
		String s = nl < 0 ? m : m.substring(0, nl);
		int see = s.indexOf("\nSee ");
		return (see < 0 ? s : s.substring(0, see)).replaceAll("^[a-zA-Z.]+Exception: ", "");
	}

	private static Loaded fromJson(String source, FileJson f) {
		Check c = new Check(source);
		String format = c.present("format", f.format());
		if (!FORMAT.equals(format))
			throw new BadInputException("The model file " + source + " has format '" + format + "', expected '" + FORMAT + "'.");
		int version = c.present("version", f.version());
		if (version != VERSION)
			throw new BadInputException("The model file " + source + " has version " + version + "; this LatentJ reads version " + VERSION + ".");
		int length = c.present("length", f.length()), latents = c.present("latents", f.latents()), basis = c.present("basis", f.basis());
		if (length < 2) throw new BadInputException("The model file " + source + ": 'length' is " + length + "; it must be >= 2.");
		if (latents < 1) throw new BadInputException("The model file " + source + ": 'latents' is " + latents + "; it must be >= 1.");
		if (basis < 1) throw new BadInputException("The model file " + source + ": 'basis' is " + basis + "; it must be >= 1.");
		c.sameInts("encoder_hidden", f.encoderHidden(), LatentVae.ENCODER_HIDDEN);
		c.sameInts("decoder_hidden", f.decoderHidden(), LatentVae.DECODER_HIDDEN);
		int[] edges = c.present("input_windows", f.inputWindows());
		double[] mean = c.finite("input_mean", f.inputMean()), scale = c.finite("input_scale", f.inputScale());
		boolean edgesOk = edges.length >= 2 && edges[0] == 0 && edges[edges.length - 1] == length;
		for (int k = 1; edgesOk && k < edges.length; k++) edgesOk = edges[k] > edges[k - 1];
		if (!edgesOk)
			throw new BadInputException("The model file " + source + ": 'input_windows' must increase from 0 to the length " + length + ".");
		if (mean.length != edges.length || scale.length != edges.length)
			throw new BadInputException("The model file " + source + ": 'input_mean' and 'input_scale' need " + edges.length + " values each.");
		for (int k = 0; k < scale.length; k++)
			if (!(scale[k] > 0)) throw new BadInputException("The model file " + source + ": 'input_scale' entry " + (k + 1) + " must be > 0.");
		double logVarShift = c.finite("log_variance_shift", f.logVarianceShift());
		double[] params = c.finite("parameters", f.parameters());
		int expected = LatentVae.parameterCount(edges.length, latents, basis);
		if (params.length != expected)
			throw new BadInputException("The model file " + source + ": 'parameters' has " + params.length + " values, but a model of length "
					+ length + " with " + latents + " latents needs " + expected + ".");
		LatentVae model = new LatentVae(new InputTransform(edges, mean, scale), latents, basis, logVarShift, params);

		TrainingJson t = f.training();
		if (t == null) return new Loaded(model, null, null, null);
		Check ct = new Check(source + " (training)");
		VaeTrainer.Settings settings;
		try {
			settings = new VaeTrainer.Settings(latents, ct.present("epochs", t.epochs()), ct.present("batch", t.batch()),
					ct.finite("learning_rate", t.learningRate()), BetaSchedule.parse(ct.present("beta", t.beta())), ct.present("seed", t.seed()),
					ct.finite("validation", t.validation()));
		} catch (IllegalArgumentException e) {
			throw new BadInputException("The model file " + source + " has invalid training settings (" + e.getMessage() + ").", e);
		}
		int validationCount = t.validationTrajectories() == null ? 0 : t.validationTrajectories();
		if (validationCount < 0)
			throw new BadInputException("The model file " + source + ": 'validation_trajectories' is " + validationCount + "; it must be >= 0.");
		TrainingHistory history = new TrainingHistory(validationCount);
		Check ch = new Check(source + " (history)");
		boolean v = history.hasValidation();
		if (t.history() != null) for (EpochJson e : t.history()) {
			if (e == null) throw new BadInputException("The model file " + source + " (history) has an empty entry.");
			history.add(new TrainingHistory.Epoch(ch.present("epoch", e.epoch()), ch.finite("beta", e.beta()), ch.finite("train_loss", e.trainLoss()),
					ch.finite("train_nll", e.trainNll()), ch.finite("train_kl", e.trainKl()), v ? ch.finite("valid_loss", e.validLoss()) : Double.NaN,
					v ? ch.finite("valid_nll", e.validNll()) : Double.NaN, v ? ch.finite("valid_kl", e.validKl()) : Double.NaN));
		}
		return new Loaded(model, settings, history, t.data());
	}

	/** Presence and finiteness of bound fields, with messages naming the file and the field. */
	private record Check(String source) {
		<T> T present(String name, T value) {
			if (value == null) throw new BadInputException("The model file " + source + " has no '" + name + "'.");
			return value;
		}

		double finite(String name, Double value) {
			double v = present(name, value);
			if (!Double.isFinite(v)) throw new BadInputException("The model file " + source + ": '" + name + "' is " + v + ", not a finite number.");
			return v;
		}

		double[] finite(String name, double[] values) {
			present(name, values);
			for (int i = 0; i < values.length; i++)
				if (!Double.isFinite(values[i]))
					throw new BadInputException("The model file " + source + ": '" + name + "' entry " + (i + 1) + " is " + values[i]
							+ ", not a finite number.");
			return values;
		}

		void sameInts(String name, int[] values, int[] expected) {
			if (!java.util.Arrays.equals(present(name, values), expected))
				throw new BadInputException("The model file " + source + ": '" + name + "' is " + java.util.Arrays.toString(values)
						+ "; this LatentJ builds " + java.util.Arrays.toString(expected) + ".");
		}
	}
}
