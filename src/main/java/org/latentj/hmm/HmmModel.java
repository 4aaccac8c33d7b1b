package org.latentj.hmm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.latentj.util.BadInputException;

/**
 * A fitted HMM ready to apply to sessions: the model, the standardization of its inputs and what the
 * model file says about its training. Converts to and from {@link ModelFile} exactly.
 */
public final class HmmModel {

	public final Hmm hmm;
	public final Standardization standardization;
	/** The model file's contents (training settings, history, usage...). */
	public final ModelFile.Data data;

	private HmmModel(Hmm hmm, Standardization standardization, ModelFile.Data data) {
		this.hmm = hmm;
		this.standardization = standardization;
		this.data = data;
	}

	/** The model a fit produced, with everything the model file records. */
	public static HmmModel of(FitResult r, java.util.List<String> sessionNames) {
		FitSettings s = r.settings;
		LinearGaussianObservations obs = (LinearGaussianObservations) r.hmm.observations();
		int k = r.hmm.states(), d = r.hmm.dim();
		ModelFile.Data m = new ModelFile.Data();
		m.observations = obs.type();
		m.states = k;
		m.dim = d;
		m.lags = obs.lags();
		m.standardization = r.standardization.kind().key();
		m.mean = r.standardization.mean();
		m.standardizationMatrix = r.standardization.matrix();
		m.initialLearned = r.hmm.initial().isLearned();
		m.initial = r.hmm.initial().probabilities();
		Transitions tr = r.hmm.transitions();
		m.transitions = tr.isLearned() ? "learned" : "fixed";
		m.stickiness = s.stickiness();
		m.kappa = s.kappa();
		m.alpha = s.alpha();
		m.transitionMatrix = tr.matrix().toArray();
		m.weights = new double[k][];
		m.covariances = new double[k][];
		for (int j = 0; j < k; j++) {
			m.weights[j] = obs.weights(j);
			m.covariances[j] = obs.covariance(j);
		}
		m.usage = r.usage.clone();
		m.settings.putAll(s.trainingMap());
		m.sessions.addAll(sessionNames);
		m.trainFrames = r.trainFrames;
		m.testFrames = r.testFrames;
		m.converged = r.converged;
		m.splitMergeMoves = r.splitMergeMoves;
		m.restartScores = r.restartScores.stream().mapToDouble(Double::doubleValue).toArray();
		m.emptyStates = r.emptyStateIds();
		m.trainLoglik = r.trainHistory.stream().mapToDouble(Double::doubleValue).toArray();
		m.testLoglik = r.testHistory.stream().mapToDouble(Double::doubleValue).toArray();
		return new HmmModel(r.hmm, r.standardization, m);
	}

	/** Builds the model a model file describes; problems are messages naming the file. */
	public static HmmModel of(ModelFile.Data m, String source) {
		try {
			int k = m.states, d = m.dim;
			LinearGaussianObservations obs = ObservationModel.parse(m.observations).create(k, d, m.lags);
			for (int j = 0; j < k; j++) obs.set(j, m.weights[j], m.covariances[j]);
			InitialDistribution initial = InitialDistribution.of(m.initial, m.initialLearned);
			TransitionMatrix p = TransitionMatrix.dense(k, m.transitionMatrix);
			if (k > 1 && m.stickiness > 0 && m.stickiness < 1
					&& Arrays.equals(TransitionMatrix.sticky(k, m.stickiness).toArray(), m.transitionMatrix))
				p = TransitionMatrix.sticky(k, m.stickiness); // same numbers, O(K) products
			Transitions tr = m.transitions.equals("learned")
					? Transitions.learned(p, Double.isNaN(m.kappa) ? 0 : m.kappa, Double.isNaN(m.alpha) ? 1 : m.alpha)
					: Transitions.fixed(p);
			for (int i = 0; i < d; i++)
				for (int j = i + 1; j < d; j++)
					if (m.standardizationMatrix[i * d + j] != 0)
						throw new BadInputException("its standardization matrix is not lower triangular");
			Standardization st = new Standardization(Standardization.Kind.parse(m.standardization), m.mean,
					m.standardizationMatrix);
			return new HmmModel(new Hmm(initial, tr, obs), st, m);
		} catch (BadInputException e) {
			throw new BadInputException("The model file " + source + " is not usable: " + lower(e.getMessage()), e);
		}
	}

	public static HmmModel read(Path path) {
		return of(ModelFile.read(path), path.toString());
	}

	public void write(Path path) throws IOException {
		ModelFile.write(path, data);
	}

	private static String lower(String s) {
		return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
	}

	/**
	 * Decodes a session: its first {@code dim} PCs standardized like the training data. The
	 * log-likelihood in the result is in standardized units.
	 */
	public Decoding decode(SessionData session, Decoding.Mode mode) {
		double[] x = standardization.apply(session.firstPcs(hmm.dim(), "The model describes " + hmm.dim()
				+ " PCs but session " + session.name + " stores " + session.columns + "."));
		return Decoding.of(hmm, session.name, x, mode);
	}

	/**
	 * Draws {@code frames} frames from the model, in PC units (the standardization undone); the first
	 * lags frames start at the training mean and have state -1.
	 */
	public Hmm.Sample sample(int frames, long seed) {
		Hmm.Sample z = hmm.sample(frames, seed, null);
		return new Hmm.Sample(z.states, standardization.invert(z.data));
	}
}
