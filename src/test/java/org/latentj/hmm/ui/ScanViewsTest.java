package org.latentj.hmm.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The duration panel's lines that share a point are drawn apart around it, by hand. */
class ScanViewsTest {

	@Test
	void linesSharingAPointAreSpreadAroundIt() {
		double[][] xs = { { 1, 2 }, { 1, 2 }, { 1, 2 }, { 1, 2 } };
		double[][] ys = { { 4, 5 }, { 8, 8 }, { 8, 9 }, { 8, 9 } };
		double[][] drawn = ScanViews.apart(xs, ys, 0.1);
		assertArrayEquals(new double[] { 4, 5 }, drawn[0], 0, "alone: as it is");
		// three lines at (1, 8): -gap, 0, +gap in line order; two at (2, 9): -gap/2, +gap/2; (2, 8) alone
		assertArrayEquals(new double[] { 7.9, 8 }, drawn[1], 1e-12);
		assertArrayEquals(new double[] { 8, 8.95 }, drawn[2], 1e-12);
		assertArrayEquals(new double[] { 8.1, 9.05 }, drawn[3], 1e-12);
	}
}
