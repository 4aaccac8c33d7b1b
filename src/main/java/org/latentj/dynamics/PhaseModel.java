package org.latentj.dynamics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.hmm.GaussianHmm;
import org.latentj.hmm.Hmm;
import org.latentj.hmm.HmmModel;
import org.latentj.hmm.LinearGaussianObservations;
import org.latentj.hmm.LogForwardBackward;
import org.latentj.hmm.ModelFile;
import org.latentj.hmm.Posterior;
import org.latentj.hmm.Viterbi;
import org.latentj.util.BadInputException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A Gaussian HMM of training phases over z-scored metrics: the engine's model plus the metric names
 * and the covariance type. Saved as the engine's model.json (Gaussian observations, standardisation
 * "none" since each run is z-scored on its own) with a "dynamics" section: metrics, covariance, and
 * the per-run means and population SDs of the fit.
 */
public final class PhaseModel {

	public static final String SECTION = "dynamics";

	public final Hmm hmm;
	public final List<String> metrics;
	public final GaussianHmm.Covariance covariance;

	public PhaseModel(Hmm hmm, List<String> metrics, GaussianHmm.Covariance covariance) {
		this.hmm = hmm;
		this.metrics = List.copyOf(metrics);
		this.covariance = covariance;
	}

	public int states() {
		return hmm.states();
	}

	public int dim() {
		return hmm.dim();
	}

	public double[] mean(int s) {
		return ((LinearGaussianObservations) hmm.observations()).mean(s);
	}

	public double[] covariance(int s) {
		return ((LinearGaussianObservations) hmm.observations()).covariance(s);
	}

	/** The transition matrix, row-major. */
	public double[] transitions() {
		return hmm.transitions().matrix().toArray();
	}

	/** Predicted, filtered and smoothed probabilities of one z-scored run. */
	public Posterior posterior(double[] x) {
		int t = x.length / dim();
		// log space, as hmmlearn: the fitted probabilities may hold exact zeros (GaussianHmm), where the scaled recursion
		// can underflow on a run the model was not trained on
		return LogForwardBackward.smoothAll(hmm.initial().probabilities(), hmm.transitions().matrix(),
				hmm.logLikelihoods(x, 0, t), t);
	}

	public Viterbi viterbi(double[] x) {
		return hmm.viterbi(x, 0, x.length / dim());
	}

	// ------------------------------------------------------------------ model.json

	/** Writes model.json: the engine's format plus the dynamics section. */
	public void write(Path path, ZScoredRuns fitted, List<String> trainRuns, List<String> testRuns,
			java.util.Map<String, Object> settings) throws IOException {
		int k = states(), d = dim();
		ModelFile.Data m = new ModelFile.Data();
		m.observations = "gaussian";
		m.states = k;
		m.dim = d;
		m.lags = 0;
		m.standardization = "none";
		m.mean = new double[d];
		m.standardizationMatrix = new double[d * d];
		for (int i = 0; i < d; i++) m.standardizationMatrix[i * d + i] = 1;
		m.initialLearned = true;
		m.initial = hmm.initial().probabilities();
		m.transitions = "learned";
		m.stickiness = Double.NaN;
		m.kappa = 0;
		m.alpha = 1;
		m.transitionMatrix = transitions();
		m.weights = new double[k][];
		m.covariances = new double[k][];
		for (int s = 0; s < k; s++) {
			m.weights[s] = mean(s);
			m.covariances[s] = covariance(s);
		}
		m.usage = null;
		m.settings.putAll(settings);
		m.sessions.addAll(trainRuns);
		JsonObject dyn = new JsonObject();
		dyn.add("metrics", strings(metrics));
		dyn.addProperty("covariance", covariance.key());
		dyn.addProperty("zscore", "per run and metric, population SD");
		dyn.add("train_runs", strings(trainRuns));
		dyn.add("test_runs", strings(testRuns));
		JsonArray runs = new JsonArray();
		for (int i = 0; i < fitted.runs.size(); i++) {
			JsonObject r = new JsonObject();
			r.addProperty("name", fitted.runs.get(i).name);
			r.add("mean", numbers(fitted.means.get(i)));
			r.add("sd", numbers(fitted.sds.get(i)));
			runs.add(r);
		}
		dyn.add("runs", runs);
		m.extra.put(SECTION, dyn);
		ModelFile.write(path, m);
	}

	/** Reads a model.json written by "Fit Training Phases". */
	public static PhaseModel read(Path path) {
		ModelFile.Data m = ModelFile.read(path);
		JsonElement dyn = m.extra.get(SECTION);
		if (dyn == null || !dyn.isJsonObject() || m.lags != 0)
			throw new BadInputException("The model file " + path + " is not a training-phases model (no '" + SECTION
					+ "' section); make one with Fit Training Phases.");
		HmmModel model = HmmModel.of(m, path.toString());
		JsonObject o = dyn.getAsJsonObject();
		List<String> metrics = new ArrayList<>();
		try {
			for (JsonElement e : o.getAsJsonArray("metrics")) metrics.add(e.getAsString());
		} catch (RuntimeException e) {
			throw new BadInputException("The model file " + path + " has no list of metric names in '" + SECTION + ".metrics'.");
		}
		if (metrics.size() != m.dim)
			throw new BadInputException("The model file " + path + " names " + metrics.size() + " metrics for " + m.dim + " dimensions.");
		GaussianHmm.Covariance cov = GaussianHmm.Covariance.parse(o.has("covariance") ? o.get("covariance").getAsString() : "full");
		return new PhaseModel(model.hmm, metrics, cov);
	}

	private static JsonArray strings(List<String> s) {
		JsonArray a = new JsonArray();
		s.forEach(a::add);
		return a;
	}

	private static JsonArray numbers(double[] v) {
		JsonArray a = new JsonArray();
		for (double x : v) a.add(x);
		return a;
	}
}
