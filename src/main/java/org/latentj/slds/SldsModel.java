package org.latentj.slds;

import java.nio.file.Path;
import java.util.Arrays;

import org.latentj.hmm.Decoding;
import org.latentj.hmm.Hmm;
import org.latentj.hmm.HmmModel;
import org.latentj.hmm.LinearGaussianObservations;
import org.latentj.hmm.ModelFile;
import org.latentj.hmm.ObservationModel;
import org.latentj.hmm.Standardization;
import org.latentj.util.BadInputException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * An SLDS read back from the model.json Fit SLDS writes (a latentj-hmm file with {@code "type": "slds"}
 * and an {@code "slds"} section, see {@link SldsFiles}), and its inference with fixed parameters:
 * structured mean field on a whole session, dropped frames as missing observations.
 */
public final class SldsModel {

	public final SldsParameters parameters;
	public final Standardization standardization;
	public final ModelFile.Data data;

	SldsModel(SldsParameters parameters, Standardization standardization, ModelFile.Data data) {
		this.parameters = parameters;
		this.standardization = standardization;
		this.data = data;
	}

	/** Whether a model file holds an SLDS (Fit SLDS's "type": "slds"), not a plain HMM. */
	public static boolean isSlds(ModelFile.Data m) {
		JsonElement t = m.extra.get("type");
		return t != null && t.isJsonPrimitive() && "slds".equals(t.getAsString());
	}

	public static SldsModel read(Path path) {
		return of(ModelFile.read(path), path.toString());
	}

	/** The SLDS a model file describes; problems are messages naming the file. */
	public static SldsModel of(ModelFile.Data m, String source) {
		HmmModel hmm = HmmModel.of(m, source); // the dynamics, transitions and standardisation, checked as Fit HMM's
		String where = "The model file " + source;
		if (!isSlds(m)) throw new BadInputException(where + " is not an SLDS model (its \"type\" is not \"slds\").");
		JsonElement e = m.extra.get("slds");
		if (e == null || !e.isJsonObject()) throw new BadInputException(where + " has no \"slds\" section.");
		JsonObject s = e.getAsJsonObject();
		String emissions = s.has("emissions") ? s.get("emissions").getAsString() : "";
		if (!emissions.equals("identity"))
			throw new BadInputException(where + ": slds.emissions must be identity (got '" + emissions + "').");
		if (!s.has("noise_variances") || !s.get("noise_variances").isJsonArray()
				|| s.getAsJsonArray("noise_variances").size() != m.dim)
			throw new BadInputException(where + ": slds.noise_variances must hold " + m.dim + " numbers.");
		double[] noise = new double[m.dim];
		for (int i = 0; i < m.dim; i++) noise[i] = s.getAsJsonArray("noise_variances").get(i).getAsDouble();
		double prior = s.has("prior_variance") ? s.get("prior_variance").getAsDouble() : 1;
		if (!(prior > 0)) throw new BadInputException(where + ": slds.prior_variance must be positive (got " + prior + ").");
		LinearGaussianObservations obs = (LinearGaussianObservations) hmm.hmm.observations();
		int k = m.states;
		double[][] w = new double[k][], q = new double[k][];
		for (int j = 0; j < k; j++) {
			w[j] = obs.weights(j);
			q[j] = obs.covariance(j);
		}
		try {
			SldsParameters p = new SldsParameters(w, q, noise, prior, hmm.hmm.transitions(), hmm.hmm.initial(), m.lags);
			return new SldsModel(p, hmm.standardization, m);
		} catch (BadInputException ex) {
			throw new BadInputException(where + " is not usable: " + ex.getMessage(), ex);
		}
	}

	/** One session inferred with the model: labels, their probabilities, E[x_t] in PC units and the ELBO. */
	public record Inferred(int[] labels, double[] probability, double[] denoised, double elbo, int scoredFrames,
			int blockUpdates, boolean converged) {
	}

	/**
	 * Structured mean field on a whole session (T x D PCs in PC units, NaN rows dropped) to the
	 * tolerance, started from {@link #startingStates}; labels are argmax q(z_t) (posterior) or the Viterbi
	 * path of the converged expected log dynamics (viterbi); the first lags frames are -1.
	 */
	public Inferred infer(String session, double[] pcs, Decoding.Mode mode, int innerIterations, double tolerance) {
		SldsParameters p = parameters;
		int d = p.d, g = p.lags, k = p.k, frames = pcs.length / d;
		if (frames <= g)
			throw new BadInputException("Session " + session + " has " + frames + " frames; the SLDS needs more than lags = " + g + ".");
		double[] y = standardization.apply(pcs);
		StructuredMeanField q = new StructuredMeanField(y, d, g, k, startingStates(session, y));
		double elbo = q.converge(p, innerIterations, tolerance, null);
		double[] prob = new double[frames];
		int[] labels = q.labels(prob);
		if (mode == Decoding.Mode.VITERBI) {
			int[] path = org.latentj.hmm.Viterbi.decode(p.initial.probabilities(), p.transitions.matrix(),
					q.logLikelihoods(p), frames - g).path;
			double[] w = q.stateProbabilities();
			for (int t = g; t < frames; t++) {
				labels[t] = path[t - g];
				prob[t] = w[(t - g) * k + labels[t]];
			}
		}
		double[] denoised = standardization.invert(q.means());
		for (int t = 0; t < frames; t++)
			if (Double.isNaN(y[t * d])) Arrays.fill(denoised, t * d, t * d + d, Double.NaN); // no frame, no row
		return new Inferred(labels, prob, denoised, elbo, frames - g, q.blockUpdates, q.converged);
	}

	/**
	 * The first q(z): the posterior of the AR-HMM the SLDS implies on the noisy PCs when the noise's
	 * correlation across frames is ignored, y_t = sum_g A_g y_{t-g} + b + e with Cov(e) = Q + R +
	 * sum_g A_g R A_g^T (R diagonal); uniform on frames no run of usable frames scores.
	 */
	double[] startingStates(String session, double[] y) {
		SldsParameters p = parameters;
		int d = p.d, g = p.lags, k = p.k, cols = g * d + 1, frames = y.length / d;
		LinearGaussianObservations obs = ObservationModel.AR.create(k, d, g);
		for (int s = 0; s < k; s++) {
			double[] w = p.weights[s], cov = p.covs[s].clone();
			for (int i = 0; i < d; i++) {
				cov[i * d + i] += p.noise[i];
				for (int j = 0; j < d; j++)
					for (int lag = 0; lag < g; lag++)
						for (int l = 0; l < d; l++)
							cov[i * d + j] += w[i * cols + lag * d + l] * p.noise[l] * w[j * cols + lag * d + l];
			}
			obs.set(s, w, cov);
		}
		Hmm hmm = new Hmm(p.initial, p.transitions, obs);
		int[] labels;
		try {
			labels = Decoding.of(hmm, session, y, Decoding.Mode.POSTERIOR).labels;
		} catch (BadInputException noRun) { // no run longer than lags: start uniform, the SLDS runs through the gaps
			labels = new int[frames];
			Arrays.fill(labels, -1);
		}
		return SldsFitter.oneHot(labels, 0, frames, g, k);
	}
}
