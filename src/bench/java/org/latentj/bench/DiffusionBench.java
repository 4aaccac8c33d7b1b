package org.latentj.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.latentj.diffusion.TrajectoryCsv;
import org.latentj.diffusion.BetaSchedule;
import org.latentj.diffusion.LatentEncoder;
import org.latentj.diffusion.LatentVae;
import org.latentj.diffusion.MsdAnalysis;
import org.latentj.diffusion.PowerLawFit;
import org.latentj.diffusion.SbmGrid;
import org.latentj.diffusion.SbmSimulator;
import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.VaeTrainer;
import org.latentj.util.Progress;

/**
 * Issue 5 figures: simulating SPIVAE's grid with n = 476 (99,960 x 400), one training epoch over 80k
 * trajectories, encoding 100k, plus the CSV and MSD costs around them, the accuracy of the EA-MSD
 * fit, and the cost per number of the exact CSV number parser and formatter.
 * Run: mvn -B -q -Pbench test-compile exec:java -Dbench=DiffusionBench
 */
public final class DiffusionBench {

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();

	/** Wall seconds and CPU seconds of this process (all threads) for one run: on a shared machine the CPU time is the steadier figure. */
	private static double[] time(Runnable work) {
		long c0 = OS.getProcessCpuTime(), t0 = System.nanoTime();
		work.run();
		return new double[] { (System.nanoTime() - t0) * 1e-9, (OS.getProcessCpuTime() - c0) * 1e-9 };
	}

	/** The run with the least wall time of {@code reps} after {@code warmups}. */
	private static double[] best(int warmups, int reps, Runnable work) {
		for (int i = 0; i < warmups; i++) work.run();
		double[] b = { Double.MAX_VALUE, 0 };
		for (int i = 0; i < reps; i++) {
			double[] t = time(work);
			if (t[0] < b[0]) b = t;
		}
		return b;
	}

	/** Over the cells of an analysis: {rms, worst} of the EA alpha error of the GLS fit, then of OLS on the same lags. */
	static double[] alphaErrors(MsdAnalysis.Result r) {
		double ss = 0, worst = 0, ssOls = 0, worstOls = 0;
		int cells = r.cells.count();
		for (int c = 0; c < cells; c++) {
			double e = r.eaFit[c].alpha() - r.cells.alpha(c);
			double o = PowerLawFit.ordinary(r.eaMsd, c * r.maxLag, r.maxLag).alpha() - r.cells.alpha(c);
			ss += e * e;
			ssOls += o * o;
			worst = Math.max(worst, Math.abs(e));
			worstOls = Math.max(worstOls, Math.abs(o));
		}
		return new double[] { Math.sqrt(ss / cells), worst, Math.sqrt(ssOls / cells), worstOls };
	}

	/**
	 * The accuracy of the EA fit that docs/diffusion.md quotes: 1,000 SBM trajectories of T = 400 per
	 * alpha, 9 alphas in [0.2, 1.8], over {@code seeds} simulations; GLS against OLS on lags 1..400.
	 */
	static void eaAccuracy(int seeds) {
		double ss = 0, worst = 0, ssOls = 0, worstOls = 0;
		int cells = 0;
		for (int seed = 0; seed < seeds; seed++) {
			Trajectories t = SbmSimulator.simulate(SbmGrid.of(0.2, 1.8, 9, 1e-3, 1e-3, 1), 1000, 400, seed, Trajectories.Kind.DISPLACEMENTS,
					Progress.NONE);
			MsdAnalysis.Result r = MsdAnalysis.analyze(t, 400, 2, Progress.NONE);
			double[] e = alphaErrors(r);
			int n = r.cells.count();
			ss += e[0] * e[0] * n;
			ssOls += e[2] * e[2] * n;
			worst = Math.max(worst, e[1]);
			worstOls = Math.max(worstOls, e[3]);
			cells += n;
		}
		System.out.printf("  EA alpha, 1,000 per alpha, T = 400, %d seeds x 9 alphas in [0.2, 1.8]: GLS rms %.4f, worst %.3f;"
				+ " OLS rms %.4f, worst %.3f%n", seeds, Math.sqrt(ss / cells), worst, Math.sqrt(ssOls / cells), worstOls);
	}

	/** Multiply-adds of one forward pass through the encoder and decoder's dense layers. */
	static long denseMultiplyAdds(LatentVae vae) {
		long m = 0;
		int in = vae.input().size();
		for (int h : LatentVae.ENCODER_HIDDEN) {
			m += (long) in * h;
			in = h;
		}
		m += (long) in * 2 * vae.latents();
		in = vae.latents();
		for (int h : LatentVae.DECODER_HIDDEN) {
			m += (long) in * h;
			in = h;
		}
		return m + (long) in * 2 * vae.basis();
	}

	public static void main(String[] args) throws Exception {
		System.out.println(Machine.describe());
		Trajectories[] holder = new Trajectories[1];
		double simMedian = Machine.medianSeconds(2, 5, () -> holder[0] = SbmSimulator.simulate(SbmGrid.SPIVAE, 476, 400, 1,
				Trajectories.Kind.DISPLACEMENTS, Progress.NONE));
		double[] sim = best(0, 5, () -> SbmSimulator.simulate(SbmGrid.SPIVAE, 476, 400, 1, Trajectories.Kind.DISPLACEMENTS, Progress.NONE));
		Trajectories t = holder[0];
		System.out.printf("simulate SBM, default grid, n = 476 (%d x 400 = %.1fM normals): median %.3f s, best %.3f s wall / %.3f s CPU"
				+ "   (target <= 1 s)%n", t.count(), t.count() * 400 / 1e6, simMedian, sim[0], sim[1]);

		Path tmp = Files.createTempDirectory("latentj-bench");
		Path csv = tmp.resolve("sbm.csv");
		double[] write = time(() -> {
			try {
				TrajectoryCsv.write(csv, t, Progress.NONE);
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		});
		Trajectories[] back = new Trajectories[1];
		double[] read = time(() -> back[0] = TrajectoryCsv.read(csv, null, Progress.NONE));
		System.out.printf("trajectory CSV (%.0f MB): write %.2f s wall / %.2f s CPU, read %.2f s wall / %.2f s CPU (exact round trip: %s)%n",
				Files.size(csv) / 1e6, write[0], write[1], read[0], read[1], java.util.Arrays.equals(back[0].values(), t.values()));
		Files.delete(csv);
		Files.delete(tmp);

		MsdAnalysis.Result[] msdResult = new MsdAnalysis.Result[1];
		double[] msd = best(1, 3, () -> msdResult[0] = MsdAnalysis.analyze(t, 400, 40, Progress.NONE));
		System.out.printf("MSD analysis (TA lags 1..40 per trajectory, EA lags 1..400 per cell): %.2f s wall / %.2f s CPU%n", msd[0], msd[1]);
		double[] grid = alphaErrors(msdResult[0]);
		System.out.printf("  EA alpha on the same set (476 per cell, %d cells, lags 1..400): GLS rms %.4f, worst %.3f;"
				+ " OLS on the same lags rms %.4f, worst %.3f%n", msdResult[0].cells.count(), grid[0], grid[1], grid[2], grid[3]);
		eaAccuracy(40);

		double[] ns = org.latentj.io.DecimalTimings.nanosPerNumber(1_000_000, 5);
		System.out.printf("numbers of a trajectory CSV (17 significant digits), ns each, best of 5 passes over 1M: parse %.0f"
				+ " (Double.parseDouble %.0f), format %.0f (Double.toString %.0f)%n", ns[0], ns[1], ns[2], ns[3]);

		// One epoch over 80k trajectories (100k with 20% held out), default settings; the time of a
		// 3-epoch run minus a 1-epoch run isolates the per-epoch cost from set-up and validation.
		VaeTrainer.Settings one = new VaeTrainer.Settings(6, 1, 256, 1e-3, BetaSchedule.parse(BetaSchedule.SPIVAE), 1, 0.2);
		VaeTrainer.Settings three = new VaeTrainer.Settings(6, 3, 256, 1e-3, BetaSchedule.parse(BetaSchedule.SPIVAE), 1, 0.2);
		VaeTrainer.train(t.rows(java.util.stream.IntStream.range(0, 5000).toArray()), one, Progress.NONE); // warm-up
		VaeTrainer.Result[] r1 = new VaeTrainer.Result[1];
		double[] e1 = time(() -> r1[0] = VaeTrainer.train(t, one, Progress.NONE));
		double[] e3 = time(() -> VaeTrainer.train(t, three, Progress.NONE));
		System.out.printf("training: 1 epoch over %d trajectories incl. set-up and validation %.2f s wall / %.2f s CPU; per epoch (3-epoch minus"
				+ " 1-epoch run, / 2) %.2f s wall / %.2f s CPU   (target <= 30 s)%n", r1[0].trainCount(), e1[0], e1[1], (e3[0] - e1[0]) / 2,
				(e3[1] - e1[1]) / 2);

		LatentVae vae = r1[0].model();
		long macs = denseMultiplyAdds(vae);
		double usPerTrajectory = (e3[1] - e1[1]) / 2 / r1[0].trainCount() * 1e6;
		System.out.printf("  per trajectory and epoch: %.1f us of CPU; dense layers %d multiply-adds forward, ~3x with backpropagation:"
				+ " %.1f GMAC/s of CPU time%n", usPerTrajectory, macs, 3 * macs / usPerTrajectory * 1e-3);
		double encMedian = Machine.medianSeconds(2, 5, () -> LatentEncoder.encode(vae, t, Progress.NONE));
		double[] enc = best(0, 5, () -> LatentEncoder.encode(vae, t, Progress.NONE));
		System.out.printf("encode %d trajectories: median %.3f s, best %.3f s wall / %.3f s CPU   (target <= 2 s)%n", t.count(), encMedian, enc[0],
				enc[1]);
	}
}
