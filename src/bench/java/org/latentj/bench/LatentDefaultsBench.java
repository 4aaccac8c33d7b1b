package org.latentj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.latentj.diffusion.LatentAnalysis;
import org.latentj.diffusion.LatentEncoder;
import org.latentj.diffusion.SbmGrid;
import org.latentj.diffusion.SbmSimulator;
import org.latentj.diffusion.TrainLatentModel;
import org.latentj.diffusion.TrajectoryCsv;
import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.ui.TrainLatentModelCommand;
import org.latentj.util.Progress;

/**
 * Issue 14's full-size check of Train Latent Model's defaults: on SPIVAE's grid with T = 300 and 400
 * trajectories per cell (84,000), and on 6,000 of them, each trained with the command's defaults
 * (its field values; 'epochs' and 'batch' auto) for seeds 0, 1, 2 through the entry point
 * {@link TrainLatentModel#run}. Per seed: the batch and epochs chosen, the Adam steps, the number of
 * informative neurons on a fresh simulation (seed 99, 20 per cell), each neuron's KL, Var(mu) and mean
 * log sigma^2, the post-training warning (none expected), wall and CPU time. The rule is met when
 * every run has exactly 2 informative neurons.
 * <p>
 * Run: {@code nice mvn -B -q -o -Pbench test-compile exec:java -Dbench=LatentDefaultsBench} (optional
 * args: {@code grid}, {@code 6000}, or {@code old} for the pre-issue-14 defaults, batch 256 and 50
 * epochs, on 6,000). 3 x 13,150 steps of batch 256, 3 x 6,000 of batch 64 and 3 x 950 of batch 256:
 * 530 s of CPU in all on the shared build machine (2026-12-07, BENCHMARKS.md), 42 minutes of wall time
 * there at load average 17-31.
 */
public final class LatentDefaultsBench {

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
	static final int LENGTH = 300;

	public static void main(String[] args) throws IOException {
		System.out.println(Machine.describe());
		String which = args.length > 0 ? args[0] : "all";
		Path dir = Files.createTempDirectory("latent-defaults");
		Trajectories test = SbmSimulator.simulate(SbmGrid.SPIVAE, 20, LENGTH, 99, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		Path small = null;
		if (which.equals("all") || which.equals("6000") || which.equals("old")) {
			Trajectories all = SbmSimulator.simulate(SbmGrid.SPIVAE, 29, LENGTH, 0, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
			small = write(dir.resolve("sbm6000.csv"), subset(all, 6000, 7));
		}
		if (which.equals("all") || which.equals("6000"))
			runSeeds("6,000 trajectories (SPIVAE grid, 29 per cell, 6,000 kept at random)", small, test, dir, 0, 0);
		if (which.equals("all") || which.equals("grid")) {
			Path csv = write(dir.resolve("sbm84000.csv"),
					SbmSimulator.simulate(SbmGrid.SPIVAE, 400, LENGTH, 0, Trajectories.Kind.DISPLACEMENTS, Progress.NONE));
			runSeeds("SPIVAE grid, 400 per cell (84,000 trajectories)", csv, test, dir, 0, 0);
			Files.delete(csv);
		}
		if (which.equals("all") || which.equals("old"))
			runSeeds("6,000 trajectories, old defaults (batch 256, 50 epochs)", small, test, dir, 256, 50);
		try (var files = Files.list(dir)) {
			for (Path p : (Iterable<Path>) files::iterator) Files.delete(p);
		}
		Files.delete(dir);
	}

	/** Trains seeds 0, 1, 2 with the command's defaults (batch and epochs overridden when not 0) and prints one line each. */
	static void runSeeds(String title, Path csv, Trajectories test, Path dir, int batch, int epochs) {
		System.out.printf("%n%s, T = %d; load average at start %.1f%n", title, LENGTH, OS.getSystemLoadAverage());
		int rule = 0;
		for (long seed = 0; seed < 3; seed++) {
			TrainLatentModelCommand c = new TrainLatentModelCommand();
			c.data = csv.toFile();
			c.output = dir.resolve("model.json").toFile();
			c.seed = seed;
			if (batch > 0) c.batch = batch;
			if (epochs > 0) c.epochs = epochs;
			long cpu0 = OS.getProcessCpuTime(), t0 = System.nanoTime();
			TrainLatentModel.Result r = TrainLatentModel.run(c.settings(), Progress.NONE);
			double wall = (System.nanoTime() - t0) * 1e-9, cpu = (OS.getProcessCpuTime() - cpu0) * 1e-9;
			LatentAnalysis.Result a = LatentAnalysis.analyze(LatentEncoder.encode(r.training().model(), test, Progress.NONE), LENGTH);
			var s = r.training().settings();
			int n = r.training().trainCount();
			StringBuilder neurons = new StringBuilder();
			for (int j = 0; j < a.latents; j++)
				neurons.append(String.format(" mu_%d: KL %.3f var %.3g logvar %.2f%s;", j, a.kl[j], a.varMu[j], a.meanLogVar[j],
						a.informative[j] ? " (informative)" : ""));
			System.out.printf("seed %d: batch %d, epochs %d, %d steps; informative %d; %.0f s wall, %.0f s CPU, load %.1f;%s warning: %s%n", seed,
					s.batch(), s.epochs(), (long) s.epochs() * ((n + s.batch() - 1) / s.batch()), a.informativeCount(), wall, cpu,
					OS.getSystemLoadAverage(), neurons, r.warnings().isEmpty() ? "none" : String.join(" ", r.warnings()));
			if (a.informativeCount() == 2) rule++;
		}
		System.out.printf("%s: 2 informative neurons for %d of 3 seeds%n", title, rule);
	}

	/** {@code count} rows of t drawn at random (seeded), kept in their order. */
	static Trajectories subset(Trajectories t, int count, long seed) {
		int[] p = new int[t.count()];
		for (int i = 0; i < p.length; i++) p[i] = i;
		SplittableRandom r = new SplittableRandom(seed);
		for (int i = p.length - 1; i > 0; i--) {
			int j = r.nextInt(i + 1), x = p[i];
			p[i] = p[j];
			p[j] = x;
		}
		int[] keep = Arrays.copyOf(p, count);
		Arrays.sort(keep);
		return t.rows(keep);
	}

	static Path write(Path path, Trajectories t) throws IOException {
		TrajectoryCsv.write(path, t, Progress.NONE);
		return path;
	}

	private LatentDefaultsBench() {
	}
}
