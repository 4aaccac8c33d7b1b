package org.latentj.dynamics;

import java.nio.file.Path;

import org.latentj.hmm.GaussianHmm.Covariance;
import org.latentj.util.BadInputException;

/**
 * The settings of "Fit Training Phases", validated (keys as the command's macro keys).
 *
 * @param runs      a folder of CSV files or a ';' list (null when the runs are given in memory)
 * @param metrics   "default" (the seed's 14), "all", or names separated by commas
 * @param states    0: choose K by BIC over 1..max_states; otherwise fit this K only
 * @param output    output folder, or null for none
 */
public record PhaseSettings(String runs, String metrics, int maxRows, int maxStates, int states, int restarts,
		Covariance covariance, double testFraction, long seed, boolean skipBadRuns, Path output, int iterations,
		double tolerance) {

	/** EM iterations per fit (hmmlearn's n_iter is 10, which often stops short of convergence). */
	public static final int ITERATIONS = 100;
	/** hmmlearn's tol: EM stops when the total log-likelihood rises by less. */
	public static final double TOLERANCE = 1e-2;

	public PhaseSettings {
		if (maxRows < 2) throw new BadInputException("max_rows must be at least 2, as a run is z-scored over its rows (got " + maxRows + ").");
		if (maxStates < 1) throw new BadInputException("max_states must be at least 1 (got " + maxStates + ").");
		if (states < 0) throw new BadInputException("states must be 0 (choose by BIC) or at least 1 (got " + states + ").");
		if (restarts < 1) throw new BadInputException("restarts must be at least 1 (got " + restarts + ").");
		TrainingPhases.randomState(seed, restarts, 0); // a seed numpy cannot take is refused before any work
		if (!(testFraction >= 0 && testFraction < 1))
			throw new BadInputException("test_fraction must be in [0, 1) (got " + testFraction + ").");
		if (covariance == null) throw new BadInputException("covariance must be full or diag.");
	}

	/** The largest K fitted. */
	public int largestK() {
		return states > 0 ? states : maxStates;
	}
}
