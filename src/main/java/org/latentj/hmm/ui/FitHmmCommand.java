package org.latentj.hmm.ui;

import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.latentj.io.PathText;
import org.latentj.hmm.FitHmm;
import org.latentj.hmm.FitResult;
import org.latentj.hmm.FitSettings;
import org.latentj.hmm.StateRuns;
import org.latentj.ij1.CommandRunner;
import org.latentj.ij1.CommandSpec;
import org.latentj.nwb.SessionFiles;
import org.latentj.ui.Present;
import org.latentj.ij1.DefaultsToOpenSession;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import ij.measure.ResultsTable;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Fits a Gaussian or autoregressive HMM to the PCs of MoSeq sessions and labels every frame with a
 * syllable ({@link FitHmm} does the work; see it for the files written). Its fields are the one
 * declaration of every setting: macro key, label, default, bounds and help; {@link #settings()} makes
 * them a {@link FitSettings}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Fit HMM", headless = true)
public class FitHmmCommand extends LatentJCommand {

	public static final String LABEL = "Fit HMM";

	@DefaultsToOpenSession
	@Parameter(label = "Sessions (NWB file, folder, or list separated by ;)", style = "both,extensions:nwb", required = false, description = "MoSeq NWB sessions: a .nwb file, a folder of them, or files separated by ;; the open session by default")
	public File sessions;

	@Parameter(label = "Observations", choices = { "ar", "gaussian" },
			description = "ar: each frame regressed on the previous lags frames; gaussian: a mean and covariance per state")
	public String observations = "ar";

	@Parameter(label = "States", min = "1", description = "number of HMM states (syllables)")
	public int states = 10;

	@Parameter(label = "AR lags", min = "1", description = "frames of history (ignored for gaussian)")
	public int lags = 2;

	@Parameter(label = "Number of PCs", min = "1", description = "leading PCs modeled")
	public int pcs = 10;

	@Parameter(label = "Max iterations", min = "1", description = "most EM iterations per restart")
	public int iterations = 100;

	@Parameter(label = "Tolerance (log-likelihood per frame)", min = "0",
			description = "EM, and each split/merge round, stops when the training log-likelihood per frame gains less")
	public double tolerance = 1e-5;

	@Parameter(label = "Transitions", choices = { "fixed", "learned" },
			description = "fixed sticky matrix, or learned by MAP EM")
	public String transitions = "fixed";

	@Parameter(label = "Stickiness", min = "0", max = "1", stepSize = "0.01",
			description = "probability of staying in a state (fixed) or the start (learned); strictly between 0 and 1")
	public double stickiness = 0.95;

	@Parameter(label = "Kappa (learned: prior weight on staying)", min = "0", description = "learned transitions: extra prior weight on staying in a state (0: none)")
	public double kappa = 0;

	@Parameter(label = "Alpha (learned: Dirichlet concentration)", min = "1", description = "learned transitions: Dirichlet concentration of the prior on each row (1: flat)")
	public double alpha = 1;

	@Parameter(label = "Method", choices = { "em", "stochastic" },
			description = "EM over all sessions, or stochastic EM over sessions (needs split_merge=false)")
	public String method = "em";

	@Parameter(label = "Epochs (stochastic)", min = "1", description = "stochastic EM: passes over the sessions")
	public int epochs = 5;

	@Parameter(label = "Forgetting rate (stochastic)", min = "0", max = "1", stepSize = "0.01",
			description = "stochastic EM step size (1 + t)^-rate; above 0")
	public double forgetting_rate = 0.5;

	@Parameter(label = "Restarts", min = "1",
			description = "independent starts; the best training log-likelihood is kept")
	public int restarts = 3;

	@Parameter(label = "Random seed", description = "random seed; the same seed gives the same fit")
	public long seed = 0;

	@Parameter(label = "Training fraction of each session", min = "0", max = "1", stepSize = "0.01",
			description = "the first part of each session trains, the rest tests; above 0")
	public double train_fraction = 0.8;

	@Parameter(label = "Standardize PCs", choices = { "zscore", "whiten", "none" }, description = "how the PCs are scaled before fitting: z-score each PC, whiten them jointly, or leave them")
	public String standardize = "zscore";

	@Parameter(label = "Initialization", choices = { "kmeans", "random" },
			description = "k-means on lagged windows, or the random posterior of the STATS320 ARHMM lab")
	public String init = "kmeans";

	@Parameter(label = "Initial state distribution", choices = { "uniform", "learned" }, description = "initial state distribution: uniform, or learned from the sessions")
	public String initial = "uniform";

	@Parameter(label = "Split/merge moves after EM",
			description = "merge-and-split moves after EM, kept when they gain at least the tolerance per frame (em only)")
	public boolean split_merge = true;

	@Parameter(label = "Output folder", required = false, style = "directory", description = "folder for model.json, labels and tables; leave empty to only show the results")
	public File output;

	/** The fit, for callers in Java (null until run). */
	@Parameter(type = ItemIO.OUTPUT, label = "Fit")
	public FitHmm.Result result;
	@Parameter(type = ItemIO.OUTPUT, label = "HMM states")
	public ResultsTable statesTable;
	@Parameter(type = ItemIO.OUTPUT, label = "HMM sessions")
	public ResultsTable sessionsTable;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		FitHmm.Settings s = new FitHmm.Settings(SessionFiles.resolve(PathText.of(sessions)), settings(),
				output == null ? null : output.toPath());
		HmmFitViews.Fit[] views = new HmmFitViews.Fit[1];
		result = FitHmm.run(s, Present.progress(LABEL), r -> views[0] = new HmmFitViews.Fit(r));
		result.notes().forEach(Present::status);
		statesTable = views[0].states;
		sessionsTable = views[0].sessions;
		saved = result.output() == null ? null : result.output().toFile();
		Present.plot(views[0].plot);
		Present.table(views[0].states, "HMM states");
		Present.table(views[0].sessions, "HMM sessions");
		Present.status(status(result));
	}

	/** The fields as settings: the numeric bounds of the annotations checked, then the record's own checks. */
	public FitSettings settings() {
		CommandRunner.checkBounds(this);
		return FitSettings.of(CommandSpec.of(FitHmmCommand.class).values(this, "sessions", "output"));
	}

	/** "; state 7 rare: 0.40% of frames, state 8 short: median run 2 frames" (states.csv's warning column), or "". */
	static String warnings(StateRuns runs) {
		StringBuilder b = new StringBuilder();
		for (int s : runs.warned()) b.append(b.length() == 0 ? "; " : ", ").append("state ").append(s).append(' ').append(runs.warning(s));
		return b.toString();
	}

	/** The status line: the fit in figures, the states that lost all their frames or that warn, where the outputs went. */
	static String status(FitHmm.Result result) {
		FitResult r = result.fit();
		int[] empty = r.emptyStateIds();
		String lost = empty.length == 0 ? ""
				: String.format("; state%s %s lost all %s training frames (kept %s previous parameters)",
						empty.length == 1 ? "" : "s", Arrays.stream(empty).mapToObj(Integer::toString).collect(Collectors.joining(", ")),
						empty.length == 1 ? "its" : "their", empty.length == 1 ? "its" : "their");
		return String.format("%s: %d states, %d sessions, train LL/frame %.4f, test %.4f, %.1f s%s%s%s", LABEL,
				r.settings.states(), result.sessions().size(), r.finalTrainLogLik(), r.finalTestLogLik(), result.seconds(), lost,
				warnings(StateRuns.of(r.decodings, r.settings.states())),
				Present.savedSuffix(result.output()));
	}
}
