package org.latentj.syllables.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.Headless;
import org.latentj.ij1.CommandFailures;
import org.latentj.io.CsvTable;
import org.latentj.hmm.LabelsFile;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.MoSeqNwbWriter;
import org.latentj.nwb.MoSeqSessionData;
import org.latentj.nwb.simulate.MoSeqSimulationSettings;
import org.latentj.nwb.simulate.MoSeqSimulator;
import org.latentj.syllables.CrowdMovies;
import org.latentj.hmm.SyllableRuns;
import org.latentj.util.BadInputException;
import org.latentj.syllables.SyllableStatistics;
import org.latentj.testing.SharedData;
import org.latentj.util.Progress;
import org.latentj.syllables.ui.SyllablePalette;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;

/**
 * Crowd Movie, Syllable Overlay and Syllable Statistics driven from macros through the headless
 * runner (no display), on the simulated sessions in test-data/.
 */
class SyllableViewCommandsTest {

	static final Path S1 = SharedData.testData("sim_session_1.nwb"), S2 = SharedData.testData("sim_session_2.nwb");
	static final String BOTH = S1 + ";" + S2;
	static int[][] clean = new int[2][], raw = new int[2][];
	static double[][] cx = new double[2][], cy = new double[2][];

	@TempDir
	Path tmp;

	@BeforeAll
	static void readTruth() {
		Path[] files = { S1, S2 };
		for (int i = 0; i < 2; i++)
			try (MoSeqNwb nwb = MoSeqNwb.open(files[i])) {
				clean[i] = nwb.labels(false);
				raw[i] = nwb.labels(true);
				cx[i] = nwb.scalar("centroid_x_px");
				cy[i] = nwb.scalar("centroid_y_px");
			}
	}

	private static void run(String macro) {
		int code = Headless.runMacro(macro, "", "views.ijm");
		assertEquals(0, code, "first failure: " + CommandFailures.first());
	}

	private static String fails(String macro) {
		assertEquals(1, Headless.runMacro(macro, "", "bad.ijm"), "the macro should fail: " + macro);
		return CommandFailures.first();
	}

	private static void assertContains(String message, String expected) {
		assertTrue(message != null && message.contains(expected), "expected a message containing '" + expected + "', got: " + message);
	}

	private static int sessionIndex(String name) {
		return name.equals("sim_session_1") ? 0 : 1;
	}

	@Test
	void crowdMovieShowsQualifyingInstancesAtTheirCentroids() throws Exception {
		Path out = tmp.resolve("crowd");
		run("run('Crowd Movie', 'sessions=[" + BOTH + "] labels=nwb syllable=2 max_examples=10 seed=7 output=[" + out + "]');");
		ImagePlus imp = IJ.openImage(out.resolve("crowd_2.tif").toString());
		assertEquals(8, imp.getBitDepth());
		assertEquals(512, imp.getWidth());
		// the arena (424 rows) under a caption strip; the calibration origin maps image rows back to arena rows
		int strip = imp.getHeight() - 424;
		assertTrue(strip > 0 && strip < 30);
		assertEquals(strip, imp.getCalibration().yOrigin, 0);
		assertEquals(60 + 2 * 30, imp.getStackSize());
		assertEquals(1 / 30.0, imp.getCalibration().frameInterval, 1e-6);
		assertEquals("s", imp.getCalibration().getTimeUnit());
		assertTrue(imp.getStack().getSliceLabel(31).contains("+0 frames"), imp.getStack().getSliceLabel(31));

		CsvTable csv = CsvTable.read(out.resolve("crowd_2.csv"));
		assertEquals(10, csv.rowCount());
		String[] sessions = csv.texts("session");
		int[] onsets = csv.integers("onset_frame"), durations = csv.integers("duration_frames");
		Overlay overlay = imp.getOverlay();
		assertNotNull(overlay);
		for (int r = 0; r < csv.rowCount(); r++) {
			int s = sessionIndex(sessions[r]), on = onsets[r], d = durations[r];
			int[] l = clean[s];
			// a whole run of syllable 2 with 3 < d < 60 ...
			assertTrue(d > 3 && d < 60, "duration " + d);
			assertNotEquals(2, l[on - 1]);
			for (int t = on; t < on + d; t++) assertEquals(2, l[t]);
			assertNotEquals(2, l[on + d]);
			// ... whose padded window [onset - 30, onset + 90) lies inside the session, with no dropped frame
			assertTrue(on - 30 >= 0 && on + 90 <= l.length);
			for (int t = on - 30; t < on + 90; t++) assertNotEquals(-5, raw[s][t], "dropped frame " + t + " in the window");
			// the mouse is drawn at its centroid in the onset frame (slice pad + 1)
			int px = (int) Math.round(cx[s][on]), py = (int) Math.round(cy[s][on]) + strip;
			assertTrue(imp.getStack().getProcessor(31).get(px, py) > 10, "no mouse at the centroid of instance " + r);
		}
		// one dot per mouse in the onset frame, none before
		assertEquals(10, dots(overlay, 31));
		assertEquals(0, dots(overlay, 30));
		// the same seed gives the same instances, another seed others
		Path again = tmp.resolve("again"), other = tmp.resolve("other");
		run("run('Crowd Movie', 'session=[" + BOTH + "] labels=nwb syllable=2 max_examples=10 seed=7 output=[" + again + "]');"
				+ "run('Crowd Movie', 'session=[" + BOTH + "] labels=nwb syllable=2 max_examples=10 seed=8 output=[" + other + "]');");
		assertEquals(Files.readString(out.resolve("crowd_2.csv")), Files.readString(again.resolve("crowd_2.csv")));
		assertNotEquals(Files.readString(out.resolve("crowd_2.csv")), Files.readString(other.resolve("crowd_2.csv")));
	}

	private static int dots(Overlay overlay, int slice) {
		int n = 0;
		for (Roi r : overlay.toArray())
			if (r instanceof OvalRoi && r.getPosition() == slice) {
				n++;
				assertEquals(SyllablePalette.rgb(2), r.getFillColor().getRGB() & 0xffffff);
			}
		return n;
	}

	@Test
	void crowdMoviesOfEverySyllableCroppedInRgb() throws Exception {
		Path out = tmp.resolve("all");
		run("run('Crowd Movie', 'sessions=[" + S1 + "] labels=nwb syllable=all max_examples=5 rgb crop output=[" + out + "]');");
		CsvTable summary = CsvTable.read(out.resolve("crowd_movies.csv"));
		assertEquals(6, summary.rowCount());
		int[] shown = summary.integers("shown"), qualifying = summary.integers("qualifying");
		int movies = 0;
		for (int r = 0; r < 6; r++) {
			assertEquals(Math.min(5, qualifying[r]), shown[r]);
			Path tif = out.resolve("crowd_" + r + ".tif");
			assertEquals(shown[r] > 0, Files.exists(tif));
			if (shown[r] == 0) continue;
			movies++;
			ImagePlus imp = IJ.openImage(tif.toString());
			assertEquals(24, imp.getBitDepth());
			assertTrue(imp.getWidth() < 512 || imp.getHeight() < 424, "cropped to the mice");
			assertEquals(5, CsvTable.read(out.resolve("crowd_" + r + ".csv")).rowCount(), "syllable " + r);
		}
		assertTrue(movies >= 4);
		try (var files = Files.list(tmp)) {
			assertEquals(1, files.count(), "no staging folder left behind");
		}
	}

	@Test
	void overlayShowsEachFramesSyllableInItsColor() throws Exception {
		Path tif = tmp.resolve("overlay.tif"), rgb = tmp.resolve("rgb.tif"), avi = tmp.resolve("clip.avi");
		run("run('Syllable Overlay', 'session=[" + S1 + "] labels=nwb render=overlay output=[" + tif + "]');"
				+ "if (nSlices != 3000 || bitDepth() != 8) exit('wrong image');"
				+ "run('Syllable Overlay', 'session=[" + S1 + "] render=rgb zoom=2 first_frame=100 last_frame=199 output=[" + rgb + "]');"
				+ "run('Syllable Overlay', 'session=[" + S1 + "] render=overlay first_frame=100 last_frame=159 output=[" + avi + "]');");
		int[] l = clean[0];
		ImagePlus imp = IJ.openImage(tif.toString());
		assertEquals(3000, imp.getStackSize());
		assertEquals(1 / 30.0, imp.getCalibration().frameInterval, 1e-6);
		assertEquals("mm", imp.getCalibration().getUnit());
		Map<Integer, Integer> bandColor = new HashMap<>();
		for (Roi r : imp.getOverlay().toArray())
			if (r.getFillColor() != null) bandColor.put(r.getPosition(), r.getFillColor().getRGB() & 0xffffff);
		assertEquals(3000, bandColor.size());
		for (int t = 0; t < 3000; t++) assertEquals(SyllablePalette.rgb(l[t]), bandColor.get(t + 1), "frame " + t);
		// the frames are the session's (heights in mm), untouched
		try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
			assertArrayEquals(nwb.frame(1234), (byte[]) imp.getStack().getPixels(1235));
		}
		// RGB: band burnt in at the bottom, 2x zoom, frames 100..199
		ImagePlus c = IJ.openImage(rgb.toString());
		assertEquals(100, c.getStackSize());
		assertEquals(160, c.getWidth());
		for (int n = 1; n <= 100; n += 7)
			assertEquals(SyllablePalette.rgb(l[99 + n]), c.getStack().getProcessor(n).get(40, 158) & 0xffffff, "slice " + n);
		// AVI: always the RGB rendering, 60 frames
		ImagePlus movie = IJ.openImage(avi.toString());
		assertEquals(60, movie.getStackSize());
		assertEquals(24, movie.getBitDepth());
		assertEquals(320, movie.getWidth());
	}

	/** A 200-frame session without centroid (the angle stays: the writer links every timestamps to it). */
	static Path bareSession(Path dir) throws java.io.IOException {
		Path bare = dir.resolve("bare.nwb");
		MoSeqSessionData d = MoSeqSimulator.simulate(new MoSeqSimulationSettings(200, 3, 4, 2, 0.9, 5, 1, 0, 30), "bare",
				Progress.NONE).data;
		MoSeqNwbWriter.write(bare, new MoSeqSessionData(d.identifier, d.description, d.startTime, d.height, d.width, d.depth,
				d.masks, d.pcs, d.pcsRaw, d.pcsClean, d.labelsRaw, d.labelsClean, Map.of("angle", d.scalars.get("angle"), "area_px", d.scalars.get("area_px")),
				d.timestamps));
		return bare;
	}

	@Test
	void overlayNeedsNoCentroid() throws Exception {
		Path bare = bareSession(tmp), tif = tmp.resolve("bare.tif");
		run("run('Syllable Overlay', 'session=[" + bare + "] labels=nwb render=overlay output=[" + tif + "]');");
		ImagePlus imp = IJ.openImage(tif.toString());
		assertEquals(200, imp.getStackSize());
		try (MoSeqNwb nwb = MoSeqNwb.open(bare)) {
			assertArrayEquals(nwb.frame(123), (byte[]) imp.getStack().getPixels(124));
		}
	}

	@Test
	void statisticsTablesAndPlots() throws Exception {
		// hand-made labels: the truth with the first two frames unscored, as an AR(2) fit writes them
		Path labels = tmp.resolve("fit").resolve("labels");
		Files.createDirectories(labels);
		int[][] used = new int[2][];
		for (int i = 0; i < 2; i++) {
			int[] l = clean[i].clone();
			l[0] = l[1] = -1;
			used[i] = l;
			int n = l.length;
			int[] frames = new int[n];
			double[] times = new double[n], prob = new double[n];
			for (int t = 0; t < n; t++) {
				frames[t] = t;
				times[t] = t / 30.0;
				prob[t] = l[t] < 0 ? Double.NaN : 1;
			}
			LabelsFile.write(labels.resolve("sim_session_" + (i + 1) + ".csv"), new LabelsFile.Labels(frames, times, l, prob));
		}
		Path out = tmp.resolve("stats");
		run("run('Syllable Statistics', 'sessions=[" + BOTH + "] labels=[" + tmp.resolve("fit") + "] output=[" + out + "]');");
		List<SyllableStatistics> expected = new ArrayList<>();
		for (int[] l : used) expected.add(SyllableStatistics.of(l, 6));
		SyllableStatistics pooled = SyllableStatistics.pooled(expected);
		CsvTable usage = CsvTable.read(out.resolve("usage.csv"));
		assertEquals(18, usage.rowCount());
		String[] session = usage.texts("session");
		int[] syllable = usage.integers("syllable"), onsets = usage.integers("onsets"), frames = usage.integers("frames");
		for (int r = 0; r < 18; r++) {
			SyllableStatistics s = session[r].equals("all") ? pooled : expected.get(sessionIndex(session[r]));
			assertEquals(s.onsets(syllable[r]), onsets[r]);
			assertEquals(s.frames(syllable[r]), frames[r]);
		}
		CsvTable transitions = CsvTable.read(out.resolve("transitions.csv"));
		assertEquals(3 * 36, transitions.rowCount());
		long total = 0;
		for (int r = 0; r < transitions.rowCount(); r++)
			if (transitions.text(r, transitions.column("session")).equals("all")) total += transitions.integer(r, transitions.column("count"));
		assertEquals(java.util.Arrays.stream(pooled.transitionCounts()).sum(), total);
		CsvTable durations = CsvTable.read(out.resolve("durations.csv"));
		assertEquals(pooled.totalOnsets(), durations.rowCount());
		assertEquals(SyllableRuns.of(used[0]).length(0), durations.integers("duration_frames")[0]);
		assertEquals(1, durations.integers("censored")[0]); // the first run follows the unscored frames
		assertTrue(CsvTable.read(out.resolve("average_pcs.csv")).rowCount() > 0);
		for (String png : new String[] { "usage.png", "durations.png", "transitions.png", "data_and_states_sim_session_1.png",
				"data_and_states_sim_session_2.png", "average_pcs_0.png" }) {
			ImagePlus imp = IJ.openImage(out.resolve(png).toString());
			assertNotNull(imp, png);
			assertTrue(imp.getWidth() >= 300, png);
		}
	}

	@Test
	void applyModelOutputsKeepTheModelsNumberOfStates() throws Exception {
		Path fit = tmp.resolve("fit"), applied = tmp.resolve("applied");
		run("run('Fit HMM', 'sessions=[" + S1 + "] states=3 iterations=2 restarts=1 split_merge=false output=[" + fit + "]');"
				+ "run('Apply Model', 'model=[" + fit.resolve("model.json") + "] sessions=[" + S1 + "] output=[" + applied + "]');");
		assertArrayEquals(Files.readAllBytes(fit.resolve("model.json")), Files.readAllBytes(applied.resolve("model.json")),
				"Apply Model's output carries the model that labeled it");
		// labels that leave the top state unused: it is still a syllable (usage 0), from the folder and from labels/
		Path file = applied.resolve("labels/sim_session_1.csv");
		LabelsFile.Labels l = LabelsFile.read(file);
		int[] two = l.labels.clone();
		for (int t = 0; t < two.length; t++) if (two[t] == 2) two[t] = 0;
		LabelsFile.write(file, new LabelsFile.Labels(l.frames, l.times, two, l.probabilities));
		for (Path labels : new Path[] { applied, applied.resolve("labels") }) {
			Path out = tmp.resolve("stats-" + labels.getFileName());
			run("run('Syllable Statistics', 'sessions=[" + S1 + "] labels=[" + labels + "] output=[" + out + "]');");
			CsvTable usage = CsvTable.read(out.resolve("usage.csv"));
			assertEquals(2 * 3, usage.rowCount(), "3 states for the session and pooled");
			assertEquals(0, usage.integers("onsets")[2]);
		}
		// ids the model does not have are refused from an Apply Model folder too
		two[5] = 3;
		LabelsFile.write(file, new LabelsFile.Labels(l.frames, l.times, two, l.probabilities));
		assertContains(fails("run('Syllable Statistics', 'sessions=[" + S1 + "] labels=[" + applied + "]');"),
				"frame 5 has syllable 3, which the model");
	}

	/** File descriptors of this process open on {@code file} (Linux). */
	static int openHandles(Path file) throws java.io.IOException {
		Path real = file.toRealPath();
		int n = 0;
		try (var fds = Files.list(Path.of("/proc/self/fd"))) {
			for (Path fd : (Iterable<Path>) fds::iterator) {
				try {
					if (Files.readSymbolicLink(fd).equals(real)) n++;
				} catch (java.io.IOException e) {
					// closed while listing
				}
			}
		}
		return n;
	}

	@Test
	void unwritableOutputsStopWithAMessageAndCloseTheSession() throws Exception {
		Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counting open files needs /proc/self/fd");
		Path copy = tmp.resolve("copy.nwb");
		Files.copy(S1, copy);
		// an output name that leaves no room for the temporary name the writers use (255 bytes at most)
		for (String ext : new String[] { ".tif", ".avi" }) {
			Path longName = tmp.resolve("x".repeat(250 - ext.length()) + ext);
			assertContains(fails("run('Syllable Overlay', 'session=[" + copy + "] render=overlay last_frame=9 output=[" + longName + "]');"),
					"Cannot write " + longName + " (");
			assertEquals(0, openHandles(copy), "the session is closed after a failed save");
			assertFalse(Files.exists(longName));
		}
		// an output that is a folder is refused before any work
		Path folder = tmp.resolve("taken.tif");
		Files.createDirectories(folder);
		assertContains(fails("run('Syllable Overlay', 'session=[" + copy + "] output=[" + folder + "]');"), "is a folder; give a file name");
		assertEquals(0, openHandles(copy));
		// Crowd Movie: the output folder is a file; a movie cannot replace a folder of its name in the output
		Path file = tmp.resolve("a-file");
		Files.writeString(file, "x");
		assertContains(fails("run('Crowd Movie', 'session=[" + copy + "] syllable=2 max_examples=3 output=[" + file + "]');"),
				"is a file, not a folder");
		assertEquals(0, openHandles(copy));
		Path crowd = tmp.resolve("crowd");
		Files.createDirectories(crowd.resolve("crowd_2.tif").resolve("inside"));
		// (issue 12: an output folder LatentJ did not write is never replaced, so this is refused before the work)
		assertContains(fails("run('Crowd Movie', 'session=[" + copy + "] syllable=2 max_examples=3 output=[" + crowd + "]');"),
				"The output folder " + crowd + " already holds files that LatentJ did not write (such as crowd_2.tif)");
		assertEquals(0, openHandles(copy));
		assertTrue(Files.isDirectory(crowd.resolve("crowd_2.tif").resolve("inside")), "what was there stays");
		try (var files = Files.list(tmp)) {
			assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("partial")), "a staging file was left behind");
		}
	}

	@Test
	void pooledTimesUseTheMeanFrameInterval() throws Exception {
		// two sessions recorded at 30 and 20 frames per second
		Path a = tmp.resolve("fast.nwb"), b = tmp.resolve("slow.nwb");
		MoSeqNwbWriter.write(a, MoSeqSimulator.simulate(new MoSeqSimulationSettings(1500, 3, 4, 2, 0.9, 5, 1, 0, 30), "fast",
				Progress.NONE).data);
		MoSeqNwbWriter.write(b, MoSeqSimulator.simulate(new MoSeqSimulationSettings(1500, 3, 4, 2, 0.9, 6, 1, 0, 20), "slow",
				Progress.NONE).data);
		double dt;
		try (MoSeqNwb fa = MoSeqNwb.open(a); MoSeqNwb fb = MoSeqNwb.open(b)) {
			assertEquals(1 / 30.0, fa.frameInterval(), 1e-9);
			assertEquals(1 / 20.0, fb.frameInterval(), 1e-9);
			dt = (fa.frameInterval() + fb.frameInterval()) / 2;
		}
		Path out = tmp.resolve("stats");
		run("run('Syllable Statistics', 'sessions=[" + a + ";" + b + "] pcs=4 output=[" + out + "]');");
		CsvTable usage = CsvTable.read(out.resolve("usage.csv"));
		double[] frames = usage.numbers("mean_duration_frames"), seconds = usage.numbers("mean_duration_s");
		String[] session = usage.texts("session");
		int pooled = 0;
		for (int r = 0; r < usage.rowCount(); r++)
			if (session[r].equals("all")) {
				assertEquals(frames[r] * dt, seconds[r], 1e-12);
				pooled++;
			}
		assertEquals(3, pooled);
		CsvTable averages = CsvTable.read(out.resolve("average_pcs.csv"));
		double[] offset = averages.numbers("offset_frames"), time = averages.numbers("time_s");
		for (int r = 0; r < averages.rowCount(); r++) assertEquals(offset[r] * dt, time[r], 1e-12, "row " + r);
		assertTrue(averages.rowCount() > 0);
	}

	@Test
	void dataAndStatesWindowIsClippedToShortSessions() throws Exception {
		// a 200-frame (6.7 s) session beside a 100 s one: the window 10..40 s fits only the long one
		Path bare = bareSession(tmp), out = tmp.resolve("stats");
		java.io.PrintStream stdout = System.out; // status notes go to stdout headless, stderr holds only failures
		java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
		try {
			run("run('Syllable Statistics', 'sessions=[" + S1 + ";" + bare + "] pcs=4 window_start=10 window_length=30 output=[" + out + "]');");
		} finally {
			System.setOut(stdout);
		}
		String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
		assertContains(log, "Syllable Statistics: bare lasts 6.67 s; its data and states show 0.00 to 6.67 s (window_start 10.00 s, window_length 30.00 s).");
		assertFalse(log.contains("sim_session_1 lasts"), log);
		for (String name : new String[] { "sim_session_1", "bare" })
			assertNotNull(IJ.openImage(out.resolve("data_and_states_" + name + ".png").toString()), name);
	}

	@Test
	void onsetTimesCountFromTheSessionsFirstFrame() throws Exception {
		// the shared sessions' timestamps start at 1234.5 s
		Path a = SharedData.require("data/moseq/session_a.nwb"), out = tmp.resolve("crowd");
		double[] times;
		try (MoSeqNwb nwb = MoSeqNwb.open(a)) {
			times = nwb.timestamps();
		}
		assertTrue(times[0] > 1000);
		run("run('Crowd Movie', 'session=[" + a + "] syllable=0 max_examples=5 output=[" + out + "]');");
		CsvTable csv = CsvTable.read(out.resolve("crowd_0.csv"));
		int[] onsets = csv.integers("onset_frame");
		double[] seconds = csv.numbers("onset_time_s");
		assertEquals(5, onsets.length);
		for (int r = 0; r < onsets.length; r++) assertEquals(times[onsets[r]] - times[0], seconds[r], 0, "row " + r);
	}

	@Test
	void crowdMoviesThatWouldNotFitInMemoryAreRefusedBeforeReading() throws Exception {
		Path out = tmp.resolve("crowd");
		CrowdMovies.Settings two = crowd(List.of(S1, S2), "2", 10, out);
		// 10 windows of 120 frames of 80 x 80 (7.7 MB), 120 canvases of 512 x 424 (26.1 MB), the 8-bit image
		// with its caption strip, 512 x 446 (27.4 MB): 61 MB, and the 2 sessions' chunk caches, which fill up to their
		// 3000 frames of 80 x 80 (2 x 19.2 MB): 100 MB
		assertEquals("A crowd movie of up to 10 instances of 120 frames (max_duration 60 + 2 x pad 30) needs about 100 MB"
				+ " of memory, more than the 40 MB Java has free; lower max_examples, max_duration or pad, or give Java"
				+ " more memory: -Xmx (e.g. java -Xmx8g ...) headless, Edit>Options>Memory & Threads in Fiji.",
				assertThrows(BadInputException.class,
						() -> CrowdMovies.run(two, Progress.NONE, new CrowdMovieStacks(false, false), 40_000_000L)).getMessage());
		assertFalse(Files.exists(out));
		// shown rather than saved, every movie stays in memory
		assertContains(assertThrows(BadInputException.class, () -> CrowdMovies.run(crowd(List.of(S1), "all", 5, null),
				Progress.NONE, new CrowdMovieStacks(false, false), 100_000_000L)).getMessage(),
				"MB of memory (all kept to be shown), more than the 100 MB Java has free; lower max_examples, max_duration or"
						+ " pad, give an output folder, or give Java more memory");
		// the estimate is not needlessly strict
		CrowdMovieStacks stacks = new CrowdMovieStacks(false, false);
		CrowdMovies.Result r = CrowdMovies.run(two, Progress.NONE, stacks, 101_000_000L);
		assertTrue(Files.exists(out.resolve("crowd_2.tif")));
		assertEquals(1, stacks.kept().size(), "one syllable: its movie is kept to be shown");
		assertEquals(List.of(new CrowdMovies.Row(2, r.rows().get(0).runs(), r.rows().get(0).qualifying(), 10, "crowd_2.tif")), r.rows());
	}

	private static CrowdMovies.Settings crowd(List<Path> sessions, String syllables, int examples, Path out) {
		return new CrowdMovies.Settings(sessions, "nwb", syllables, examples, 3, 60, 30, 10, 0, CrowdMovies.Heading.AUTO, out);
	}

	@Test
	void transitionMatrixNormalizationsUseTheDocumentedKeys() {
		// the keys of docs/views.md and of the columns of transitions.csv
		for (String key : new String[] { "bigram", "row", "column", "counts" })
			run("run('Syllable Statistics', 'sessions=[" + S1 + "] normalization=" + key + "');"
					+ "if (!isOpen('Transitions (" + key + "), sim_session_1')) exit('no " + key + " matrix');");
	}

	@Test
	void badInputGivesOneClearSentenceAndWritesNothing() throws Exception {
		Path out = tmp.resolve("never");
		// labels whose length does not match the session
		Path shortLabels = tmp.resolve("short.csv");
		int n = clean[0].length - 1;
		int[] frames = new int[n];
		for (int t = 0; t < n; t++) frames[t] = t;
		LabelsFile.write(shortLabels, new LabelsFile.Labels(frames, new double[n], java.util.Arrays.copyOf(clean[0], n), new double[n]));
		assertContains(fails("run('Crowd Movie', 'session=[" + S1 + "] labels=[" + shortLabels + "] output=[" + out + "]');"), "has 2999 rows but the session sim_session_1 has 3000 frames");
		// a syllable id out of range, and one without any qualifying instance
		assertContains(fails("run('Crowd Movie', 'session=[" + S1 + "] syllable=9 output=[" + out + "]');"), "syllable 9 is out of range: the labels have syllables 0..5");
		assertContains(fails("run('Crowd Movie', 'session=[" + S1 + "] syllable=1 min_duration=57 max_duration=59 output=[" + out + "]');"), "Syllable 1 has no instance for a crowd movie");
		// ids absent from the model: a Fit HMM folder whose model has 3 states, labels with ids up to 5
		Path fit = tmp.resolve("fit3");
		run("run('Fit HMM', 'sessions=[" + S1 + "] states=3 iterations=2 restarts=1 split_merge=false output=[" + fit + "]');");
		LabelsFile.Labels fitted = LabelsFile.read(fit.resolve("labels/sim_session_1.csv"));
		int[] six = clean[0].clone();
		LabelsFile.write(fit.resolve("labels/sim_session_1.csv"),
				new LabelsFile.Labels(fitted.frames, fitted.times, six, fitted.probabilities));
		assertContains(fails("run('Syllable Statistics', 'sessions=[" + S1 + "] labels=[" + fit + "] output=[" + out + "]');"), "which the model");
		// the same when the labels folder itself is given: the model one level up is found
		assertContains(fails("run('Crowd Movie', 'session=[" + S1 + "] labels=[" + fit.resolve("labels") + "] output=[" + out + "]');"),
				"which the model " + fit.resolve("model.json"));
		// a session without centroid
		Path bare = bareSession(tmp);
		assertContains(fails("run('Crowd Movie', 'session=[" + bare + "] output=[" + out + "]');"), "has no /processing/MoSeq/Scalars/centroid_x_px/data");
		// an output that cannot be written: a file where the folder should be
		Path file = tmp.resolve("a-file");
		Files.writeString(file, "x");
		assertContains(fails("run('Syllable Statistics', 'sessions=[" + S1 + "] output=[" + file + "]');"), "is a file, not a folder");
		assertContains(fails("run('Syllable Overlay', 'session=[" + S1 + "] output=[" + tmp.resolve("x.mp4") + "]');"), "must end in .tif or .avi");
		assertContains(fails("run('Syllable Overlay', 'session=[" + BOTH + "]');"), "shows one session");
		// messages name the command's key: sessions for Crowd Movie (session, its former key, still works), session for the overlay
		Files.createDirectories(tmp.resolve("no-nwb"));
		for (String[] command : new String[][] { { "Crowd Movie", "sessions" }, { "Syllable Overlay", "session" } }) {
			String key = command[1];
			assertContains(fails("run('" + command[0] + "', 'labels=nwb');"), command[0] + ": " + key + " is empty;");
			assertContains(fails("run('" + command[0] + "', 'session=[" + tmp.resolve("missing.nwb") + "]');"), "missing.nwb does not exist (" + key + ").");
			assertContains(fails("run('" + command[0] + "', '" + key + "=[" + tmp.resolve("no-nwb") + "]');"), "holds no .nwb files (" + key + ").");
		}
		assertContains(fails("run('Crowd Movie', 'session=[" + S1 + "] sessions=[" + S1 + "]');"),
				"the keys 'session' and 'sessions' are the same key (sessions); give it once");
		assertContains(fails("run('Syllable Overlay', 'sessions=[" + S1 + "]');"), "unknown key 'sessions'");
		assertContains(fails("run('Crowd Movie', 'session=[" + S1 + "] heading=sideways');"), "the key 'heading' must be one of");
		assertFalse(Files.exists(out));
		try (var files = Files.list(tmp)) {
			assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("partial")), "a staging file was left behind");
		}
	}
}
