package org.latentj.diffusion.ui;

import java.awt.Color;

import org.latentj.diffusion.MsdAnalysis;
import org.latentj.diffusion.ParameterCells;
import org.latentj.diffusion.PowerLawFit;

import ij.gui.Plot;

/** Tables and the log-log plot of an MSD analysis. */
public final class MsdViews {

	/** Columns of the per-cell table, in order (also the CSV header). */
	public static final String[] CELL_COLUMNS = { "alpha", "D", "n", "alpha_ea", "alpha_ea_error", "D_ea", "r2_ea", "alpha_ta_mean",
			"alpha_ta_sd", "log10_D_ta_mean", "log10_D_ta_sd", "ta_fitted" };
	/** Columns of the per-trajectory table. */
	public static final String[] TRAJECTORY_COLUMNS = { "row", "alpha", "D", "alpha_ta", "D_ta", "r2_ta" };

	private MsdViews() {
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

	/**
	 * EA-MSD of every cell against the lag on log-log axes, coloured by alpha (blue = smallest,
	 * red = largest), with the theoretical 2 D t^alpha as thin grey lines.
	 */
	public static Plot eaPlot(MsdAnalysis.Result r) {
		ParameterCells cells = r.cells;
		int lags = r.maxLag;
		double[] lag = new double[lags];
		for (int k = 0; k < lags; k++) lag[k] = k + 1;
		double aMin = Double.MAX_VALUE, aMax = -Double.MAX_VALUE, yMin = Double.MAX_VALUE, yMax = 0;
		for (int c = 0; c < cells.count(); c++) {
			aMin = Math.min(aMin, cells.alpha(c));
			aMax = Math.max(aMax, cells.alpha(c));
			for (int k = 0; k < lags; k++) {
				double m = r.eaMsd[c * lags + k];
				if (m > 0) yMin = Math.min(yMin, m);
				yMax = Math.max(yMax, m);
			}
		}
		Plot plot = new Plot("EA-MSD", String.format("lag t (steps);  colour: alpha %.3g (blue) to %.3g (red);  grey: 2 D t^alpha", aMin, aMax),
				"EA-MSD <x_t^2>");
		plot.setLogScaleX();
		plot.setLogScaleY();
		if (yMax > 0) plot.setLimits(1, Math.max(2, lags), yMin, yMax);
		plot.setLineWidth(1);
		plot.setColor(new Color(170, 170, 170));
		for (int c = 0; c < cells.count(); c++) {
			double[] theory = new double[lags];
			for (int k = 0; k < lags; k++) theory[k] = 2 * cells.d(c) * Math.pow(k + 1, cells.alpha(c));
			plot.add("line", lag, theory);
		}
		plot.setLineWidth(2);
		for (int c = 0; c < cells.count(); c++) {
			double f = aMax > aMin ? (cells.alpha(c) - aMin) / (aMax - aMin) : 0.5;
			plot.setColor(blueToRed(f));
			double[] y = new double[lags];
			System.arraycopy(r.eaMsd, c * lags, y, 0, lags);
			plot.add("line", lag, y);
		}
		plot.setColor(Color.BLACK);
		return plot;
	}

	/** A blue-to-red ramp through purple, readable on white. */
	static Color blueToRed(double f) {
		f = Math.max(0, Math.min(1, f));
		return new Color((int) Math.round(30 + 200 * f), (int) Math.round(60 * (1 - Math.abs(2 * f - 1))), (int) Math.round(230 - 200 * f));
	}
}
