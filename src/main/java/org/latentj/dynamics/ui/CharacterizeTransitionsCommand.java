package org.latentj.dynamics.ui;

import java.io.File;
import java.util.List;

import org.latentj.io.PathText;
import org.latentj.dynamics.Characterization;
import org.latentj.dynamics.PhaseModel;
import org.latentj.dynamics.PhaseOutputs;
import org.latentj.dynamics.TransitionGradients;
import org.latentj.ui.Present;
import org.latentj.ui.ResultsTables;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Applies a training-phases model.json to runs: labels every run (Viterbi, each run z-scored on its
 * own) and characterises each transition seen by the gradient of the filtered log-probability of the
 * next phase (see {@link TransitionGradients}).
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Training Dynamics>Characterize Transitions", headless = true)
public class CharacterizeTransitionsCommand extends LatentJCommand {

	public static final String LABEL = "Characterize Transitions";

	@Parameter(label = "Model (model.json of Fit Training Phases)", description = "model.json written by Fit Training Phases", style = "open,extensions:json")
	public File model;
	@Parameter(label = "Runs (folder of CSV files, or list separated by ;)", style = "both,extensions:csv", required = false, description = "training runs to label: a folder of CSV files or files separated by ;, one CSV per run with the model's metric columns")
	public File runs;
	@Parameter(label = "Rows kept per run (first, by epoch)", min = "2", description = "only the first rows (epochs) of each run are read")
	public int max_rows = 1000;
	@Parameter(label = "Leave out bad runs (and report them)", description = "leave out bad runs (a cell not a number, fewer than 2 rows, a model column missing or constant) and list them, instead of stopping")
	public boolean skip_bad_runs = false;
	@Parameter(label = "Output folder", required = false, style = "directory", description = "folder for the transition tables and plots; leave empty to only show them")
	public File output;

	@Parameter(type = ItemIO.OUTPUT, label = "Transitions")
	public Characterization.Result result;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		if (model == null) throw new BadInputException("model is empty: give the model.json of Fit Training Phases.");
		Progress progress = Present.progress(LABEL);
		result = Characterization.run(model.toPath(), PathText.of(runs), max_rows, skip_bad_runs, output == null ? null : output.toPath(),
				progress, PhaseViews::write);
		saved = output;
		showTransitions(result.model(), result.transitions());
		for (String m : result.skipped()) Present.status(m);
		Present.status(String.format("%s: %d runs, %d transitions%s", LABEL, result.runs().runs.size(),
				result.transitions().size(), Present.savedSuffix(output)));
	}

	static void showTransitions(PhaseModel model, List<TransitionGradients.Transition> transitions) {
		Present.table(ResultsTables.of(PhaseOutputs.SUMMARY_COLUMNS, PhaseOutputs.summaryRows(model, transitions)),
				"Training phases: transitions");
	}
}
