package org.latentj.diffusion.ui;

import java.awt.Color;

import org.latentj.diffusion.MsdAnalysis;
import org.latentj.diffusion.ParameterCells;

import ij.gui.Plot;

/** The log-log plot of an MSD analysis (its tables: {@link org.latentj.diffusion.MsdTables}). */
public final class MsdViews {

	private MsdViews() {
	}

	/**
	 * EA-MSD of every cell against the lag on log-log axes, colored by alpha (blue = smallest,
	 * red = largest), with the theoretical 2 D t^alpha as thin gray lines.
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
		Plot plot = new Plot("EA-MSD", String.format("lag t (steps);  color: alpha %.3g (blue) to %.3g (red);  gray: 2 D t^alpha", aMin, aMax),
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
