package org.latentj.hmm.ui;

import org.latentj.ui.Png;
import org.latentj.ui.Present;
import org.latentj.ui.TableCsv;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.nwb.SessionFiles;
import org.latentj.io.AtomicOutput;
import org.latentj.hmm.LoglikFile;
import org.latentj.hmm.Decoding;
import org.latentj.hmm.FitResult;
import org.latentj.hmm.FitSettings;
import org.latentj.hmm.HmmFitter;
import org.latentj.hmm.HmmModel;
import org.latentj.hmm.SessionData;
import org.latentj.syllables.SyllableStatistics;
import org.latentj.util.Progress;
import org.latentj.hmm.ui.HmmFitViews;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * Fits a Gaussian or autoregressive HMM to the PCs of MoSeq sessions and labels every frame with a
 * syllable. Writes, into {@code output}: model.json (the fitted model, see io.ModelFile), loglik.csv
 * (iteration,train,test per frame), labels/&lt;session&gt;.csv (frame,time,label,probability),
 * states.csv and sessions.csv (the summary tables) and loglik.png; shows the log-likelihood plot and
 * the tables in the GUI.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Fit HMM", headless = true)
public class FitHmmCommand implements Command {

	public static final String LABEL = "Fit HMM";

	@Parameter(label = "Sessions (NWB file, folder, or list separated by ;)", persist = false)
	public String sessions = "";

	@Parameter(label = "Observations", choices = { "ar", "gaussian" }, persist = false)
	public String observations = "ar";

	@Parameter(label = "States", min = "1", persist = false)
	public int states = 10;

	@Parameter(label = "AR lags", min = "1", persist = false)
	public int lags = 2;

	@Parameter(label = "Number of PCs", min = "1", persist = false)
	public int pcs = 10;

	@Parameter(label = "Max iterations", min = "1", persist = false)
	public int iterations = 100;

	@Parameter(label = "Tolerance (log-likelihood per frame)", min = "0", persist = false)
	public double tolerance = 1e-5;

	@Parameter(label = "Transitions", choices = { "fixed", "learned" }, persist = false)
	public String transitions = "fixed";

	@Parameter(label = "Stickiness", min = "0", max = "1", persist = false)
	public double stickiness = 0.95;

	@Parameter(label = "Kappa (learned: prior weight on staying)", min = "0", persist = false)
	public double kappa = 0;

	@Parameter(label = "Alpha (learned: Dirichlet concentration)", min = "1", persist = false)
	public double alpha = 1;

	@Parameter(label = "Method", choices = { "em", "stochastic" }, persist = false)
	public String method = "em";

	@Parameter(label = "Epochs (stochastic)", min = "1", persist = false)
	public int epochs = 5;

	@Parameter(label = "Forgetting rate (stochastic)", min = "0", max = "1", persist = false)
	public double forgetting_rate = 0.5;

	@Parameter(label = "Restarts", min = "1", persist = false)
	public int restarts = 3;

	@Parameter(label = "Random seed", persist = false)
	public long seed = 0;

	@Parameter(label = "Training fraction of each session", min = "0", max = "1", persist = false)
	public double train_fraction = 0.8;

	@Parameter(label = "Standardize PCs", choices = { "zscore", "whiten", "none" }, persist = false)
	public String standardize = "zscore";

	@Parameter(label = "Initialisation", choices = { "kmeans", "random" }, persist = false)
	public String init = "kmeans";

	@Parameter(label = "Initial state distribution", choices = { "uniform", "learned" }, persist = false)
	public String initial = "uniform";

	@Parameter(label = "Split/merge moves after EM", persist = false)
	public boolean split_merge = true;

	@Parameter(label = "Output folder", required = false, style = "directory", persist = false)
	public File output;

	/** The fit, for callers in Java (null until run). */
	public FitResult result;

	@Override
	public void run() {
		FitSettings s = settings().validate();
		List<Path> files = SessionFiles.resolve(sessions);
		org.latentj.io.Outputs.checkFolder(output, files); // before the fit, not after it
		Progress progress = Present.progress(LABEL);
		List<SessionData> data = HmmSessions.read(files, s.pcs, progress.stage(0, 0.03));
		org.latentj.hmm.HmmMemory.require(data, s.states, "A fit"); // before the fit, not at its final decoding
		result = HmmFitter.fit(data, s, progress.stage(0.03, 0.97));
		Outputs outputs = new Outputs(data, result);
		if (output != null) {
			progress.update(0.98, "writing " + output);
			try (AtomicOutput.Staging out = AtomicOutput.stageFolder(output.toPath())) {
				outputs.write(out.dir());
				out.commit();
			} catch (IOException e) {
				throw new UncheckedIOException("Cannot write the outputs to " + output + ": " + e.getMessage(), e);
			}
		}
		progress.update(1, null);
		Present.plot(outputs.plot);
		Present.table(outputs.states, "HMM states");
		Present.table(outputs.sessions, "HMM sessions");
		Present.status(status(result, data.size(), output));
	}

	/** The status line: the fit in figures, the states that lost all their frames, where the outputs went. */
	static String status(FitResult r, int sessions, File output) {
		int[] empty = r.emptyStateIds();
		String lost = empty.length == 0 ? ""
				: String.format("; state%s %s lost all %s training frames (kept %s previous parameters)",
						empty.length == 1 ? "" : "s",
						java.util.Arrays.stream(empty).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(", ")),
						empty.length == 1 ? "its" : "their", empty.length == 1 ? "its" : "their");
		return String.format("%s: %d states, %d sessions, train LL/frame %.4f, test %.4f, %.1f s%s%s", LABEL, r.settings.states,
				sessions, r.finalTrainLogLik(), r.finalTestLogLik(), r.seconds, lost,
				output == null ? " (no output folder: nothing saved)" : ", saved to " + output);
	}

	/** What a fit shows and writes: the model, the log-likelihood plot and the two summary tables. */
	static final class Outputs {
		final List<SessionData> data;
		final FitResult result;
		final HmmModel model;
		final double[] train, test;
		final Plot plot;
		final ResultsTable states, sessions;

		Outputs(List<SessionData> data, FitResult result) {
			this.data = data;
			this.result = result;
			List<String> names = new ArrayList<>();
			for (SessionData d : data) names.add(d.name);
			model = HmmModel.of(result, names);
			train = result.trainHistory.stream().mapToDouble(Double::doubleValue).toArray();
			test = result.testHistory.stream().mapToDouble(Double::doubleValue).toArray();
			plot = HmmFitViews.loglikPlot("HMM log-likelihood", train, test,
					result.settings.method.equals("stochastic") ? "epoch" : "iteration");
			List<SyllableStatistics> labels = new ArrayList<>();
			int[] frames = new int[data.size()], scored = new int[data.size()], used = new int[data.size()];
			double[] ll = new double[data.size()];
			for (int i = 0; i < data.size(); i++) {
				Decoding d = result.decodings.get(i);
				labels.add(SyllableStatistics.of(d.labels, result.hmm.states()));
				frames[i] = d.labels.length;
				scored[i] = d.scoredFrames;
				ll[i] = d.logLik;
				used[i] = HmmSessions.statesUsed(labels.get(i));
			}
			states = HmmFitViews.statesTable(result.usage, result.emptyStates, SyllableStatistics.pooled(labels));
			sessions = HmmFitViews.sessionsTable(names, frames, scored, ll, used);
		}

		/** Writes every output file into {@code dir} (the staging folder); any failure is an IOException. */
		void write(Path dir) throws IOException {
			model.write(dir.resolve("model.json"));
			LoglikFile.write(dir.resolve("loglik.csv"), train, test);
			for (int i = 0; i < data.size(); i++)
				HmmSessions.writeLabels(dir.resolve("labels"), data.get(i), result.decodings.get(i), org.latentj.hmm.ModelFile.fitId(model.data));
			TableCsv.write(states, dir.resolve("states.csv"));
			TableCsv.write(sessions, dir.resolve("sessions.csv"));
			Png.save(plot.getImagePlus(), dir.resolve("loglik.png"));
		}
	}

	/** The macro keys as fit settings: every FitSettings key is a field of this command, read by its name. */
	public FitSettings settings() {
		FitSettings s = new FitSettings();
		for (String key : FitSettings.keys())
			try {
				s.set(key, FitHmmCommand.class.getField(key).get(this));
			} catch (ReflectiveOperationException e) {
				throw new IllegalStateException("Fit HMM has no field for the setting " + key, e);
			}
		return s;
	}
}
