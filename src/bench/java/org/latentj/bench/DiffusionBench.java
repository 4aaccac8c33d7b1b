package org.latentj.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.latentj.io.TrajectoryCsv;
import org.latentj.model.diffusion.BetaSchedule;
import org.latentj.model.diffusion.LatentEncoder;
import org.latentj.model.diffusion.LatentVae;
import org.latentj.model.diffusion.MsdAnalysis;
import org.latentj.model.diffusion.SbmGrid;
import org.latentj.model.diffusion.SbmSimulator;
import org.latentj.model.diffusion.Trajectories;
import org.latentj.model.diffusion.VaeTrainer;
import org.latentj.util.Progress;

/**
 * Issue 5 figures: simulating SPIVAE's grid with n = 476 (99,960 x 400), one training epoch over 80k
 * trajectories, encoding 100k, plus the CSV and MSD costs around them.
 * Run: mvn -B -q -Pbench test-compile exec:java -Dbench=DiffusionBench
 */
public final class DiffusionBench {

	public static void main(String[] args) throws Exception {
		System.out.println(Machine.describe());
		Trajectories[] holder = new Trajectories[1];
		double sim = Machine.medianSeconds(2, 5, () -> holder[0] = SbmSimulator.simulate(SbmGrid.SPIVAE, 476, 400, 1,
				Trajectories.Kind.DISPLACEMENTS, Progress.NONE));
		Trajectories t = holder[0];
		System.out.printf("simulate SBM, default grid, n = 476 (%d x 400 = %.1fM normals): %.3f s   (target <= 1 s)%n", t.count(),
				t.count() * 400 / 1e6, sim);

		Path tmp = Files.createTempDirectory("latentj-bench");
		Path csv = tmp.resolve("sbm.csv");
		long t0 = System.nanoTime();
		TrajectoryCsv.write(csv, t, Progress.NONE);
		double write = (System.nanoTime() - t0) * 1e-9;
		t0 = System.nanoTime();
		Trajectories back = TrajectoryCsv.read(csv, null, Progress.NONE);
		double read = (System.nanoTime() - t0) * 1e-9;
		System.out.printf("trajectory CSV (%.0f MB): write %.2f s, read %.2f s (exact round trip: %s)%n", Files.size(csv) / 1e6, write, read,
				java.util.Arrays.equals(back.values(), t.values()));
		Files.delete(csv);
		Files.delete(tmp);

		double msd = Machine.medianSeconds(1, 3, () -> MsdAnalysis.analyse(t, 400, 40, Progress.NONE));
		System.out.printf("MSD analysis (TA lags 1..40 per trajectory, EA lags 1..400 per cell): %.2f s%n", msd);

		// One epoch over 80k trajectories (100k with 20% held out), default settings; the time of a
		// 3-epoch run minus a 1-epoch run isolates the per-epoch cost from set-up and validation.
		VaeTrainer.Settings one = new VaeTrainer.Settings(6, 1, 256, 1e-3, BetaSchedule.parse(BetaSchedule.SPIVAE), 1, 0.2);
		VaeTrainer.Settings three = new VaeTrainer.Settings(6, 3, 256, 1e-3, BetaSchedule.parse(BetaSchedule.SPIVAE), 1, 0.2);
		VaeTrainer.train(t.rows(java.util.stream.IntStream.range(0, 5000).toArray()), one, Progress.NONE); // warm-up
		t0 = System.nanoTime();
		VaeTrainer.Result r1 = VaeTrainer.train(t, one, Progress.NONE);
		double e1 = (System.nanoTime() - t0) * 1e-9;
		t0 = System.nanoTime();
		VaeTrainer.train(t, three, Progress.NONE);
		double e3 = (System.nanoTime() - t0) * 1e-9;
		System.out.printf("training: 1 epoch over %d trajectories incl. set-up and validation %.2f s; per epoch (3-epoch minus 1-epoch run / 2) %.2f s"
				+ "   (target <= 30 s)%n", r1.trainCount(), e1, (e3 - e1) / 2);

		LatentVae vae = r1.model();
		double enc = Machine.medianSeconds(2, 5, () -> LatentEncoder.encode(vae, t, Progress.NONE));
		System.out.printf("encode %d trajectories: %.3f s   (target <= 2 s)%n", t.count(), enc);
	}
}
