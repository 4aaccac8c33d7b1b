package org.latentj.dynamics.ui;

import java.io.File;
import java.util.List;

import org.latentj.io.PathText;
import org.latentj.dynamics.PhaseSettings;
import org.latentj.dynamics.SweepRow;
import org.latentj.dynamics.TrainingPhases;
import org.latentj.dynamics.TrainingRun;
import org.latentj.hmm.GaussianHmm;
import org.latentj.ui.Present;
import org.latentj.ui.ResultsTables;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.macro.Interpreter;
import ij.measure.ResultsTable;

/**
 * Finds the phases of training runs with Gaussian HMMs (see {@link TrainingPhases}): the K sweep, the
 * chosen model, labels, transition characterisation, the training map and per-run plots. With no
 * {@code runs} (GUI or batch-mode macro), the open Results table is the one run.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Training Dynamics>Fit Training Phases", headless = true)
public class FitTrainingPhasesCommand extends LatentJCommand {

	public static final String LABEL = "Fit Training Phases";

	@Parameter(label = "Runs (folder of CSV files, or list separated by ;; empty: the Results table)", style = "both,extensions:csv", required = false,
			description = "A folder of CSV files or a ;-separated list, one CSV per run (header, epoch or step column, metric columns); empty in the GUI: the open Results table as one run.")
	public File runs;
	@Parameter(label = "Metrics (default, all, or names separated by commas)",
			description = "default: the seed's 14 weight metrics; all: every numeric column (one with a number in the rows kept) but epoch/step and loss/accuracy.")
	public String metrics = "default";
	@Parameter(label = "Rows kept per run (first, by epoch)", min = "2", description = "only the first rows (epochs) of each run are read")
	public int max_rows = 1000;
	@Parameter(label = "Largest K tried", min = "1", description = "largest number of phases K tried when choosing K by BIC")
	public int max_states = 8;
	@Parameter(label = "States (0 = choose by BIC)", min = "0", description = "number of phases; 0 chooses it by the lowest BIC")
	public int states = 0;
	@Parameter(label = "Restarts per K", min = "1", description = "independent fits for each K; the best likelihood is kept")
	public int restarts = 10;
	@Parameter(label = "Covariance", choices = { "full", "diag" }, description = "shape of each phase's covariance matrix")
	public String covariance = "full";
	// 0 by default: with a handful of runs one held-out run picks restarts that transfer to it, not ones that fit
	// (docs/dynamics.md, "Model selection"); the seed held out a fifth of tens of runs
	@Parameter(label = "Fraction of runs held out", min = "0", max = "0.99", stepSize = "0.05",
			description = "Runs held out to pick each K's restart by held-out log-likelihood; 0: every run trains and the best training fit is kept. Worth it with tens of runs.")
	public double test_fraction = 0;
	@Parameter(label = "Random seed", min = "0",
			description = "random seed; the same seed gives the same fit. Restart r draws as hmmlearn's random_state = seed x restarts + r (seed 0: the notebook's 0..restarts-1), so seed is at most floor(2^32 / restarts) - 1; it also picks the held-out runs")
	public long seed = 0;
	@Parameter(label = "Leave out bad runs (and report them)", description = "leave out bad runs (a cell not a number, too few rows, a missing column, metric columns unlike the first run's) and list them, instead of stopping")
	public boolean skip_bad_runs = false;
	@Parameter(label = "Output folder", required = false, style = "directory", description = "folder for model.json, labels, tables and figures; leave empty to only show them")
	public File output;

	/** The fit, for callers in Java (null until run). */
	@Parameter(type = ItemIO.OUTPUT, label = "Phases")
	public TrainingPhases.Result result;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		PhaseSettings s = new PhaseSettings(PathText.of(runs).isBlank() ? null : PathText.of(runs), metrics, max_rows, max_states, states,
				restarts, GaussianHmm.Covariance.parse(covariance), test_fraction, seed, skip_bad_runs,
				output == null ? null : output.toPath(), PhaseSettings.ITERATIONS, PhaseSettings.TOLERANCE);
		Progress progress = Present.progress(LABEL);
		if (s.runs() != null) result = TrainingPhases.fit(s, progress, PhaseViews::write);
		else result = TrainingPhases.fit(s, List.of(resultsTableRun(metrics, max_rows)), List.of(), progress, PhaseViews::write);
		saved = output;
		show(result);
	}

	static void show(TrainingPhases.Result r) {
		Object[][] rows = r.sweep().stream().map(SweepRow::cells).toArray(Object[][]::new);
		Present.table(ResultsTables.of(SweepRow.COLUMNS, rows), "Training phases: selection");
		Present.plot(PhaseViews.selectionPlot(r.sweep()));
		CharacterizeTransitionsCommand.showTransitions(r.model(), r.transitions());
		for (String m : r.messages()) Present.status(m);
		Present.status(String.format("%s: %s; %d runs (%d held out), %d transitions, %.1f s%s", LABEL, r.rule(),
				r.runs().runs.size(), r.testRuns().size(), r.transitions().size(), r.seconds(),
				Present.savedSuffix(r.output())));
	}

	/**
	 * The open Results table as one run: its columns by heading, NaN where a cell is not a number. In the GUI
	 * the Results window; in a batch-mode macro (headless too) the table its setResult calls filled. Called
	 * from plain Java headless there is no such table.
	 */
	static TrainingRun resultsTableRun(String metrics, int maxRows) {
		ResultsTable rt = Present.headless() && !Interpreter.isBatchMode() ? null : ResultsTable.getResultsTable();
		if (rt == null || rt.size() == 0)
			throw new BadInputException("runs is empty and there is no Results table to fit: give a folder of CSV files.");
		String[] header = rt.getHeadings();
		int skip = header.length > 0 && header[0].trim().isEmpty() ? 1 : 0; // the row-number column
		String[] h = java.util.Arrays.copyOfRange(header, skip, header.length);
		double[][] columns = new double[h.length][rt.size()];
		for (int c = 0; c < h.length; c++)
			for (int r = 0; r < rt.size(); r++) columns[c][r] = rt.getValue(h[c], r);
		String title = rt.getTitle() == null ? "Results" : rt.getTitle();
		return TrainingRun.of(title, "the table " + title, h, columns, metrics, maxRows, new TrainingRun.Where() {
			@Override
			public String at(int row, int column) {
				return "The table " + title + ": row " + (row + 1) + ", column '" + h[column] + "'";
			}

			@Override
			public String text(int row, int column) {
				return rt.getStringValue(h[column], row);
			}
		});
	}
}
