package org.latentj.hmm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.Headless;
import org.latentj.ij1.CommandFailures;
import org.latentj.io.CsvTable;
import org.latentj.hmm.LabelsFile;
import org.latentj.hmm.LoglikFile;
import org.latentj.hmm.HmmModel;
import org.latentj.hmm.Metrics;
import org.latentj.testing.MoSeqSessions;

import ij.IJ;
import ij.ImagePlus;

/** Fit HMM and Apply Model driven from a macro through the headless runner, on the shared sessions. */
class HmmCommandsTest {

	@TempDir
	Path tmp;

	@Test
	void fitThenApplyFromAMacro() throws Exception {
		Path a = MoSeqSessions.path("session_a"), c = MoSeqSessions.path("session_c"), b = MoSeqSessions.path("session_b");
		Path fit = tmp.resolve("fit"), applied = tmp.resolve("applied");
		int code = Headless.runMacro("run('Fit HMM', 'sessions=[" + a + ";" + c + "] states=6 restarts=2 output=[" + fit
				+ "]');\nrun('Apply Model', 'model=[" + fit.resolve("model.json") + "] sessions=[" + b
				+ "] decode=viterbi output=[" + applied + "]');\n", "", "hmm.ijm");
		assertEquals(0, code, "first failure: " + CommandFailures.first());

		// model.json loads, and describes what was asked
		HmmModel model = HmmModel.read(fit.resolve("model.json"));
		assertEquals(6, model.hmm.states());
		assertEquals(2, model.hmm.lags());
		assertEquals(List.of("session_a", "session_c"), model.data.sessions);
		// loglik.csv: iteration, train, test
		double[][] ll = LoglikFile.read(fit.resolve("loglik.csv"));
		assertEquals(model.data.trainLoglik.length, ll[0].length);
		assertEquals(model.data.trainLoglik[ll[0].length - 1], ll[0][ll[0].length - 1], 0);
		// labels: one row per frame, -1 for the 2 lag frames, then labels that match the truth
		for (String name : new String[] { "session_a", "session_c" }) {
			LabelsFile.Labels l = LabelsFile.read(fit.resolve("labels").resolve(name + ".csv"));
			int[] truth = MoSeqSessions.labels(name);
			assertEquals(truth.length, l.size());
			assertEquals(-1, l.labels[1]);
			assertTrue(l.labels[2] >= 0);
			assertEquals(1234.5, l.times[0], 1e-9);
			assertTrue(Metrics.adjustedRandIndex(l.labels, truth) >= 0.9);
		}
		// the summary tables as CSV, and the plot as PNG
		CsvTable states = CsvTable.read(fit.resolve("states.csv"));
		assertEquals(6, states.rowCount());
		assertEquals(0, states.integers("state")[0]);
		CsvTable sessions = CsvTable.read(fit.resolve("sessions.csv"));
		assertEquals("session_a", sessions.texts("session")[0]);
		assertEquals(3000, sessions.integers("frames")[0]);
		ImagePlus png = IJ.openImage(fit.resolve("loglik.png").toString());
		assertTrue(png.getWidth() > 200);
		// no staging folder left behind
		try (var s = Files.list(tmp)) {
			assertEquals(2, s.count());
		}

		// Apply Model on a session the model never saw
		LabelsFile.Labels l = LabelsFile.read(applied.resolve("labels").resolve("session_b.csv"));
		assertTrue(Metrics.adjustedRandIndex(l.labels, MoSeqSessions.labels("session_b")) >= 0.9);
		CsvTable held = CsvTable.read(applied.resolve("sessions.csv"));
		assertEquals(2998, held.integers("scored_frames")[0]);
		assertTrue(held.numbers("loglik_per_frame")[0] > 10);
		assertEquals(0, held.integers("in_training")[0]); // session_b is held-out
	}

	@Test
	void badInputStopsTheMacroWithAClearMessage() throws Exception {
		Path out = tmp.resolve("never");
		assertEquals(1, Headless.runMacro("run('Fit HMM', 'sessions=[" + tmp.resolve("missing.nwb") + "] output=[" + out
				+ "]');", "", "bad.ijm"));
		assertTrue(CommandFailures.first().contains("missing.nwb does not exist"), CommandFailures.first());
		assertEquals(1, Headless.runMacro("run('Fit HMM', 'sessions=[" + MoSeqSessions.path("session_c") + "] pcs=12');", "",
				"bad.ijm"));
		assertTrue(CommandFailures.first().contains("fewer than the 12 requested"), CommandFailures.first());
		Files.createDirectories(tmp.resolve("empty"));
		assertEquals(1, Headless.runMacro("run('Fit HMM', 'sessions=[" + tmp.resolve("empty") + "]');", "", "bad.ijm"));
		assertTrue(CommandFailures.first().contains("holds no .nwb files"), CommandFailures.first());
		Path notNwb = tmp.resolve("fake.nwb");
		Files.writeString(notNwb, "not hdf5");
		assertEquals(1, Headless.runMacro("run('Fit HMM', 'sessions=[" + notNwb + "]');", "", "bad.ijm"));
		assertTrue(CommandFailures.first().contains("fake.nwb"), CommandFailures.first());
		// an output that is a file is refused before any session is read or fitted
		Path file = tmp.resolve("results.txt");
		Files.writeString(file, "keep me");
		assertEquals(1, Headless.runMacro("run('Fit HMM', 'sessions=[" + notNwb + "] output=[" + file + "]');", "", "bad.ijm"));
		assertTrue(CommandFailures.first().contains("results.txt is a file, not a folder"), CommandFailures.first());
		assertEquals("keep me", Files.readString(file));
		Path model = tmp.resolve("model.json");
		Files.writeString(model, "{\"format\": \"latentj-hmm\", \"version\": 7}");
		assertEquals(1, Headless.runMacro("run('Apply Model', 'model=[" + model + "] sessions=["
				+ MoSeqSessions.path("session_c") + "]');", "", "bad.ijm"));
		assertTrue(CommandFailures.first().contains("has version 7"), CommandFailures.first());
		assertFalse(Files.exists(out));
	}

	@Test
	void applyModelRefusesAFileAsOutputBeforeDecoding() throws Exception {
		Path fit = tmp.resolve("fit");
		Path c = MoSeqSessions.path("session_c");
		assertEquals(0, Headless.runMacro("run('Fit HMM', 'sessions=[" + c + "] states=2 restarts=1 iterations=2 split_merge=false "
				+ "output=[" + fit + "]');", "", "fit.ijm"));
		Path file = tmp.resolve("labels.txt");
		Files.writeString(file, "keep me");
		// a session that cannot be read: the output is refused first, so nothing is read or decoded
		Path notNwb = tmp.resolve("fake.nwb");
		Files.writeString(notNwb, "not hdf5");
		assertEquals(1, Headless.runMacro("run('Apply Model', 'model=[" + fit.resolve("model.json") + "] sessions=[" + notNwb
				+ "] output=[" + file + "]');", "", "bad.ijm"));
		assertTrue(CommandFailures.first().contains("labels.txt is a file, not a folder"), CommandFailures.first());
		assertEquals("keep me", Files.readString(file));
	}
}
