package org.latentj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.latentj.diffusion.BetaSchedule;
import org.latentj.diffusion.SbmGrid;
import org.latentj.diffusion.SbmSimulator;
import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.VaeTrainer;
import org.latentj.util.Progress;

/**
 * The CPU time of one Train Latent Model epoch on one thread (the dense layers, the decoder's likelihood and Adam),
 * for comparing two builds side by side: 20,000 SBM trajectories of 400 steps (16,000 trained on), 6 latents, batch
 * 256, SPIVAE's beta schedule. The epoch's time is a 3-epoch run's / 3 (set-up and validation, a few percent, included:
 * the difference of a 3-epoch and a 1-epoch run, which leaves them out, scattered by +-30 % on the shared machine);
 * reps runs, the median and best printed. Uses only the public API, so the same file builds against older
 * versions. Run with {@code -Dlatentj.threads=1}: every chunk then runs on the calling thread, whose CPU time is
 * the whole cost.
 * Run: java -Dlatentj.threads=1 -cp 'target/lib/*:target/classes:target/test-classes' org.latentj.bench.VaeEpochBench [reps]
 */
public final class VaeEpochBench {

	public static void main(String[] args) {
		int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
		ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(0.2, 1.8, 9, 1e-3, 1e1, 5), 445, 400, 1, Trajectories.Kind.DISPLACEMENTS,
				Progress.NONE);
		VaeTrainer.Settings three = new VaeTrainer.Settings(6, 3, 256, 1e-3, BetaSchedule.parse(BetaSchedule.SPIVAE), 1, 0.2);
		VaeTrainer.train(t, three, Progress.NONE); // warm-up
		double[] epoch = new double[reps];
		for (int r = 0; r < reps; r++) {
			long c0 = mx.getCurrentThreadCpuTime();
			VaeTrainer.train(t, three, Progress.NONE);
			epoch[r] = (mx.getCurrentThreadCpuTime() - c0) / 3 * 1e-9;
			System.out.printf("run %d: one epoch %.3f s CPU (threads=%s)%n", r + 1, epoch[r], System.getProperty("latentj.threads"));
		}
		java.util.Arrays.sort(epoch);
		System.out.printf("%s: %d trajectories; one epoch, median %.3f s, best %.3f s of thread CPU time%n", Machine.describe(), t.count(),
				org.latentj.util.Median.of(epoch), epoch[0]);
	}
}
