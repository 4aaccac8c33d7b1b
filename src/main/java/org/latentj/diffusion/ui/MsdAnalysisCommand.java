package org.latentj.diffusion.ui;

import java.io.File;

import org.latentj.diffusion.AnalyzeMsd;
import org.latentj.diffusion.MsdAnalysis;
import org.latentj.diffusion.MsdTables;
import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.What;
import org.latentj.ui.Present;
import org.latentj.ui.ResultsTables;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.WindowManager;
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
public class MsdAnalysisCommand extends LatentJCommand {

	public static final String LABEL = "MSD Analysis";

	@Parameter(label = "Trajectory CSV (empty: the open image)", required = false, description = "trajectories CSV (one per row); leave empty to analyze the open trajectory image", style = "open,extensions:csv")
	public File data;
	@Parameter(label = "Values", choices = { "auto", "displacements", "positions" }, description = "whether the values are positions or displacements; auto reads the CSV header")
	public String what = "auto";
	@Parameter(label = "EA-MSD lags (0 = T)", min = "0", description = "largest lag of the ensemble-averaged MSD, in steps; 0 uses every lag up to T")
	public int max_lag = 0;
	@Parameter(label = "TA-MSD lags (0 = T/10)", min = "0", description = "largest lag of the time-averaged MSD, in steps; 0 uses T/10")
	public int ta_max_lag = 0;
	@Parameter(label = "Output folder (optional)", style = "directory", required = false, description = "folder for the MSD tables and plots; leave empty to only show them")
	public File output;


	/** The settings these fields hold. */
	public AnalyzeMsd.Settings settings() {
		return new AnalyzeMsd.Settings(DiffusionCommands.path(data), What.parse(what), max_lag, ta_max_lag, DiffusionCommands.path(output));
	}

	@Parameter(type = ItemIO.OUTPUT, label = "MSD analysis")
	public AnalyzeMsd.Result result;
	@Parameter(type = ItemIO.OUTPUT, label = "MSD estimates")
	public ResultsTable estimates;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		AnalyzeMsd.Settings s = settings();
		Progress progress = Present.progress(LABEL);
		MsdFigures figures = new MsdFigures();
		AnalyzeMsd.Result r = s.data() != null ? AnalyzeMsd.run(s, progress, figures)
				: AnalyzeMsd.analyze(s, openImage(s.what()), progress, figures);
		result = r;
		estimates = ResultsTables.of(MsdTables.CELL_COLUMNS, MsdTables.cellRows(r.analysis()));
		saved = output;
		Present.table(estimates, "MSD estimates");
		Present.plot(figures.plot(r));
		Warnings.show(LABEL, r.warnings());
		Trajectories t = r.trajectories();
		Present.status(String.format("MSD of %d trajectories in %d cells%s%s.", t.count(), r.analysis().cells.count(),
				unfittedNote(r.analysis()), DiffusionCommands.readAs(s.what(), t)));
	}

	/** The status's note on trajectories without a TA fit, telling never-moving ones from overflowed ones. */
	static String unfittedNote(MsdAnalysis.Result a) {
		int still = a.unfittedTrajectories(), overflowed = a.overflowedTrajectories();
		String note = still == 0 ? "" : "; " + still + (still == 1 ? " never moved and has" : " never moved and have")
				+ " no TA fit (NaN in msd_trajectories.csv)";
		if (overflowed > 0) note += "; " + overflowed + (overflowed == 1 ? " has" : " have")
				+ " an infinite or NaN MSD (values too large to square) and no TA fit (NaN in msd_trajectories.csv)";
		return note;
	}

	/** The open trajectory image and the table it names (GUI use). */
	private static Trajectories openImage(What what) {
		if (Present.headless()) // a batch-mode image may be open, but its parameter table never is
			throw new BadInputException("No trajectory data given ('data'); the parameter table of an open trajectory image exists only in the GUI.");
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) throw new BadInputException("No trajectory CSV given ('data') and no image is open.");
		Object tableTitle = imp.getProperty(TrajectoryImages.TABLE_PROPERTY);
		ResultsTable params = tableTitle == null ? null : ResultsTable.getResultsTable(tableTitle.toString());
		if (params == null) params = ResultsTable.getResultsTable();
		return TrajectoryImages.fromImage(imp, params, what.kind());
	}
}
