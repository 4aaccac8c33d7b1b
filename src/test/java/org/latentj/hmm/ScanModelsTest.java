package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.io.CsvTable;
import org.latentj.hmm.ui.FitHmmCommand;
import org.latentj.ij1.CommandSpec;
import org.latentj.testing.MoSeqSessions;
import org.latentj.testing.SharedData;
import org.latentj.util.BadInputException;
import org.latentj.util.CancelledException;
import org.latentj.util.Progress;

/**
 * Scan Models' entry point: on the sessions shipped in test-data/ (6 true syllables) and on the shared
 * MoSeq sessions (6 true syllables), the scan over the number of states recommends 6; a point's best
 * restart is the model Fit HMM fits with the same settings.
 */
class ScanModelsTest {

	/** Fit HMM's defaults by key, with these changes. */
	static Map<String, Object> fitValues(Object... keyValues) {
		Map<String, Object> m = CommandSpec.of(FitHmmCommand.class).values(new FitHmmCommand(), "sessions", "output");
		for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
		return m;
	}

	static List<Path> testData() {
		return List.of(SharedData.testData("sim_session_1.nwb"), SharedData.testData("sim_session_2.nwb"));
	}

	@Test
	void testDataRecommendsTheTrueNumberOfStates() {
		ScanModels.Settings s = ScanModels.Settings.parse(testData(), fitValues("restarts", 2), "5-7", "0", "0.95",
				ScanModels.FitChoice.NONE, null);
		ScanModels.Result r = ScanModels.run(s, Progress.NONE);
		assertEquals(3, r.points().size());
		assertEquals(6, r.choice().settings().states(), ScanModels.report(r));
		assertTrue(r.choice().recommended());
		ScanModels.Point six = r.points().get(1), five = r.points().get(0);
		// the true K explains the held-out frames far better than one state too few
		assertTrue(six.heldoutMean() > five.heldoutMean() + 5 * (five.heldoutSd() + six.heldoutSd()), ScanModels.report(r));
		assertEquals(6, six.statesUsed());
		assertTrue(six.stabilityAri() > 0.95, "ARI " + six.stabilityAri());
		// stickiness 0.92 in the simulation: mean run ~12 frames; 30 fps
		assertEquals(1000.0 / 30, r.frameMs(), 1e-6);
		assertTrue(six.medianDurationFrames() > 4 && six.medianDurationFrames() < 15, "median " + six.medianDurationFrames());
		assertEquals(six.medianDurationFrames() * r.frameMs(), six.medianDurationMs(), 1e-9);
		assertTrue(r.rule().startsWith("The smallest number of states"), r.rule());
		// BIC by hand: 6 AR(2) states of 10 PCs: 10 x 21 weights + 55 covariance entries each
		assertEquals(-2 * six.trainLl() * ((2400 - 2) * 2) + 6 * 265 * Math.log((2400 - 2) * 2), six.bic(), 1e-6 * Math.abs(six.bic()));
	}

	@Test
	void aPointsBestRestartIsFitHmmsModel() {
		List<SessionData> sessions = FitHmm.readSessions(testData(), 10, new ArrayList<>(), Progress.NONE);
		ScanModels.Settings one = ScanModels.Settings.parse(testData(), fitValues("restarts", 2), "6", "0", "0.95",
				ScanModels.FitChoice.BEST, null);
		ScanModels.Result r = ScanModels.scan(sessions, one, Progress.NONE);
		FitResult best = r.best().fit();
		FitResult direct = HmmFitter.fit(sessions, r.choice().settings(), Progress.NONE);
		assertEquals(direct.restartScores, best.restartScores);
		assertEquals(direct.finalTestLogLik(), best.finalTestLogLik(), 0);
		assertEquals(direct.splitMergeMoves, best.splitMergeMoves);
		assertEquals(r.choice().trainLl(), (direct.restartScores.get(0) + direct.restartScores.get(1)) / 2, 1e-12);
		// the same point second in a scan starts from the first point's cached k-means, and split/merge then draws
		// from the generator the cache left where clustering would have: the same scores, bit for bit
		ScanModels.Settings two = ScanModels.Settings.parse(testData(), fitValues("restarts", 2), "6", "0", "0.6,0.95",
				ScanModels.FitChoice.NONE, null);
		ScanModels.Point cached = ScanModels.scan(sessions, two, Progress.NONE).points().get(1);
		ScanModels.Point alone = r.points().get(0);
		assertEquals(0.95, cached.settings().stickiness(), 0);
		assertEquals(alone.heldoutMean(), cached.heldoutMean(), 0);
		assertEquals(alone.heldoutSd(), cached.heldoutSd(), 0);
		assertEquals(alone.trainLl(), cached.trainLl(), 0);
		assertEquals(alone.stabilityAri(), cached.stabilityAri(), 0);
	}

	@Test
	void sharedMoSeqSessionsRecommendSixStates() {
		List<Path> files = new ArrayList<>();
		for (String n : MoSeqSessions.NAMES) files.add(MoSeqSessions.path(n));
		ScanModels.Settings s = ScanModels.Settings.parse(files, fitValues("restarts", 2), "4-8", "0", "0.95",
				ScanModels.FitChoice.NONE, null);
		ScanModels.Result r = ScanModels.run(s, Progress.NONE);
		assertEquals(6, r.choice().settings().states(), ScanModels.report(r));
	}

	@Test
	void kappaScanPicksTheDurationClosestToTheChangepoints() {
		ScanModels.Settings s = ScanModels.Settings.parse(testData(),
				fitValues("transitions", "learned", "restarts", 2, "split_merge", false), "6", "1e2,1e5", "0.9",
				ScanModels.FitChoice.NONE, null);
		ScanModels.Result r = ScanModels.run(s, Progress.NONE);
		assertEquals(2, r.points().size());
		assertEquals(12, r.changepointFrames(), 0); // the simulation's mean run is ~12 frames (stickiness 0.92)
		ScanModels.Point a = r.points().get(0), b = r.points().get(1);
		ScanModels.Point closer = Math.abs(a.medianDurationFrames() - 12) <= Math.abs(b.medianDurationFrames() - 12) ? a : b;
		assertEquals(closer.settings().kappa(), r.choice().settings().kappa(), 0, ScanModels.report(r));
		assertEquals(FitSettings.TransitionMode.LEARNED, r.choice().settings().transitions());
		assertEquals(0.9, r.choice().settings().stickiness(), 0);
	}

	/**
	 * Sessions too short for a changepoint (41 frames or fewer, {@link Changepoints#EDGE}): the report says there
	 * are none, never "none frames = NaN ms".
	 */
	@Test
	void noChangepointsIsSaidAsSuch() {
		List<SessionData> sessions = Synthetic.sessions(2, 2, 10, new int[] { 30, 30 }, 5);
		ScanModels.Settings s = ScanModels.Settings.parse(testData(), fitValues("restarts", 2), "2", "0", "0.95",
				ScanModels.FitChoice.NONE, null);
		ScanModels.Result r = ScanModels.scan(sessions, s, Progress.NONE);
		assertTrue(Double.isNaN(r.changepointFrames()));
		String report = ScanModels.report(r);
		assertTrue(report.contains("\nChangepoint interval of the PCs (median): none (the PCs have no changepoints)\n"), report);
		assertEquals("12 frames = 400 ms", ScanModels.changepoint(12, 100 / 3.0));
		assertEquals("12.5 frames (no timestamps)", ScanModels.changepoint(12.5, Double.NaN));
	}

	/**
	 * More states than frames, in a range the grid allows, is said as such before the memory estimate (8 TB for
	 * 10,001 points up to 10,001 states: "give Java more memory" would not have helped).
	 */
	@Test
	void moreStatesThanFramesIsSaidBeforeTheMemoryEstimate() {
		List<SessionData> sessions = Synthetic.sessions(2, 2, 10, new int[] { 10 }, 5);
		ScanModels.Settings s = ScanModels.Settings.parse(testData(), fitValues("restarts", 2), "1-10001", "0", "0.95",
				ScanModels.FitChoice.NONE, null);
		BadInputException e = assertThrows(BadInputException.class, () -> ScanModels.scan(sessions, s, Progress.NONE));
		assertEquals("states = 10001 is more than the 8 usable frames of the sessions.", e.getMessage());
	}

	@Test
	void refusals() {
		assertThrows(BadInputException.class, () -> ScanModels.Settings.parse(testData(), fitValues("restarts", 1), "4-6", "0",
				"0.95", ScanModels.FitChoice.NONE, null));
		assertThrows(BadInputException.class, () -> ScanModels.Settings.parse(testData(), fitValues("train_fraction", 1.0),
				"4-6", "0", "0.95", ScanModels.FitChoice.NONE, null));
		BadInputException e = assertThrows(BadInputException.class, () -> ScanModels.Settings.parse(testData(),
				fitValues(), "4-6", "1,2", "0.95", ScanModels.FitChoice.NONE, null));
		assertTrue(e.getMessage().startsWith("kappa takes one value with transitions=fixed"), e.getMessage());
		// an output over an input is refused before any work, and the input is left as it was
		Path input = testData().get(0);
		long size = input.toFile().length();
		ScanModels.Settings over = ScanModels.Settings.parse(testData(), fitValues(), "4-6", "0", "0.95",
				ScanModels.FitChoice.NONE, input);
		assertThrows(BadInputException.class, () -> ScanModels.run(over, Progress.NONE));
		assertEquals(size, input.toFile().length());
	}

	@TempDir
	Path tmp;

	/** A listener that, once the fit of the point with this label begins (its first message), cancels or throws. */
	private static Progress stopAt(String label, RuntimeException refusal) {
		return new Progress() {
			boolean reached;

			@Override
			public void update(double fraction, String message) {
				if (message != null && message.startsWith(label)) {
					reached = true;
					if (refusal != null) throw refusal;
				}
			}

			@Override
			public boolean isCancelled() {
				return reached;
			}
		};
	}

	private static ScanModels.Settings small(Path output) {
		return ScanModels.Settings.parse(testData(), fitValues("restarts", 2, "split_merge", false, "iterations", 15), "2-5", "0",
				"0.9,0.95", ScanModels.FitChoice.BEST, output);
	}

	/**
	 * Esc in the fifth of 8 points: the 4 points done are saved (scan.csv, recommendation.txt saying the scan is partial;
	 * no best/), with the values the whole scan gives them, and the run still ends cancelled, its message saying where.
	 */
	@Test
	void escSavesThePointsDone() throws Exception {
		List<SessionData> sessions = Synthetic.sessions(2, 3, 10, new int[] { 300, 300 }, 5);
		Path out = tmp.resolve("partial"), whole = tmp.resolve("whole");
		CancelledException e = assertThrows(CancelledException.class,
				() -> ScanModels.scan(sessions, small(out), stopAt("K=4 ", null)));
		assertEquals("Cancelled by the user after 4 of 8 points; the partial scan (K = 2, 3) was saved to " + out + ".", e.getMessage());
		CsvTable partial = CsvTable.read(out.resolve("scan.csv"));
		assertArrayEquals(new int[] { 2, 2, 3, 3 }, partial.integers("states"));
		assertArrayEquals(new double[] { 0.9, 0.95, 0.9, 0.95 }, partial.numbers("stickiness"), 0);
		assertEquals(1, java.util.Arrays.stream(partial.integers("recommended")).sum());
		String text = Files.readString(out.resolve("recommendation.txt"));
		assertTrue(text.startsWith("Partial scan: cancelled after 4 of 8 points done (K = 2, 3); the recommendation covers those only "
				+ "and best/ was not fitted.\nRule: "), text);
		assertTrue(!Files.exists(out.resolve("best")));

		ScanModels.Result r = ScanModels.scan(sessions, small(whole), Progress.NONE);
		assertEquals(null, r.partial());
		assertTrue(Files.readString(whole.resolve("recommendation.txt")).startsWith("Rule: "));
		CsvTable full = CsvTable.read(whole.resolve("scan.csv"));
		assertEquals(8, full.rowCount());
		for (String column : new String[] { "heldout_ll_mean", "heldout_ll_sd", "train_ll", "bic", "stability_ari" })
			assertArrayEquals(java.util.Arrays.copyOf(full.numbers(column), 4), partial.numbers(column), 0, column);
		assertTrue(Files.isDirectory(whole.resolve("best")));
	}

	/** One point refused: the points before it are saved and the refusal names the point, then says where they went. */
	@Test
	void aPointsRefusalSavesThePointsBeforeIt() throws Exception {
		List<SessionData> sessions = Synthetic.sessions(2, 3, 10, new int[] { 300, 300 }, 5);
		Path out = tmp.resolve("refused");
		BadInputException e = assertThrows(BadInputException.class,
				() -> ScanModels.scan(sessions, small(out), stopAt("K=3 stickiness=0.95", new BadInputException("Frame 7 has log-likelihood NaN."))));
		assertEquals("At K = 3 (stickiness 0.95): Frame 7 has log-likelihood NaN. The partial scan of the 3 points done "
				+ "(K = 2, and K = 3 at 1 of 2 stickiness values) was saved to " + out + ".", e.getMessage());
		assertEquals(3, CsvTable.read(out.resolve("scan.csv")).rowCount());
		assertTrue(Files.readString(out.resolve("recommendation.txt")).startsWith("Partial scan: stopped at K = 3 (stickiness 0.95): "
				+ "Frame 7 has log-likelihood NaN. 3 of 8 points done (K = 2, and K = 3 at 1 of 2 stickiness values); "));
	}

	/** Esc before any point is done: nothing is written, the run ends cancelled as any other. */
	@Test
	void escInTheFirstPointWritesNothing() {
		List<SessionData> sessions = Synthetic.sessions(2, 3, 10, new int[] { 300, 300 }, 5);
		Path out = tmp.resolve("none");
		CancelledException e = assertThrows(CancelledException.class,
				() -> ScanModels.scan(sessions, small(out), stopAt("K=2 ", null)));
		assertEquals("Cancelled by the user.", e.getMessage());
		assertTrue(!Files.exists(out));
	}
}
