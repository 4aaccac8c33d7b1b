package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;

/** The grid syntax of Scan Models: lists, integer ranges, log-spaced ranges, and the refusals. */
class ScanGridTest {

	@Test
	void wholeNumbers() {
		assertArrayEquals(new int[] { 4, 5, 6, 7, 8 }, ScanGrid.wholeNumbers("states", "4-8", 1));
		assertArrayEquals(new int[] { 4, 6, 8 }, ScanGrid.wholeNumbers("states", "4,6,8", 1));
		assertArrayEquals(new int[] { 4, 5, 6, 10 }, ScanGrid.wholeNumbers("states", " 4-6 , 10", 1));
		assertArrayEquals(new int[] { 7 }, ScanGrid.wholeNumbers("states", "7", 1));
	}

	@Test
	void kappaRangesAreLogSpaced() {
		double[] k = ScanGrid.nonNegative("kappa", "1e3-1e6:4");
		double[] expected = { 1e3, 1e4, 1e5, 1e6 };
		for (int i = 0; i < 4; i++) assertEquals(expected[i], k[i], 1e-9 * expected[i]);
		// a minus sign after an exponent's e belongs to the number
		double[] small = ScanGrid.nonNegative("kappa", "1e-3-1e-1:3");
		assertEquals(1e-3, small[0], 0);
		assertEquals(1e-2, small[1], 1e-15);
		assertEquals(1e-1, small[2], 0);
		assertArrayEquals(new double[] { 0, 100, 2.5 }, ScanGrid.nonNegative("kappa", "0,100,2.5"), 0);
	}

	@Test
	void stickinessRangesAreLogSpacedInExpectedRun() {
		double[] p = ScanGrid.probabilities("stickiness", "0.9-0.99:3");
		// 1 - p = 0.1, 0.1^1.5 = 0.0316..., 0.01: expected runs 10, 31.6, 100 frames
		assertEquals(0.9, p[0], 0);
		assertEquals(1 - Math.pow(0.1, 1.5), p[1], 1e-12);
		assertEquals(0.99, p[2], 0);
		assertArrayEquals(new double[] { 0.9, 0.95 }, ScanGrid.probabilities("stickiness", "0.9,0.95"), 0);
	}

	@Test
	void refusalsNameTheKey() {
		String[][] bad = { { "states", "8-4" }, { "states", "4,4" }, { "states", "0-3" }, { "states", "" }, { "states", "4,,5" },
				{ "states", "four" } };
		for (String[] b : bad) {
			BadInputException e = assertThrows(BadInputException.class, () -> ScanGrid.wholeNumbers(b[0], b[1], 1), b[1]);
			assertTrue(e.getMessage().startsWith("states"), e.getMessage());
		}
		for (String t : new String[] { "1e6-1e3:4", "0-10:3", "1-10:1", "1-10", "NaN", "-1", "1e3-1e4:x" }) {
			BadInputException e = assertThrows(BadInputException.class, () -> ScanGrid.nonNegative("kappa", t), t);
			assertTrue(e.getMessage().startsWith("kappa"), e.getMessage());
		}
		// -0 is 0: a duplicate, refused as any other (it was a second point, written kappa=-0.0)
		BadInputException zero = assertThrows(BadInputException.class, () -> ScanGrid.nonNegative("kappa", "0,-0,1e300"));
		assertEquals("kappa lists 0.0 twice.", zero.getMessage());
		assertEquals(0, Double.compare(0.0, ScanGrid.nonNegative("kappa", "-0")[0]));
		for (String t : new String[] { "1", "0", "0.5-1:3", "0.9,0.9" })
			assertThrows(BadInputException.class, () -> ScanGrid.probabilities("stickiness", t), t);
	}
}
