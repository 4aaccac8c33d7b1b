package org.latentj.symbolic;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.latentj.diffusion.CurveCritic;
import org.latentj.io.AtomicOutput;
import org.latentj.nn.Mlp;
import org.latentj.util.BadInputException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;

/**
 * critic.json: {@code format: "latentj-symbolic-critic"}, version 1, the grid (x_min, x_max, points; for several inputs
 * also inputs and points_per_input, points being the tensor grid's total; files without inputs read one), the
 * channels (extensions, ext_type, channel_scales: what each channel is divided by), the networks (layer sizes, input-major weights and biases at full double
 * precision), the calibrated threshold, the held-out accuracies and the training settings, library text included.
 */
public final class CriticFile {

	public static final String FORMAT = "latentj-symbolic-critic";
	public static final int VERSION = 1;

	/**
	 * A critic read back with what scoring needs: its grid, channels and threshold; {@code source} is the file it was
	 * read from. As a {@link CurveCritic} it scores curves on any x covering its range (Latent Analysis, Train Latent
	 * Model).
	 */
	public record Loaded(Critic critic, double xMin, double xMax, CriticTrainer.Extensions extensions, double threshold, String library,
			String source, int inputs) implements CurveCritic {

		/** A critic of one input. */
		public Loaded(Critic critic, double xMin, double xMax, CriticTrainer.Extensions extensions, double threshold, String library, String source) {
			this(critic, xMin, xMax, extensions, threshold, library, source, 1);
		}

		/** The grid of one input (for several, the grid of each input: see {@link #points()}). */
		public double[] grid() {
			return Curves.grid(xMin, xMax, perInput());
		}

		/** Grid points per input. */
		public int perInput() {
			return Curves.perInput(critic.points(), inputs); // the trainer's rule (the reader checked points = perInput^inputs)
		}

		/** The points it reads, points[k][i] = x_k of point i (the tensor grid for several inputs). */
		public double[][] points() {
			return inputs == 1 ? new double[][] { grid() } : Curves.grid(xMin, xMax, perInput(), inputs);
		}

		/**
		 * Scores curves of several inputs given at the critic's points (curves[s][i] at point i of {@link #points()};
		 * partial derivatives by central differences along each input of the grid where the critic reads them).
		 */
		public double[] scoreAtPoints(double[][] curves) {
			if (inputs == 1) return score(curves);
			double[][] p = points();
			int n = critic.points(), c = extensions.channels(inputs);
			double[] axis = grid(), x = new double[curves.length * n * c];
			double[][] dy = new double[inputs][n];
			for (int s = 0; s < curves.length; s++) {
				if (extensions.gradient) Curves.gradient(axis, inputs, curves[s], dy);
				CriticTrainer.layout(extensions, p, curves[s], dy, x, s, critic.scales());
			}
			return critic.scores(x, curves.length);
		}

		/** Scores curves given on the critic's grid (gradient by central differences where the critic reads it). */
		public double[] score(double[][] curves) {
			return scoreOnGrid(curves, null);
		}

		/**
		 * Scores curves on the grid; with {@code gradient} not null, gradient[s][i] receives d score_s / d curves[s][i]
		 * (through the channel scales and the central differences of the gradient channel).
		 */
		double[] scoreOnGrid(double[][] curves, double[][] gradient) {
			if (inputs != 1)
				throw new BadInputException("The critic " + source + " reads curves of " + inputs + " inputs; these curves have one (x).");
			int n = critic.points(), c = extensions.channels();
			double[] grid = grid(), dy = new double[n], x = new double[curves.length * n * c];
			double[] scales = critic.scales();
			for (int s = 0; s < curves.length; s++) {
				if (extensions.gradient) Curves.gradient(grid, curves[s], dy);
				CriticTrainer.layout(extensions, grid, curves[s], dy, x, s, scales);
			}
			if (gradient == null) return critic.scores(x, curves.length);
			double[] dx = new double[x.length];
			double[] scores = critic.scores(x, curves.length, dx);
			double[] gDy = new double[n];
			for (int s = 0; s < curves.length; s++) {
				double[] g = gradient[s];
				java.util.Arrays.fill(g, 0);
				for (int i = 0; i < n; i++) {
					int k = (s * n + i) * c;
					g[i] += dx[k] / scales[0];
					if (extensions.gradient) gDy[i] = dx[k + c - 1] / scales[c - 1];
				}
				if (extensions.gradient) Curves.gradientTranspose(grid, gDy, g);
			}
			return scores;
		}

		/** Curves sampled at xs, resampled onto the grid unless xs is the grid (within 1e-9); see {@link CurveCritic}. */
		@Override
		public double[] scores(double[] xs, double[][] curves, double[][] gradient) {
			double[] grid = grid();
			if (onGrid(xs)) return scoreOnGrid(curves, gradient);
			double[][] resampled = new double[curves.length][];
			for (int s = 0; s < curves.length; s++) resampled[s] = Curves.resample(xs, curves[s], grid);
			double[][] g = gradient == null ? null : new double[curves.length][grid.length];
			double[] scores = scoreOnGrid(resampled, g);
			if (gradient != null)
				for (int s = 0; s < curves.length; s++) {
					java.util.Arrays.fill(gradient[s], 0);
					Curves.resampleTranspose(xs, grid, g[s], gradient[s]);
				}
			return scores;
		}

		/** True when xs is the critic's grid (within 1e-9 relative), so no resampling is needed. */
		public boolean onGrid(double[] xs) {
			double[] grid = grid();
			boolean same = xs.length == grid.length;
			for (int i = 0; same && i < xs.length; i++) same = Math.abs(xs[i] - grid[i]) <= 1e-9 * Math.max(1, Math.abs(grid[i]));
			return same;
		}
	}

	private CriticFile() {
	}

	public static void write(Path path, CriticTrainer.Result r) throws IOException {
		CriticTrainer.Settings s = r.settings();
		AtomicOutput.writeFile(path, tmp -> {
			try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); JsonWriter json = new JsonWriter(w)) {
				json.setIndent(" ");
				json.beginObject();
				json.name("format").value(FORMAT);
				json.name("version").value(VERSION);
				json.name("x_min").value(s.xMin());
				json.name("x_max").value(s.xMax());
				int inputs = s.inputs();
				json.name("points").value(inputs == 1 ? s.points() : r.critic().points());
				if (inputs > 1) {
					json.name("inputs").value(inputs);
					json.name("points_per_input").value(s.perInput());
				}
				json.name("extensions").value(s.extensions().key());
				json.name("ext_type").value(s.embedded() ? "embed" : "stack");
				json.name("loss").value(s.loss().key());
				json.name("channel_scales").beginArray();
				for (double v : r.critic().scales()) json.value(v);
				json.endArray();
				json.name("threshold").value(r.threshold());
				json.name("verdict").value("score > threshold: symbolic (explained by the library); otherwise non-symbolic");
				json.name("held_out_accuracy_sign").value(r.signAccuracy());
				json.name("held_out_accuracy_calibrated").value(r.calibratedAccuracy());
				json.name("held_out_curves_per_kind").value(s.heldOut());
				json.name("training").beginObject();
				json.name("library").value(s.library().name());
				json.name("functions").beginArray();
				for (FunctionLibrary.Entry e : s.library().entries())
					json.value(e.function().text() + (e.derivative() == null ? "" : " ; " + e.derivative().text()));
				json.endArray();
				json.name("generator").value(s.generator().describe());
				json.name("epochs").value(s.epochs());
				json.name("iters").value(s.iters());
				json.name("batch").value(s.batch());
				json.name("lr").value(s.lr());
				json.name("weight_decay").value(s.weightDecay());
				json.name("gp").value(s.gp());
				json.name("seed").value(s.seed());
				json.name("seconds").value(r.seconds());
				json.endObject();
				json.name("embedding");
				if (r.critic().embedding() == null) json.nullValue();
				else network(json, r.critic().embedding());
				json.name("head");
				network(json, r.critic().head());
				json.endObject();
			}
		});
	}

	private static void network(JsonWriter json, Mlp net) throws IOException {
		json.beginObject();
		json.name("sizes").beginArray();
		for (int v : net.sizes()) json.value(v);
		json.endArray();
		json.name("layers").beginArray();
		for (int l = 0; l < net.layers(); l++) {
			json.beginObject();
			json.name("weights").beginArray();
			for (double[] row : net.weights(l))
				for (double v : row) json.value(v); // row-major: input j's weights to every output
			json.endArray();
			json.name("biases").beginArray();
			for (double v : net.biases(l)) json.value(v);
			json.endArray();
			json.endObject();
		}
		json.endArray();
		json.endObject();
	}

	public static Loaded read(Path path) {
		JsonObject o;
		try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			JsonElement e = JsonParser.parseReader(r);
			if (!e.isJsonObject()) throw new BadInputException("The critic file " + path + " is not a JSON object.");
			o = e.getAsJsonObject();
		} catch (NoSuchFileException e) {
			throw new BadInputException("The critic file " + path + " does not exist.");
		} catch (IOException | JsonParseException e) {
			throw new BadInputException("Cannot read the critic file " + path + " (" + e.getMessage() + ").", e);
		}
		try {
			if (!o.has("format") || !FORMAT.equals(o.get("format").getAsString()))
				throw new BadInputException("The file " + path + " is not a LatentJ critic (format is not '" + FORMAT + "').");
			if (o.get("version").getAsInt() != VERSION)
				throw new BadInputException("The critic file " + path + " has version " + o.get("version") + "; this LatentJ reads version " + VERSION + ".");
			int points = o.get("points").getAsInt();
			int inputs = o.has("inputs") ? o.get("inputs").getAsInt() : 1;
			if (inputs < 1 || (inputs > 1 && (!o.has("points_per_input") || Math.round(Math.pow(o.get("points_per_input").getAsInt(), inputs)) != points)))
				throw new BadInputException("The critic file " + path + " has inputs " + inputs + " and points " + points + " that do not form a grid (points_per_input^inputs).");
			CriticTrainer.Extensions ext = CriticTrainer.Extensions.parse(o.get("extensions").getAsString());
			boolean embedded = "embed".equals(o.get("ext_type").getAsString());
			Mlp embed = o.get("embedding").isJsonNull() ? null : network(o.getAsJsonObject("embedding"), path);
			Mlp head = network(o.getAsJsonObject("head"), path);
			int channels = ext.channels(inputs);
			int width = embed == null ? (channels == 1 || embedded ? points : points * channels) : points;
			if (head.inputs() != width || head.outputs() != 1 || (embed != null && (embed.inputs() != channels || embed.outputs() != 1)))
				throw new BadInputException("The critic file " + path + " has networks that do not fit its " + points + " points and " + ext.key() + ".");
			Critic critic = new Critic(points, channels, embedded, embed, head);
			JsonArray scales = o.getAsJsonArray("channel_scales");
			double[] sc = new double[channels];
			fill(scales, sc, path);
			critic.setScales(sc);
			return new Loaded(critic, o.get("x_min").getAsDouble(), o.get("x_max").getAsDouble(), ext,
					o.get("threshold").getAsDouble(), o.getAsJsonObject("training").get("library").getAsString(), path.toString(), inputs);
		} catch (IllegalStateException | NullPointerException | UnsupportedOperationException | NumberFormatException e) {
			throw new BadInputException("The critic file " + path + " is incomplete or malformed (" + e + ").", e);
		}
	}

	private static Mlp network(JsonObject o, Path path) {
		JsonArray sizes = o.getAsJsonArray("sizes");
		int[] s = new int[sizes.size()];
		for (int i = 0; i < s.length; i++) s[i] = sizes.get(i).getAsInt();
		Mlp net = new Mlp(s);
		JsonArray layers = o.getAsJsonArray("layers");
		if (layers.size() != net.layers()) throw new BadInputException("The critic file " + path + " has " + layers.size() + " layers for sizes " + sizes + ".");
		for (int l = 0; l < net.layers(); l++) {
			double[][] w = net.weights(l);
			double[] flat = new double[w.length * w[0].length];
			fill(layers.get(l).getAsJsonObject().getAsJsonArray("weights"), flat, path);
			for (int j = 0; j < w.length; j++) System.arraycopy(flat, j * w[j].length, w[j], 0, w[j].length);
			fill(layers.get(l).getAsJsonObject().getAsJsonArray("biases"), net.biases(l), path);
		}
		return net;
	}

	private static void fill(JsonArray a, double[] into, Path path) {
		if (a.size() != into.length) throw new BadInputException("The critic file " + path + " has " + a.size() + " values where " + into.length + " are needed.");
		for (int i = 0; i < into.length; i++) {
			into[i] = a.get(i).getAsDouble();
			if (!Double.isFinite(into[i])) throw new BadInputException("The critic file " + path + " has a non-finite weight.");
		}
	}
}
