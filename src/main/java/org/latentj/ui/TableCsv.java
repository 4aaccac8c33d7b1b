package org.latentj.ui;

import java.io.IOException;
import java.nio.file.Path;

import org.latentj.io.CsvWriter;

import ij.measure.ResultsTable;

/**
 * Writes a ResultsTable as CSV with full double precision (ResultsTable.saveAs rounds to the
 * table's display precision): whole numbers without a decimal point, text columns as text.
 */
public final class TableCsv {

	private TableCsv() {
	}

	public static void write(ResultsTable rt, Path path) throws IOException {
		String[] headings = rt.getHeadings();
		int[] columns = new int[headings.length];
		for (int c = 0; c < headings.length; c++) columns[c] = rt.getColumnIndex(headings[c]);
		try (CsvWriter w = new CsvWriter(path, headings)) {
			Object[] row = new Object[headings.length];
			for (int r = 0; r < rt.size(); r++) {
				for (int c = 0; c < headings.length; c++) {
					double v = rt.getValueAsDouble(columns[c], r);
					if (Double.isNaN(v)) {
						String s = rt.getStringValue(columns[c], r);
						row[c] = s == null || s.equals("NaN") ? "NaN" : s;
					} else if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) row[c] = (long) v;
					else row[c] = v;
				}
				w.row(row);
			}
			w.commit();
		}
	}
}
