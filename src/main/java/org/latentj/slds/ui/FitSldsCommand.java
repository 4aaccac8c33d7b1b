package org.latentj.slds.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.latentj.io.PathText;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.ui.HmmFitViews;
import org.latentj.ij1.CommandSpec;
import org.latentj.io.AtomicOutput;
import org.latentj.nwb.SessionFiles;
import org.latentj.slds.SldsFiles;
import org.latentj.slds.SldsFitter;
import org.latentj.slds.SldsResult;
import org.latentj.slds.SldsSettings;
import org.latentj.syllables.SyllableStatistics;
import org.latentj.ui.Png;
import org.latentj.ui.Present;
import org.latentj.util.Progress;
import org.latentj.util.Texts;
import org.latentj.ij1.DefaultsToOpenSession;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * Fits a switching linear dynamical system (AR dynamics per syllable on a latent pose, PCs observed
 * with noise) by structured mean-field variational EM, started from Fit HMM's AR-HMM. Writes what Fit
 * HMM writes (model.json with type slds, loglik.csv with the ELBO, labels/, states.csv, sessions.csv,
 * loglik.png) plus denoised/&lt;session&gt;.csv (the smoothed PCs) and slds_&lt;session&gt;.png.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Fit SLDS", headless = true)
public class FitSldsCommand extends LatentJCommand {

	public static final String LABEL = "Fit SLDS";

	@DefaultsToOpenSession
	@Parameter(label = "Sessions (NWB file, folder, or list separated by ;)", style = "both,extensions:nwb", required = false, description = "MoSeq NWB sessions: a .nwb file, a folder of them, or files separated by ;; the open session by default")
	public File sessions;

	@Parameter(label = "States", min = "1", description = "number of discrete states (syllables)")
	public int states = 10;

	@Parameter(label = "AR lags", min = "1", description = "autoregressive lags of the continuous dynamics")
	public int lags = 2;

	@Parameter(label = "Number of PCs", min = "1", description = "leading PCs modeled")
	public int pcs = 10;

	@Parameter(label = "Emissions", choices = { "identity", "linear" },
			description = "identity: the latent pose lives in PC space (y = x + noise, noise variance per PC learned); "
					+ "linear: y = C x + d + noise with x of dimension latent, C and d learned")
	public String emissions = "identity";

	@Parameter(label = "Latent dimension (linear emissions; 0 = pcs)", min = "0",
			description = "linear emissions: the dimension of x, at most pcs (0 = pcs); identity: 0 or pcs")
	public int latent = 0;

	@Parameter(label = "Observation noise", choices = { "gaussian", "student" },
			description = "gaussian: N(0, R); student: Student-t with dof degrees of freedom (per-frame weights down-weight "
					+ "frames with large jumps)")
	public String noise = "gaussian";

	@Parameter(label = "Degrees of freedom (student noise)", min = "0.01", max = "1e6", stepSize = "0.5",
			description = "Student-t noise: degrees of freedom, at least 0.01 and at most 1e6 (small: heavy tails; near Gaussian: "
					+ "use gaussian); unused with gaussian")
	public double dof = SldsSettings.DEFAULT_DOF;

	@Parameter(label = "Label moves (leave the AR-HMM's labels where the ELBO rises)",
			description = "after structured mean field, relabel runs of frames (up to 8, or whole segments) where the exact "
					+ "log p(PCs, labels) rises, then infer again and keep the higher ELBO: in the first EM iterations and the final decoding; "
					+ "recorded in model.json, and Apply Model does as it records (a model.json without it: no moves)")
	public boolean label_moves = SldsSettings.DEFAULT_LABEL_MOVES;

	@Parameter(label = "Transitions", choices = { "fixed", "learned" }, description = "fixed sticky matrix, or learned by MAP EM")
	public String transitions = "fixed";

	@Parameter(label = "Stickiness", min = "0", max = "1", stepSize = "0.01", description = "probability of staying in a state (fixed) or the start (learned); strictly between 0 and 1")
	public double stickiness = 0.95;

	@Parameter(label = "Kappa (learned: prior weight on staying)", min = "0", description = "learned transitions: extra prior weight on staying in a state (0: none)")
	public double kappa = 0;

	@Parameter(label = "Alpha (learned: Dirichlet concentration)", min = "1", description = "learned transitions: Dirichlet concentration of the prior on each row (1: flat)")
	public double alpha = 1;

	@Parameter(label = "Max EM iterations", min = "1", description = "most EM iterations")
	public int iterations = 50;

	@Parameter(label = "Max block updates per inference", min = "1",
			description = "Kalman smoother then forward-backward, repeated until the ELBO settles")
	public int inner_iterations = SldsSettings.DEFAULT_INNER_ITERATIONS;

	@Parameter(label = "Tolerance (relative ELBO change)", min = "0", description = "EM stops when the ELBO changes by less than this fraction")
	public double tolerance = SldsSettings.DEFAULT_TOLERANCE;

	@Parameter(label = "Restarts (of the AR-HMM start)", min = "1", description = "independent AR-HMM fits used to start; the best is kept")
	public int restarts = 3;

	@Parameter(label = "Random seed", description = "random seed; the same seed gives the same fit")
	public long seed = 0;

	@Parameter(label = "Training fraction of each session", min = "0", max = "1", stepSize = "0.01", description = "the first part of each session trains, the rest tests; above 0")
	public double train_fraction = 0.8;

	@Parameter(label = "Standardize PCs", choices = { "zscore", "whiten", "none" }, description = "how the PCs are scaled before fitting: z-score each PC, whiten them jointly, or leave them")
	public String standardize = "zscore";

	@Parameter(label = "Figure: first frame", min = "0", description = "first frame of the per-session figure")
	public int figure_start = 0;

	@Parameter(label = "Figure: frames shown", min = "2", description = "number of frames in the per-session figure")
	public int figure_frames = 600;

	@Parameter(label = "Output folder", required = false, style = "directory", description = "folder for model.json, labels, denoised PCs and figures; leave empty to only show them")
	public File output;

	/** The fit, for callers in Java (null until run). */
	@Parameter(type = ItemIO.OUTPUT, label = "Fit")
	public SldsResult result;
	@Parameter(type = ItemIO.OUTPUT, label = "SLDS states")
	public ResultsTable statesTable;
	@Parameter(type = ItemIO.OUTPUT, label = "SLDS sessions")
	public ResultsTable sessionsTable;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		SldsSettings s = settings();
		List<Path> files = SessionFiles.resolve(PathText.of(sessions));
		if (output != null) org.latentj.io.Outputs.check(output.toPath(), org.latentj.io.Outputs.Kind.FOLDER, files); // before the fit, not after it
		Progress progress = Present.progress(LABEL);
		List<SessionData> data = SldsSessions.read(files, s.pcs(), progress.stage(0, 0.03));
		result = SldsFitter.fit(data, s, progress.stage(0.03, 0.97));
		Outputs outputs = new Outputs(data, result, figure_start, figure_frames);
		if (output != null) {
			progress.update(0.98, "writing " + output);
			try (AtomicOutput.Staging out = AtomicOutput.stageFolder(output.toPath())) {
				outputs.write(out.dir(), macroSettings());
				out.commit();
			} catch (IOException e) {
				throw AtomicOutput.writeFailure(output.toPath(), e);
			}
		}
		progress.update(1, null);
		statesTable = outputs.states;
		sessionsTable = outputs.sessions;
		saved = output;
		Present.plot(outputs.loglik);
		Present.livePlotsOrStack("SLDS session figures", outputs.figures, outputs.names);
		Present.table(outputs.states, "SLDS states");
		Present.table(outputs.sessions, "SLDS sessions");
		if (result.noTestNote() != null) Present.status(LABEL + ": " + result.noTestNote());
		Present.status(summary(result, data.size()) + Present.savedSuffix(output));
	}

	/** The status line of a fit (without where it was saved): "test none" where no session has held-out frames to score. */
	static String summary(SldsResult r, int sessions) {
		return String.format(java.util.Locale.ROOT, "%s: %d states, %d sessions, ELBO/frame train %s, test %s, %d EM iterations%s, %.1f s",
				LABEL, r.settings().states(), sessions, Texts.score(r.finalTrainElbo()),
				r.noTestNote() != null ? "none" : Texts.score(r.finalTestElbo()), r.trainHistory().size(),
				r.converged() ? "" : " (not converged)", r.seconds());
	}

	/** The validated settings of this command's fields (the one place the option strings are parsed). */
	public SldsSettings settings() {
		return SldsSettings.of(states, lags, pcs, emissions, latent, transitions, stickiness, kappa, alpha, iterations,
				inner_iterations, tolerance, restarts, seed, train_fraction, standardize, noise, dof, label_moves);
	}

	/** The settings by macro key, for model.json. */
	Map<String, Object> macroSettings() {
		return CommandSpec.of(FitSldsCommand.class).values(this, "sessions", "output");
	}

	/** What a fit shows and writes. */
	static final class Outputs {
		final List<SessionData> data;
		final SldsResult result;
		final Plot loglik;
		final List<Plot> figures = new ArrayList<>();
		/** The sessions' names, one per figure. */
		final List<String> names = new ArrayList<>();
		final ResultsTable states, sessions;

		Outputs(List<SessionData> data, SldsResult r, int figureStart, int figureFrames) {
			this.data = data;
			this.result = r;
			double[] train = r.trainHistory().stream().mapToDouble(Double::doubleValue).toArray();
			double[] test = r.testHistory().stream().mapToDouble(Double::doubleValue).toArray();
			loglik = HmmFitViews.loglikPlot("SLDS ELBO", train, test, "EM iteration");
			loglik.setXYLabels("EM iteration", "ELBO per frame");
			List<SyllableStatistics> labels = new ArrayList<>();
			int n = data.size(), d = r.model().obs; // PCs (the latent dimension may be lower)
			int[] frames = new int[n], scored = new int[n], used = new int[n];
			double[] elbo = new double[n];
			for (int i = 0; i < n; i++) {
				SldsResult.Session s = r.sessions().get(i);
				names.add(s.name());
				labels.add(SyllableStatistics.of(s.labels(), r.model().k));
				frames[i] = s.labels().length;
				for (int l : s.labels()) if (l >= 0) scored[i]++;
				elbo[i] = s.elbo();
				used[i] = HmmFitViews.statesUsed(labels.get(i));
				figures.add(SldsViews.sessionPlot(s.name(), data.get(i).firstPcs(d), s.denoised(), d, s.labels(), figureStart,
						figureFrames));
			}
			states = HmmFitViews.statesTable(r.usage(), new boolean[r.model().k], SyllableStatistics.pooled(labels));
			sessions = HmmFitViews.sessionsTable(names, frames, scored, elbo, used);
		}

		void write(Path dir, Map<String, Object> settings) throws IOException {
			SldsFiles.write(dir, result, data, settings);
			HmmFitViews.write(dir, loglik, states, sessions);
			for (int i = 0; i < data.size(); i++)
				Png.save(figures.get(i).getImagePlus(), dir.resolve("slds_" + data.get(i).name + ".png"));
		}
	}
}
