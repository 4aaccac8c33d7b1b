package org.latentj.hmm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latentj.dynamics.PhaseSettings;
import org.latentj.dynamics.TrainingPhases;
import org.latentj.dynamics.ZScoredRuns;
import org.latentj.util.NumpyRandom;
import org.latentj.util.Progress;

/**
 * The k-means of the training-dynamics sweep alone (issue 9): {@link SklearnKMeans#centers} for K = 1..8 x 10
 * restarts (the sweep's random states, seed 0) on the sweep's training rows (test_fraction 0.2: 1,500 rows of the
 * six shared runs), thread CPU per round; ROUNDS (default 10) rounds of the version before the multi-row kernels
 * ({@link SklearnKMeansBefore}, src/test) and of this one alternating, the first two rounds warm-up. Prints the sum of
 * the centres' bits per round: the two versions' sums agree.
 * Run: java -cp 'target/classes:target/test-classes:target/lib/*' org.latentj.hmm.SklearnKMeansBench FOLDER [ROUNDS]
 * (after mvn -Pbench test-compile; it sits in org.latentj.hmm for the package-private SklearnKMeans, so the pom's
 * -Dbench=NAME route, which runs org.latentj.bench.NAME, does not reach it).
 */
public final class SklearnKMeansBench {

	public static void main(String[] args) {
		String folder = args.length > 0 ? args[0] : "../shared/data/training-runs";
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
		// the sweep's split (DynamicsBench's settings at K = 1, one restart)
		TrainingPhases.Result split = TrainingPhases.fit(new PhaseSettings(folder, "default", 1000, 1, 1, 1,
				GaussianHmm.Covariance.FULL, 0.2, 0, false, null, PhaseSettings.ITERATIONS, PhaseSettings.TOLERANCE),
				Progress.NONE, null);
		ZScoredRuns z = split.runs();
		int d = z.dim(), n = 0;
		List<double[]> train = new ArrayList<>();
		for (int i = 0; i < z.data.size(); i++)
			if (!split.testRuns().contains(z.runs.get(i).name)) {
				train.add(z.data.get(i));
				n += z.data.get(i).length / d;
			}
		double[] all = new double[n * d];
		int off = 0;
		for (double[] x : train) {
			System.arraycopy(x, 0, all, off, x.length);
			off += x.length;
		}
		ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		List<Double> now = new ArrayList<>(), before = new ArrayList<>();
		for (int round = 0; round < rounds; round++)
			for (boolean current : new boolean[] { false, true }) {
				long c0 = bean.getCurrentThreadCpuTime(), bits = 0;
				for (int k = 1; k <= 8; k++)
					for (int r = 0; r < 10; r++) {
						NumpyRandom random = new NumpyRandom(TrainingPhases.randomState(0, 10, r));
						double[][] c = current ? SklearnKMeans.centers(all, n, d, k, random)
								: SklearnKMeansBefore.centers(all, n, d, k, random);
						for (double[] row : c)
							for (double v : row) bits += Double.doubleToRawLongBits(v);
					}
				double s = (bean.getCurrentThreadCpuTime() - c0) * 1e-9;
				if (round >= 2) (current ? now : before).add(s);
				System.out.printf(Locale.ROOT, "round %d %s: %.3f s thread CPU (%d rows, bits %x)%n", round,
						current ? "this version" : "before", s, n, bits);
			}
		now.sort(null);
		before.sort(null);
		if (!now.isEmpty())
			System.out.printf(Locale.ROOT, "median thread CPU of rounds 2..%d: before %.3f s, this version %.3f s%n", rounds - 1,
					before.get(before.size() / 2), now.get(now.size() / 2));
	}
}
