package org.latentj.hmm.ui;

import java.io.File;
import java.util.Map;

import org.latentj.io.PathText;
import org.latentj.hmm.ScanModels;
import org.latentj.ij1.CommandRunner;
import org.latentj.ij1.CommandSpec;
import org.latentj.ij1.DefaultsToOpenSession;
import org.latentj.ij1.LatentJCommand;
import org.latentj.nwb.SessionFiles;
import org.latentj.ui.Present;
import org.latentj.util.Choices;

import ij.measure.ResultsTable;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Fits Fit HMM's model over a grid of state counts and stickiness or kappa values and recommends one
 * ({@link ScanModels} does the work and documents the files). The keys it shares with Fit HMM take Fit
 * HMM's defaults (read from {@link FitHmmCommand}'s fields); states, kappa and stickiness take grids
 * ({@link org.latentj.hmm.ScanGrid}); the Fit HMM keys not offered here (method, epochs,
 * forgetting_rate) keep Fit HMM's defaults.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Scan Models", headless = true)
public class ScanModelsCommand extends LatentJCommand {

	public static final String LABEL = "Scan Models";
	private static final FitHmmCommand FIT = new FitHmmCommand();

	@DefaultsToOpenSession
	@Parameter(label = "Sessions (NWB file, folder, or list separated by ;)", style = "both,extensions:nwb", required = false,
			description = "MoSeq NWB sessions: a .nwb file, a folder of them, or files separated by ;; the open session by default")
	public File sessions;

	@Parameter(label = "States (list or range)",
			description = "numbers of states to fit: a list and/or ranges, e.g. 4-12 or 4,6,8 or 4-8,10")
	public String states = "4-12";

	@Parameter(label = "Transitions", choices = { "fixed", "learned" },
			description = "fixed: scan stickiness; learned: scan kappa (MAP EM with a sticky prior)")
	public String transitions = FIT.transitions;

	@Parameter(label = "Stickiness (fixed: list or range)",
			description = "fixed transitions: values in (0, 1), a list or lo-hi:n (n values evenly spaced in log(1 - p)); learned: the start, one value")
	public String stickiness = Double.toString(FIT.stickiness);

	@Parameter(label = "Kappa (learned: list or range)",
			description = "learned transitions: values >= 0, a list or lo-hi:n (n log-spaced values, e.g. 1e2-1e5:4); fixed: one value, unused")
	public String kappa = "0";

	@Parameter(label = "Restarts per grid point", min = "2",
			description = "independent starts per point: the spread of the held-out log-likelihood and the stability ARI")
	public int restarts = FIT.restarts;

	@Parameter(label = "Fit the recommended model", choices = { "none", "best" },
			description = "best: also write the recommended model's Fit HMM output into best/ in the output folder")
	public String fit = "none";

	@Parameter(label = "Observations", choices = { "ar", "gaussian" },
			description = "ar: each frame regressed on the previous lags frames; gaussian: a mean and covariance per state")
	public String observations = FIT.observations;

	@Parameter(label = "AR lags", min = "1", description = "frames of history (ignored for gaussian)")
	public int lags = FIT.lags;

	@Parameter(label = "Number of PCs", min = "1", description = "leading PCs modeled")
	public int pcs = FIT.pcs;

	@Parameter(label = "Max iterations", min = "1", description = "most EM iterations per restart")
	public int iterations = FIT.iterations;

	@Parameter(label = "Tolerance (log-likelihood per frame)", min = "0",
			description = "EM, and each split/merge round, stops when the training log-likelihood per frame gains less")
	public double tolerance = FIT.tolerance;

	@Parameter(label = "Alpha (learned: Dirichlet concentration)", min = "1",
			description = "learned transitions: Dirichlet concentration of every row")
	public double alpha = FIT.alpha;

	@Parameter(label = "Random seed", description = "seed of the first restart; the others as Fit HMM draws them")
	public long seed = FIT.seed;

	@Parameter(label = "Training fraction of each session", min = "0", max = "1", stepSize = "0.01",
			description = "the first part of each session trains, the rest is held out and scores the point; above 0, below 1")
	public double train_fraction = FIT.train_fraction;

	@Parameter(label = "Standardize PCs", choices = { "zscore", "whiten", "none" },
			description = "how the PCs are scaled before fitting (statistics of the training frames)")
	public String standardize = FIT.standardize;

	@Parameter(label = "Initialization", choices = { "kmeans", "random" },
			description = "k-means on lagged windows (once per K and restart, shared across the transition values), or random")
	public String init = FIT.init;

	@Parameter(label = "Initial state distribution", choices = { "uniform", "learned" },
			description = "uniform, or learned by EM")
	public String initial = FIT.initial;

	@Parameter(label = "Split/merge moves after EM",
			description = "merge-and-split moves after EM, kept when they gain at least the tolerance per frame")
	public boolean split_merge = FIT.split_merge;

	@Parameter(label = "Output folder", required = false, style = "directory",
			description = "where scan.csv, scan.png, recommendation.txt (and best/) go; empty: nothing saved")
	public File output;

	/** The scan, for callers in Java (null until run). */
	@Parameter(type = ItemIO.OUTPUT, label = "Scan")
	public ScanModels.Result result;
	@Parameter(type = ItemIO.OUTPUT, label = "Scan table")
	public ResultsTable scanTable;
	/** The folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		ScanViews[] views = new ScanViews[1];
		result = ScanModels.run(settings(), Present.progress(LABEL), HmmFitViews.Fit::new, r -> views[0] = new ScanViews(r));
		scanTable = views[0].table;
		saved = result.output() == null ? null : result.output().toFile();
		Present.image(views[0].figure);
		Present.table(views[0].table, LABEL);
		Present.status(LABEL + ": " + ScanModels.report(result).replace('\n', ' ').strip()
				+ (result.output() == null ? " (no output folder: nothing saved)" : " Saved to " + result.output()));
	}

	/** The fields as settings: Fit HMM's defaults for the keys not offered here, this command's fields for the rest. */
	public ScanModels.Settings settings() {
		CommandRunner.checkBounds(this);
		Map<String, Object> values = CommandSpec.of(FitHmmCommand.class).values(FIT, "sessions", "output");
		Map<String, Object> own = CommandSpec.of(ScanModelsCommand.class).values(this, "sessions", "output", "states", "kappa",
				"stickiness", "fit");
		values.putAll(own);
		return ScanModels.Settings.parse(SessionFiles.resolve(PathText.of(sessions)), values, states, kappa, stickiness,
				Choices.parse(ScanModels.FitChoice.class, "fit", fit), output == null ? null : output.toPath());
	}
}
