package org.latentj.hmm.ui;

import java.io.File;

import org.latentj.io.PathText;
import org.latentj.hmm.ApplyModel;
import org.latentj.hmm.Decoding;
import org.latentj.hmm.FitHmm;
import org.latentj.hmm.ModelFile;
import org.latentj.nwb.SessionFiles;
import org.latentj.slds.SldsApply;
import org.latentj.slds.SldsModel;
import org.latentj.ui.Present;
import org.latentj.util.BadInputException;
import org.latentj.util.Choices;
import org.latentj.ij1.DefaultsToOpenSession;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.measure.ResultsTable;

/**
 * Labels sessions with a fitted model (model.json from Fit HMM, or from Fit SLDS: then {@link SldsApply}
 * infers the latent pose too, inference only, and writes denoised/ beside the labels); {@link ApplyModel}
 * does the work and says what it writes. sessions.csv gives each session's log-likelihood (total and per scored frame,
 * in the model's standardized units) and whether the model was trained on it (in_training = 1: then
 * it is not held-out).
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Apply Model", headless = true)
public class ApplyModelCommand extends LatentJCommand {

	public static final String LABEL = "Apply Model";

	@Parameter(label = "Model file (model.json)", description = "model.json written by Fit HMM", style = "open,extensions:json")
	public File model;

	@DefaultsToOpenSession
	@Parameter(label = "Sessions (NWB file, folder, or list separated by ;)", style = "both,extensions:nwb", required = false, description = "MoSeq NWB sessions: a .nwb file, a folder of them, or files separated by ;; the open session by default")
	public File sessions;

	@Parameter(label = "Decode", choices = { "viterbi", "posterior" },
			description = "most probable path (viterbi) or most probable state per frame (posterior)")
	public String decode = "viterbi";

	@Parameter(label = "Output folder", required = false, style = "directory", description = "folder for the labels of each session; leave empty to only show the table")
	public File output;

	/** The labeling, for callers in Java (null until run). */
	@Parameter(type = ItemIO.OUTPUT, label = "Labels")
	public ApplyModel.Result result;
	@Parameter(type = ItemIO.OUTPUT, label = "HMM sessions")
	public ResultsTable sessionsTable;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		if (model == null) throw new BadInputException(LABEL + ": the key 'model' (the model.json file) is required.");
		Decoding.Mode mode = Decoding.Mode.parse(decode);
		ApplyModel.Settings s = new ApplyModel.Settings(model.toPath(), SessionFiles.resolve(PathText.of(sessions)), mode,
				output == null ? null : output.toPath());
		ResultsTable[] table = new ResultsTable[1];
		java.util.function.Function<ApplyModel.Result, FitHmm.Extra> sessionsCsv = r -> {
			table[0] = HmmFitViews.sessionsTable(r);
			return folder -> org.latentj.ui.TableCsv.write(table[0], folder.resolve("sessions.csv"));
		};
		boolean slds = SldsModel.isSlds(ModelFile.read(model.toPath())); // an SLDS: structured mean field, not its AR part
		result = slds ? SldsApply.run(s, Present.progress(LABEL), sessionsCsv) : ApplyModel.run(s, Present.progress(LABEL), sessionsCsv);
		result.notes().forEach(Present::status);
		sessionsTable = table[0];
		saved = output;
		Present.table(table[0], slds ? "SLDS sessions" : "HMM sessions");
		int n = result.sessions().size(), trained = result.sessionsInTraining();
		String which = slds ? (trained == 0 ? "held-out ELBO/frame" : "ELBO/frame") : trained == 0 ? "held-out LL/frame" : trained == n ? "LL/frame (all training sessions)"
				: "LL/frame (" + trained + " of them training sessions)";
		Present.status(String.format("%s: %d sessions labeled (%s), %s %s%s", LABEL, n, Choices.key(mode), which,
				org.latentj.util.Texts.score(result.logLikPerFrame()), Present.savedSuffix(output)));
	}
}
