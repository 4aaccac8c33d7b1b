package org.latentj.dynamics;

/**
 * One K of the model-selection sweep (a row of selection.csv). Log-likelihoods are totals (nats) over
 * the held-out runs and the training runs; AIC = -2 LL + 2p and BIC = -2 LL + p ln N on the training
 * runs (N their rows), p hmmlearn's parameter count, as hmmlearn's aic() and bic().
 */
public record SweepRow(int states, double heldoutBest, double heldoutMean, double heldoutSd, double trainLl, double aic,
		double bic, long parameters, boolean selected) {

	public static final String[] COLUMNS = { "states", "heldout_ll_best", "heldout_ll_mean", "heldout_ll_sd", "train_ll",
			"aic", "bic", "parameters", "selected" };

	public static double aic(double ll, long parameters) {
		return -2 * ll + 2 * parameters;
	}

	public static double bic(double ll, long parameters, long frames) {
		return -2 * ll + parameters * Math.log(frames);
	}

	SweepRow select() {
		return new SweepRow(states, heldoutBest, heldoutMean, heldoutSd, trainLl, aic, bic, parameters, true);
	}

	public Object[] cells() {
		return new Object[] { states, heldoutBest, heldoutMean, heldoutSd, trainLl, aic, bic, parameters, selected ? 1 : 0 };
	}
}
