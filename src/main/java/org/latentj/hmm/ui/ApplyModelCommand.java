package org.latentj.hmm.ui;

import org.latentj.ui.Present;
import org.latentj.ui.TableCsv;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.nwb.SessionFiles;
import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.hmm.Decoding;
import org.latentj.hmm.HmmModel;
import org.latentj.hmm.SessionData;
import org.latentj.util.BadInputException;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;
import org.latentj.hmm.ui.HmmFitViews;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.measure.ResultsTable;

/**
 * Labels sessions with a fitted model (model.json from Fit HMM): writes labels/&lt;session&gt;.csv
 * (frame,time,label,probability), sessions.csv with each session's held-out log-likelihood
 * (total and per scored frame, in the model's standardised units), and model.json, a copy of the
 * model that labelled them (so the syllable views know its number of states, used or not); shows
 * the table.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Apply Model", headless = true)
public class ApplyModelCommand implements Command {

	public static final String LABEL = "Apply Model";

	@Parameter(label = "Model file (model.json)", persist = false)
	public File model;

	@Parameter(label = "Sessions (NWB file, folder, or list separated by ;)", persist = false)
	public String sessions = "";

	@Parameter(label = "Decode", choices = { "viterbi", "posterior" }, persist = false)
	public String decode = "viterbi";

	@Parameter(label = "Output folder", required = false, style = "directory", persist = false)
	public File output;

	/** Each session's decoding, for callers in Java (null until run). */
	public List<Decoding> decodings;

	@Override
	public void run() {
		if (model == null) throw new BadInputException(LABEL + ": the key 'model' (the model.json file) is required.");
		Decoding.Mode mode = Decoding.Mode.parse(decode);
		HmmModel m = HmmModel.read(model.toPath());
		List<Path> files = SessionFiles.resolve(sessions);
		Outputs.checkFolder(output, files, model); // before decoding, not after
		Progress progress = Present.progress(LABEL);
		// only the PCs the model describes (decode names a session that stores fewer)
		List<SessionData> data = HmmSessions.read(files, m.hmm.dim(), progress.stage(0, 0.3));
		org.latentj.hmm.HmmMemory.require(data, m.hmm.states(), "Decoding");
		int n = data.size();
		Decoding[] decoded = new Decoding[n];
		Parallel.forEach(n, i -> decoded[i] = m.decode(data.get(i), mode), progress.stage(0.3, 0.9), "decoding");
		decodings = new ArrayList<>(List.of(decoded));
		List<String> names = new ArrayList<>();
		int[] frames = new int[n], scored = new int[n], used = new int[n];
		double[] ll = new double[n];
		for (int i = 0; i < n; i++) {
			Decoding d = decoded[i];
			names.add(d.session);
			frames[i] = d.labels.length;
			scored[i] = d.scoredFrames;
			ll[i] = d.logLik;
			used[i] = HmmSessions.statesUsed(d.labels);
		}
		ResultsTable table = HmmFitViews.sessionsTable(names, frames, scored, ll, used);
		if (output != null) {
			progress.update(0.95, "writing " + output);
			try (AtomicOutput.Staging out = AtomicOutput.stageFolder(output.toPath())) {
				for (int i = 0; i < n; i++) HmmSessions.writeLabels(out.dir().resolve("labels"), data.get(i), decodings.get(i), m.data.fitId);
				TableCsv.write(table, out.dir().resolve("sessions.csv"));
				java.nio.file.Files.copy(model.toPath(), out.dir().resolve("model.json"));
				out.commit();
			} catch (IOException e) {
				throw new BadInputException("Cannot write the outputs to " + output + " (" + e.getMessage() + ").", e);
			}
		}
		progress.update(1, null);
		Present.table(table, "HMM sessions");
		double total = 0;
		long count = 0;
		for (int i = 0; i < n; i++) {
			total += ll[i];
			count += scored[i];
		}
		Present.status(String.format("%s: %d sessions labelled (%s), held-out LL/frame %.4f%s", LABEL, n, mode.name()
				.toLowerCase(), total / count, output == null ? " (no output folder: nothing saved)" : ", saved to " + output));
	}
}
