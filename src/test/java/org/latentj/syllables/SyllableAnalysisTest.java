package org.latentj.syllables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.LabelsFile;
import org.latentj.nwb.MoSeqLayout;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.MoSeqNwbWriter;
import org.latentj.nwb.MoSeqSessionData;
import org.latentj.nwb.simulate.MoSeqSimulationSettings;
import org.latentj.nwb.simulate.MoSeqSimulator;
import org.latentj.testing.SharedData;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/** The headless entry points of Syllable Statistics and Crowd Movie, called as scripts call them. */
class SyllableAnalysisTest {

	static final Path S1 = SharedData.testData("sim_session_1.nwb"), S2 = SharedData.testData("sim_session_2.nwb");

	@TempDir
	Path tmp;

	private static SyllableAnalysis.Settings settings(List<Path> sessions, String labels, double windowStart) {
		return new SyllableAnalysis.Settings(sessions, labels, TransitionNormalization.BIGRAM, 4, windowStart, 30, 3, 60, 30);
	}

	@Test
	void statisticsOfTwoSessionsArePerSessionAndPooled() {
		int[][] clean = new int[2][];
		Path[] files = { S1, S2 };
		for (int i = 0; i < 2; i++)
			try (MoSeqNwb nwb = MoSeqNwb.open(files[i])) {
				clean[i] = nwb.labels(false);
			}
		// the window asked for (95 s + 30 s) runs past the end of the 100 s sessions: clipped, with a note each
		SyllableAnalysis.Result r = SyllableAnalysis.run(settings(List.of(S1, S2), "nwb", 95), Progress.NONE);
		assertEquals(List.of("sim_session_1", "sim_session_2"), r.names());
		assertEquals(6, r.syllables());
		long pooledOnsets = 0;
		for (int i = 0; i < 2; i++) {
			SyllableStatistics expected = SyllableStatistics.of(clean[i], 6);
			assertArrayEquals(expected.transitionCounts(), r.statistics().get(i).transitionCounts());
			for (int s = 0; s < 6; s++) assertEquals(expected.onsets(s), r.statistics().get(i).onsets(s), "syllable " + s);
			pooledOnsets += expected.totalOnsets();
			assertEquals(new SyllableAnalysis.Window(2850, 3000), r.windows().get(i));
		}
		assertEquals(pooledOnsets, r.pooled().totalOnsets());
		assertEquals(1 / 30.0, r.pooledInterval(), 1e-12);
		assertEquals(2, r.notes().size());
		assertTrue(r.notes().get(0).startsWith("sim_session_1 lasts 100.00 s; its data and states show 95.00 to 100.00 s"), r.notes().get(0));
		// every syllable of these sessions has instances of 4 to 59 frames away from the edges and dropped frames
		assertEquals(List.of(), r.withoutAverage());
		for (SyllableAnalysis.Average a : r.averages()) {
			assertEquals(4, a.average().dims());
			assertEquals(-30, a.average().frameOffset(0), "pad frames before the onset");
			int longest = a.average().length() - 2 * 30; // pad before the onset and after the longest instance
			assertTrue(a.meanDuration() > 3 && a.meanDuration() <= longest && longest < 60, a.meanDuration() + " " + longest);
		}
	}

	@Test
	void pcsAndDroppedFramesComeFromTheRawPcs() {
		double[] expected;
		int[] raw;
		try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
			expected = nwb.pcs(4, true).values();
			raw = nwb.labels(true);
		}
		try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
			SyllableAnalysis.SessionPcs p = SyllableAnalysis.readPcs(nwb, 4);
			assertArrayEquals(expected, p.values());
			int dropped = 0;
			for (int t = 0; t < raw.length; t++) {
				assertEquals(raw[t] == MoSeqLayout.DROPPED_LABEL, p.dropped()[t], "frame " + t);
				if (p.dropped()[t]) {
					dropped++;
					assertTrue(Double.isNaN(p.values()[t * 4]));
				}
			}
			assertTrue(dropped > 0, "the test session has dropped frames");
		}
	}

	/** A 200-frame session whose labels_clean holds {@code label} at frame 7. */
	private Path sessionWithLabel(int label) throws IOException {
		MoSeqSessionData d = MoSeqSimulator.simulate(new MoSeqSimulationSettings(200, 3, 4, 2, 0.9, 5, 1, 0, 30), "huge",
				Progress.NONE).data;
		int[] labels = d.labelsClean.clone();
		labels[7] = label;
		Path file = tmp.resolve("huge.nwb");
		MoSeqNwbWriter.write(file, new MoSeqSessionData(d.identifier, d.description, d.startTime, d.height, d.width, d.depth,
				d.masks, d.pcs, d.pcsRaw, d.pcsClean, d.labelsRaw, labels, Map.copyOf(d.scalars), d.timestamps));
		return file;
	}

	@Test
	void hugeLabelsInTheNwbFileAreRefusedNamingFrameAndValue() throws IOException {
		for (int huge : new int[] { Integer.MAX_VALUE, 1_000_000_000, SyllableLabels.MAX_SYLLABLE_ID + 1 }) {
			Path file = sessionWithLabel(huge);
			String expected = "Session huge: frame 7 has the label " + huge + " (/processing/MoSeq/Labels/labels_clean/data), but"
					+ " syllable ids go up to 999 (number the syllables from 0).";
			assertEquals(expected, assertThrows(BadInputException.class,
					() -> SyllableAnalysis.run(settings(List.of(file), "nwb", 0), Progress.NONE)).getMessage());
			assertEquals(expected, assertThrows(BadInputException.class, () -> CrowdMovies.run(crowd(file, "nwb"),
					Progress.NONE, NO_IMAGES)).getMessage());
		}
	}

	@Test
	void hugeLabelsInALabelsCsvAreRefusedAndTheLargestIdIsAccepted() throws IOException {
		Path file = sessionWithLabel(0);
		int[] labels;
		try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
			labels = nwb.labels(false);
		}
		int n = labels.length;
		int[] frames = new int[n];
		for (int t = 0; t < n; t++) frames[t] = t;
		Path csv = tmp.resolve("huge.csv");
		labels[3] = 1_000_000_000;
		LabelsFile.write(csv, new LabelsFile.Labels(frames, new double[n], labels, new double[n]));
		String expected = "Session huge: frame 3 has the label 1000000000 (" + csv + "), but syllable ids go up to 999"
				+ " (number the syllables from 0).";
		assertEquals(expected, assertThrows(BadInputException.class,
				() -> SyllableAnalysis.run(settings(List.of(file), csv.toString(), 0), Progress.NONE)).getMessage());
		assertEquals(expected, assertThrows(BadInputException.class,
				() -> CrowdMovies.run(crowd(file, csv.toString()), Progress.NONE, NO_IMAGES)).getMessage());
		// the largest id the views take: 1000 syllables, most of them unused
		labels[3] = SyllableLabels.MAX_SYLLABLE_ID;
		LabelsFile.write(csv, new LabelsFile.Labels(frames, new double[n], labels, new double[n]));
		SyllableAnalysis.Result r = SyllableAnalysis.run(settings(List.of(file), csv.toString(), 0), Progress.NONE);
		assertEquals(1000, r.syllables());
		assertEquals(1, r.pooled().onsets(999));
	}

	private static CrowdMovies.Settings crowd(Path session, String labels) {
		return new CrowdMovies.Settings(List.of(session), labels, "all", 5, 3, 60, 30, 10, 0, CrowdMovies.Heading.CLOCKWISE, null);
	}

	/** A sink that keeps the movies' instances only (no ImageJ). */
	private static final CrowdMovies.Sink NO_IMAGES = new CrowdMovies.Sink() {
		@Override
		public long imageBytes(int frames, int width, int height) {
			return (long) frames * width * height;
		}

		@Override
		public void accept(CrowdMovie movie, Path folder, boolean keep) {
		}
	};

	@Test
	void crowdMoviesFromTheEntryPointShowTheSampledInstances() {
		List<CrowdMovie> made = new ArrayList<>();
		CrowdMovies.Sink sink = new CrowdMovies.Sink() {
			@Override
			public long imageBytes(int frames, int width, int height) {
				return (long) frames * width * height;
			}

			@Override
			public void accept(CrowdMovie movie, Path folder, boolean keep) {
				assertEquals(null, folder);
				assertTrue(keep);
				made.add(movie);
			}
		};
		CrowdMovies.Settings s = new CrowdMovies.Settings(List.of(S1, S2), "nwb", "1,3", 7, 3, 60, 30, 10, 11,
				CrowdMovies.Heading.AUTO, null);
		CrowdMovies.Result r = CrowdMovies.run(s, Progress.NONE, sink);
		assertEquals(2, made.size());
		assertEquals(2, r.notes().size(), "the heading convention of each session");
		for (int i = 0; i < 2; i++) {
			CrowdMovies.Row row = r.rows().get(i);
			assertEquals(i == 0 ? 1 : 3, row.syllable());
			assertEquals(7, row.shown());
			assertEquals("", row.file());
			CrowdMovie m = made.get(i);
			assertEquals(row.syllable(), m.syllable());
			assertEquals(60 + 2 * 30, m.frames());
			assertEquals(7, m.instances().size());
			for (SyllableInstance in : m.instances()) assertTrue(in.duration() > 3 && in.duration() < 60);
		}
	}
}
