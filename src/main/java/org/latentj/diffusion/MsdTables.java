package org.latentj.diffusion;

import java.io.IOException;
import java.nio.file.Path;

import org.latentj.io.CsvWriter;

/** The tables of an MSD analysis: rows for the ResultsTables and the CSV files. */
public final class MsdTables {

	/** Columns of the per-cell table, in order (also the CSV header). */
	public static final String[] CELL_COLUMNS = { "alpha", "D", "n", "alpha_ea", "alpha_ea_error", "D_ea", "r2_ea", "alpha_ta_mean",
			"alpha_ta_sd", "log10_D_ta_mean", "log10_D_ta_sd", "ta_fitted" };
	/** Columns of the per-trajectory table. */
	public static final String[] TRAJECTORY_COLUMNS = { "row", "alpha", "D", "alpha_ta", "D_ta", "r2_ta" };

	private MsdTables() {
	}

	/** One row per (alpha, D) cell: true values, the EA fit, and the spread of the TA fits. */
	public static double[][] cellRows(MsdAnalysis.Result r) {
		ParameterCells cells = r.cells;
		double[][] rows = new double[cells.count()][];
		for (int c = 0; c < cells.count(); c++) {
			PowerLawFit ea = r.eaFit[c];
			double[] ta = r.taAlphaMeanSd(c), td = r.taLog10DMeanSd(c);
			rows[c] = new double[] { cells.alpha(c), cells.d(c), cells.rows(c).length, ea.alpha(), ea.alpha() - cells.alpha(c), ea.d(), ea.r2(),
					ta[0], ta[1], td[0], td[1], r.taFitted(c) };
		}
		return rows;
	}

	/** One row per trajectory (row numbers from 1, as in the input file). */
	public static double[][] trajectoryRows(MsdAnalysis.Result r, double[] alpha, double[] d) {
		double[][] rows = new double[r.taFit.length][];
		for (int i = 0; i < rows.length; i++) {
			PowerLawFit f = r.taFit[i];
			rows[i] = new double[] { i + 1, alpha[i], d[i], f.alpha(), f.d(), f.r2() };
		}
		return rows;
	}

	/** msd_estimates.csv, msd_trajectories.csv and msd_curves.csv into a folder; counts as whole numbers. */
	static void write(Path dir, MsdAnalysis.Result r, Trajectories t) throws IOException {
		try (CsvWriter w = new CsvWriter(dir.resolve("msd_estimates.csv"), CELL_COLUMNS)) {
			for (double[] row : cellRows(r)) w.row(wholeNumbers(row, 2, 11));
			w.commit();
		}
		try (CsvWriter w = new CsvWriter(dir.resolve("msd_trajectories.csv"), TRAJECTORY_COLUMNS)) {
			for (double[] row : trajectoryRows(r, t.alphas(), t.ds())) w.row(wholeNumbers(row, 0));
			w.commit();
		}
		String[] header = new String[3 + r.maxLag + r.taMaxLag];
		header[0] = "alpha";
		header[1] = "D";
		header[2] = "n";
		for (int k = 1; k <= r.maxLag; k++) header[2 + k] = "ea_msd_" + k;
		for (int k = 1; k <= r.taMaxLag; k++) header[2 + r.maxLag + k] = "mean_ta_msd_" + k;
		try (CsvWriter w = new CsvWriter(dir.resolve("msd_curves.csv"), header)) {
			double[] row = new double[header.length];
			for (int c = 0; c < r.cells.count(); c++) {
				row[0] = r.cells.alpha(c);
				row[1] = r.cells.d(c);
				row[2] = r.cells.rows(c).length;
				System.arraycopy(r.eaMsd, c * r.maxLag, row, 3, r.maxLag);
				System.arraycopy(r.meanTaMsd, c * r.taMaxLag, row, 3 + r.maxLag, r.taMaxLag);
				w.row(wholeNumbers(row, 2));
			}
			w.commit();
		}
	}

	/** A row with the given columns (counts, row numbers) as whole numbers: "60", not "60.0". */
	static Object[] wholeNumbers(double[] row, int... columns) {
		Object[] out = new Object[row.length];
		for (int i = 0; i < row.length; i++) out[i] = row[i];
		for (int c : columns) out[c] = (long) row[c];
		return out;
	}
}
