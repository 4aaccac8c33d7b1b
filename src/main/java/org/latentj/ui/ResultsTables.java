package org.latentj.ui;

import ij.measure.ResultsTable;

/** ResultsTables from rows of values, the one way the diffusion views build their tables. */
public final class ResultsTables {

	private ResultsTables() {
	}

	/** One row per array, columns in order; numbers stay numbers, anything else becomes text. Shows 6 significant digits. */
	public static ResultsTable of(String[] columns, Object[][] rows) {
		ResultsTable rt = new ResultsTable(rows.length);
		rt.setPrecision(-6);
		for (int i = 0; i < rows.length; i++)
			for (int c = 0; c < columns.length; c++) {
				Object v = rows[i][c];
				if (v instanceof Number) rt.setValue(columns[c], i, ((Number) v).doubleValue());
				else rt.setValue(columns[c], i, String.valueOf(v));
			}
		return rt;
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
}
