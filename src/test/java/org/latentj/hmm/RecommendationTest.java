package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Scan Models' rule on hand-made grid points: durations pick kappa per K, then the one-SD rule picks K. */
class RecommendationTest {

	private static ScanModels.Point point(int k, double kappa, double heldout, double sd, double median) {
		FitSettings base = FitSettings.of(ScanModelsTest.fitValues("transitions", "learned", "restarts", 3));
		return new ScanModels.Point(ScanModels.point(base, k, kappa), heldout, sd, 0, 0, k, median, median, 33 * median, 0,
				1, false);
	}

	@Test
	void smallestKWithinOneSdOfTheBest() {
		List<ScanModels.Point> p = List.of(point(4, 0, 5.0, 0.1, 9), point(5, 0, 6.0, 0.1, 9), point(6, 0, 6.9, 0.05, 9),
				point(7, 0, 7.0, 0.2, 9), point(8, 0, 6.95, 0.3, 9));
		// best mean 7.0 (K = 7, SD 0.2): threshold 6.8; K = 6 (6.9) is the smallest above it
		Recommendation r = Recommendation.of(p, true, false, "kappa", 10);
		assertEquals(6, r.choice().settings().states());
		assertTrue(r.rule().contains("(7.0000 - 0.2000 = 6.8000, at states=7)"), r.rule());
	}

	@Test
	void kappaWhoseDurationMatchesTheChangepointsThenK() {
		List<ScanModels.Point> p = new ArrayList<>();
		// K = 5: durations 4, 8, 15 frames for kappa 1e2, 1e3, 1e4; K = 6: 5, 11, 20
		p.add(point(5, 1e2, 6.0, 0.1, 4));
		p.add(point(5, 1e3, 6.1, 0.1, 8));
		p.add(point(5, 1e4, 6.2, 0.1, 15));
		p.add(point(6, 1e2, 7.0, 0.1, 5));
		p.add(point(6, 1e3, 6.9, 0.1, 11));
		p.add(point(6, 1e4, 6.8, 0.1, 20));
		// changepoints every 12 frames: K = 5 takes kappa 1e4 (|15 - 12| = 3 < |8 - 12| = 4), K = 6 takes 1e3;
		// then K = 6 (6.9) is the best, K = 5 (6.2) is not within its SD
		Recommendation r = Recommendation.of(p, true, true, "kappa", 12);
		assertEquals(6, r.choice().settings().states());
		assertEquals(1e3, r.choice().settings().kappa(), 0);
		assertTrue(r.rule().startsWith("For each number of states, the kappa whose median syllable duration is closest to the median changepoint interval of the PCs (12 frames); then the smallest"), r.rule());
		// without changepoints: the best held-out log-likelihood per K (kappa 1e2 for K = 6)
		Recommendation none = Recommendation.of(p, true, true, "kappa", Double.NaN);
		assertEquals(1e2, none.choice().settings().kappa(), 0);
		// one K: only the duration rule
		Recommendation oneK = Recommendation.of(p.subList(0, 3), false, true, "kappa", 12);
		assertEquals(1e4, oneK.choice().settings().kappa(), 0);
		assertTrue(oneK.rule().endsWith("(12 frames)."), oneK.rule());
	}
}
