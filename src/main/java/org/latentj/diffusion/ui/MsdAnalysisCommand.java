package org.latentj.diffusion.ui;

import org.latentj.diffusion.DiffusionInputs;
import org.latentj.ui.Png;
import org.latentj.ui.Present;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.latentj.io.AtomicOutput;
import org.latentj.io.CsvWriter;
import org.latentj.diffusion.MsdAnalysis;
import org.latentj.diffusion.Trajectories;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
import org.latentj.diffusion.ui.MsdViews;
import org.latentj.ui.ResultsTables;
import org.latentj.diffusion.ui.TrajectoryImages;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * Classical MSD analysis of trajectories (a trajectory CSV, or in the GUI the open trajectory image
 * and its parameter table): time-averaged MSD per trajectory over lags 1..ta_max_lag (default T/10)
 * and ensemble-averaged MSD per (alpha, D) cell over lags 1..max_lag (default T), each fitted
 * log-log for alpha and D (see {@link MsdAnalysis}). For SBM only the ensemble fit recovers alpha.
 * <p>
 * With {@code output} (a folder): msd_estimates.csv (per cell: true values, EA fit, TA spread),
 * msd_trajectories.csv (per trajectory TA fit), msd_curves.csv (per cell and lag: EA-MSD and the mean TA-MSD) and
 * msd_curves.png (the plot). In the GUI the estimates table and the log-log plot are shown.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Diffusion>MSD Analysis", headless = true)
public class MsdAnalysisCommand implements Command {

	public static final String LABEL = "MSD Analysis";

	@Parameter(label = "Trajectory CSV (empty: the open image)", required = false, persist = false)
	public File data;
	@Parameter(label = "Values", choices = { "auto", "displacements", "positions" }, persist = false)
	public String what = "auto";
	@Parameter(label = "EA-MSD lags (0 = T)", min = "0", persist = false)
	public int max_lag = 0;
	@Parameter(label = "TA-MSD lags (0 = T/10)", min = "0", persist = false)
	public int ta_max_lag = 0;
	@Parameter(label = "Output folder (optional)", style = "directory", required = false, persist = false)
	public File output;

	/** The analysis of the last run (for callers in Java). */
	public MsdAnalysis.Result result;

	@Override
	public void run() {
		if (DiffusionInputs.given(output)) DiffusionInputs.outputFolder(output, "the MSD tables", data);
		Progress progress = Present.progress(LABEL);
		Trajectories t = DiffusionInputs.given(data) ? DiffusionInputs.readTrajectories(data, what, progress.stage(0, 0.5)).trajectories() : openImage();
		int length = t.length();
		int lags = max_lag == 0 ? MsdAnalysis.defaultMaxLag(length) : max_lag;
		int taLags = ta_max_lag == 0 ? MsdAnalysis.defaultTaMaxLag(length) : ta_max_lag;
		if (lags < 2 || lags > length)
			throw new BadInputException("The key 'max_lag' is " + max_lag + "; it must be 0 (all " + length + " lags) or in 2.." + length + ".");
		if (taLags < 2 || taLags > length)
			throw new BadInputException("The key 'ta_max_lag' is " + ta_max_lag + "; it must be 0 (T/10) or in 2.." + length + ".");
		MsdAnalysis.Result r = MsdAnalysis.analyse(t, lags, taLags, progress.stage(0.5, 0.95));
		result = r;
		double[][] cells = MsdViews.cellRows(r);
		Plot plot = MsdViews.eaPlot(r);
		if (DiffusionInputs.given(output)) write(output.toPath(), r, cells, t, plot);
		progress.update(1, null);
		Present.table(ResultsTables.of(MsdViews.CELL_COLUMNS, cells), "MSD estimates");
		Present.plot(plot);
		int unfitted = r.unfittedTrajectories();
		Present.status(String.format("MSD of %d trajectories in %d cells%s%s.", t.count(), r.cells.count(),
				unfitted == 0 ? "" : "; " + unfitted + " never moved and have no TA fit (NaN in msd_trajectories.csv)", DiffusionInputs.readAs(what, t)));
	}

	/** The open trajectory image and the table it names (GUI use). */
	private Trajectories openImage() {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) throw new BadInputException("No trajectory CSV given ('data') and no image is open.");
		Object tableTitle = imp.getProperty(TrajectoryImages.TABLE_PROPERTY);
		ResultsTable params = tableTitle == null ? null : ResultsTable.getResultsTable(tableTitle.toString());
		if (params == null) params = ResultsTable.getResultsTable();
		return TrajectoryImages.fromImage(imp, params, DiffusionInputs.kind(what, true));
	}

	private static void write(Path folder, MsdAnalysis.Result r, double[][] cells, Trajectories t, Plot plot) {
		try (AtomicOutput.Staging s = AtomicOutput.stageFolder(folder)) {
			try (CsvWriter w = new CsvWriter(s.dir().resolve("msd_estimates.csv"), MsdViews.CELL_COLUMNS)) {
				for (double[] row : cells) w.row(row);
				w.commit();
			}
			try (CsvWriter w = new CsvWriter(s.dir().resolve("msd_trajectories.csv"), MsdViews.TRAJECTORY_COLUMNS)) {
				for (double[] row : MsdViews.trajectoryRows(r, t.alphas(), t.ds())) w.row(row);
				w.commit();
			}
			String[] header = new String[3 + r.maxLag + r.taMaxLag];
			header[0] = "alpha";
			header[1] = "D";
			header[2] = "n";
			for (int k = 1; k <= r.maxLag; k++) header[2 + k] = "ea_msd_" + k;
			for (int k = 1; k <= r.taMaxLag; k++) header[2 + r.maxLag + k] = "mean_ta_msd_" + k;
			try (CsvWriter w = new CsvWriter(s.dir().resolve("msd_curves.csv"), header)) {
				double[] row = new double[header.length];
				for (int c = 0; c < r.cells.count(); c++) {
					row[0] = r.cells.alpha(c);
					row[1] = r.cells.d(c);
					row[2] = r.cells.rows(c).length;
					System.arraycopy(r.eaMsd, c * r.maxLag, row, 3, r.maxLag);
					System.arraycopy(r.meanTaMsd, c * r.taMaxLag, row, 3 + r.maxLag, r.taMaxLag);
					w.row(row);
				}
				w.commit();
			}
			Path png = s.dir().resolve("msd_curves.png");
			Png.save(plot.getImagePlus(), png);
			s.commit();
		} catch (IOException e) {
			throw new BadInputException("Cannot write the output folder " + folder + " (" + e.getMessage() + ").", e);
		}
	}
}
