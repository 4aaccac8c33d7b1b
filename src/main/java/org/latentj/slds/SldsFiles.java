package org.latentj.slds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.latentj.hmm.LabelsFile;
import org.latentj.hmm.LoglikFile;
import org.latentj.hmm.ModelFile;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.Standardization;
import org.latentj.io.CsvWriter;
import org.latentj.util.Choices;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The files of an SLDS fit, as Fit HMM's so that the syllable views read them unchanged:
 * <ul>
 * <li>model.json: a LatentJ HMM model file (format latentj-hmm, observations ar) holding the SLDS's
 * dynamics (A, b, Q per state), transitions and standardisation, plus {@code "type": "slds"} and an
 * {@code "slds"} object: emissions, the observation noise variances R (standardised units), the prior
 * variance of the first lags frames, noise (gaussian or student, with dof); with linear emissions also latent, pcs, emission_matrix (C, pcs x
 * latent, row-major), emission_offset and pc_standardization (type, mean, matrix: the PCs'; the AR part
 * of the file, in latent units, then has standardization none);</li>
 * <li>loglik.csv: iteration, train, test: the ELBO per frame;</li>
 * <li>labels/&lt;session&gt;.csv: frame, time, label, probability (q(z_t));</li>
 * <li>denoised/&lt;session&gt;.csv: frame, time, pc1..pcD = E[x_t] in PC units (standardisation undone),
 * empty where the session has no frame.</li>
 * </ul>
 */
public final class SldsFiles {

	private SldsFiles() {
	}

	/** Writes model.json, loglik.csv, labels/ and denoised/ into dir. */
	public static void write(Path dir, SldsResult r, List<SessionData> data, Map<String, Object> settings)
			throws IOException {
		String fitId = writeModel(dir.resolve("model.json"), r, data, settings);
		double[] train = r.trainHistory().stream().mapToDouble(Double::doubleValue).toArray();
		double[] test = r.testHistory().stream().mapToDouble(Double::doubleValue).toArray();
		LoglikFile.write(dir.resolve("loglik.csv"), train, test);
		Files.createDirectories(dir.resolve("labels"));
		Files.createDirectories(dir.resolve("denoised"));
		for (int i = 0; i < data.size(); i++) {
			SessionData sd = data.get(i);
			SldsResult.Session s = r.sessions().get(i);
			int n = s.labels().length;
			int[] frames = new int[n];
			double[] times = new double[n];
			for (int t = 0; t < n; t++) {
				frames[t] = t;
				times[t] = sd.time(t);
			}
			LabelsFile.write(dir.resolve("labels").resolve(sd.name + ".csv"),
					new LabelsFile.Labels(frames, times, s.labels(), s.probability(), fitId));
			writeDenoised(dir.resolve("denoised").resolve(sd.name + ".csv"), sd, s.denoised(), r.model().obs);
		}
	}

	static void writeDenoised(Path path, SessionData sd, double[] x, int d) throws IOException {
		String[] header = new String[d + 2];
		header[0] = "frame";
		header[1] = "time";
		for (int i = 0; i < d; i++) header[i + 2] = "pc" + (i + 1);
		try (CsvWriter w = new CsvWriter(path, header)) {
			Object[] row = new Object[d + 2];
			for (int t = 0; t < sd.frames; t++) {
				row[0] = t;
				row[1] = sd.time(t);
				boolean missing = Double.isNaN(x[t * d]);
				for (int i = 0; i < d; i++) row[i + 2] = missing ? "" : (Object) x[t * d + i];
				w.row(row);
			}
			w.commit();
		}
	}

	private static JsonArray array(double[] v) {
		JsonArray a = new JsonArray();
		for (double x : v) a.add(x);
		return a;
	}

	/** Writes model.json and returns its fit id (written in the labels too, so the views can match them). */
	static String writeModel(Path path, SldsResult r, List<SessionData> data, Map<String, Object> settings)
			throws IOException {
		SldsParameters m = r.model();
		ModelFile.Data f = new ModelFile.Data();
		f.observations = "ar";
		f.states = m.k;
		f.dim = m.d;
		f.lags = m.lags;
		if (!m.linear()) {
			f.standardization = r.standardization().kind().key();
			f.mean = r.standardization().mean();
			f.standardizationMatrix = r.standardization().matrix();
		} else { // the AR part lives in latent units: no standardisation of its own (the PCs' is in the slds section)
			f.standardization = Standardization.Kind.NONE.key();
			f.mean = new double[m.d];
			f.standardizationMatrix = new double[m.d * m.d];
			for (int i = 0; i < m.d; i++) f.standardizationMatrix[i * m.d + i] = 1;
		}
		f.initialLearned = m.initial.isLearned();
		f.initial = m.initial.probabilities();
		f.transitions = m.transitions.isLearned() ? "learned" : "fixed";
		f.stickiness = r.settings().stickiness();
		f.kappa = r.settings().kappa();
		f.alpha = r.settings().alpha();
		f.transitionMatrix = m.transitions.matrix().toArray();
		f.weights = new double[m.k][];
		f.covariances = new double[m.k][];
		for (int s = 0; s < m.k; s++) {
			f.weights[s] = m.weights(s);
			f.covariances[s] = m.covariance(s);
		}
		f.usage = r.usage().clone();
		f.settings.putAll(settings);
		for (SessionData sd : data) f.sessions.add(sd.name);
		f.trainFrames = r.trainFrames();
		f.testFrames = r.testFrames();
		f.converged = r.converged();
		f.restartScores = new double[] { r.finalTrainElbo() };
		f.emptyStates = new int[0];
		f.trainLoglik = r.trainHistory().stream().mapToDouble(Double::doubleValue).toArray();
		f.testLoglik = r.testHistory().stream().mapToDouble(Double::doubleValue).toArray();
		f.extra.put("type", new JsonPrimitive("slds")); // top-level sections ModelFile keeps and writes back
		JsonObject slds = new JsonObject();
		slds.addProperty("emissions", m.linear() ? "linear" : "identity");
		if (m.linear()) {
			slds.addProperty("latent", m.d);
			slds.addProperty("pcs", m.obs);
			slds.add("emission_matrix", array(m.emission()));
			slds.add("emission_offset", array(m.offset()));
			JsonObject st = new JsonObject();
			st.addProperty("type", r.standardization().kind().key());
			st.add("mean", array(r.standardization().mean()));
			st.add("matrix", array(r.standardization().matrix()));
			slds.add("pc_standardization", st);
		}
		JsonArray noise = new JsonArray();
		for (double v : m.noise()) noise.add(v);
		slds.add("noise_variances", noise);
		slds.addProperty("prior_variance", m.priorVariance());
		slds.addProperty("noise", Choices.key(m.student() ? SldsSettings.Noise.STUDENT : SldsSettings.Noise.GAUSSIAN)); // Student-t: y ~ N(C x + d, R / w), w ~ Gamma(dof / 2, dof / 2)
		if (m.student()) slds.addProperty("dof", m.dof());
		slds.addProperty("elbo_units", "nats per frame, standardized PCs");
		f.extra.put("slds", slds);
		ModelFile.write(path, f);
		return ModelFile.fitId(f);
	}
}
