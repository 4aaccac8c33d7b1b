package org.latentj.hmm;

import org.latentj.util.Choices;

/**
 * The observation models by option string ({@code observations} key, model.json's "observations"),
 * mapped to the classes that implement them in this one place (as ssm's {@code hmm.py} maps its
 * observation strings). A Gaussian HMM is the AR model with zero lags, so both are
 * {@link LinearGaussianObservations}.
 */
public enum ObservationModel {
	GAUSSIAN, AR;

	/** The model with {@code states} states of dimension {@code dim}; {@code lags} is ignored by GAUSSIAN. */
	public LinearGaussianObservations create(int states, int dim, int lags) {
		return switch (this) {
			case GAUSSIAN -> LinearGaussianObservations.gaussian(states, dim);
			case AR -> LinearGaussianObservations.autoregressive(states, dim, lags);
		};
	}

	/** Frames of history the model uses with the lags asked for. */
	public int lags(int asked) {
		return this == AR ? asked : 0;
	}

	public String key() {
		return Choices.key(this);
	}

	public static ObservationModel parse(String text) {
		return Choices.parse(ObservationModel.class, "observations", text);
	}
}
