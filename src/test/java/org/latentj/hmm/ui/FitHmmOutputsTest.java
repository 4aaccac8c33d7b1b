package org.latentj.hmm.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.io.CsvTable;
import org.latentj.hmm.FitHmm;
import org.latentj.hmm.SessionData;
import org.latentj.testing.TwoPointSession;
import org.latentj.util.Progress;

import ij.IJ;
import ij.ImagePlus;

/** What Fit HMM writes into its output folder, from a small fit of sessions made here. */
class FitHmmOutputsTest {

	@TempDir
	Path tmp;

	/** Runs of frames around two well separated means, 2 PCs. */
	static SessionData twoStates(String name, int frames, long seed) {
		Random r = new Random(seed);
		double[] pcs = new double[frames * 2];
		int z = 0;
		for (int t = 0; t < frames; t++) {
			if (r.nextDouble() < 0.05) z = 1 - z;
			pcs[2 * t] = (z == 0 ? -3 : 3) + 0.3 * r.nextGaussian();
			pcs[2 * t + 1] = (z == 0 ? 1 : -1) + 0.3 * r.nextGaussian();
		}
		return new SessionData(name, pcs, 2, null);
	}

	static FitHmm.Result smallFit(Path output) {
		FitHmmCommand s = new FitHmmCommand();
		s.observations = "gaussian";
		s.states = 2;
		s.pcs = 2;
		s.restarts = 1;
		List<SessionData> data = List.of(twoStates("mouse1", 300, 1), twoStates("mouse2", 200, 2));
		return FitHmm.fit(data, s.settings(), output, Progress.NONE, HmmFitViews.Fit::new);
	}

	@Test
	void writesEveryOutput() throws IOException {
		smallFit(tmp);
		for (String f : new String[] { "model.json", "loglik.csv", "states.csv", "sessions.csv", "labels/mouse1.csv",
				"labels/mouse2.csv" })
			assertTrue(Files.isRegularFile(tmp.resolve(f)), f);
		assertEquals(2, CsvTable.read(tmp.resolve("states.csv")).rowCount());
		ImagePlus png = IJ.openImage(tmp.resolve("loglik.png").toString());
		assertTrue(png.getWidth() > 200, "loglik.png is a plot");
	}

	/** IJ.saveAs only prints an error when the PNG cannot be written; the output folder must not be committed then. */
	@Test
	void aPngThatCannotBeWrittenIsAnError() throws IOException {
		HmmFitViews.Fit outputs = new HmmFitViews.Fit(smallFit(null));
		Path blocked = Files.createDirectories(tmp.resolve("loglik.png"));
		Files.writeString(blocked.resolve("keep.txt"), "a folder where the PNG should go");
		IOException e = assertThrows(IOException.class, () -> outputs.write(tmp));
		assertTrue(e.getMessage().contains("loglik.png"), e.getMessage());
	}

	/** States that lost all their frames: lost_all_frames in states.csv, named in the status line. */
	@Test
	void emptyStatesAreReported() throws IOException {
		FitHmmCommand s = new FitHmmCommand();
		s.observations = "gaussian";
		s.states = 5;
		s.pcs = 2;
		s.standardize = "none";
		s.restarts = 1;
		s.split_merge = false;
		List<SessionData> data = List.of(TwoPointSession.session("two_points", 400, 3));
		FitHmm.Result r = FitHmm.fit(data, s.settings(), tmp, Progress.NONE, HmmFitViews.Fit::new);
		CsvTable states = CsvTable.read(tmp.resolve("states.csv"));
		assertArrayEquals(new int[] { 0, 0, 1, 1, 1 }, states.integers("lost_all_frames"));
		String status = FitHmmCommand.status(r);
		assertTrue(status.contains("states 2, 3, 4 lost all their training frames"), status);
		assertTrue(FitHmmCommand.status(smallFit(null)).indexOf("lost") < 0);
	}
}
