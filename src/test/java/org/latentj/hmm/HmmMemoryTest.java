package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.ui.FitHmmCommand;
import org.latentj.util.BadInputException;
import org.latentj.util.Memory;
import org.latentj.util.Parallel;

/** A fit's memory counts its k-means windows and its parallel split moves, not only its E-step. */
class HmmMemoryTest {

	private static FitSettings settings(int states, int lags, int pcs, String init, boolean splitMerge) {
		FitHmmCommand c = new FitHmmCommand();
		c.states = states;
		c.lags = lags;
		c.pcs = pcs;
		c.init = init;
		c.split_merge = splitMerge;
		return c.settings();
	}

	/** One session of 3 million frames, 80 % training, D = 10, 2 lags, K = 5 (the class comment's figures). */
	@Test
	void splitMovesOfASmallKOnAMultiMillionFrameSession() {
		long train = 2_400_000;
		FitSettings s = settings(5, 2, 10, "kmeans", true);
		// k-means per frame: its row (reference 8, offset 4; the window is read in place), distance 8, label 4;
		// a split adds the weights of a run, 2 doubles per frame
		long kmeans = 8 + 4 + 8 + 4, split = kmeans + 16;
		// 16 threads: at most 3 pools split at once, each up to every training frame; plus the round's labels, 4 bytes per frame
		assertEquals(3 * train * split + 4 * train, HmmMemory.fitTemporaries(train, train, s, 16));
		assertEquals(297_600_000L, HmmMemory.fitTemporaries(train, train, s, 16));
		assertEquals(2 * train * split + 4 * train, HmmMemory.fitTemporaries(train, train, s, 2));
		// one thread: one split at a time, all of the round's splits together never more than every training frame
		assertEquals(train * split + 4 * train, HmmMemory.fitTemporaries(train, train, s, 1));
		// the E-step: 3 M x 5 x 36 = 540 MB
		List<SessionData> one = List.of(new SessionData("s", new double[3_000_000], 1, null));
		assertEquals(540_000_000L, HmmMemory.fit(one, 5));
		// without split/merge: the start alone, k-means then its labels (4 bytes per frame) with the weights of the
		// longest stretch (K doubles per frame; random starts only those)
		long weights = 2_400_000L * 5 * 8;
		assertEquals(4 * train + weights, HmmMemory.fitTemporaries(train, train, settings(5, 2, 10, "kmeans", false), 16));
		assertEquals(weights, HmmMemory.fitTemporaries(train, train, settings(5, 2, 10, "random", false), 16));
		assertEquals(train * kmeans, HmmMemory.fitTemporaries(train, 1000, settings(5, 2, 10, "kmeans", false), 16),
				"many short sessions: the clustering is the start's peak");
		// fewer than 3 states: no moves (FitSettings turns split_merge off)
		// (there the clustering, 24 bytes per frame, outweighs labels and 2 weights per frame, 4 + 16)
		assertEquals(train * kmeans, HmmMemory.fitTemporaries(train, train, settings(2, 2, 10, "kmeans", true), 16));
		// the windows are not copied: the same bytes whatever the lags and PCs
		assertEquals(HmmMemory.fitTemporaries(train, train, s, 16), HmmMemory.fitTemporaries(train, train, settings(5, 30, 100, "kmeans", true), 16));
		assertEquals(-1, HmmMemory.fitTemporaries(Long.MAX_VALUE / 8, 1000, s, 16), "overflow counts as too much");
	}

	/** The whole fit: E-step plus moves with this machine's threads, over the first train_fraction of each session. */
	@Test
	void aFitAddsItsMovesToItsEStep() {
		List<SessionData> two = List.of(new SessionData("a", new double[1001 * 10], 10, null),
				new SessionData("b", new double[500 * 10], 10, null));
		FitSettings s = settings(4, 2, 10, "kmeans", true);
		long train = 800 + 400; // floor(0.8 x 1001) + 0.8 x 500
		assertEquals(train, HmmMemory.trainFrames(two, 0.8));
		long eStep = 1001L * 4 * 36 * Math.min(2, Parallel.threads());
		long moves = Math.min(Parallel.threads(), 3) * train * 40 + 4 * train;
		long start = Math.max(train * 24, train * 4 + 800 * 4 * 8); // the longest training stretch: 800 frames
		assertEquals(eStep + Math.max(start, moves), HmmMemory.fit(two, s));
	}

	/**
	 * A fit whose E-step and decoding alone would be let through but whose k-means and split moves on top
	 * of them exceed the heap is refused before the work, in the one sentence of {@link Memory#require}.
	 */
	@Test
	void refusedWhenTheMovesOnTopOfTheEStepDoNotFit() {
		FitSettings s = settings(3, 1, 1, "kmeans", true);
		long max = Runtime.getRuntime().maxMemory();
		// E-step 3 x 36 = 108 bytes per frame; moves at least 40 + 4 per training frame (0.8 of them)
		int frames = (int) Math.min(Integer.MAX_VALUE, max / 120);
		List<SessionData> one = List.of(new SessionData("long", new double[frames], 1, null));
		long eStep = HmmMemory.fit(one, 3), decode = HmmMemory.decoding(one, 3, Decoding.Mode.POSTERIOR);
		assertTrue(Math.max(eStep, decode) < max, "the E-step's estimate alone is under the heap: " + eStep);
		assertTrue(HmmMemory.fit(one, s) > max, "with the moves it is over: " + HmmMemory.fit(one, s));
		String m = assertThrows(BadInputException.class, () -> HmmMemory.requireFit(one, s)).getMessage();
		assertTrue(m.startsWith("A fit of 1 session (" + frames + " frames) with 3 states needs about "), m);
		assertTrue(m.contains(" of memory but Java has ") && m.endsWith("or use a smaller input."), m);
	}
}
