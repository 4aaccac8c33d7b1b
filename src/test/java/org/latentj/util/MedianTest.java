package org.latentj.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Median by hand: odd and even counts, unsorted input left as it was, none. */
class MedianTest {

	@Test
	void middleOrMeanOfTheTwoMiddleValues() {
		double[] odd = { 5, 1, 4 };
		assertEquals(4, Median.of(odd), 0);
		assertArrayEquals(new double[] { 5, 1, 4 }, odd, 0); // not sorted in place
		assertEquals(2.5, Median.of(new double[] { 4, 1, 2, 3 }), 0);
		assertEquals(1.5, Median.of(new int[] { 2, 1 }), 0);
		assertEquals(7, Median.of(new int[] { 7 }), 0);
	}

	@Test
	void noValuesHaveNoMedian() {
		assertEquals(Double.NaN, Median.of(new double[0]));
		assertEquals(Double.NaN, Median.of(new int[0]));
	}
}
