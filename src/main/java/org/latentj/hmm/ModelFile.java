package org.latentj.hmm;

import org.latentj.io.AtomicOutput;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.latentj.util.BadInputException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The HMM model file, {@code model.json}: everything needed to apply a fitted model to new
 * sessions, plus how it was trained. Numbers are written as the shortest decimal that reads back to
 * the same double, so a model saves and loads exactly. Schema (version 1):
 *
 * <pre>
 * {
 *   "format": "latentj-hmm", "version": 1,
 *   "observations": "ar" | "gaussian", "states": K, "dim": D, "lags": G,
 *   "standardization": { "type": "zscore" | "whiten" | "none",
 *                        "mean": [D], "matrix": [[D] x D] },          z = matrix (x - mean)
 *   "initial": { "learned": bool, "probabilities": [K] },
 *   "transitions": { "mode": "fixed" | "learned", "stickiness": s, "kappa": k, "alpha": a,
 *                    "matrix": [[K] x K] },                            P[i][j] = p(z_t+1 = j | z_t = i)
 *   "parameters": [ { "usage": expected training frames,
 *                     "weights": [[G D + 1] x D],                      columns x_t-1 .. x_t-G, 1
 *                     "covariance": [[D] x D] } x K ],                 gaussian: weights is the mean column
 *   "training": { "settings": {...}, "sessions": [names], "train_frames": n, "test_frames": n,
 *                 "converged": bool, "split_merge_moves": n, "restart_scores": [...],
 *                 "empty_states": [...] },                             settings: those the body above does not state
 *   "loglik": { "train": [per iteration], "test": [per iteration, null when there is no test data] }
 * }
 * </pre>
 *
 * This class only moves numbers between the file and {@link Data}; org.latentj.hmm.HmmModel builds the
 * model from them.
 */
public final class ModelFile {

	public static final String FORMAT = "latentj-hmm";
	public static final int VERSION = 1;
	/** The top-level keys of the schema above; any other goes to {@link Data#extra}. */
	private static final java.util.Set<String> KNOWN = java.util.Set.of("format", "version", "observations", "states",
			"dim", "lags", "standardization", "initial", "transitions", "parameters", "training", "loglik", "fit_id");

	private ModelFile() {
	}

	/** The contents of a model file, as plain arrays (row-major matrices). */
	public static final class Data {
		public String observations;
		public int states, dim, lags;
		public String standardization;
		public double[] mean;
		/** D x D. */
		public double[] standardizationMatrix;
		public boolean initialLearned;
		public double[] initial;
		public String transitions;
		public double stickiness, kappa, alpha;
		/** K x K. */
		public double[] transitionMatrix;
		/** Per state: D x (G D + 1). */
		public double[][] weights;
		/** Per state: D x D. */
		public double[][] covariances;
		public double[] usage;
		/** Settings the model was trained with, by macro key (strings, numbers, booleans). */
		public Map<String, Object> settings = new LinkedHashMap<>();
		public List<String> sessions = new ArrayList<>();
		public long trainFrames, testFrames;
		public boolean converged;
		/** Split/merge moves kept; -1 where the file does not say (files written before it was recorded). */
		public int splitMergeMoves = -1;
		/** A digest of the model, also written in its labels files; null in older files. */
		public String fitId;
		public double[] restartScores = new double[0];
		public int[] emptyStates = new int[0];
		public double[] trainLoglik = new double[0], testLoglik = new double[0];
		/**
		 * Further top-level sections, kept as JSON and written after the rest (e.g. "dynamics": the
		 * metric names and per-run z-scoring of a training-phases model); read back unchanged.
		 */
		public final Map<String, JsonElement> extra = new LinkedHashMap<>();

		public int covariates() {
			return lags * dim + 1;
		}
	}

	// ------------------------------------------------------------------ writing

	public static void write(Path path, Data m) throws IOException {
		JsonObject root = toJson(m);
		root.addProperty("fit_id", fitId(m));
		AtomicOutput.writeFile(path, tmp -> Files.writeString(tmp, format(root, "") + "\n", StandardCharsets.UTF_8));
	}

	static JsonObject toJson(Data m) {
		JsonObject root = new JsonObject();
		root.addProperty("format", FORMAT);
		root.addProperty("version", VERSION);
		root.addProperty("observations", m.observations);
		root.addProperty("states", m.states);
		root.addProperty("dim", m.dim);
		root.addProperty("lags", m.lags);
		JsonObject st = new JsonObject();
		st.addProperty("type", m.standardization);
		st.add("mean", array(m.mean));
		st.add("matrix", matrix(m.standardizationMatrix, m.dim, m.dim));
		root.add("standardization", st);
		JsonObject in = new JsonObject();
		in.addProperty("learned", m.initialLearned);
		in.add("probabilities", array(m.initial));
		root.add("initial", in);
		JsonObject tr = new JsonObject();
		tr.addProperty("mode", m.transitions);
		tr.add("stickiness", number(m.stickiness));
		tr.add("kappa", number(m.kappa));
		tr.add("alpha", number(m.alpha));
		tr.add("matrix", matrix(m.transitionMatrix, m.states, m.states));
		root.add("transitions", tr);
		JsonArray params = new JsonArray();
		for (int k = 0; k < m.states; k++) {
			JsonObject p = new JsonObject();
			p.add("usage", number(m.usage == null ? Double.NaN : m.usage[k]));
			p.add("weights", matrix(m.weights[k], m.dim, m.covariates()));
			p.add("covariance", matrix(m.covariances[k], m.dim, m.dim));
			params.add(p);
		}
		root.add("parameters", params);
		JsonObject training = new JsonObject();
		JsonObject settings = new JsonObject();
		for (Map.Entry<String, Object> e : m.settings.entrySet()) {
			Object v = e.getValue();
			if (v instanceof Boolean) settings.addProperty(e.getKey(), (Boolean) v);
			else if (v instanceof Number) settings.add(e.getKey(), number(((Number) v).doubleValue(), v));
			else settings.addProperty(e.getKey(), String.valueOf(v));
		}
		training.add("settings", settings);
		JsonArray sessions = new JsonArray();
		for (String s : m.sessions) sessions.add(s);
		training.add("sessions", sessions);
		training.addProperty("train_frames", m.trainFrames);
		training.addProperty("test_frames", m.testFrames);
		training.addProperty("converged", m.converged);
		if (m.splitMergeMoves >= 0) training.addProperty("split_merge_moves", m.splitMergeMoves);
		training.add("restart_scores", array(m.restartScores));
		JsonArray empty = new JsonArray();
		for (int e : m.emptyStates) empty.add(e);
		training.add("empty_states", empty);
		root.add("training", training);
		JsonObject ll = new JsonObject();
		ll.add("train", array(m.trainLoglik));
		ll.add("test", array(m.testLoglik));
		root.add("loglik", ll);
		for (Map.Entry<String, JsonElement> e : m.extra.entrySet()) root.add(e.getKey(), e.getValue());
		return root;
	}

	private static JsonElement number(double v) {
		return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
	}

	private static JsonElement number(double v, Object original) {
		if (original instanceof Integer || original instanceof Long) return new JsonPrimitive((Number) original);
		return number(v);
	}

	private static JsonArray array(double[] a) {
		JsonArray out = new JsonArray();
		for (double v : a) out.add(number(v));
		return out;
	}

	private static JsonArray matrix(double[] a, int rows, int cols) {
		JsonArray out = new JsonArray();
		for (int r = 0; r < rows; r++) {
			JsonArray row = new JsonArray();
			for (int c = 0; c < cols; c++) row.add(number(a[r * cols + c]));
			out.add(row);
		}
		return out;
	}

	/** Pretty JSON with each array of numbers on one line (matrices one row per line). */
	static String format(JsonElement e, String indent) {
		if (e.isJsonObject()) {
			StringBuilder sb = new StringBuilder("{\n");
			String inner = indent + "  ";
			boolean first = true;
			for (Map.Entry<String, JsonElement> en : e.getAsJsonObject().entrySet()) {
				if (!first) sb.append(",\n");
				first = false;
				sb.append(inner).append(new JsonPrimitive(en.getKey())).append(": ").append(format(en.getValue(), inner));
			}
			return sb.append('\n').append(indent).append('}').toString();
		}
		if (e.isJsonArray()) {
			JsonArray a = e.getAsJsonArray();
			boolean flat = true;
			for (JsonElement x : a) flat &= !x.isJsonArray() && !x.isJsonObject();
			if (flat) {
				StringBuilder sb = new StringBuilder("[");
				for (int i = 0; i < a.size(); i++) sb.append(i > 0 ? ", " : "").append(a.get(i));
				return sb.append(']').toString();
			}
			StringBuilder sb = new StringBuilder("[\n");
			String inner = indent + "  ";
			for (int i = 0; i < a.size(); i++)
				sb.append(inner).append(format(a.get(i), inner)).append(i + 1 < a.size() ? ",\n" : "\n");
			return sb.append(indent).append(']').toString();
		}
		return e.toString();
	}

	// ------------------------------------------------------------------ reading

	/** Reads and checks a model file; every problem is a message naming the file and the field. */
	public static Data read(Path path) {
		JsonObject root;
		org.latentj.io.Inputs.requireRegularFile(path, "model file");
		try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			JsonElement e = JsonParser.parseReader(in);
			if (!e.isJsonObject()) throw new BadInputException("The model file " + path + " is not a JSON object.");
			root = e.getAsJsonObject();
		} catch (NoSuchFileException e) {
			throw new BadInputException("The model file " + path + " does not exist.", e);
		} catch (IOException e) {
			throw new BadInputException("Cannot read the model file " + path + " (" + e.getMessage() + ").", e);
		} catch (JsonParseException e) {
			throw new BadInputException("The model file " + path + " is not valid JSON (" + e.getMessage() + ").", e);
		}
		return new Parser(path, root).parse();
	}

	private static final class Parser {
		private final Path path;
		private final JsonObject root;

		Parser(Path path, JsonObject root) {
			this.path = path;
			this.root = root;
		}

		Data parse() {
			String format = string(root, "format");
			if (!FORMAT.equals(format))
				throw bad("is not a LatentJ HMM model (format '" + format + "', expected '" + FORMAT + "')");
			int version = integer(root, "version");
			if (version != VERSION)
				throw bad("has version " + version + "; this LatentJ reads version " + VERSION + " model files");
			Data m = new Data();
			m.observations = string(root, "observations");
			if (!m.observations.equals("ar") && !m.observations.equals("gaussian"))
				throw bad("field 'observations' is '" + m.observations + "', not 'ar' or 'gaussian'");
			m.states = integer(root, "states");
			m.dim = integer(root, "dim");
			m.lags = integer(root, "lags");
			if (m.states < 1 || m.dim < 1 || m.lags < 0) throw bad("has states, dim or lags out of range");
			if (m.observations.equals("gaussian") != (m.lags == 0))
				throw bad("has " + m.lags + " lags for '" + m.observations + "' observations");
			// a crafted "lags": 2000000000 must not size arrays: every number takes at least 2 bytes of the file
			long numbers = org.latentj.util.Memory.product(m.states, m.dim, (long) m.lags * m.dim + 1);
			long bytes = fileSize(path);
			if (numbers < 0 || numbers > bytes / 2 || (long) m.lags * m.dim + 1 > Integer.MAX_VALUE)
				throw bad("declares " + m.states + " states, " + m.dim + " PCs and " + m.lags + " lags, which need "
						+ (numbers < 0 ? "more than " + Long.MAX_VALUE : numbers) + " weights, but the file has only " + bytes + " bytes");
			JsonObject st = object(root, "standardization");
			m.standardization = string(st, "type");
			m.mean = vector(st, "mean", m.dim, "standardization.mean");
			m.standardizationMatrix = matrix(st, "matrix", m.dim, m.dim, "standardization.matrix");
			JsonObject in = object(root, "initial");
			m.initialLearned = bool(in, "learned");
			m.initial = vector(in, "probabilities", m.states, "initial.probabilities");
			JsonObject tr = object(root, "transitions");
			m.transitions = string(tr, "mode");
			if (!m.transitions.equals("fixed") && !m.transitions.equals("learned"))
				throw bad("field 'transitions.mode' is '" + m.transitions + "', not 'fixed' or 'learned'");
			m.stickiness = optionalNumber(tr, "stickiness", "transitions.stickiness");
			m.kappa = optionalNumber(tr, "kappa", "transitions.kappa");
			m.alpha = optionalNumber(tr, "alpha", "transitions.alpha");
			m.transitionMatrix = matrix(tr, "matrix", m.states, m.states, "transitions.matrix");
			JsonArray params = array(root, "parameters");
			if (params.size() != m.states)
				throw bad("has " + params.size() + " entries in 'parameters' for " + m.states + " states");
			m.weights = new double[m.states][];
			m.covariances = new double[m.states][];
			m.usage = new double[m.states];
			for (int k = 0; k < m.states; k++) {
				if (!params.get(k).isJsonObject()) throw bad("parameters[" + k + "] is not an object");
				JsonObject p = params.get(k).getAsJsonObject();
				m.weights[k] = matrix(p, "weights", m.dim, m.covariates(), "parameters[" + k + "].weights");
				m.covariances[k] = matrix(p, "covariance", m.dim, m.dim, "parameters[" + k + "].covariance");
				requireSymmetric(m.covariances[k], m.dim, "parameters[" + k + "].covariance");
				m.usage[k] = optionalNumber(p, "usage", "parameters[" + k + "].usage");
			}
			// how the model was trained: optional, but checked like the rest when present
			JsonObject t = optionalObject(root, "training", "training");
			if (t != null) {
				JsonObject settings = optionalObject(t, "settings", "training.settings");
				if (settings != null)
					for (Map.Entry<String, JsonElement> e : settings.entrySet()) {
						JsonElement v = e.getValue();
						if (!v.isJsonPrimitive()) continue;
						JsonPrimitive p = v.getAsJsonPrimitive();
						m.settings.put(e.getKey(), p.isBoolean() ? (Object) p.getAsBoolean()
								: p.isNumber() ? (Object) numberValue(p) : p.getAsString());
					}
				JsonArray sessions = optionalArray(t, "sessions", "training.sessions");
				if (sessions != null)
					for (int i = 0; i < sessions.size(); i++) {
						JsonElement s = sessions.get(i);
						if (!s.isJsonPrimitive() || !s.getAsJsonPrimitive().isString())
							throw bad("field 'training.sessions[" + i + "]' holds '" + s + "', not a session name");
						m.sessions.add(s.getAsString());
					}
				m.trainFrames = optionalWhole(t, "train_frames", "training.train_frames");
				m.testFrames = optionalWhole(t, "test_frames", "training.test_frames");
				m.converged = optionalBool(t, "converged", "training.converged");
				// "seconds" (files before timing left model.json) is not read: a fit's model is the same whatever it took
				if (t.has("split_merge_moves")) m.splitMergeMoves = (int) optionalWhole(t, "split_merge_moves", "training.split_merge_moves");
				JsonArray scores = optionalArray(t, "restart_scores", "training.restart_scores");
				if (scores != null) m.restartScores = loose(scores, "training.restart_scores");
				JsonArray empty = optionalArray(t, "empty_states", "training.empty_states");
				if (empty != null) {
					m.emptyStates = new int[empty.size()];
					for (int i = 0; i < empty.size(); i++) {
						String where = "training.empty_states[" + i + "]";
						long v = whole(empty.get(i), where);
						if (v < 0 || v >= m.states) throw bad("field '" + where + "' is " + v + ", not a state (0 to " + (m.states - 1) + ")");
						m.emptyStates[i] = (int) v;
					}
				}
			}
			if (root.has("fit_id") && root.get("fit_id").isJsonPrimitive()) m.fitId = root.get("fit_id").getAsString();
			JsonObject ll = optionalObject(root, "loglik", "loglik");
			if (ll != null) {
				JsonArray train = optionalArray(ll, "train", "loglik.train"), test = optionalArray(ll, "test", "loglik.test");
				if (train != null) m.trainLoglik = loose(train, "loglik.train");
				if (test != null) m.testLoglik = loose(test, "loglik.test");
			}
			for (Map.Entry<String, JsonElement> e : root.entrySet())
				if (!KNOWN.contains(e.getKey())) m.extra.put(e.getKey(), e.getValue());
			return m;
		}

		private Object numberValue(JsonPrimitive p) {
			String s = p.getAsString();
			if (s.matches("-?\\d+")) {
				long v = Long.parseLong(s);
				return v == (int) v ? (Object) (int) v : (Object) v;
			}
			return p.getAsDouble();
		}

		private BadInputException bad(String what) {
			return new BadInputException("The model file " + path + " " + what + ".");
		}

		private JsonElement field(JsonObject o, String name) {
			if (!o.has(name) || o.get(name).isJsonNull()) throw bad("has no field '" + name + "'");
			return o.get(name);
		}

		private String string(JsonObject o, String name) {
			JsonElement e = field(o, name);
			if (!e.isJsonPrimitive()) throw bad("field '" + name + "' is not text");
			return e.getAsString();
		}

		private int integer(JsonObject o, String name) {
			long v = whole(field(o, name), name);
			if (v != (int) v) throw bad("field '" + name + "' is " + v + ", out of range");
			return (int) v;
		}

		/** A whole number (no fraction, no exponent), as written for counts. */
		private long whole(JsonElement e, String where) {
			if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
				String s = e.getAsString();
				if (s.matches("-?\\d{1,18}")) return Long.parseLong(s);
			}
			throw bad("field '" + where + "' holds '" + shown(e) + "', not a whole number");
		}

		private boolean bool(JsonObject o, String name) {
			JsonElement e = field(o, name);
			if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) throw bad("field '" + name + "' is not true/false");
			return e.getAsBoolean();
		}

		private static boolean absent(JsonObject o, String name) {
			return !o.has(name) || o.get(name).isJsonNull();
		}

		/** A number, or NaN when absent or null (how non-finite numbers are written). */
		private double optionalNumber(JsonObject o, String name, String where) {
			if (absent(o, name)) return Double.NaN;
			JsonElement e = o.get(name);
			if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber())
				throw bad("field '" + where + "' holds '" + shown(e) + "', not a number");
			return e.getAsDouble();
		}

		/** 0 when absent. */
		private long optionalWhole(JsonObject o, String name, String where) {
			return absent(o, name) ? 0 : whole(o.get(name), where);
		}

		/** false when absent. */
		private boolean optionalBool(JsonObject o, String name, String where) {
			if (absent(o, name)) return false;
			JsonElement e = o.get(name);
			if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) throw bad("field '" + where + "' is not true/false");
			return e.getAsBoolean();
		}

		/** null when absent. */
		private JsonObject optionalObject(JsonObject o, String name, String where) {
			if (absent(o, name)) return null;
			if (!o.get(name).isJsonObject()) throw bad("field '" + where + "' is not an object");
			return o.getAsJsonObject(name);
		}

		/** null when absent. */
		private JsonArray optionalArray(JsonObject o, String name, String where) {
			if (absent(o, name)) return null;
			if (!o.get(name).isJsonArray()) throw bad("field '" + where + "' is not an array");
			return o.getAsJsonArray(name);
		}

		private JsonObject object(JsonObject o, String name) {
			JsonElement e = field(o, name);
			if (!e.isJsonObject()) throw bad("field '" + name + "' is not an object");
			return e.getAsJsonObject();
		}

		private JsonArray array(JsonObject o, String name) {
			JsonElement e = field(o, name);
			if (!e.isJsonArray()) throw bad("field '" + name + "' is not an array");
			return e.getAsJsonArray();
		}

		/**
		 * A covariance must be symmetric to rounding: the Cholesky factor reads one triangle, so an edited entry on the
		 * other side would be used silently (or reported as "not positive definite", which is not what is wrong).
		 */
		private void requireSymmetric(double[] c, int n, String where) {
			for (int i = 0; i < n; i++)
				for (int j = 0; j < i; j++) {
					double a = c[i * n + j], b = c[j * n + i], scale = Math.max(Math.abs(c[i * n + i]), Math.abs(c[j * n + j]));
					if (Math.abs(a - b) > 1e-9 * Math.max(scale, Math.max(Math.abs(a), Math.abs(b))))
						throw bad("field '" + where + "' is not symmetric: [" + i + "][" + j + "] = " + a + " but [" + j + "][" + i + "] = " + b);
				}
		}

		/** A value as the user wrote it: NaN, not '"NaN"' (a string's JSON form carries its quotes). */
		private static String shown(JsonElement e) {
			return e.isJsonPrimitive() ? e.getAsString() : e.toString();
		}

		private double finite(JsonElement e, String where) {
			try {
				double v = e.getAsDouble();
				if (Double.isFinite(v)) return v;
			} catch (RuntimeException x) {
				// reported below
			}
			throw bad("field '" + where + "' holds '" + shown(e) + "', not a finite number");
		}

		private double[] vector(JsonObject o, String name, int n, String where) {
			JsonArray a = array(o, name);
			if (a.size() != n) throw bad("field '" + where + "' has " + a.size() + " numbers, expected " + n);
			double[] v = new double[n];
			for (int i = 0; i < n; i++) v[i] = finite(a.get(i), where + "[" + i + "]");
			return v;
		}

		private double[] matrix(JsonObject o, String name, int rows, int cols, String where) {
			JsonArray a = array(o, name);
			if (a.size() != rows) throw bad("field '" + where + "' has " + a.size() + " rows, expected " + rows);
			double[] m = new double[rows * cols];
			for (int r = 0; r < rows; r++) {
				if (!a.get(r).isJsonArray()) throw bad("field '" + where + "[" + r + "]' is not an array");
				JsonArray row = a.get(r).getAsJsonArray();
				if (row.size() != cols)
					throw bad("field '" + where + "[" + r + "]' has " + row.size() + " numbers, expected " + cols);
				for (int c = 0; c < cols; c++) m[r * cols + c] = finite(row.get(c), where + "[" + r + "][" + c + "]");
			}
			return m;
		}

		/** Numbers where null stands for NaN (e.g. the test log-likelihood without test frames). */
		private double[] loose(JsonArray a, String where) {
			double[] v = new double[a.size()];
			for (int i = 0; i < v.length; i++) {
				JsonElement e = a.get(i);
				if (e.isJsonNull()) v[i] = Double.NaN;
				else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) v[i] = e.getAsDouble();
				else throw bad("field '" + where + "[" + i + "]' holds '" + shown(e) + "', not a number");
			}
			return v;
		}
	}

	private static long fileSize(Path path) {
		try {
			return Files.size(path);
		} catch (IOException e) {
			return Long.MAX_VALUE;
		}
	}

	/**
	 * The fit id: the first 16 hex digits of the SHA-256 of the model's JSON (which holds no timing), so the
	 * same fit gives the same id and labels can be matched to their model.
	 */
	public static String fitId(Data m) {
		JsonObject root = toJson(m);
		try {
			byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
			StringBuilder hex = new StringBuilder();
			for (int i = 0; i < 8; i++) hex.append(String.format("%02x", d[i]));
			return hex.toString();
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e); // every Java has SHA-256
		}
	}
}
