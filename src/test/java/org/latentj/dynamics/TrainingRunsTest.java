package org.latentj.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.GaussianHmm;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/** Reading training runs from hand-made CSVs: the exact sentence for each bad input, and what is kept. */
class TrainingRunsTest {

	@TempDir
	Path dir;

	/** A run of 6 rows: epoch, a (rising), b (up and down), train_loss; {@code extra} appended to every row. */
	private Path run(String name, String extraHeader, String... extra) throws IOException {
		StringBuilder sb = new StringBuilder("epoch,a,b,train_loss" + extraHeader + "\n");
		double[] b = { 0.3, -1.2, 0.8, 2.0, -0.4, 1.1 };
		for (int i = 0; i < 6; i++)
			sb.append(i).append(',').append(i * i + 0.5 * name.length()).append(',').append(b[i] + name.length())
					.append(',').append(1.0 / (i + 1)).append(extra.length > 0 ? extra[i % extra.length] : "").append('\n');
		return write(name + ".csv", sb.toString());
	}

	private Path write(String name, String text) throws IOException {
		Path p = dir.resolve(name);
		Files.createDirectories(p.getParent());
		Files.writeString(p, text);
		return p;
	}

	private static String message(Runnable r) {
		return assertThrows(BadInputException.class, r::run).getMessage();
	}

	private static TrainingRuns.Read read(String metrics, boolean skip, Path... files) {
		return TrainingRuns.read(List.of(files), metrics, 1000, 1, skip);
	}

	private PhaseSettings settings(String runs, String metrics, boolean skip, Path output) {
		return new PhaseSettings(runs, metrics, 1000, 1, 1, 1, GaussianHmm.Covariance.DIAG, 0, 0, skip, output, 20, 1e-2);
	}

	@Test
	void runsOfOneNameAreRefused() throws IOException {
		Path a = run("x/run", ""), b = run("y/run", "");
		String twoFiles = "The CSV files " + a + " and " + b
				+ " are both run 'run', whose outputs would overwrite each other; rename one.";
		assertEquals(twoFiles, message(() -> read("a,b", true, a, b)), "refused even with skip_bad_runs");
		assertEquals(twoFiles, message(() -> TrainingPhases.fit(settings(a + ";" + b, "a,b", false, null), Progress.NONE, null)));
		assertEquals("runs lists the CSV file " + a + " twice.", message(() -> read("a,b", false, a, a)));
		// a folder and a file of it name the same file twice too
		assertEquals("runs lists the CSV file " + a + " twice.",
				message(() -> read("a,b", false, TrainingRuns.files(dir.resolve("x") + ";" + a).toArray(Path[]::new))));
	}

	@Test
	void runsOfOneNameAreRefusedByCharacterize() throws IOException {
		Path a = run("x/run", ""), b = run("y/run", "");
		Path model = fittedModel();
		assertEquals("The CSV files " + a + " and " + b + " are both run 'run', whose outputs would overwrite each other; rename one.",
				message(() -> Characterization.run(model, a + ";" + b, 1000, true, null, Progress.NONE, null)));
	}

	/** A model.json over a and b, fitted on two good runs. */
	private Path fittedModel() throws IOException {
		Path p = run("fit/p", ""), q = run("fit/qq", "");
		TrainingPhases.fit(settings(p + ";" + q, "a,b", false, dir.resolve("model")), Progress.NONE, null);
		return dir.resolve("model/model.json");
	}

	@Test
	void metricColumnsThatDifferAreRefusedOrSkipped() throws IOException {
		Path a = run("a", ",c", ",1", ",2", ",4"), b = run("b", ",d", ",1", ",2", ",4");
		String differ = "The CSV file " + b + " has metric columns that differ from those of the CSV file " + a
				+ " (missing: c; extra: d); name the metrics to use.";
		assertEquals(differ, message(() -> read("all", false, a, b)));
		TrainingRuns.Read r = read("all", true, a, b);
		assertEquals(List.of("a"), r.runs().stream().map(x -> x.name).toList());
		assertEquals(List.of(differ), r.skipped());
		assertEquals(List.of("a", "b", "c"), r.runs().get(0).metrics);
	}

	@Test
	void allLeavesOutTextColumnsButRefusesAStrayWord() throws IOException {
		Path a = run("a", ",optimizer,lr", ",adam,0.1", ",adam,0.01");
		assertEquals(List.of("a", "b", "lr"), read("all", false, a).runs().get(0).metrics);
		Path b = run("b", ",lr", ",0.1", ",0.01", ",warmup");
		assertEquals("The CSV file " + b + ": row 4, column 'lr' is 'warmup', not a finite number (run b).",
				message(() -> read("all", false, b)));
	}

	@Test
	void aTextCellIsQuoted() throws IOException {
		Path a = write("a.csv", "epoch,a,b\n0,1,2\n1,oops,3\n2,3,\n");
		assertEquals("The CSV file " + a + ": row 3, column 'a' is 'oops', not a finite number (run a).",
				message(() -> read("a,b", false, a)));
		Path b = write("b.csv", "epoch,a,b\n0,1,2\n1,2,3\n2,3,\n");
		assertEquals("The CSV file " + b + ": row 4, column 'b' is empty, not a finite number (run b).",
				message(() -> read("a,b", false, b)));
		Path c = write("c.csv", "epoch,a,b\n0,1,2\nlate,2,3\n");
		assertEquals("The CSV file " + c + ": row 3, column 'epoch' is 'late', not a finite number (run c).",
				message(() -> read("a,b", false, c)));
	}

	@Test
	void rowsAreSortedByEpochAndCutAtMaxRows() throws IOException {
		Path a = write("a.csv", "epoch,a,b\n3,30,31\n1,10,11\n2,20,21\n0,0,1\n1,12,13\n");
		TrainingRun r = TrainingRuns.read(a, "a,b", 4);
		assertArrayEquals(new double[] { 0, 1, 1, 2 }, r.epochs);
		// ties keep file order (10 before 12); epoch 3, the fifth by epoch, is cut
		assertArrayEquals(new double[] { 0, 1, 10, 11, 12, 13, 20, 21 }, r.values);
		assertEquals(List.of("a", "b"), r.metrics);
	}

	@Test
	void aOneRowRunIsRefusedOrSkippedInFit() throws IOException {
		Path a = run("a", ""), one = write("one.csv", "epoch,a,b,train_loss\n0,1,2,0.5\n");
		String oneRow = "The CSV file " + one + " has 1 row; at least 2 are needed to z-score it.";
		assertEquals(oneRow, message(() -> read("a,b", false, a, one)));
		TrainingPhases.Result r = TrainingPhases.fit(settings(a + ";" + one, "a,b", true, null), Progress.NONE, null);
		assertEquals(List.of("a"), r.runs().runs.stream().map(x -> x.name).toList());
		assertEquals(List.of(oneRow), r.messages());
		assertEquals(List.of("a", "b"), r.model().metrics, "no column called constant because of the short run");
	}

	@Test
	void aOneRowRunIsRefusedOrSkippedInCharacterize() throws IOException {
		Path model = fittedModel();
		Path a = run("a", ""), one = write("one.csv", "epoch,a,b\n0,1,2\n");
		String oneRow = "The CSV file " + one + " has 1 row; at least 2 are needed to z-score it.";
		assertEquals(oneRow, message(() -> Characterization.run(model, a + ";" + one, 1000, false, null, Progress.NONE, null)));
		Characterization.Result r = Characterization.run(model, a + ";" + one, 1000, true, null, Progress.NONE, null);
		assertEquals(List.of(oneRow), r.skipped());
		assertEquals(1, r.runs().runs.size());
	}

	@Test
	void aConstantColumnIsReportedAndDroppedInFit() throws IOException {
		Path a = run("a", ",c", ",1", ",2", ",4"), b = run("b", ",c", ",7");
		TrainingPhases.Result r = TrainingPhases.fit(settings(a + ";" + b, "all", false, null), Progress.NONE, null);
		assertEquals(List.of("Column 'c' is constant in run b (the CSV file " + b + "); dropped from every run."), r.messages());
		assertEquals(List.of("a", "b"), r.model().metrics);
		assertEquals(2, r.runs().dim());
	}

	@Test
	void everyColumnConstantNamesTheRuns() throws IOException {
		Path a = run("a", ""), flat = write("flat.csv", "epoch,a,b\n0,1,2\n1,1,2\n2,1,2\n");
		assertEquals("Every metric column is constant in some run ('a' in run flat, 'b' in run flat); nothing to model.",
				message(() -> TrainingPhases.fit(settings(a + ";" + flat, "a,b", false, null), Progress.NONE, null)));
	}

	@Test
	void characterizeRefusesOrSkipsARunWithAConstantColumn() throws IOException {
		Path model = fittedModel();
		Path a = run("a", ""), flat = write("flat.csv", "epoch,a,b\n0,1,2\n1,2,2\n2,3,2\n");
		String constant = "Column 'b' is constant in run flat (the CSV file " + flat + "), so it cannot be z-scored for the model.";
		assertEquals(constant, message(() -> Characterization.run(model, a + ";" + flat, 1000, false, null, Progress.NONE, null)));
		Characterization.Result r = Characterization.run(model, a + ";" + flat, 1000, true, null, Progress.NONE, null);
		assertEquals(List.of(constant), r.skipped());
		assertEquals(List.of("a"), r.runs().runs.stream().map(x -> x.name).toList());
		assertEquals(1, r.labels().paths().size());		// every run left out: one message naming each, the one read and the one z-scored
		Path one = write("one.csv", "epoch,a,b\n0,1,2\n");
		assertEquals("No usable run: The CSV file " + one + " has 1 row; at least 2 are needed to z-score it. " + constant,
				message(() -> Characterization.run(model, flat + ";" + one, 1000, true, null, Progress.NONE, null)));
	}

	/**
	 * Held-out log-likelihoods near -2.4e6 that differ by hundredths: by hand, the deviations from the mean
	 * are 4/300, 1/300 and -5/300, so the population SD is sqrt(42 / 90000 / 3) = 0.0124722...; the NaN
	 * (a failed restart) is left out. sum(x^2)/n - mean^2 loses it: 5.76e12 has an ulp of 1e-3.
	 */
	@Test
	void heldOutSdOfLargeLogLikelihoods() {
		double[] v = { 7, Double.NaN, -2400000.01, -2400000.02, -2400000.04, 7 };
		double[] ms = TrainingPhases.meanAndSd(v, 1, 4);
		assertEquals(-2400000 - 0.07 / 3, ms[0], 1e-6);
		assertEquals(Math.sqrt(42.0 / 90000 / 3), ms[1], 1e-7);
		assertEquals(0.0124722, ms[1], 1e-7);
	}
}
