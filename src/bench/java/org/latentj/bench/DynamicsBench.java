package org.latentj.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.latentj.dynamics.PhaseSettings;
import org.latentj.dynamics.SweepRow;
import org.latentj.dynamics.TrainingPhases;
import org.latentj.dynamics.ZScoredRuns;
import org.latentj.hmm.GaussianHmm;
import org.latentj.util.Progress;

/**
 * Issue 9's sweep: K = 1..8 x 10 restarts, full covariance, on the six shared training runs (1,800 rows,
 * D = 14; one run held out, seed 0), EM up to 100 iterations with hmmlearn's tol 1e-2. Prints the wall time
 * and the held-out log-likelihood per K; {@code src/bench/python/hmmlearn_sweep.py} runs hmmlearn's GaussianHMM on the
 * same split for the comparison in BENCHMARKS.md. Argument: the training-runs folder (default
 * ../shared/data/training-runs); {@code FOLDER sweeps N} runs the sweep N times (default 5) in this JVM, the
 * first cold (JIT compilation included), and prints each one's wall and process CPU time.
 * <p>
 * {@code DynamicsBench FOLDER restarts K N}: restarts 0..N-1 of one K on the same split, drawn as the sweep draws
 * them (restarts 0..9 are the sweep's), each one's training and held-out log-likelihood, and the best of each
 * block of 10: whether the sweep's best held-out score at a K is typical of 10 restarts or a lucky draw
 * ({@code hmmlearn_sweep.py FOLDER --restarts K 0 N parity_seed4} for hmmlearn).
 */
public final class DynamicsBench {

	public static void main(String[] args) {
		System.out.println(Machine.describe());
		String runs = args.length > 0 ? args[0] : Path.of("../shared/data/training-runs").toString();
		String mode = args.length > 1 ? args[1] : "sweeps";
		if (mode.equals("restarts") && args.length == 4) {
			restarts(runs, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			return;
		}
		if (!mode.equals("sweeps") || args.length == 2 || args.length > 3)
			throw new IllegalArgumentException("Usage: DynamicsBench [FOLDER [sweeps N | restarts K N]], not " + String.join(" ", args) + ".");
		int sweeps = args.length == 3 ? Integer.parseInt(args[2]) : 5;
		if (sweeps < 1) throw new IllegalArgumentException("sweeps must be at least 1, not " + sweeps + ".");
		PhaseSettings s = new PhaseSettings(runs, "default", 1000, 8, 0, 10, GaussianHmm.Covariance.FULL, 0.2, 0, false, null,
				PhaseSettings.ITERATIONS, PhaseSettings.TOLERANCE);
		// process CPU beside wall time: on a shared machine the wall time is mostly the wait for a core. The first
		// sweep runs in a fresh JVM (a headless batch: JIT compilation included), the later ones warm (Fiji's case).
		var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		TrainingPhases.Result r = null;
		for (int i = 1; i <= sweeps; i++) {
			long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
			r = TrainingPhases.fit(s, Progress.NONE, null);
			double seconds = (System.nanoTime() - t0) * 1e-9, cpu = (os.getProcessCpuTime() - c0) * 1e-9;
			System.out.printf(Locale.ROOT, "sweep %d (%s) K=1..8 x 10 restarts, full: %.2f s wall, %.2f s process CPU%n", i,
					i == 1 ? "cold JVM" : i == 2 ? "partly cold" : "warm", seconds, cpu);
		}
		System.out.printf(Locale.ROOT, "train runs %s, test runs %s; chose %s%n", r.trainRuns(), r.testRuns(), r.rule());
		System.out.println("K,heldout_ll_best,heldout_ll_mean,train_ll,bic");
		for (SweepRow w : r.sweep())
			System.out.printf(Locale.ROOT, "%d,%.2f,%.2f,%.2f,%.2f%n", w.states(), w.heldoutBest(), w.heldoutMean(), w.trainLl(),
					w.bic());
	}

	/** Restarts 0..n-1 of K, full covariance, on the sweep's split (test_fraction 0.2, seed 0), one after the other. */
	static void restarts(String runs, int k, int n) {
		TrainingPhases.Result split = TrainingPhases.fit(new PhaseSettings(runs, "default", 1000, k, k, 1,
				GaussianHmm.Covariance.FULL, 0.2, 0, false, null, PhaseSettings.ITERATIONS, PhaseSettings.TOLERANCE),
				Progress.NONE, null);
		ZScoredRuns z = split.runs();
		List<double[]> train = new ArrayList<>(), test = new ArrayList<>();
		for (int i = 0; i < z.data.size(); i++)
			(split.testRuns().contains(z.runs.get(i).name) ? test : train).add(z.data.get(i));
		System.out.printf(Locale.ROOT, "K=%d, restarts 0..%d, full (train runs %s, test runs %s)%n", k, n - 1,
				split.trainRuns(), split.testRuns());
		System.out.println("restart,train_ll,heldout_ll,iterations");
		double[] heldout = new double[n];
		double bestTrain = Double.NEGATIVE_INFINITY;
		for (int r = 0; r < n; r++) {
			GaussianHmm.Fit f = GaussianHmm.fit(train, z.dim(), new GaussianHmm.Settings(k, GaussianHmm.Covariance.FULL,
					PhaseSettings.ITERATIONS, PhaseSettings.TOLERANCE, GaussianHmm.MIN_COVAR),
					TrainingPhases.randomState(0, n, r), Progress.NONE);
			heldout[r] = GaussianHmm.logLikelihood(f.hmm(), test);
			bestTrain = Math.max(bestTrain, f.logLik());
			System.out.printf(Locale.ROOT, "%d,%.2f,%.2f,%d%n", r, f.logLik(), heldout[r], f.iterations());
		}
		double[] sorted = heldout.clone();
		Arrays.sort(sorted);
		double mean = Arrays.stream(heldout).average().orElse(Double.NaN);
		System.out.printf(Locale.ROOT,
				"K=%d, %d restarts: held-out max %.0f, 90th percentile %.0f, median %.0f, mean %.0f; training max %.0f%n", k, n,
				sorted[n - 1], quantile(sorted, 0.9), quantile(sorted, 0.5), mean, bestTrain);
		StringBuilder b = new StringBuilder("best of each block of 10:");
		for (int i = 0; i + 10 <= n; i += 10)
			b.append(String.format(Locale.ROOT, " %.0f", Arrays.stream(heldout, i, i + 10).max().getAsDouble()));
		System.out.println(b);
	}

	/** numpy's default (linear) percentile of sorted values. */
	static double quantile(double[] sorted, double q) {
		double h = (sorted.length - 1) * q;
		int lo = (int) Math.floor(h), hi = Math.min(sorted.length - 1, lo + 1);
		return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
	}
}
