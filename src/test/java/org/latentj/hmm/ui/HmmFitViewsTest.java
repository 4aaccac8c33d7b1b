package org.latentj.hmm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentj.syllables.SyllableStatistics;

import ij.measure.ResultsTable;

class HmmFitViewsTest {

	/** Two sessions labeled by hand (-1 = not scored); every number counted by hand. */
	@Test
	void statesTableCountsLabeledFramesAndRuns() {
		int[] a = { -1, -1, 0, 0, 1, 1, 1, 0 }, b = { -1, 2, 2, 0, -1, 0 };
		SyllableStatistics pooled = SyllableStatistics.pooled(List.of(SyllableStatistics.of(a, 4), SyllableStatistics.of(b, 4)));
		ResultsTable t = HmmFitViews.statesTable(new double[] { 4, 3, 2, 0.5 }, new boolean[] { false, false, false, true },
				pooled);
		assertEquals(4, t.size());
		double[][] expected = { // state, usage_frames, usage_fraction, labelled_frames, mean_run_frames, lost_all_frames
				{ 0, 4, 4 / 9.5, 5, 5 / 4.0, 0 }, { 1, 3, 3 / 9.5, 3, 3, 0 }, { 2, 2, 2 / 9.5, 2, 2, 0 }, { 3, 0.5, 0.5 / 9.5, 0, 0, 1 } };
		String[] columns = { "state", "usage_frames", "usage_fraction", "labelled_frames", "mean_run_frames", "lost_all_frames" };
		for (int s = 0; s < 4; s++)
			for (int c = 0; c < columns.length; c++)
				assertEquals(expected[s][c], t.getValue(columns[c], s), 1e-15, columns[c] + " of state " + s);
	}
}
