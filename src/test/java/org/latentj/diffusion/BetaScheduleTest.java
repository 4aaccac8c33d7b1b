package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BetaScheduleTest {

	@Test
	void equalStages() {
		BetaSchedule b = BetaSchedule.parse(BetaSchedule.SPIVAE);
		double[] expected = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1e-4, 1e-4, 1e-4, 1e-4, 1e-4, 1e-4, 1e-4, 1e-4, 1e-4, 1e-4, 1e-3, 1e-3, 1e-3,
				1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 5e-3, 5e-3, 5e-3, 5e-3, 5e-3, 5e-3, 5e-3, 5e-3, 5e-3, 5e-3 };
		for (int e = 0; e < 40; e++) assertEquals(expected[e], b.valueAt(e, 40), 0, "epoch " + (e + 1));
		// 10 epochs over 4 stages: epochs 1-3, 4-5, 6-8, 9-10 (where e * 4 / 10 changes)
		double[] ten = { 0, 0, 0, 1e-4, 1e-4, 1e-3, 1e-3, 1e-3, 5e-3, 5e-3 };
		for (int e = 0; e < 10; e++) assertEquals(ten[e], b.valueAt(e, 10), 0, "epoch " + (e + 1) + " of 10");
		// fewer epochs than stages: the schedule still ends at its last value
		assertEquals(5e-3, b.valueAt(1, 2), 0);
		assertEquals("0.0, 1.0E-4, 0.001, 0.005", b.toString());
	}

	@Test
	void arrowsAndConstants() {
		BetaSchedule b = BetaSchedule.parse("0 -> 1e-4 -> 1e-3 -> 5e-3");
		assertEquals(1e-3, b.valueAt(5, 8), 0);
		assertEquals(0.3, BetaSchedule.parse("0.3").valueAt(17, 20), 0);
	}

	@Test
	void explicitStartEpochs() {
		BetaSchedule b = BetaSchedule.parse("0@1, 1e-3@5, 5e-3@20");
		assertEquals(0, b.valueAt(3, 30), 0); // epoch 4
		assertEquals(1e-3, b.valueAt(4, 30), 0); // epoch 5
		assertEquals(1e-3, b.valueAt(18, 30), 0);
		assertEquals(5e-3, b.valueAt(19, 30), 0);
		assertEquals("0.0@1, 0.001@5, 0.005@20", b.toString());
	}

	@Test
	void badSchedulesSayWhy() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> BetaSchedule.parse("0, x")).getMessage().contains("'x'"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> BetaSchedule.parse("0, -1")).getMessage().contains(">= 0"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> BetaSchedule.parse("0@2, 1@3")).getMessage().contains("epoch 1"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> BetaSchedule.parse("0@1, 1@1")).getMessage().contains("increase"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> BetaSchedule.parse("0@1, 1")).getMessage().contains("mixes"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> BetaSchedule.parse(" ")).getMessage().contains("empty"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> BetaSchedule.parse("0,,1")).getMessage().contains("empty"));
	}
}
