package org.latentj.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ij.measure.ResultsTable;

/** Issue 13 item 8: what a table shows is what a person reads (integers as integers, no "2.000000E1"). */
class ResultsTablesTest {

	@Test
	void integerColumnsShowIntegersAndDecimalsGetFourSignificantDigits() {
		ResultsTable rt = ResultsTables.of(new String[] { "syllable", "frames", "usage", "small", "time", "name" },
				new Object[][] { { 0, 20.0, 0.25, 1.5e-5, 1.6e9 + 0.125, "a" }, { 1, 3000.0, 0.0123456, 2.0e-4, 1.6e9 + 1.5, "b" } });
		assertEquals("0", rt.getStringValue("syllable", 0));
		assertEquals("20", rt.getStringValue("frames", 0));
		assertEquals("3000", rt.getStringValue("frames", 1));
		// smallest nonzero 0.0123: 5 places give 4 significant digits
		assertEquals("0.25000", rt.getStringValue("usage", 0));
		assertEquals("0.01235", rt.getStringValue("usage", 1));
		// a column of small numbers: scientific
		assertEquals("1.500E-5", rt.getStringValue("small", 0));
		// large values keep their digits (absolute timestamps)
		assertEquals("1600000000.125", rt.getStringValue("time", 0));
		assertEquals("b", rt.getStringValue("name", 1));
		// the values themselves are untouched
		assertEquals(0.0123456, rt.getValue("usage", 1), 0);
	}

	@Test
	void decimalsRule() {
		assertEquals(0, ResultsTables.decimals(true, 1, 1e6));
		assertEquals(3, ResultsTables.decimals(false, 3.14159, 100));
		assertEquals(4, ResultsTables.decimals(false, 0.5, 1));
		assertEquals(6, ResultsTables.decimals(false, 0.002, 1));
		assertEquals(-3, ResultsTables.decimals(false, 0.0002, 1));
		assertEquals(6, ResultsTables.decimals(false, 0.0002, 1e5));
	}
}
