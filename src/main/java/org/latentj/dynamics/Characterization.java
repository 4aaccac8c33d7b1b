package org.latentj.dynamics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.util.Progress;

/**
 * "Characterize Transitions": a saved training-phases model applied to runs (each z-scored on its own,
 * the model's metrics), labelled by Viterbi, and every transition seen characterised by
 * {@link TransitionGradients}; writes labels/, transitions/, transitions.csv, map.dot and the pictures.
 */
public final class Characterization {

	public record Result(PhaseModel model, ZScoredRuns runs, TrainingPhases.Labels labels,
			List<TransitionGradients.Transition> transitions, TrainingMap map, List<String> skipped, Path output) {
	}

	private Characterization() {
	}

	public static Result run(Path modelFile, String runs, int maxRows, boolean skipBad, Path output, Progress progress,
			TrainingPhases.Pictures pictures) {
		if (output != null) Outputs.check(output, Outputs.Kind.FOLDER, modelFile, runs);
		PhaseModel model = PhaseModel.read(modelFile);
		TrainingRuns.Read read = TrainingRuns.read(TrainingRuns.files(runs), String.join(",", model.metrics), maxRows, 1,
				skipBad);
		return run(model, read.runs(), read.skipped(), output, progress, pictures);
	}

	public static Result run(PhaseModel model, List<TrainingRun> runs, List<String> skipped, Path output, Progress progress,
			TrainingPhases.Pictures pictures) {
		progress.update(0.1, "labelling " + runs.size() + " runs");
		ZScoredRuns z = ZScoredRuns.forModel(runs, model.metrics);
		TrainingPhases.Labels labels = TrainingPhases.label(model, z.data);
		progress.checkCancelled();
		progress.update(0.5, "characterising transitions");
		List<TransitionGradients.Transition> tr = new TransitionGradients(model).characterize(z.data, labels.paths());
		TrainingMap map = TrainingMap.of(model.states(), model.transitions(), labels.paths());
		if (output != null)
			try (AtomicOutput.Staging st = AtomicOutput.stageFolder(output)) {
				PhaseOutputs.write(st.dir(), model, z, labels, tr, map);
				if (pictures != null) pictures.write(st.dir(), model, z, labels, map, null);
				st.commit();
			} catch (IOException e) {
				throw AtomicOutput.writeFailure(output, e);
			}
		progress.update(1, null);
		return new Result(model, z, labels, tr, map, skipped, output);
	}
}
