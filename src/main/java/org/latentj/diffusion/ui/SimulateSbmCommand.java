package org.latentj.diffusion.ui;

import org.latentj.diffusion.DiffusionInputs;
import org.latentj.ui.Present;

import java.io.File;
import java.io.IOException;

import org.latentj.diffusion.TrajectoryCsv;
import org.latentj.diffusion.SbmGrid;
import org.latentj.diffusion.SbmSimulator;
import org.latentj.diffusion.Trajectories;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
import org.latentj.diffusion.ui.TrajectoryImages;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Simulates scaled Brownian motion on an (alpha, D) grid, as SPIVAE's training data: with sigma^2 =
 * 2 D, dx_t ~ N(0, sigma^2 (t^alpha - (t-1)^alpha)) for t = 1..T, positions their cumulative sums
 * from 0. The defaults reproduce SPIVAE's grid (21 alphas in [0.2, 1.8], 10 D geometric in
 * [1e-5, 1e-2], T = 400, 476 per cell: 99,960 trajectories). Deterministic for a seed, whatever the
 * number of threads.
 * <p>
 * Output: a CSV (alpha,D,x1..xT, SPIVAE's layout, holding displacements or positions) when {@code output} is set; in the GUI (or a
 * batch-mode macro) a 32-bit image with one row per trajectory and, in the GUI, its parameter table.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Diffusion>Simulate SBM", headless = true)
public class SimulateSbmCommand implements Command {

	public static final String LABEL = "Simulate SBM";

	@Parameter(label = "Smallest alpha", persist = false)
	public double alpha_min = 0.2;
	@Parameter(label = "Largest alpha", persist = false)
	public double alpha_max = 1.8;
	@Parameter(label = "Alpha values (linear grid)", min = "1", persist = false)
	public int alpha_steps = 21;
	@Parameter(label = "Smallest D", persist = false)
	public double d_min = 1e-5;
	@Parameter(label = "Largest D", persist = false)
	public double d_max = 1e-2;
	@Parameter(label = "D values (geometric grid)", min = "1", persist = false)
	public int d_steps = 10;
	@Parameter(label = "Trajectories per (alpha, D)", min = "1", persist = false)
	public int n = 476;
	@Parameter(label = "Length T (steps)", min = "2", persist = false)
	public int length = 400;
	@Parameter(label = "Seed", persist = false)
	public long seed = 0;
	@Parameter(label = "Values", choices = { "displacements", "positions" }, persist = false)
	public String what = "displacements";
	@Parameter(label = "Output CSV (optional)", style = "save", required = false, persist = false)
	public File output;

	@Override
	public void run() {
		Trajectories.Kind kind = DiffusionInputs.kind(what, false);
		DiffusionInputs.alphaRange("alpha_min", alpha_min);
		DiffusionInputs.alphaRange("alpha_max", alpha_max);
		if (alpha_max < alpha_min)
			throw new BadInputException("The key 'alpha_max' (" + alpha_max + ") is smaller than 'alpha_min' (" + alpha_min + ").");
		DiffusionInputs.positive("d_min", d_min);
		DiffusionInputs.positive("d_max", d_max);
		if (d_max < d_min) throw new BadInputException("The key 'd_max' (" + d_max + ") is smaller than 'd_min' (" + d_min + ").");
		DiffusionInputs.atLeast("alpha_steps", alpha_steps, 1);
		DiffusionInputs.atLeast("d_steps", d_steps, 1);
		DiffusionInputs.atLeast("n", n, 1);
		DiffusionInputs.atLeast("length", length, 2);
		long values = (long) alpha_steps * d_steps * n * length;
		if (values > Integer.MAX_VALUE - 8)
			throw new BadInputException("The simulation would hold " + values + " values (alpha_steps x d_steps x n x length); at most "
					+ (Integer.MAX_VALUE - 8) + " fit in memory at once.");
		org.latentj.util.Memory.require(org.latentj.util.Memory.product(values, 8, 2), LABEL + " (" + values + " values)");
		if (DiffusionInputs.given(output)) DiffusionInputs.outputFile(output, "output");

		Progress progress = Present.progress(LABEL);
		SbmGrid grid = SbmGrid.of(alpha_min, alpha_max, alpha_steps, d_min, d_max, d_steps);
		Trajectories t = SbmSimulator.simulate(grid, n, length, seed, kind, progress.stage(0, DiffusionInputs.given(output) ? 0.3 : 1));
		if (DiffusionInputs.given(output)) {
			try {
				TrajectoryCsv.write(output.toPath(), t, progress.stage(0.3, 1));
			} catch (IOException e) {
				throw new BadInputException("Cannot write the output " + output + " (" + e.getMessage() + ").", e);
			}
		}
		progress.update(1, null);
		String title = "SBM " + kind.word;
		if (!Present.headless() || ij.macro.Interpreter.isBatchMode()) {
			Present.image(TrajectoryImages.image(t, title));
			Present.table(TrajectoryImages.parameterTable(t), TrajectoryImages.tableTitle(title));
		}
		Present.status(String.format("Simulated %d SBM trajectories of %d steps%s.", t.count(), length,
				DiffusionInputs.given(output) ? " into " + output.getName() : ""));
	}
}
