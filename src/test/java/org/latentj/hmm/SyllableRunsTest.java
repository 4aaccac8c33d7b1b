package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyllableRunsTest {

	/** {onset, length, label, censored 0/1} of every run. */
	private static int[][] table(SyllableRuns r) {
		int[][] out = new int[r.count()][];
		for (int i = 0; i < r.count(); i++)
			out[i] = new int[] { r.onset(i), r.length(i), r.label(i), r.censored(i) ? 1 : 0 };
		return out;
	}

	@Test
	void runsTouchingStartAndEndAreCensored() {
		SyllableRuns r = SyllableRuns.of(new int[] { 2, 2, 0, 0, 0, 1, 2, 2 });
		assertArrayEquals(new int[][] { { 0, 2, 2, 1 }, { 2, 3, 0, 0 }, { 5, 1, 1, 0 }, { 6, 2, 2, 1 } }, table(r));
		assertEquals(8, r.frames());
		assertEquals(8, r.end(3));
		assertTrue(r.adjacent(0) && r.adjacent(1) && r.adjacent(2));
		assertFalse(r.adjacent(3));
		assertEquals(2, r.maxLabel());
	}

	@Test
	void unscoredFramesSplitRunsAndCensorTheirNeighbours() {
		// the two runs of 3 are separated by an unscored frame: two runs, no transition between them
		SyllableRuns r = SyllableRuns.of(new int[] { -1, -1, 3, 3, -1, 3, 1, 1, -1 });
		assertArrayEquals(new int[][] { { 2, 2, 3, 1 }, { 5, 1, 3, 1 }, { 6, 2, 1, 1 } }, table(r));
		assertFalse(r.adjacent(0));
		assertTrue(r.adjacent(1));
	}

	@Test
	void singleFrameRunsInTheMiddleAreNotCensored() {
		SyllableRuns r = SyllableRuns.of(new int[] { 0, 1, 2, 1, 0 });
		assertArrayEquals(new int[][] { { 0, 1, 0, 1 }, { 1, 1, 1, 0 }, { 2, 1, 2, 0 }, { 3, 1, 1, 0 }, { 4, 1, 0, 1 } },
				table(r));
	}

	@Test
	void singleSyllableAndEmptySequences() {
		SyllableRuns one = SyllableRuns.of(new int[] { 4, 4, 4, 4 });
		assertArrayEquals(new int[][] { { 0, 4, 4, 1 } }, table(one));
		assertFalse(one.adjacent(0));
		SyllableRuns none = SyllableRuns.of(new int[] { -1, -1 });
		assertEquals(0, none.count());
		assertEquals(-1, none.maxLabel());
		assertEquals(0, SyllableRuns.of(new int[0]).count());
	}
}
