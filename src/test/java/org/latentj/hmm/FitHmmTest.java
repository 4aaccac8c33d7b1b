package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.ui.FitHmmCommand;
import org.latentj.testing.MoSeqSessions;
import org.latentj.util.Progress;

/** The headless entry points, called as a script would: no command, no ImageJ. */
class FitHmmTest {

	@TempDir
	Path tmp;

	private static FitSettings small() {
		FitHmmCommand c = new FitHmmCommand();
		c.states = 3;
		c.pcs = 3;
		c.restarts = 1;
		c.iterations = 8;
		c.split_merge = false;
		c.seed = 5;
		return c.settings();
	}

	/**
	 * Fit HMM on NWB files writes its core outputs; the same inputs and seed give a bit-identical
	 * model.json (it held the run's seconds before, so two runs always differed).
	 */
	@Test
	void sameSeedSameModelFile() throws Exception {
		List<Path> files = List.of(MoSeqSessions.path("session_a"), MoSeqSessions.path("session_c"));
		FitHmm.Result one = FitHmm.run(new FitHmm.Settings(files, small(), tmp.resolve("one")), Progress.NONE);
		FitHmm.run(new FitHmm.Settings(files, small(), tmp.resolve("two")), Progress.NONE);
		for (String f : new String[] { "model.json", "loglik.csv", "labels/session_a.csv", "labels/session_c.csv" })
			assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(f)), Files.readAllBytes(tmp.resolve("two").resolve(f)), f);
		assertEquals(List.of("session_a", "session_c"), one.model().data.sessions);
		assertEquals(3, one.fit().hmm.states());
		assertTrue(one.seconds() > 0);
	}

	/**
	 * Apply Model says which sessions the model was trained on: their log-likelihood is not held-out
	 * (it called every session's log-likelihood held-out).
	 */
	@Test
	void applyModelMarksTrainingSessions() throws Exception {
		Path a = MoSeqSessions.path("session_a"), b = MoSeqSessions.path("session_b");
		FitHmm.run(new FitHmm.Settings(List.of(a), small(), tmp.resolve("fit")), Progress.NONE);
		ApplyModel.Result r = ApplyModel.run(new ApplyModel.Settings(tmp.resolve("fit/model.json"), List.of(b, a),
				Decoding.Mode.VITERBI, tmp.resolve("applied")), Progress.NONE);
		assertArrayEquals(new boolean[] { false, true }, r.inTraining());
		assertEquals(1, r.sessionsInTraining());
		assertTrue(Files.isRegularFile(tmp.resolve("applied/labels/session_b.csv")));
		assertArrayEquals(Files.readAllBytes(tmp.resolve("fit/model.json")), Files.readAllBytes(tmp.resolve("applied/model.json")));
	}
}
