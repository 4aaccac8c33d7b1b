package org.latentj.ui;

import ij.measure.ResultsTable;

/** ResultsTables from rows of values, and the one rule for how LatentJ tables show their numbers. */
public final class ResultsTables {

	/** Significant digits shown for the smallest nonzero value of a column of decimals. */
	static final int DIGITS = 4;

	private ResultsTables() {
	}

	/** One row per array, columns in order; numbers stay numbers, anything else becomes text. Formatted by {@link #format}. */
	public static ResultsTable of(String[] columns, Object[][] rows) {
		ResultsTable rt = new ResultsTable(rows.length);
		for (int i = 0; i < rows.length; i++)
			for (int c = 0; c < columns.length; c++) {
				Object v = rows[i][c];
				if (v instanceof Number) rt.setValue(columns[c], i, ((Number) v).doubleValue());
				else rt.setValue(columns[c], i, String.valueOf(v));
			}
		return format(rt);
	}

	/** Rows of numbers only. */
	public static ResultsTable of(String[] columns, double[][] rows) {
		Object[][] boxed = new Object[rows.length][];
		for (int i = 0; i < rows.length; i++) {
			boxed[i] = new Object[rows[i].length];
			for (int c = 0; c < rows[i].length; c++) boxed[i][c] = rows[i][c];
		}
		return of(columns, boxed);
	}

	/**
	 * Sets each numeric column's display: a column of whole numbers (counts, ids, frames) shows
	 * integers; a column of decimals shows enough places for {@value #DIGITS} significant digits of
	 * its smallest nonzero magnitude (at least 3, at most 6), and switches to scientific notation
	 * only for columns of small numbers (a nonzero value below 1e-3, none from 1e4 up), so that
	 * large values such as absolute timestamps keep their digits. ImageJ's default would print
	 * "20.000" in a mixed column and a negative precision prints "2.000000E1" for 20. Display only:
	 * the values and the CSV files keep full precision.
	 */
	public static ResultsTable format(ResultsTable rt) {
		for (String h : rt.getHeadings()) {
			int c = rt.getColumnIndex(h);
			if (c < 0) continue;
			boolean whole = true, any = false;
			double min = Double.POSITIVE_INFINITY, max = 0;
			for (int r = 0; r < rt.size(); r++) {
				double v = rt.getValueAsDouble(c, r);
				if (!Double.isFinite(v)) continue; // text cells are NaN
				any = true;
				double a = Math.abs(v);
				if (v != Math.rint(v)) whole = false;
				if (a > 0) min = Math.min(min, a);
				max = Math.max(max, a);
			}
			if (!any) continue;
			rt.setDecimalPlaces(c, decimals(whole, min, max));
		}
		return rt;
	}

	/** Decimal places for a column (negative: scientific with that many places, as ResultsTable reads it). */
	static int decimals(boolean whole, double minNonzero, double max) {
		if (whole && max < 1e15) return 0;
		if (minNonzero == Double.POSITIVE_INFINITY) return 3;
		if (minNonzero < 1e-3 && max < 1e4) return -(DIGITS - 1);
		int places = DIGITS - 1 - (int) Math.floor(Math.log10(minNonzero));
		return Math.max(3, Math.min(6, places));
	}
}
