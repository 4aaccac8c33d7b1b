package org.latentj.hmm.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.Headless;
import org.latentj.hmm.HmmModel;
import org.latentj.hmm.ScanModels;
import org.latentj.ij1.CommandFailures;
import org.latentj.ij1.CommandSpec;
import org.latentj.io.CsvTable;
import org.latentj.testing.SharedData;

import ij.IJ;
import ij.ImagePlus;

/** Scan Models from a macro through the headless runner, on test-data/; its keys agree with Fit HMM's. */
class ScanModelsCommandTest {

	@TempDir
	Path tmp;

	@Test
	void scanFromAMacro() throws Exception {
		Path a = SharedData.testData("sim_session_1.nwb"), b = SharedData.testData("sim_session_2.nwb");
		Path out = tmp.resolve("scan");
		int code = Headless.runMacro("run('Scan Models', 'sessions=[" + a + ";" + b + "] states=5-6 stickiness=0.9,0.95 "
				+ "restarts=2 split_merge=false fit=best output=[" + out + "]');\n", "", "scan.ijm");
		assertEquals(0, code, "first failure: " + CommandFailures.first());
		CsvTable scan = CsvTable.read(out.resolve("scan.csv"));
		assertArrayEquals(ScanModels.COLUMNS, scan.header());
		assertEquals(4, scan.rowCount());
		assertArrayEquals(new int[] { 5, 5, 6, 6 }, scan.integers("states"));
		assertArrayEquals(new double[] { 0.9, 0.95, 0.9, 0.95 }, scan.numbers("stickiness"), 0);
		int[] rec = scan.integers("recommended");
		assertEquals(1, Arrays.stream(rec).sum());
		int chosen = 0;
		while (rec[chosen] == 0) chosen++;
		assertEquals(6, scan.integers("states")[chosen]);
		String text = Files.readString(out.resolve("recommendation.txt"));
		assertTrue(text.startsWith("Rule: For each number of states, the stickiness whose median syllable duration"), text);
		assertTrue(text.contains("Choice: states=6 transitions=fixed stickiness=" + scan.numbers("stickiness")[chosen]), text);
		ImagePlus png = IJ.openImage(out.resolve("scan.png").toString());
		assertTrue(png.getWidth() > 2 * png.getHeight(), png.getWidth() + " x " + png.getHeight()); // two plots side by side
		// fit=best: Fit HMM's output of the recommended model
		HmmModel best = HmmModel.read(out.resolve("best").resolve("model.json"));
		assertEquals(6, best.hmm.states());
		CsvTable states = CsvTable.read(out.resolve("best").resolve("states.csv"));
		assertTrue(states.hasColumn("warning"));
		assertTrue(Files.isRegularFile(out.resolve("best").resolve("labels").resolve("sim_session_2.csv")));
	}

	/** The keys Scan Models shares with Fit HMM have Fit HMM's label, choices, bounds and default. */
	@Test
	void sharedKeysAreFitHmms() {
		CommandSpec scan = CommandSpec.of(ScanModelsCommand.class), fit = CommandSpec.of(FitHmmCommand.class);
		int shared = 0;
		for (CommandSpec.Input in : scan.inputs()) {
			CommandSpec.Input f = fit.input(in.key());
			if (f == null || f.type() != in.type() || in.key().equals("sessions") || in.key().equals("output")) continue;
			shared++;
			assertArrayEquals(f.choices(), in.choices(), in.key());
			assertEquals(f.defaultValue(), in.defaultValue(), in.key());
			if (!in.key().equals("restarts")) {
				assertEquals(f.label(), in.label(), in.key());
				assertEquals(f.min(), in.min(), in.key());
				assertEquals(f.max(), in.max(), in.key());
			}
		}
		assertEquals(14, shared);
		String[] fitChoices = scan.input("fit").choices().clone(), keys = org.latentj.util.Choices.keys(ScanModels.FitChoice.class);
		Arrays.sort(fitChoices);
		Arrays.sort(keys);
		assertArrayEquals(keys, fitChoices);
	}
}
