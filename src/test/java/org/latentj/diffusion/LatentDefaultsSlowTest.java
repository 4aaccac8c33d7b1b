package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Issue 14's 3-of-3 rule at reduced size: Train Latent Model with 'batch' and 'epochs' left at auto
 * (the command's defaults, checked in DiffusionCommandsTest, as are the others used here) on SBM over SPIVAE's grid with T = 300
 * and 10 trajectories per cell (2,100, of which 1,680 train) must leave exactly 2 informative neurons
 * (on a fresh simulation, as Latent Analysis counts them) and no collapse warning, for seeds 0, 1
 * and 2. Auto gives batch 32 and 114 epochs (6,042 Adam steps).
 * <p>
 * It can fail: on the same data the pre-issue-14 defaults, batch 256 and 50 epochs (7 batches an
 * epoch, 350 steps), left 5, 6 and 6 of 6 neurons informative for seeds 0, 1, 2; half the automatic
 * steps (batch 32, 57 epochs, 3,021 steps) left 4, 2 and 3 (measured 2026-12-07 with the same data and
 * seeds). With auto the four switched-off neurons cost at most 0.020 nats of KL each, the two
 * informative ones 1.09-1.21 and 3.59-3.64.
 * <p>
 * Slow (a separate class for that reason; the cost cannot shrink below 3 x 6,000 steps of the
 * smallest automatic batch): 580k trajectory-steps, ~20 s of CPU at the 35 us each of
 * docs/bench-diffusion.md; the seeds run side by side (a batch of 32 is one chunk, one thread).
 * Measured on the shared 2-core build machine (2026-12-07): 52-69 s at load average 2-10, 148 s at 25.
 */
class LatentDefaultsSlowTest {

	@TempDir
	Path dir;

	@Test
	void defaultsCollapseToTwoNeuronsForThreeOfThreeSeeds() throws IOException {
		int length = 300;
		Path data = dir.resolve("sbm.csv");
		TrajectoryCsv.write(data, SbmSimulator.simulate(SbmGrid.SPIVAE, 10, length, 0, Trajectories.Kind.DISPLACEMENTS, Progress.NONE),
				Progress.NONE);
		Trajectories fresh = SbmSimulator.simulate(SbmGrid.SPIVAE, 20, length, 99, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		TrainLatentModel.Result[] runs = new TrainLatentModel.Result[3];
		Parallel.forEach(3, seed -> runs[seed] = TrainLatentModel.run(new TrainLatentModel.Settings(data, What.AUTO, 6, TrainingLength.AUTO,
				TrainingLength.AUTO, 1e-3, TrainLatentModel.beta(BetaSchedule.SPIVAE), seed, 0.2, dir.resolve("m" + seed + ".json")),
				Progress.NONE));
		StringBuilder report = new StringBuilder();
		int[] informative = new int[3];
		for (int seed = 0; seed < 3; seed++) {
			VaeTrainer.Settings s = runs[seed].training().settings();
			assertEquals(32, s.batch());
			assertEquals(114, s.epochs());
			LatentAnalysis.Result a = LatentAnalysis.analyze(LatentEncoder.encode(runs[seed].training().model(), fresh, Progress.NONE), length);
			informative[seed] = a.informativeCount();
			report.append("seed ").append(seed).append(": ").append(informative[seed]).append(" informative, KL");
			for (double kl : a.kl) report.append(String.format(" %.3f", kl));
			report.append("; warnings ").append(runs[seed].warnings()).append('\n');
		}
		System.out.print(report);
		for (int seed = 0; seed < 3; seed++) {
			assertEquals(2, informative[seed], report.toString());
			assertTrue(runs[seed].warnings().isEmpty(), report.toString());
		}
	}
}
