package org.latentj.dynamics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.util.BadInputException;
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
		if (maxRows < 2) throw new BadInputException("max_rows must be at least 2, as a run is z-scored over its rows (got " + maxRows + ").");
		if (output != null) Outputs.check(output, Outputs.Kind.FOLDER, modelFile, runs);
		PhaseModel model = PhaseModel.read(modelFile);
		// minimum rows 1: no states are fitted here; TrainingRuns.read asks for the 2 rows z-scoring needs
		TrainingRuns.Read read = TrainingRuns.read(TrainingRuns.files(runs), String.join(",", model.metrics), maxRows, 1,
				skipBad);
		return run(model, read.runs(), read.skipped(), skipBad, output, progress, pictures);
	}

	/** Labels runs already read; with {@code skipBad} a run that cannot be z-scored joins {@code skipped}. */
	public static Result run(PhaseModel model, List<TrainingRun> runs, List<String> skipped, boolean skipBad, Path output,
			Progress progress, TrainingPhases.Pictures pictures) {
		progress.update(0.1, "labelling " + runs.size() + " runs");
		ZScoredRuns z = ZScoredRuns.forModel(runs, model.metrics, skipBad);
		List<String> left = new ArrayList<>(skipped);
		left.addAll(z.dropped);
		if (z.runs.isEmpty()) throw new BadInputException("No usable run: " + String.join(" ", left));
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
		return new Result(model, z, labels, tr, map, List.copyOf(left), output);
	}
}
