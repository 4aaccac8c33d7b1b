package org.latentj.dynamics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.latentj.io.CsvWriter;

/** The text outputs shared by both commands: labels/, transitions/, transitions.csv and map.dot. */
public final class PhaseOutputs {

	public static final String[] TRANSITION_COLUMNS = { "rank", "metric", "mean_gradient", "mean_difference" };
	public static final String[] SUMMARY_COLUMNS = { "from", "to", "occurrences", "probability", "top_metric",
			"top_gradient", "second_metric", "second_gradient", "third_metric", "third_gradient" };

	private PhaseOutputs() {
	}

	public static void write(Path dir, PhaseModel model, ZScoredRuns runs, TrainingPhases.Labels labels,
			List<TransitionGradients.Transition> transitions, TrainingMap map) throws IOException {
		Files.createDirectories(dir.resolve("labels"));
		for (int r = 0; r < runs.runs.size(); r++) {
			TrainingRun run = runs.runs.get(r);
			try (CsvWriter w = new CsvWriter(dir.resolve("labels").resolve(run.name + ".csv"), run.epochColumn, "label",
					"probability")) {
				int[] path = labels.paths().get(r);
				double[] p = labels.probability().get(r);
				for (int t = 0; t < path.length; t++) w.row(epoch(run.epochs[t]), path[t], p[t]);
				w.commit();
			}
		}
		Files.createDirectories(dir.resolve("transitions"));
		for (TransitionGradients.Transition t : transitions)
			try (CsvWriter w = new CsvWriter(dir.resolve("transitions").resolve(t.from() + "_to_" + t.to() + ".csv"),
					TRANSITION_COLUMNS)) {
				for (int i = 0; i < t.order().length; i++) {
					int m = t.order()[i];
					w.row(i + 1, model.metrics.get(m), t.meanGradient()[m], t.meanDifference()[m]);
				}
				w.commit();
			}
		try (CsvWriter w = new CsvWriter(dir.resolve("transitions.csv"), SUMMARY_COLUMNS)) {
			for (Object[] row : summaryRows(model, transitions)) w.row(row);
			w.commit();
		}
		Files.writeString(dir.resolve("map.dot"), map.dot(TrainingMap.colors(model.states())), StandardCharsets.UTF_8);
	}

	/** One row per transition: counts, P_ij and the three metrics that drive it most. */
	public static Object[][] summaryRows(PhaseModel model, List<TransitionGradients.Transition> transitions) {
		Object[][] rows = new Object[transitions.size()][];
		for (int i = 0; i < rows.length; i++) {
			TransitionGradients.Transition t = transitions.get(i);
			Object[] row = new Object[SUMMARY_COLUMNS.length];
			row[0] = t.from();
			row[1] = t.to();
			row[2] = t.occurrences();
			row[3] = t.probability();
			for (int k = 0; k < 3; k++) {
				boolean has = k < t.order().length;
				row[4 + 2 * k] = has ? model.metrics.get(t.order()[k]) : "";
				row[5 + 2 * k] = has ? t.meanGradient()[t.order()[k]] : Double.NaN;
			}
			rows[i] = row;
		}
		return rows;
	}

	/** Whole epochs without ".0". */
	static Object epoch(double e) {
		return e == Math.rint(e) && Math.abs(e) < 1e15 ? (Object) (long) e : (Object) e;
	}
}
