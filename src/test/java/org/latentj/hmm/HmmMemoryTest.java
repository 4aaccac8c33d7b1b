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
		long window = 8 * 3 * 10; // (lags + 1) D doubles per frame
		// 16 threads: at most 3 pools split at once, each up to every training frame, windows + 28 bytes per frame;
		// plus the round's labels, 4 bytes per training frame
		assertEquals(3 * train * (window + 28) + 4 * train, HmmMemory.fitTemporaries(train, s, 16));
		assertEquals(1_939_200_000L, HmmMemory.fitTemporaries(train, s, 16));
		assertEquals(2 * train * (window + 28) + 4 * train, HmmMemory.fitTemporaries(train, s, 2));
		// one thread: one split at a time, all of the round's splits together never more than every training frame
		assertEquals(train * (window + 28) + 4 * train, HmmMemory.fitTemporaries(train, s, 1));
		// next to the E-step's 3 M x 5 x 36 = 540 MB, the moves are most of the fit's memory
		List<SessionData> one = List.of(new SessionData("s", new double[3_000_000], 1, null));
		assertEquals(540_000_000L, HmmMemory.fit(one, 5));
		// without split/merge: the k-means start alone (windows + distance and label); random starts need none
		assertEquals(train * (window + 12), HmmMemory.fitTemporaries(train, settings(5, 2, 10, "kmeans", false), 16));
		assertEquals(0, HmmMemory.fitTemporaries(train, settings(5, 2, 10, "random", false), 16));
		// fewer than 3 states: no moves (FitSettings turns split_merge off)
		assertEquals(train * (window + 12), HmmMemory.fitTemporaries(train, settings(2, 2, 10, "kmeans", true), 16));
		assertEquals(-1, HmmMemory.fitTemporaries(Long.MAX_VALUE / 8, s, 16), "overflow counts as too much");
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
		long moves = Math.min(Parallel.threads(), 3) * train * (8 * 3 * 10 + 28) + 4 * train;
		assertEquals(eStep + moves, HmmMemory.fit(two, s));
	}

	/**
	 * A fit whose E-step and decoding fit in memory but whose split moves do not is refused before the
	 * work, in the one sentence of {@link Memory#require}: wide windows (many lags of many PCs) on few states.
	 */
	@Test
	void refusedWhenOnlyTheMovesDoNotFit() {
		int d = 50, lags = 20;
		FitSettings s = settings(3, lags, d, "kmeans", true);
		long perFrame = Math.min(Parallel.threads(), 3) * (8L * (lags + 1) * d + 28);
		int frames = (int) Math.min(Integer.MAX_VALUE / d, 2 * Memory.available() / perFrame + 1000);
		List<SessionData> one = List.of(new SessionData("wide", new double[frames * d], d, null));
		long eStep = HmmMemory.fit(one, 3), decode = HmmMemory.decoding(one, 3, Decoding.Mode.POSTERIOR);
		assertTrue(Math.max(eStep, decode) < Memory.available() / 4, "the E-step alone would fit: " + eStep);
		String m = assertThrows(BadInputException.class, () -> HmmMemory.requireFit(one, s)).getMessage();
		assertTrue(m.startsWith("A fit of 1 session (" + frames + " frames) with 3 states needs about "), m);
		assertTrue(m.contains(" of memory but Java has ") && m.endsWith("or use a smaller input."), m);
	}
}
