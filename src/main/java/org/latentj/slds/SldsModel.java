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
import org.latentj.util.Progress;
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
		try {
			return parse(m, source);
		} catch (IllegalStateException | UnsupportedOperationException | NumberFormatException | ClassCastException e) {
			// a value of the wrong JSON kind where the slds section wants a number, text or array
			throw new BadInputException("The model file " + source + " has a malformed \"slds\" section (" + e.getMessage() + ").", e);
		}
	}

	private static SldsModel parse(ModelFile.Data m, String source) {
		HmmModel hmm = HmmModel.of(m, source); // the dynamics, transitions and standardisation, checked as Fit HMM's
		String where = "The model file " + source;
		if (!isSlds(m)) throw new BadInputException(where + " is not an SLDS model (its \"type\" is not \"slds\").");
		JsonElement e = m.extra.get("slds");
		if (e == null || !e.isJsonObject()) throw new BadInputException(where + " has no \"slds\" section.");
		JsonObject s = e.getAsJsonObject();
		Object moves = m.settings.get("label_moves"); // checked here with the rest, not when Apply Model first asks
		if (moves != null && !(moves instanceof Boolean))
			throw new BadInputException(where + ": training.settings.label_moves is " + moves + "; it must be true or false.");
		String emissions = s.has("emissions") ? s.get("emissions").getAsString() : "";
		if (!emissions.equals("identity") && !emissions.equals("linear"))
			throw new BadInputException(where + ": slds.emissions must be identity or linear (got '" + emissions + "').");
		boolean linear = emissions.equals("linear");
		int obs = linear ? integer(s, "pcs", where) : m.dim;
		int latent = linear ? integer(s, "latent", where) : m.dim;
		if (latent != m.dim)
			throw new BadInputException(where + ": slds.latent is " + latent + " but the dynamics (A, Q) have dimension " + m.dim + ".");
		double[] noise = numbers(s, "noise_variances", obs, where), c = null, offset = null;
		for (int i = 0; i < obs; i++)
			if (noise[i] < SldsFitter.NOISE_FLOOR)
				throw new BadInputException(where + ": slds.noise_variances[" + i + "] is " + noise[i]
						+ ", below 1e-12 (the least noise variance Fit SLDS fits, in standardized units).");
		Standardization st = hmm.standardization;
		if (linear) {
			c = numbers(s, "emission_matrix", obs * m.dim, where);
			offset = numbers(s, "emission_offset", obs, where);
			JsonElement pe = s.get("pc_standardization");
			if (pe == null || !pe.isJsonObject()) throw new BadInputException(where + " has no slds.pc_standardization.");
			JsonObject ps = pe.getAsJsonObject();
			st = new Standardization(Standardization.Kind.parse(ps.has("type") ? ps.get("type").getAsString() : ""),
					numbers(ps, "mean", obs, where, "slds.pc_standardization."),
					numbers(ps, "matrix", obs * obs, where, "slds.pc_standardization."));
		}
		double prior = s.has("prior_variance") ? s.get("prior_variance").getAsDouble() : 1;
		if (!(prior > 0)) throw new BadInputException(where + ": slds.prior_variance must be positive (got " + prior + ").");
		String noiseKind = s.has("noise") ? s.get("noise").getAsString() : "gaussian"; // files before Student-t noise: gaussian
		SldsSettings.Noise kind;
		try {
			kind = SldsSettings.Noise.parse(noiseKind);
		} catch (BadInputException bad) {
			throw new BadInputException(where + ": slds." + bad.getMessage(), bad);
		}
		double dof = Double.POSITIVE_INFINITY;
		if (kind == SldsSettings.Noise.STUDENT) {
			dof = s.has("dof") && s.get("dof").isJsonPrimitive() && s.getAsJsonPrimitive("dof").isNumber() ? s.get("dof").getAsDouble() : Double.NaN;
			if (!(dof > 0) || Double.isInfinite(dof))
				throw new BadInputException(where + ": slds.dof must be a positive number with student noise (got " + s.get("dof") + ").");
			if (dof > SldsParameters.MAX_DOF) // the constructor refuses it too, but this names the file's key
				throw new BadInputException(where + ": slds." + SldsParameters.tooLargeDof(dof).replace("noise=gaussian", "\"noise\": \"gaussian\""));
		}
		LinearGaussianObservations ar = (LinearGaussianObservations) hmm.hmm.observations();
		int k = m.states;
		double[][] w = new double[k][], q = new double[k][];
		for (int j = 0; j < k; j++) {
			w[j] = ar.weights(j);
			q[j] = ar.covariance(j);
		}
		SldsParameters p;
		try {
			p = new SldsParameters(w, q, noise, prior, hmm.hmm.transitions(), hmm.hmm.initial(), m.lags, c, offset, dof);
		} catch (BadInputException ex) {
			throw new BadInputException(where + " is not usable: " + ex.getMessage(), ex);
		}
		if (linear) requireEmissionUsable(p, where);
		return new SldsModel(p, st, m);
	}

	private static int integer(JsonObject o, String key, String where) {
		double v = o.has(key) && o.get(key).isJsonPrimitive() && o.getAsJsonPrimitive(key).isNumber() ? o.get(key).getAsDouble() : Double.NaN;
		if (!(v >= 1 && v <= Integer.MAX_VALUE && v == Math.rint(v)))
			throw new BadInputException(where + ": slds." + key + " must be a positive integer (got " + (o.has(key) ? o.get(key) : "nothing") + ").");
		return (int) v;
	}

	private static double[] numbers(JsonObject o, String key, int n, String where) {
		return numbers(o, key, n, where, "slds.");
	}

	/** The n numbers of o's key; problems name the key with its full path ({@code prefix} + key). */
	private static double[] numbers(JsonObject o, String key, int n, String where, String prefix) {
		if (!o.has(key) || !o.get(key).isJsonArray() || o.getAsJsonArray(key).size() != n)
			throw new BadInputException(where + ": " + prefix + key + " must hold " + n + " numbers.");
		double[] v = new double[n];
		for (int i = 0; i < n; i++) {
			v[i] = o.getAsJsonArray(key).get(i).getAsDouble();
			if (!Double.isFinite(v[i])) throw new BadInputException(where + ": " + prefix + key + " holds a number that is not finite.");
		}
		return v;
	}

	/**
	 * C^T R^-1 C, the smoother's node precision, must be finite and invertible: else Apply Model's start and smoother
	 * fail later without naming the file.
	 */
	private static void requireEmissionUsable(SldsParameters p, String where) {
		for (double v : p.nodePrecision)
			if (!Double.isFinite(v))
				throw new BadInputException(where + ": slds.emission_matrix is too large for slds.noise_variances: C^T R^-1 C overflows.");
		if (nodeCovariance(p) == null) throw new BadInputException(where + ": " + DEPENDENT_COLUMNS);
	}

	/** (C^T R^-1 C)^-1, the covariance of the PCs' projection onto the latent space; null when C^T R^-1 C is singular. */
	private static double[] nodeCovariance(SldsParameters p) {
		double[] eye = new double[p.d * p.d];
		for (int i = 0; i < p.d; i++) eye[i * p.d + i] = 1;
		return Linear.solveSpd(p.nodePrecision, p.d, eye, p.d);
	}

	static final String DEPENDENT_COLUMNS = "slds.emission_matrix (C) has dependent columns: C^T R^-1 C is singular.";

	/** One session inferred with the model: labels, their probabilities, E[x_t] in PC units and the ELBO. */
	public record Inferred(int[] labels, double[] probability, double[] denoised, double elbo, int scoredFrames,
			int blockUpdates, boolean converged) {
	}

	/**
	 * Whether the fit decoded with label moves: model.json's label_moves; a file from before label moves (no such key)
	 * is decoded as its fit decoded, without them.
	 */
	public boolean labelMoves() {
		return Boolean.TRUE.equals(data.settings.get("label_moves")); // a Boolean or absent: checked when the file was read
	}

	/**
	 * Structured mean field on a whole session (T x D PCs in PC units, NaN rows dropped) to the
	 * tolerance, started from {@link #startingStates}, then label moves ({@link LabelSearch#refine}) when the fit used
	 * them ({@link #labelMoves()});
	 * labels are argmax q(z_t) (posterior) or the Viterbi
	 * path of the converged expected log dynamics (viterbi); the first lags frames are -1.
	 */
	public Inferred infer(String session, double[] pcs, Decoding.Mode mode, int innerIterations, double tolerance) {
		return infer(session, pcs, mode, innerIterations, tolerance, labelMoves(), Progress.NONE);
	}

	/**
	 * As above; with labelMoves, structured mean field is followed by {@link LabelSearch#refine} (as Fit SLDS's final
	 * decoding), which asks progress whether to stop.
	 */
	public Inferred infer(String session, double[] pcs, Decoding.Mode mode, int innerIterations, double tolerance, boolean labelMoves,
			Progress progress) {
		SldsParameters p = parameters;
		int d = p.d, g = p.lags, k = p.k, obs = p.obs, frames = pcs.length / obs;
		if (frames <= g)
			throw new BadInputException("Session " + session + " has " + frames + " frames; the SLDS needs more than lags = " + g + ".");
		double[] y = standardization.apply(pcs);
		StructuredMeanField q = new StructuredMeanField(y, obs, d, g, k, startingStates(session, y));
		double elbo = q.converge(p, innerIterations, tolerance, null);
		if (labelMoves) elbo = LabelSearch.refine(q, p, innerIterations, tolerance, progress);
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
		double[] denoised = standardization.invert(p.observe(q.means()));
		for (int t = 0; t < frames; t++)
			if (Double.isNaN(y[t * obs])) Arrays.fill(denoised, t * obs, t * obs + obs, Double.NaN); // no frame, no row
		return new Inferred(labels, prob, denoised, elbo, frames - g, q.blockUpdates, q.converged);
	}

	/**
	 * Var(e) / R of the observation noise e: 1 for Gaussian noise (infinite dof), nu / (nu - 2) for Student-t noise of
	 * nu >= 3 degrees of freedom, and 3 (nu = 3's factor) below: the variance grows without bound as nu falls to 2 and
	 * does not exist at or below it, and a Gaussian start with it would give the noise all of each AR state's
	 * covariance; capping keeps the inflation finite and never smaller than at a larger nu.
	 */
	static double varianceFactor(double dof) {
		if (Double.isInfinite(dof)) return 1;
		return dof >= 3 ? dof / (dof - 2) : 3;
	}

	/**
	 * The first q(z): one-hot on the posterior labels of the AR-HMM the SLDS implies on the noisy PCs when the noise's
	 * correlation across frames is ignored, u_t = sum_g A_g u_{t-g} + b + e with Cov(e) = Q + S +
	 * sum_g A_g S A_g^T; u = y and S = R with identity emissions, u = the least-squares latent
	 * (C^T R^-1 C)^-1 C^T R^-1 (y - offset) and S = (C^T R^-1 C)^-1 with linear ones: one-hot on that
	 * posterior's labels, and on frames no run of usable frames scores the Markov chain's posterior between
	 * the labels on either side ({@link SldsFitter#startQz}). With Student-t noise R is a scale, not a variance: S
	 * uses the noise's variance, R times {@link #varianceFactor}.
	 */
	public double[] startingStates(String session, double[] observed) {
		SldsParameters p = parameters;
		int d = p.d, g = p.lags, k = p.k, cols = g * d + 1, frames = observed.length / p.obs;
		double[] y = observed, noise = new double[d * d];
		double f = varianceFactor(p.dof);
		if (!p.linear())
			for (int i = 0; i < d; i++) noise[i * d + i] = f * p.noise[i];
		else {
			noise = nodeCovariance(p);
			if (noise == null) throw new BadInputException("The SLDS's " + DEPENDENT_COLUMNS); // model files are checked when read
			y = new double[frames * d];
			for (int t = 0; t < frames; t++) {
				if (Double.isNaN(observed[t * p.obs])) {
					Arrays.fill(y, t * d, t * d + d, Double.NaN);
					continue;
				}
				for (int a = 0; a < d; a++) {
					double v = 0;
					for (int i = 0; i < p.obs; i++) v += p.nodeGain[a * p.obs + i] * (observed[t * p.obs + i] - p.offset[i]);
					for (int b = 0; b < d; b++) y[t * d + b] += noise[b * d + a] * v;
				}
			}
			for (int i = 0; i < d * d; i++) noise[i] *= f; // (C^T (f R)^-1 C)^-1; the least-squares latent is the same
		}
		LinearGaussianObservations obs = ObservationModel.AR.create(k, d, g);
		for (int s = 0; s < k; s++) {
			double[] w = p.weights[s], cov = p.covs[s].clone();
			for (int i = 0; i < d * d; i++) cov[i] += noise[i];
			for (int lag = 0; lag < g; lag++) // + A S A^T
				for (int i = 0; i < d; i++)
					for (int j = 0; j < d; j++) {
						double v = 0;
						for (int a = 0; a < d; a++)
							for (int b = 0; b < d; b++) v += w[i * cols + lag * d + a] * noise[a * d + b] * w[j * cols + lag * d + b];
						cov[i * d + j] += v;
					}
			obs.set(s, w, cov);
		}
		Hmm hmm = new Hmm(p.initial, p.transitions, obs);
		int[] labels;
		try {
			labels = Decoding.of(hmm, session, y, Decoding.Mode.POSTERIOR).labels;
		} catch (BadInputException noRun) { // no run longer than lags: the chain alone (startQz), the SLDS runs through the gaps
			labels = new int[frames];
			Arrays.fill(labels, -1);
		}
		return SldsFitter.startQz(labels, 0, frames, g, k, p.transitions, p.initial);
	}
}
