package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The progress fraction of an iterative fit follows the real remaining work, not the iteration maximum. */
class ConvergenceEstimateTest {

	/** Gains 0.1 / 2^i with tolerance 1e-5: the loop stops at step 14; the bar tracks step / 14, not step / 100. */
	@Test
	void geometricGainsExtrapolateToTheStop() {
		ConvergenceEstimate e = new ConvergenceEstimate(1e-5, 100);
		assertEquals(0.01, e.step(1, Double.NaN), 1e-15);
		double last = 0;
		for (int i = 2; i <= 14; i++) {
			double gain = 0.1 / Math.pow(2, i);
			double f = e.step(i, gain);
			assertTrue(f >= last, "never decreases");
			if (i == 2) assertEquals(0.02, f, 1e-15, "one gain: no rate yet");
			else if (i < 14) assertEquals(i / 14.0, f, 1e-12, "step " + i);
			else assertEquals(1, f, 0); // the gain is under the tolerance: EM stops here
			last = f;
		}
	}

	/** Gains that do not shrink give no estimate: steps count against the maximum. */
	@Test
	void noExtrapolationWithoutShrinkingGains() {
		ConvergenceEstimate e = new ConvergenceEstimate(1e-5, 50);
		e.step(1, Double.NaN);
		assertEquals(2 / 50.0, e.step(2, 0.01), 1e-15);
		assertEquals(3 / 50.0, e.step(3, 0.02), 1e-15);
	}
}
