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
		// k-means per frame: its row (reference 8, offset 4; the window is read in place), distance 8, label 4,
		// Hamerly's upper and lower bounds 8 + 8; a split adds the weights of a run, 2 doubles per frame
		long kmeans = 8 + 4 + 8 + 4 + 8 + 8, split = kmeans + 16;
		// 16 threads: at most 3 pools split at once, each up to every training frame; plus the round's labels, 4 bytes per frame
		assertEquals(3 * train * split + 4 * train, HmmMemory.fitTemporaries(train, train, s, 16));
		assertEquals(412_800_000L, HmmMemory.fitTemporaries(train, train, s, 16));
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
		// (there the clustering, 40 bytes per frame, outweighs labels and 2 weights per frame, 4 + 16)
		assertEquals(train * kmeans, HmmMemory.fitTemporaries(train, train, settings(2, 2, 10, "kmeans", true), 16));
		// the windows are not copied: the k-means and split temporaries are the same bytes whatever the lags and PCs
		// (the E-step's statistics, which do grow with them, are HmmMemory.statistics: below)
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
		long moves = Math.min(Parallel.threads(), 3) * train * 56 + 4 * train; // k-means 40 bytes per frame, a run's weights 16
		long start = Math.max(train * 40, train * 4 + 800 * 4 * 8); // the longest training stretch: 800 frames
		// statistics, gram = 31 x 32 / 2 = 496 (n = 3 x 10 + 1): one block's partial sums per session at once, and each session's sums
		long stats = 4 * 496 * 8 * Math.min(2, Parallel.threads()) + 2 * 4 * (496 + 4 + 1) * 8;
		assertEquals(eStep + Math.max(start, moves) + stats, HmmMemory.fit(two, s));
	}

	/**
	 * The E-step's statistics grow with the Gram size, not the frames: the M-step's partial sums of at most 16
	 * blocks per session at once (LinearGaussianObservations sums a long stretch's blocks in groups of 16).
	 */
	@Test
	void statisticsGrowWithTheGramSize() {
		long train = 2_400_000; // 2344 blocks of 1024 frames
		// D = 10, 2 lags, K = 5: n = 31, gram = 496; 16 blocks x 5 x 496 doubles, and one session's sums 5 x (496 + 6)
		assertEquals(16L * 5 * 496 * 8 + 5 * 502 * 8, HmmMemory.statistics(train, 1, 1, settings(5, 2, 10, "kmeans", true)));
		// 100 PCs, 2 lags, K = 50: n = 301, gram = 45,451: 290.9 MB of partial sums (all 2344 blocks at once were 42.6 GB)
		long big = HmmMemory.statistics(train, 1, 1, settings(50, 2, 100, "kmeans", true));
		assertEquals(16L * 50 * 45_451 * 8 + 50L * (45_451 + 51) * 8, big);
		assertEquals(309_087_200L, big);
		// a short stretch holds its own blocks only (1000 frames: 1 block), and 3 sessions at once hold 3 times the partials
		assertEquals(3L * 5 * 496 * 8 + 4 * 5 * 502 * 8, HmmMemory.statistics(1000, 4, 3, settings(5, 2, 10, "kmeans", true)));
	}

	/** A scan keeps, besides one fit: its k-means clusterings, the labels of a point's restarts and the runs' statistics. */
	@Test
	void aScanCountsItsClusteringsLabelsAndRuns() {
		FitSettings s = settings(8, 2, 10, "kmeans", true); // 3 restarts (the default)
		assertEquals(3, s.restarts());
		long frames = 1_000_000, train = 800_000;
		// 4 values of K x 3 restarts x 4 bytes per training frame; 3 restarts x 4 bytes per frame; (12 points + 3 restarts) x 8 x (496 + 9) doubles
		long expected = 4 * 3 * train * 4 + 3 * frames * 4 + 15L * 8 * 505 * 8;
		assertEquals(expected, HmmMemory.scanKept(frames, train, s, 4, 12));
		// random starts cache no clustering
		assertEquals(expected - 4 * 3 * train * 4, HmmMemory.scanKept(frames, train, settings(8, 2, 10, "random", true), 4, 12));
	}

	/** A scan whose one fit is well under the heap but whose 60 cached clusterings on top are not is refused before the work. */
	@Test
	void aScanIsRefusedWhenItsClusteringsDoNotFit() {
		FitSettings s = settings(3, 1, 1, "kmeans", true);
		long max = Runtime.getRuntime().maxMemory();
		int frames = (int) Math.min(Integer.MAX_VALUE, max / 600);
		List<SessionData> one = List.of(new SessionData("long", new double[frames], 1, null));
		assertTrue(HmmMemory.fit(one, s) < max / 2, "one fit is under half the heap: " + HmmMemory.fit(one, s));
		// 60 values of K x 3 restarts x 4 bytes x 0.8 frames = 576 bytes per frame: 0.96 of the heap more
		String m = assertThrows(BadInputException.class, () -> HmmMemory.requireScan(one, s, 60, 60)).getMessage();
		assertTrue(m.startsWith("A scan of 1 session (" + frames + " frames) with 3 states needs about "), m);
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
