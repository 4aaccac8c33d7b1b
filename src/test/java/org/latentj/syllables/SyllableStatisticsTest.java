package org.latentj.syllables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SyllableStatisticsTest {

	@Test
	void usageDurationsAndTransitionsOfAHandMadeSequence() {
		// runs: 2(2) 0(3) 1(1) 2(2)
		SyllableStatistics s = SyllableStatistics.of(new int[] { 2, 2, 0, 0, 0, 1, 2, 2 }, 3);
		assertEquals(1, s.onsets(0));
		assertEquals(1, s.onsets(1));
		assertEquals(2, s.onsets(2));
		assertEquals(3, s.frames(0));
		assertEquals(1, s.frames(1));
		assertEquals(4, s.frames(2));
		assertEquals(0.5, s.onsetUsage(2), 0);
		assertEquals(0.25, s.onsetUsage(0), 0);
		assertEquals(3 / 8.0, s.frameUsage(0), 0);
		assertArrayEquals(new int[] { 2, 2 }, s.durations(2));
		assertArrayEquals(new int[] { 3 }, s.durations(0));
		assertEquals(2.0, s.meanDuration(2), 0);
		// 2->0, 0->1, 1->2
		assertArrayEquals(new long[] { 0, 1, 0, 0, 0, 1, 1, 0, 0 }, s.transitionCounts());
		assertArrayEquals(new int[] { 2, 0, 1 }, s.rankOrder());
	}

	@Test
	void unscoredGapsBreakTransitionsAndDoNotCount() {
		SyllableStatistics s = SyllableStatistics.of(new int[] { -1, -1, 3, 3, -1, 3, 1, 1, -1 }, 4);
		assertEquals(2, s.onsets(3));
		assertEquals(3, s.frames(3));
		assertEquals(5, s.totalFrames());
		assertEquals(3, s.totalOnsets());
		long[] t = s.transitionCounts();
		assertEquals(1, t[3 * 4 + 1]);
		assertEquals(1, java.util.Arrays.stream(t).sum());
		assertArrayEquals(new int[] { 2, 1 }, s.durations(3));
	}

	@Test
	void singleSyllableSessionHasNoTransitionsAndFullUsage() {
		SyllableStatistics s = SyllableStatistics.of(new int[] { 1, 1, 1, 1, 1 }, 3);
		assertEquals(1.0, s.onsetUsage(1), 0);
		assertEquals(1.0, s.frameUsage(1), 0);
		assertEquals(0.0, s.onsetUsage(0), 0);
		assertArrayEquals(new int[] { 5 }, s.durations(1));
		assertArrayEquals(new int[0], s.durations(2));
		for (TransitionNormalization n : TransitionNormalization.values())
			assertArrayEquals(new double[9], s.transitions(n), n.key);
		assertArrayEquals(new int[] { 1, 0, 2 }, s.rankOrder());
	}

	@Test
	void nothingScoredGivesZeros() {
		SyllableStatistics s = SyllableStatistics.of(new int[] { -1, -1, -1 }, 2);
		assertEquals(0, s.totalOnsets());
		assertEquals(0.0, s.onsetUsage(0), 0);
		assertEquals(0.0, s.frameUsage(1), 0);
		assertEquals(0.0, s.meanDuration(0), 0);
	}

	@Test
	void labelsAboveKAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> SyllableStatistics.of(new int[] { 0, 3 }, 3));
	}

	@Test
	void normalizationsOfAKnownCountMatrix() {
		// runs 0 1 0 1 2 0: transitions 0->1 (2), 1->0 (1), 1->2 (1), 2->0 (1)
		SyllableStatistics s = SyllableStatistics.of(new int[] { 0, 1, 1, 0, 1, 2, 2, 0 }, 3);
		assertArrayEquals(new long[] { 0, 2, 0, 1, 0, 1, 1, 0, 0 }, s.transitionCounts());
		assertArrayEquals(new double[] { 0, 2, 0, 1, 0, 1, 1, 0, 0 }, s.transitions(TransitionNormalization.COUNTS));
		assertArrayEquals(new double[] { 0, .4, 0, .2, 0, .2, .2, 0, 0 }, s.transitions(TransitionNormalization.BIGRAM),
				1e-15);
		assertArrayEquals(new double[] { 0, 1, 0, .5, 0, .5, 1, 0, 0 }, s.transitions(TransitionNormalization.ROW), 1e-15);
		assertArrayEquals(new double[] { 0, 1, 0, .5, 0, 1, .5, 0, 0 }, s.transitions(TransitionNormalization.COLUMN),
				1e-15);
	}

	@Test
	void normalizationKeysAreTheDocumentedOnes() {
		assertEquals(TransitionNormalization.BIGRAM, TransitionNormalization.parse("bigram"));
		assertEquals(TransitionNormalization.ROW, TransitionNormalization.parse("row"));
		assertEquals(TransitionNormalization.COLUMN, TransitionNormalization.parse("Column"));
		assertEquals(TransitionNormalization.COUNTS, TransitionNormalization.parse("counts"));
		assertEquals("normalization must be bigram, row, column or counts (got 'rows').",
				org.junit.jupiter.api.Assertions.assertThrows(org.latentj.util.BadInputException.class,
						() -> TransitionNormalization.parse("rows")).getMessage());
	}

	@Test
	void pooledSumsCountsAndJoinsDurations() {
		SyllableStatistics a = SyllableStatistics.of(new int[] { 0, 0, 1 }, 2);
		SyllableStatistics b = SyllableStatistics.of(new int[] { 1, 1, 1, 0, 1 }, 2);
		SyllableStatistics p = SyllableStatistics.pooled(List.of(a, b));
		assertEquals(2, p.onsets(0));
		assertEquals(3, p.onsets(1));
		assertEquals(3, p.frames(0));
		assertEquals(5, p.frames(1));
		assertArrayEquals(new int[] { 2, 1 }, p.durations(0));
		assertArrayEquals(new int[] { 1, 3, 1 }, p.durations(1));
		// a: 0->1; b: 1->0, 0->1
		assertArrayEquals(new long[] { 0, 2, 1, 0 }, p.transitionCounts());
	}
}
