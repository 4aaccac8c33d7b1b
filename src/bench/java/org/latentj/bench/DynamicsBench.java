package org.latentj.bench;

import java.nio.file.Path;
import java.util.Locale;

import org.latentj.dynamics.PhaseSettings;
import org.latentj.dynamics.SweepRow;
import org.latentj.dynamics.TrainingPhases;
import org.latentj.hmm.GaussianHmm;
import org.latentj.util.Progress;

/**
 * Issue 9's sweep: K = 1..8 x 10 restarts, full covariance, on the six shared training runs (1,800 rows,
 * D = 14; one run held out, seed 0), EM up to 100 iterations with hmmlearn's tol 1e-2. Prints the wall time
 * and the held-out log-likelihood per K; {@code src/bench/python/hmmlearn_sweep.py} runs hmmlearn's GaussianHMM on the
 * same split for the comparison in BENCHMARKS.md. Argument: the training-runs folder (default
 * ../shared/data/training-runs).
 */
public final class DynamicsBench {

	public static void main(String[] args) {
		System.out.println(Machine.describe());
		String runs = args.length > 0 ? args[0] : Path.of("../shared/data/training-runs").toString();
		PhaseSettings s = new PhaseSettings(runs, "default", 1000, 8, 0, 10, GaussianHmm.Covariance.FULL, 0.2, 0, false, null,
				PhaseSettings.ITERATIONS, PhaseSettings.TOLERANCE);
		// warm-up: the same code paths, one restart per K
		TrainingPhases.fit(new PhaseSettings(runs, "default", 1000, 8, 0, 1, GaussianHmm.Covariance.FULL, 0.2, 0, false, null,
				PhaseSettings.ITERATIONS, PhaseSettings.TOLERANCE), Progress.NONE, null);
		long t0 = System.nanoTime();
		TrainingPhases.Result r = TrainingPhases.fit(s, Progress.NONE, null);
		double seconds = (System.nanoTime() - t0) * 1e-9;
		System.out.printf(Locale.ROOT, "sweep K=1..8 x 10 restarts, full: %.2f s (train runs %s, test runs %s); chose %s%n",
				seconds, r.trainRuns(), r.testRuns(), r.rule());
		System.out.println("K,heldout_ll_best,heldout_ll_mean,train_ll,bic");
		for (SweepRow w : r.sweep())
			System.out.printf(Locale.ROOT, "%d,%.2f,%.2f,%.2f,%.2f%n", w.states(), w.heldoutBest(), w.heldoutMean(), w.trainLl(),
					w.bic());
	}
}
