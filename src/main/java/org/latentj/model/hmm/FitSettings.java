package org.latentj.model.hmm;

import java.util.Locale;

import org.latentj.util.BadInputException;

/**
 * Every setting of an HMM fit, named as the "Fit HMM" macro keys, with their defaults. Plain public
 * fields; {@link #validate()} checks them all with messages naming the key.
 */
public final class FitSettings {

	/** gaussian | ar */
	public String observations = "ar";
	public int states = 10;
	/** AR lags G (ignored for Gaussian observations). */
	public int lags = 2;
	/** Number of leading PCs modelled. */
	public int pcs = 10;
	/** Most EM iterations (per restart). */
	public int iterations = 100;
	/** EM stops when the training log-likelihood per frame rises by less than this. */
	public double tolerance = 1e-5;
	/** fixed | learned */
	public String transitions = "fixed";
	public double stickiness = 0.95;
	public double kappa = 0;
	public double alpha = 1;
	/** em | stochastic */
	public String method = "em";
	/** Stochastic EM: passes over the sessions. */
	public int epochs = 5;
	/** Stochastic EM: step size (1 + t)^-forgetting_rate. */
	public double forgettingRate = 0.5;
	/** Independent starts; the one with the best training log-likelihood is kept. */
	public int restarts = 3;
	public long seed = 0;
	/** The first train_fraction of each session's frames are for training, the rest for testing. */
	public double trainFraction = 0.8;
	/** zscore | whiten | none */
	public String standardize = "zscore";
	/** kmeans | random (the lab's random posterior) */
	public String init = "kmeans";
	/** Learn the initial state distribution (otherwise uniform, as in the lab). */
	public boolean learnInitial = false;
	/**
	 * After EM converges, try replacing pairs of states that explain the same frames (merge) with a
	 * split of the worst-fitting state, keeping a move only when the training log-likelihood improves.
	 */
	public boolean splitMerge = true;

	public FitSettings validate() {
		observations = choice("observations", observations, "gaussian", "ar");
		transitions = choice("transitions", transitions, "fixed", "learned");
		method = choice("method", method, "em", "stochastic");
		init = choice("init", init, "kmeans", "random");
		Standardization.Kind.parse(standardize);
		standardize = standardize.trim().toLowerCase(Locale.ROOT);
		if (states < 1) throw new BadInputException("states must be at least 1 (got " + states + ").");
		if (isAutoregressive() && lags < 1)
			throw new BadInputException("lags must be at least 1 for autoregressive observations (got " + lags + ").");
		if (pcs < 1) throw new BadInputException("pcs must be at least 1 (got " + pcs + ").");
		if (iterations < 1) throw new BadInputException("iterations must be at least 1 (got " + iterations + ").");
		if (!(tolerance >= 0)) throw new BadInputException("tolerance must be >= 0 (got " + tolerance + ").");
		if (states > 1 && !(stickiness > 0 && stickiness < 1))
			throw new BadInputException("stickiness must be between 0 and 1, exclusive (got " + stickiness + ").");
		Transitions.checkPrior(kappa, alpha);
		if (epochs < 1) throw new BadInputException("epochs must be at least 1 (got " + epochs + ").");
		if (!(forgettingRate > 0 && forgettingRate <= 1))
			throw new BadInputException("forgetting_rate must be in (0, 1] (got " + forgettingRate + ").");
		if (restarts < 1) throw new BadInputException("restarts must be at least 1 (got " + restarts + ").");
		if (!(trainFraction > 0 && trainFraction <= 1))
			throw new BadInputException("train_fraction must be in (0, 1] (got " + trainFraction + ").");
		return this;
	}

	public boolean isAutoregressive() {
		return "ar".equals(observations.trim().toLowerCase(Locale.ROOT));
	}

	/** Lags actually used: 0 for Gaussian observations. */
	public int effectiveLags() {
		return isAutoregressive() ? lags : 0;
	}

	private static String choice(String key, String value, String... allowed) {
		String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
		for (String a : allowed)
			if (a.equals(v)) return v;
		throw new BadInputException(key + " must be " + String.join(" or ", allowed) + " (got '" + value + "').");
	}

	public FitSettings copy() {
		FitSettings c = new FitSettings();
		c.observations = observations;
		c.states = states;
		c.lags = lags;
		c.pcs = pcs;
		c.iterations = iterations;
		c.tolerance = tolerance;
		c.transitions = transitions;
		c.stickiness = stickiness;
		c.kappa = kappa;
		c.alpha = alpha;
		c.method = method;
		c.epochs = epochs;
		c.forgettingRate = forgettingRate;
		c.restarts = restarts;
		c.seed = seed;
		c.trainFraction = trainFraction;
		c.standardize = standardize;
		c.init = init;
		c.learnInitial = learnInitial;
		c.splitMerge = splitMerge;
		return c;
	}
}
