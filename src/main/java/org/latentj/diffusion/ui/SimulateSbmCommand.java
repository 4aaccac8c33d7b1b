package org.latentj.diffusion.ui;

import java.io.File;

import org.latentj.diffusion.SimulateSbm;
import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.What;
import org.latentj.ui.Present;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Simulates scaled Brownian motion on an (alpha, D) grid, as SPIVAE's training data (see
 * {@link SimulateSbm}). The defaults reproduce SPIVAE's grid (21 alphas in [0.2, 1.8], 10 D geometric
 * in [1e-5, 1e-2], T = 400, 476 per cell: 99,960 trajectories). Deterministic for a seed, whatever the
 * number of threads.
 * <p>
 * Output: a CSV (alpha,D,x1..xT, SPIVAE's layout, holding displacements or positions) when {@code output} is set; in the GUI (or a
 * batch-mode macro) a 32-bit image with one row per trajectory and, in the GUI, its parameter table.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Diffusion>Simulate SBM", headless = true)
public class SimulateSbmCommand extends LatentJCommand {

	public static final String LABEL = "Simulate SBM";

	@Parameter(label = "Smallest alpha", description = "smallest anomalous exponent alpha of the grid (1 is normal diffusion)")
	public double alpha_min = 0.2;
	@Parameter(label = "Largest alpha", description = "largest anomalous exponent alpha of the grid")
	public double alpha_max = 1.8;
	@Parameter(label = "Alpha values (linear grid)", min = "1", description = "number of alpha values, evenly spaced from the smallest to the largest")
	public int alpha_steps = 21;
	@Parameter(label = "Smallest D", description = "smallest diffusion coefficient D of the grid")
	public double d_min = 1e-5;
	@Parameter(label = "Largest D", description = "largest diffusion coefficient D of the grid")
	public double d_max = 1e-2;
	@Parameter(label = "D values (geometric grid)", min = "1", description = "number of D values, geometrically spaced from the smallest to the largest")
	public int d_steps = 10;
	@Parameter(label = "Trajectories per (alpha, D)", min = "1", description = "trajectories simulated for each (alpha, D) pair")
	public int n = 476;
	@Parameter(label = "Length T (steps)", min = "2", description = "number of steps T of each trajectory")
	public int length = 400;
	@Parameter(label = "Seed", description = "random seed; the same seed gives the same trajectories")
	public long seed = 0;
	@Parameter(label = "Values", choices = { "displacements", "positions" }, description = "write positions or displacements (steps) in the CSV")
	public String what = "displacements";
	@Parameter(label = "Output CSV (optional)", style = "save", required = false, description = "CSV file written, one trajectory per row; leave empty to only show the trajectories")
	public File output;

	/** The settings these fields hold. */
	public SimulateSbm.Settings settings() {
		return new SimulateSbm.Settings(alpha_min, alpha_max, alpha_steps, d_min, d_max, d_steps, n, length, seed, What.parse(what, false),
				DiffusionCommands.path(output));
	}

	@Parameter(type = ItemIO.OUTPUT, label = "Trajectories")
	public ImagePlus image;
	@Parameter(type = ItemIO.OUTPUT, label = "Parameters")
	public ResultsTable parameters;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		SimulateSbm.Result r = SimulateSbm.run(settings(), Present.progress(LABEL));
		Trajectories t = r.trajectories();
		String title = "SBM " + t.kind().word;
		saved = r.output() == null ? null : r.output().toFile();
		image = TrajectoryImages.image(t, title);
		parameters = TrajectoryImages.parameterTable(t);
		Present.image(image);
		Present.table(parameters, TrajectoryImages.tableTitle(title));
		Present.status(String.format("Simulated %d SBM trajectories of %d steps%s.", t.count(), length,
				r.output() != null ? " into " + r.output().getFileName() : ""));
	}
}
