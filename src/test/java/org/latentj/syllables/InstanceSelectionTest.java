package org.latentj.syllables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.latentj.hmm.SyllableRuns;

class InstanceSelectionTest {

	/** A sequence of 0s with runs of {@code syllable} (onset, length) written in. */
	private static int[] labels(int frames, int syllable, int... onsetLength) {
		int[] l = new int[frames];
		for (int i = 0; i < onsetLength.length; i += 2)
			Arrays.fill(l, onsetLength[i], onsetLength[i] + onsetLength[i + 1], syllable);
		return l;
	}

	@Test
	void durationBoundsAreStrict() {
		// min 3, max 6: lengths 4 and 5 qualify, 3 and 6 do not; pad 0
		int[] l = labels(100, 1, 10, 3, 20, 4, 30, 5, 40, 6);
		InstanceSelection sel = new InstanceSelection(3, 6, 0);
		List<SyllableInstance> got = sel.qualifying(1, List.of(SyllableRuns.of(l)), null);
		assertEquals(List.of(new SyllableInstance(0, 20, 4), new SyllableInstance(0, 30, 5)), got);
	}

	@Test
	void paddedWindowMustLieInsideTheRecording() {
		// pad 5, max 10: window [onset-5, onset+15); T = 40
		InstanceSelection sel = new InstanceSelection(0, 10, 5);
		assertEquals(20, sel.windowLength());
		int[] l = labels(40, 2, 4, 3, 5, 1 /* touches the run at 4: merged into 4..6 */);
		// run at 4 (length 2 after merge) starts 1 frame too early for pad 5
		assertEquals(List.of(), sel.qualifying(2, List.of(SyllableRuns.of(l)), null));
		l = labels(40, 2, 5, 3, 25, 2);
		// onset 5: window [0, 20) inside; onset 25: window [20, 40) ends exactly at T: inside
		assertEquals(List.of(new SyllableInstance(0, 5, 3), new SyllableInstance(0, 25, 2)),
				sel.qualifying(2, List.of(SyllableRuns.of(l)), null));
		l = labels(40, 2, 26, 2);
		// onset 26: window ends at 41 > T
		assertEquals(List.of(), sel.qualifying(2, List.of(SyllableRuns.of(l)), null));
	}

	@Test
	void aDroppedFrameInsideThePaddedWindowExcludesTheInstance() {
		InstanceSelection sel = new InstanceSelection(1, 5, 2);
		int[] l = labels(30, 3, 10, 3);
		List<SyllableRuns> runs = List.of(SyllableRuns.of(l));
		// window [8, 17)
		for (int d : new int[] { 8, 12, 16 }) {
			boolean[] dropped = new boolean[30];
			dropped[d] = true;
			assertEquals(List.of(), sel.qualifying(3, runs, List.of(dropped)), "dropped at " + d);
		}
		for (int d : new int[] { 7, 17 }) {
			boolean[] dropped = new boolean[30];
			dropped[d] = true;
			assertEquals(List.of(new SyllableInstance(0, 10, 3)), sel.qualifying(3, runs, List.of(dropped)),
					"dropped at " + d);
		}
	}

	@Test
	void censoredRunsAreNotInstances() {
		// with pad 0 the window rule would allow runs touching the ends or unscored frames; their onset is unknown
		InstanceSelection sel = new InstanceSelection(0, 10, 0);
		int[] l = { 1, 1, 0, 0, 1, 1, 1, 0, -1, 1, 1, 0, 0, 1, 1 };
		List<SyllableInstance> got = sel.qualifying(1, List.of(SyllableRuns.of(l)), null);
		assertEquals(List.of(new SyllableInstance(0, 4, 3)), got);
	}

	@Test
	void severalSessionsAreIndexedInOrder() {
		InstanceSelection sel = new InstanceSelection(0, 4, 1);
		List<SyllableRuns> runs = List.of(SyllableRuns.of(labels(20, 5, 3, 2)), SyllableRuns.of(labels(20, 4, 3, 2)),
				SyllableRuns.of(labels(20, 5, 10, 1, 2, 2)));
		assertEquals(List.of(new SyllableInstance(0, 3, 2), new SyllableInstance(2, 2, 2), new SyllableInstance(2, 10, 1)),
				sel.qualifying(5, runs, null));
	}

	@Test
	void impossibleBoundsAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> new InstanceSelection(3, 4, 0));
		assertThrows(IllegalArgumentException.class, () -> new InstanceSelection(-1, 4, 0));
		assertThrows(IllegalArgumentException.class, () -> new InstanceSelection(0, 4, -1));
	}

	private static List<SyllableInstance> many(int n) {
		List<SyllableInstance> all = new ArrayList<>();
		for (int i = 0; i < n; i++) all.add(new SyllableInstance(i % 3, 100 * i, 5));
		return all;
	}

	@Test
	void sampleIsASeededSortedSubset() {
		List<SyllableInstance> all = many(100);
		List<SyllableInstance> a = InstanceSelection.sample(all, 10, 42);
		assertEquals(10, a.size());
		assertEquals(a, InstanceSelection.sample(all, 10, 42));
		assertEquals(10, new HashSet<>(a).size());
		assertTrue(all.containsAll(a));
		for (int i = 1; i < a.size(); i++) {
			SyllableInstance p = a.get(i - 1), q = a.get(i);
			assertTrue(p.session() < q.session() || p.session() == q.session() && p.onset() < q.onset());
		}
		assertNotEquals(a, InstanceSelection.sample(all, 10, 43));
		// fewer than asked: all of them
		assertEquals(new HashSet<>(all), new HashSet<>(InstanceSelection.sample(all, 500, 1)));
		assertEquals(List.of(), InstanceSelection.sample(all, 0, 1));
	}

	@Test
	void sampleIsUniform() {
		// 3 of 10 over 10000 seeds: every item is chosen 3000 times on average (binomial SD about 46)
		List<SyllableInstance> all = many(10);
		int[] hits = new int[10];
		for (int seed = 0; seed < 10000; seed++)
			for (SyllableInstance in : InstanceSelection.sample(all, 3, seed)) hits[in.onset() / 100]++;
		for (int h : hits) assertEquals(3000, h, 250);
	}
}
