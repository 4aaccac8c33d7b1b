package org.latentj.dynamics.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.Headless;
import org.latentj.dynamics.PhaseModel;
import org.latentj.hmm.GaussianHmm;
import org.latentj.io.CsvTable;
import org.latentj.util.BadInputException;

import ij.measure.ResultsTable;

/** Both Training Dynamics commands as the headless runner runs them, on the runs in test-data/. */
class TrainingDynamicsCommandsTest {

	static final Path RUNS = Path.of("test-data/training-runs");

	@TempDir
	Path dir;

	/** AIC and BIC of selection.csv by hand: K = 2, D = 2 (l1, l2), all 150 rows training, p = 1 + 2 + 4 + 6 = 13. */
	@Test
	void aicAndBicByHand() throws Exception {
		FitTrainingPhasesCommand c = new FitTrainingPhasesCommand();
		c.runs = RUNS.toString();
		c.metrics = "l1,l2";
		c.states = 2;
		c.restarts = 2;
		c.test_fraction = 0;
		c.output = dir.resolve("fit").toFile();
		c.run();
		CsvTable sel = CsvTable.read(dir.resolve("fit/selection.csv"));
		assertEquals(1, sel.rowCount());
		assertEquals(13, sel.integer(0, sel.column("parameters")));
		// the log-likelihood again, from the saved model and runs z-scored here (population SD)
		PhaseModel m = PhaseModel.read(dir.resolve("fit/model.json"));
		List<double[]> z = new ArrayList<>();
		int rows = 0;
		for (String run : new String[] { "parity_seed0", "parity_seed1", "parity_seed3" }) {
			CsvTable t = CsvTable.read(RUNS.resolve(run + ".csv"));
			double[] l1 = zscore(t.numbers("l1")), l2 = zscore(t.numbers("l2"));
			double[] x = new double[2 * l1.length];
			for (int i = 0; i < l1.length; i++) {
				x[2 * i] = l1[i];
				x[2 * i + 1] = l2[i];
			}
			z.add(x);
			rows += l1.length;
		}
		assertEquals(150, rows);
		double ll = GaussianHmm.logLikelihood(m.hmm, z);
		assertEquals(ll, sel.number(0, sel.column("train_ll")), 1e-9 * Math.abs(ll));
		assertEquals(-2 * ll + 2 * 13, sel.number(0, sel.column("aic")), 1e-9 * Math.abs(ll));
		assertEquals(-2 * ll + 13 * Math.log(150), sel.number(0, sel.column("bic")), 1e-9 * Math.abs(ll));
		assertEquals("NaN", sel.text(0, sel.column("heldout_ll_best")), "no held-out run, no held-out score");
	}

	private static double[] zscore(double[] v) {
		double m = 0, s = 0;
		for (double x : v) m += x;
		m /= v.length;
		for (double x : v) s += (x - m) * (x - m);
		s = Math.sqrt(s / v.length);
		double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++) out[i] = (v[i] - m) / s;
		return out;
	}

	/** The sweep writes every output; Characterize Transitions on its model.json labels the runs the same way. */
	@Test
	void sweepWritesEverythingAndCharacterizeAgrees() throws Exception {
		FitTrainingPhasesCommand c = new FitTrainingPhasesCommand();
		c.runs = RUNS.toString();
		c.max_states = 3;
		c.restarts = 2;
		c.covariance = "diag";
		c.output = dir.resolve("fit").toFile();
		c.run();
		Path out = dir.resolve("fit");
		assertEquals(3, CsvTable.read(out.resolve("selection.csv")).rowCount());
		for (String f : new String[] { "model.json", "transitions.csv", "map.dot", "map.png", "selection.png",
				"labels/parity_seed0.csv", "runs/parity_seed0.png", "runs/parity_seed3.png" })
			assertTrue(Files.isRegularFile(out.resolve(f)), f);
		CsvTable labels = CsvTable.read(out.resolve("labels/parity_seed1.csv"));
		assertEquals(50, labels.rowCount());
		assertEquals(List.of("epoch", "label", "probability"), List.of(labels.header()));
		assertTrue(Files.readString(out.resolve("map.dot")).startsWith("digraph training_map {"));
		int k = c.result.chosen();
		assertEquals(k, PhaseModel.read(out.resolve("model.json")).states());
		for (var t : c.result.transitions())
			assertTrue(Files.isRegularFile(out.resolve("transitions/" + t.from() + "_to_" + t.to() + ".csv")));

		CharacterizeTransitionsCommand ct = new CharacterizeTransitionsCommand();
		ct.model = out.resolve("model.json").toFile();
		ct.runs = RUNS.resolve("parity_seed1.csv") + ";" + RUNS.resolve("parity_seed0.csv");
		ct.output = dir.resolve("char").toFile();
		ct.run();
		assertArrayEquals(labels.integers("label"), CsvTable.read(dir.resolve("char/labels/parity_seed1.csv")).integers("label"));
		assertTrue(Files.isRegularFile(dir.resolve("char/transitions.csv")));
	}

	/**
	 * The open Results table as the one run, headless: a batch-mode macro fills it with setResult (the
	 * columns of parity_seed0) and runs the fit with no runs; the labels and the log-likelihood are those of
	 * the same fit on the CSV file.
	 */
	@Test
	void resultsTableOfABatchMacroIsTheRun() throws Exception {
		CsvTable t = CsvTable.read(RUNS.resolve("parity_seed0.csv"));
		StringBuilder m = new StringBuilder("setBatchMode(true);\n");
		for (String col : new String[] { "epoch", "l1", "l2", "var_b" }) {
			double[] v = t.numbers(col);
			for (int i = 0; i < v.length; i++) m.append("setResult('").append(col).append("', ").append(i).append(", ").append(v[i]).append(");\n");
		}
		m.append("updateResults();\n");
		String keys = " metrics=l1,l2,var_b states=3 restarts=2 test_fraction=0 seed=4";
		m.append("run('Fit Training Phases', '").append(keys.trim()).append(" output=[").append(dir.resolve("table")).append("]');\n");
		try {
			ResultsTable.getResultsTable().reset();
			assertEquals(0, Headless.runMacro(m.toString(), "", "table.ijm"));
		} finally {
			ResultsTable.getResultsTable().reset(); // the system table outlives the test
		}
		assertEquals(0, Headless.runMacro("run('Fit Training Phases', 'runs=[" + RUNS.resolve("parity_seed0.csv") + "]" + keys
				+ " output=[" + dir.resolve("csv") + "]');", "", "csv.ijm"));
		CsvTable fromTable = CsvTable.read(dir.resolve("table/labels/Results.csv")), fromCsv = CsvTable.read(dir.resolve("csv/labels/parity_seed0.csv"));
		assertEquals(50, fromTable.rowCount());
		assertArrayEquals(fromCsv.numbers("epoch"), fromTable.numbers("epoch"));
		assertArrayEquals(fromCsv.integers("label"), fromTable.integers("label"));
		CsvTable selCsv = CsvTable.read(dir.resolve("csv/selection.csv")), selTable = CsvTable.read(dir.resolve("table/selection.csv"));
		double ll = selCsv.number(0, selCsv.column("train_ll"));
		assertEquals(ll, selTable.number(0, selTable.column("train_ll")), 1e-9 * Math.abs(ll));
		assertTrue(Files.readString(dir.resolve("table/model.json")).contains("\"var_b\""));
	}

	@Test
	void badInputIsOneSentenceNamingFileRowColumn() throws Exception {
		Path runs = dir.resolve("runs");
		Files.createDirectories(runs);
		Files.copy(RUNS.resolve("parity_seed0.csv"), runs.resolve("a.csv"));
		List<String> lines = Files.readAllLines(RUNS.resolve("parity_seed1.csv"));
		lines.set(4, lines.get(4).replaceFirst(",[^,]*$", ",NaN")); // var_b of the 4th data row
		Files.write(runs.resolve("b.csv"), lines);
		FitTrainingPhasesCommand c = new FitTrainingPhasesCommand();
		c.runs = runs.toString();
		c.states = 2;
		c.restarts = 1;
		BadInputException e = assertThrows(BadInputException.class, c::run);
		assertTrue(e.getMessage().contains("b.csv: row 5, column 'var_b'"), e.getMessage());
		c.skip_bad_runs = true;
		c.test_fraction = 0;
		c.run();
		assertEquals(1, c.result.runs().runs.size());
		assertTrue(c.result.messages().get(0).contains("b.csv: row 5, column 'var_b'"), c.result.messages().toString());
		// a column missing from a run
		Files.write(runs.resolve("b.csv"), Files.readAllLines(RUNS.resolve("parity_seed1.csv")).stream()
				.map(l -> l.substring(0, l.lastIndexOf(','))).toList());
		c.skip_bad_runs = false;
		e = assertThrows(BadInputException.class, c::run);
		assertTrue(e.getMessage().contains("b.csv has no column 'var_b'"), e.getMessage());
	}
}
