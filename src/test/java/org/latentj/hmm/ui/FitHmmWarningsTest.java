package org.latentj.hmm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.FitHmm;
import org.latentj.hmm.SessionData;
import org.latentj.io.CsvTable;
import org.latentj.util.Progress;

/** Fit HMM names a state that holds under 1% of the frames, in its status line and in states.csv. */
class FitHmmWarningsTest {

	@TempDir
	Path tmp;

	@Test
	void aTinyStateIsNamed() throws Exception {
		// two common states around (-3, 1) and (3, -1), and one visit of 15 frames to (0, 8): 0.5% of 3000
		Random r = new Random(5);
		int frames = 3000;
		double[] pcs = new double[frames * 2];
		int z = 0;
		for (int t = 0; t < frames; t++) {
			if (r.nextDouble() < 0.05) z = 1 - z;
			boolean visit = t >= 1000 && t < 1015;
			pcs[2 * t] = (visit ? 0 : z == 0 ? -3 : 3) + 0.3 * r.nextGaussian();
			pcs[2 * t + 1] = (visit ? 8 : z == 0 ? 1 : -1) + 0.3 * r.nextGaussian();
		}
		FitHmmCommand c = new FitHmmCommand();
		c.observations = "gaussian";
		c.states = 3;
		c.pcs = 2;
		c.restarts = 1;
		c.train_fraction = 1;
		FitHmm.Result res = FitHmm.fit(List.of(new SessionData("mouse", pcs, 2, null)), c.settings(), tmp.resolve("fit"),
				Progress.NONE, HmmFitViews.Fit::new);
		// states are numbered by usage: the visit is state 2
		int[] labels = res.fit().decodings.get(0).labels;
		for (int t = 1000; t < 1015; t++) assertEquals(2, labels[t]);
		String status = FitHmmCommand.status(res);
		assertTrue(status.contains("; state 2 rare: 0.50% of frames"), status);
		assertTrue(!status.contains("state 0 ") && !status.contains("state 1 "), status);
		CsvTable states = CsvTable.read(tmp.resolve("fit").resolve("states.csv"));
		assertEquals("rare: 0.50% of frames", states.texts("warning")[2]);
		assertEquals(15, states.numbers("median_run_frames")[2], 0);
		assertEquals("", states.texts("warning")[0]);
	}
}
