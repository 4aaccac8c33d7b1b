package org.latentj.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a group of plots opens as live plot windows and when as one stack of pictures. */
class LivePlotsRuleTest {

	@Test
	void upToSixLivePlotsInTheGuiOneStackBeyondOrInAMacro() {
		assertEquals(6, Present.MAX_LIVE_PLOTS);
		assertFalse(Present.livePlots(0, true), "nothing to show");
		for (int n = 1; n <= 6; n++) assertTrue(Present.livePlots(n, true), n + " plots in the GUI");
		assertFalse(Present.livePlots(7, true), "7 plots: one stack");
		assertFalse(Present.livePlots(50, true), "50 plots: one stack");
		assertTrue(Present.livePlots(1, false), "a single plot is live in a macro too, as before");
		for (int n = 2; n <= 6; n++) assertFalse(Present.livePlots(n, false), n + " plots in a macro: the stack, as before");
	}

	@Test
	void aTestRunIsNotInteractive() {
		// surefire runs headless (java.awt.headless) or without a person: never the GUI's windows
		org.junit.jupiter.api.Assumptions.assumeTrue(Present.headless());
		assertFalse(Present.interactive());
	}
}
