package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The moseq2-style changepoint score on a hand-built signal with a jump every 20 frames. */
class ChangepointsTest {

	/** PC 1 alternates between -1 and +1 every 20 frames (mean 0, SD 1: z-scoring leaves it); PC 2 is flat. */
	private static double[] steps(int frames, int every) {
		double[] x = new double[frames * 2];
		for (int t = 0; t < frames; t++) x[2 * t] = (t / every) % 2 == 0 ? -1 : 1;
		return x;
	}

	@Test
	void peaksSitJustBeforeEachJump() {
		double[] score = Changepoints.score(steps(200, 20), 2);
		// the 5-frame difference of the smoothed step is largest when its window straddles the jump at j
		// symmetrically (frames j-3 and j+2), and is written at the window's middle, frame j-1
		assertArrayEquals(new int[] { 19, 39, 59, 79, 99, 119, 139, 159, 179 }, Changepoints.peaks(score));
		// its height, by hand: the smoothed step is -1 + 2 w3 at j-3 and 1 - 2 w3 at j+2 (w3 = kernel weight at 3),
		// squared, averaged over the 2 PCs; the baseline (flat stretches) is 0
		double sum = 0;
		for (int u = -3; u <= 3; u++) sum += Math.exp(-u * u / 4.5);
		double w3 = Math.exp(-9 / 4.5) / sum;
		double diff = 2 - 4 * w3;
		assertEquals(diff * diff / 2, score[39], 1e-12);
		assertEquals(0, score[29], 1e-12);
		assertTrue(Double.isNaN(score[17]) && Double.isNaN(score[182]) && !Double.isNaN(score[18]));
	}

	@Test
	void intervalsArePooledOverSessionsAndRuns() {
		SessionData a = new SessionData("a", steps(200, 20), 2, null);
		SessionData b = new SessionData("b", steps(300, 25), 2, null);
		int[] iv = Changepoints.intervals(List.of(a, b), 2);
		// a: 9 peaks, 8 intervals of 20; b: jumps at 25, 50, ..., 275 -> peaks 24..274 within [18, 282): 11 peaks
		assertEquals(8 + 10, iv.length);
		for (int i = 0; i < 8; i++) assertEquals(20, iv[i]);
		for (int i = 8; i < iv.length; i++) assertEquals(25, iv[i]);
	}

	@Test
	void aFlatSignalHasNoChangepoints() {
		assertEquals(0, Changepoints.peaks(Changepoints.score(new double[200], 1)).length);
	}
}
