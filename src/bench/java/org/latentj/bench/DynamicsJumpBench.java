package org.latentj.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latentj.dynamics.PhaseSettings;
import org.latentj.dynamics.SweepRow;
import org.latentj.dynamics.TrainingPhases;
import org.latentj.dynamics.TrainingRun;
import org.latentj.dynamics.TrainingRuns;
import org.latentj.hmm.GaussianHmm;
import org.latentj.util.Progress;

/**
 * Issue 9's val_acc goal, measured per option: on the six shared runs, the model BIC chooses should put a
 * phase change within 10 epochs of both val_acc jumps (seed 0 at 59, seed 1 at 169) and keep epochs 0-10
 * out of the last epoch's phase. For each option it prints K, the phases of every run, the change nearest
 * each jump and whether the plateau goal holds (docs/dynamics.md, "The val_acc jumps", has the table).
 * <p>
 * Arguments: the training-runs folder (default ../shared/data/training-runs), then options
 * {@code cov:slopes:maxStates[:seed[:maxRows]]} (default: the table's rows). {@code slopes} N > 0 appends
 * to the 14 metrics each one's slope, the least-squares line through rows t-N..t+N (cut at the ends),
 * z-scored like the values; -N models the slopes alone; 0 the values, as the command does. Slopes are
 * not a key of the command: they met the goal for one restart seed of one window (the docs' table).
 * Always 10 restarts, nothing held out, as the command's defaults.
 */
public final class DynamicsJumpBench {

	static final String[] TABLE = { "full:0:8", "full:0:8:1", "full:0:8:0:200", "full:0:8:0:250", "diag:0:8", "diag:0:5",
			"diag:0:6", "diag:0:6:1", "diag:0:6:2", "diag:0:7", "diag:0:8:0:200", "diag:0:8:1:200", "diag:0:8:2:200", "diag:0:8:0:250", "full:5:8", "full:7:8", "full:8:8",
			"full:10:8", "full:10:8:1", "full:10:8:2", "full:10:8:3", "full:12:8", "full:15:8", "full:20:8", "full:-5:8", "full:-10:8",
			"full:-10:8:1", "diag:5:8", "diag:10:8" };

	public static void main(String[] args) {
		System.out.println(Machine.describe());
		String runs = args.length > 0 ? args[0] : Path.of("../shared/data/training-runs").toString();
		String[] options = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : TABLE;
		System.out.println("option | K | seed0 (jump 59): nearest change | seed1 (jump 169): nearest change | plateau goal | s");
		for (String option : options) {
			String[] c = option.split(":");
			GaussianHmm.Covariance cov = GaussianHmm.Covariance.parse(c[0]);
			int slopes = Integer.parseInt(c[1]), maxK = Integer.parseInt(c[2]);
			long seed = c.length > 3 ? Long.parseLong(c[3]) : 0;
			int maxRows = c.length > 4 ? Integer.parseInt(c[4]) : 1000;
			TrainingRuns.Read read = TrainingRuns.read(TrainingRuns.files(runs), "default", maxRows, maxK, false);
			List<TrainingRun> rs = new ArrayList<>();
			for (TrainingRun r : read.runs()) rs.add(slopes == 0 ? r : withSlopes(r, Math.abs(slopes), slopes > 0));
			PhaseSettings s = new PhaseSettings(runs, "default", maxRows, maxK, 0, 10, cov, 0, seed, false, null,
					PhaseSettings.ITERATIONS, PhaseSettings.TOLERANCE);
			long t0 = System.nanoTime();
			TrainingPhases.Result r = TrainingPhases.fit(s, rs, List.of(), Progress.NONE, null);
			double seconds = (System.nanoTime() - t0) * 1e-9;
			for (SweepRow w : r.sweep())
				System.out.printf(Locale.ROOT, "    K=%d train_ll=%.0f bic=%.0f%n", w.states(), w.trainLl(), w.bic());
			boolean plateau = true;
			String[] nearest = new String[2];
			for (int i = 0; i < rs.size(); i++) {
				TrainingRun run = rs.get(i);
				int[] p = r.labels().paths().get(i);
				StringBuilder b = new StringBuilder();
				for (int t = 0; t < p.length; t++)
					if (t == 0 || p[t] != p[t - 1]) b.append(' ').append(p[t]).append('@').append((int) run.epochs[t]);
				boolean ok = true;
				for (int t = 0; t < p.length && run.epochs[t] <= 10; t++)
					if (p[t] == p[p.length - 1]) ok = false;
				plateau &= ok;
				double jump = jump(run), near = Double.NaN;
				for (int t = 1; t < p.length; t++)
					if (p[t] != p[t - 1] && !(Math.abs(run.epochs[t] - jump) >= Math.abs(near - jump))) near = run.epochs[t];
				if (run.name.equals("parity_seed0") || run.name.equals("parity_seed1"))
					nearest[run.name.endsWith("0") ? 0 : 1] = (int) near + (Math.abs(near - jump) <= 10 ? " (yes)" : " (no)");
				System.out.printf(Locale.ROOT, "    %s%s:%s%n", run.name, ok ? "" : " (plateau goal fails)", b);
			}
			System.out.printf(Locale.ROOT, "%s | %d | %s | %s | %s | %.0f%n", option, r.chosen(), nearest[0], nearest[1],
					plateau ? "met" : "not met", seconds);
		}
	}

	/** The first epoch where val_acc exceeds 0.9 (NaN if never). */
	static double jump(TrainingRun run) {
		double[] acc = run.scores.get("val_acc");
		for (int t = 0; t < acc.length; t++)
			if (acc[t] > 0.9) return run.epochs[t];
		return Double.NaN;
	}

	/** The run with each metric's slope (per epoch, least squares over rows t-half..t+half) appended, or alone. */
	static TrainingRun withSlopes(TrainingRun r, int half, boolean values) {
		int t = r.frames(), d = r.dim();
		List<String> header = new ArrayList<>(List.of(r.epochColumn)), slopeNames = new ArrayList<>();
		List<double[]> cols = new ArrayList<>(List.of(r.epochs)), slopeCols = new ArrayList<>();
		for (int m = 0; m < d; m++) {
			double[] v = r.column(m), s = new double[t];
			for (int i = 0; i < t; i++) {
				int a = Math.max(0, i - half), b = Math.min(t - 1, i + half);
				double me = 0, see = 0, sex = 0;
				for (int j = a; j <= b; j++) me += r.epochs[j];
				me /= b - a + 1;
				for (int j = a; j <= b; j++) {
					see += (r.epochs[j] - me) * (r.epochs[j] - me);
					sex += (r.epochs[j] - me) * v[j];
				}
				s[i] = sex / see;
			}
			if (values) {
				header.add(r.metrics.get(m));
				cols.add(v);
			}
			slopeNames.add(r.metrics.get(m) + "_slope");
			slopeCols.add(s);
		}
		header.addAll(slopeNames);
		cols.addAll(slopeCols);
		for (var e : r.scores.entrySet()) {
			header.add(e.getKey());
			cols.add(e.getValue());
		}
		return TrainingRun.of(r.name, r.source, header.toArray(String[]::new), cols.toArray(double[][]::new), "all",
				Integer.MAX_VALUE, new TrainingRun.Where() {
					@Override
					public String at(int row, int col) {
						return r.source + " row " + row + " column " + col;
					}

					@Override
					public String text(int row, int col) {
						return String.valueOf(cols.get(col)[row]);
					}
				});
	}
}
