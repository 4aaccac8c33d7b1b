package org.latentj.syllables.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.Headless;
import org.latentj.ij1.CommandFailures;
import org.latentj.syllables.SyllableAnalysis;
import org.latentj.syllables.TransitionNormalization;
import org.latentj.testing.SharedData;
import org.latentj.util.Progress;

import ij.measure.ResultsTable;

/**
 * The columns of the tables Syllable Statistics shows and writes: "session" once, as a column (never
 * also as a row label, which ImageJ shows as one more column in front), the same on a second run in
 * the same ImageJ, and the CSV headers the same as the tables'.
 */
class SyllableTablesTest {

	static final Path S1 = SharedData.testData("sim_session_1.nwb"), S2 = SharedData.testData("sim_session_2.nwb");
	static final String[] USAGE = { "session", "syllable", "rank", "onsets", "onset_usage", "frames", "frame_usage",
			"mean_duration_frames", "mean_duration_s" };
	static final String[] DURATIONS = { "session", "syllable", "onset_frame", "duration_frames", "duration_s", "censored" };
	static final String[] TRANSITIONS = { "session", "from", "to", "count", "bigram", "row", "column" };

	@TempDir
	Path tmp;

	/**
	 * What a window shows: ResultsTable.show gives its TextPanel getColumnHeadings() (a row label column
	 * and row numbers included) and one getRowAsString line per row.
	 */
	private static void assertShownColumns(String[] expected, ResultsTable rt, String name) {
		assertArrayEquals(expected, rt.getColumnHeadings().split("\t"), name + " headings as a window shows them");
		assertArrayEquals(expected, rt.getHeadings(), name + " headings (CSV)");
		assertEquals(expected.length, rt.getRowAsString(0).split("\t", -1).length, name + " cells of the first shown row");
		assertEquals(expected.length, rt.getRowAsString(rt.size() - 1).split("\t", -1).length, name + " cells of the last row");
	}

	@Test
	void shownTablesHaveOneSessionColumn() {
		for (List<Path> sessions : List.of(List.of(S1, S2), List.of(S1))) {
			SyllableAnalysis.Result r = SyllableAnalysis.run(new SyllableAnalysis.Settings(sessions, "nwb",
					TransitionNormalization.BIGRAM, 4, 0, 30, 3, 60, 30), Progress.NONE);
			SyllableStatisticsReport report = SyllableStatisticsReport.of(r);
			assertShownColumns(USAGE, report.usage, "usage");
			assertShownColumns(DURATIONS, report.durations, "durations");
			assertShownColumns(TRANSITIONS, report.transitions, "transitions");
			assertEquals("syllable", report.averages.getColumnHeadings().split("\t")[0], "average PCs: no row label in front");
			// the pooled rows last, even for one session (then the same numbers under both names)
			assertEquals("sim_session_1", report.usage.getStringValue("session", 0));
			assertEquals(SyllableTables.POOLED, report.usage.getStringValue("session", report.usage.size() - 1));
		}
	}

	/** The command twice in one ImageJ (the bridge, as a macro runs it): the same columns in every CSV. */
	@Test
	void csvColumnsAreTheSameOnEveryRun() throws Exception {
		for (int run = 0; run < 2; run++) {
			Path out = tmp.resolve("stats" + run);
			int code = Headless.runMacro("run('Syllable Statistics', 'sessions=[" + S1 + ";" + S2 + "] pcs=4 output=[" + out + "]');",
					"", "tables.ijm");
			assertEquals(0, code, "first failure: " + CommandFailures.first());
			assertArrayEquals(USAGE, header(out.resolve("usage.csv")), "usage.csv, run " + run);
			assertArrayEquals(DURATIONS, header(out.resolve("durations.csv")), "durations.csv, run " + run);
			assertArrayEquals(TRANSITIONS, header(out.resolve("transitions.csv")), "transitions.csv, run " + run);
			String[] averages = header(out.resolve("average_pcs.csv"));
			assertArrayEquals(new String[] { "syllable", "instances", "offset_frames", "time_s", "pc1_mean", "pc1_sd", "pc1_n" },
					java.util.Arrays.copyOf(averages, 7), "average_pcs.csv, run " + run);
			assertEquals(4 + 3 * 4, averages.length, "average_pcs.csv: mean, SD and count of 4 PCs");
		}
	}

	private static String[] header(Path csv) throws Exception {
		return Files.readAllLines(csv).get(0).split(",", -1);
	}
}
