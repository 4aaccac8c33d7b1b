package org.latentj.diffusion.ui;

import java.awt.Color;

import org.latentj.diffusion.LabelAxis;
import org.latentj.diffusion.LatentAnalysis;
import org.latentj.diffusion.LatentMaps;
import org.latentj.diffusion.Latents;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.LUT;

/**
 * Tables, plots and images of a latent analysis: neuron statistics, R^2 per neuron and expression,
 * mu against the labels, 2D histograms (log10 of 1 + count) and the mean mu per (alpha, log10 D) cell.
 */
public final class LatentViews {

	/** At most this many points in a scatter plot (an even subsample of the rows). */
	static final int MAX_POINTS = 20_000;

	private LatentViews() {
	}

	/** Color of neuron j of z (a fixed qualitative palette). */
	static Color neuronColor(int j) {
		Color[] p = { new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
				new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
				new Color(188, 189, 34), new Color(23, 190, 207) };
		return p[j % p.length];
	}

	/**
	 * mu of every neuron (colors as in the legend) against a label, as dots. When the label takes
	 * few distinct values (a grid), the neurons are drawn side by side within each value's column
	 * so that none hides another.
	 */
	public static Plot muAgainst(Latents l, LatentAnalysis.Result r, double[] x, String xLabel, String title) {
		int z = l.latents();
		LabelAxis axis = LabelAxis.of(x, 64, 64);
		double spacing = 0;
		if (axis.categorical() && axis.size() > 1) {
			spacing = Double.MAX_VALUE;
			for (int k = 1; k < axis.size(); k++) spacing = Math.min(spacing, axis.center(k) - axis.center(k - 1));
		}
		double width = 0.7 * spacing; // of each column, shared by the z neurons
		Plot plot = new Plot(title, xLabel + (spacing > 0 ? "  (neurons side by side in each column)" : ""), "mu (latent neuron activation)");
		int stride = Math.max(1, l.count() / MAX_POINTS);
		StringBuilder legend = new StringBuilder();
		double[] limits = { Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE };
		for (int j = 0; j < z; j++) {
			double shift = spacing > 0 ? (j - (z - 1) / 2.0) * width / z : 0;
			double[] xs = subsample(x, stride), ys = subsample(l.muOf(j), stride);
			for (int i = 0; i < xs.length; i++) {
				xs[i] += shift;
				limits[0] = Math.min(limits[0], xs[i]);
				limits[1] = Math.max(limits[1], xs[i]);
				limits[2] = Math.min(limits[2], ys[i]);
				limits[3] = Math.max(limits[3], ys[i]);
			}
			plot.setColor(neuronColor(j));
			plot.add("dot", xs, ys);
			legend.append("mu_").append(j).append(r.informative[j] ? " (informative)" : "").append('\n');
		}
		plot.setColor(Color.BLACK);
		// the legend goes top right into a strip kept free of data, wide enough for its longest line
		String longest = "mu_" + (z - 1) + " (informative)";
		double share = Math.min(0.45, (LEGEND_CHAR_PX * longest.length() + 50.0) / ij.gui.PlotWindow.plotWidth);
		double[] padded = setPaddedLimits(plot, limits);
		padded[1] += (padded[1] - padded[0]) * share / (1 - share);
		plot.setLimits(padded[0], padded[1], padded[2], padded[3]);
		plot.setLegend(legend.toString(), Plot.TOP_RIGHT);
		return plot;
	}

	/** Width of a legend character in pixels at ImageJ's default plot font (14 pt), rounded up. */
	private static final double LEGEND_CHAR_PX = 8;

	/** Limits around {xmin, xmax, ymin, ymax} with 4% to spare, so no point sits on the frame. */
	static double[] setPaddedLimits(Plot plot, double[] l) {
		double dx = Math.max(l[1] - l[0], 1e-12) * 0.04, dy = Math.max(l[3] - l[2], 1e-12) * 0.04;
		double[] padded = { l[0] - dx, l[1] + dx, l[2] - dy, l[3] + dy };
		plot.setLimits(padded[0], padded[1], padded[2], padded[3]);
		return padded;
	}

	/** mu_j against expression e with the least-squares line and its R^2. */
	public static Plot muAgainstExpression(Latents l, LatentAnalysis.Result r, int j, int e) {
		LatentAnalysis.Expression ex = LatentAnalysis.EXPRESSIONS.get(e);
		double[] f = r.values(e);
		LatentAnalysis.LineFit fit = r.fits[e][j];
		String times = ex.name().contains("t*") ? String.format(", t* = %.1f", Math.exp(r.times.logCentroid())) : "";
		Plot plot = new Plot("mu_" + j + " vs " + ex.name(), ex.name() + " (T = " + r.length + times + ")", "mu_" + j);
		int stride = Math.max(1, l.count() / MAX_POINTS);
		plot.setColor(neuronColor(j));
		double[] xs = subsample(f, stride), ys = subsample(l.muOf(j), stride);
		plot.add("dot", xs, ys);
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE, ylo = Double.MAX_VALUE, yhi = -Double.MAX_VALUE;
		for (int i = 0; i < xs.length; i++) {
			lo = Math.min(lo, xs[i]);
			hi = Math.max(hi, xs[i]);
			ylo = Math.min(ylo, ys[i]);
			yhi = Math.max(yhi, ys[i]);
		}
		plot.setColor(Color.BLACK);
		plot.setLineWidth(2);
		plot.add("line", new double[] { lo, hi }, new double[] { fit.intercept() + fit.slope() * lo, fit.intercept() + fit.slope() * hi });
		// in the empty corner: top left above a rising line, bottom left below a falling one
		plot.addLabel(0.02, fit.slope() >= 0 ? 0.08 : 0.95, String.format("mu_%d = %.4g + %.4g * f,  R^2 = %.4f", j, fit.intercept(), fit.slope(), fit.r2()));
		setPaddedLimits(plot, new double[] { lo, hi, ylo, yhi });
		return plot;
	}

	private static double[] subsample(double[] v, int stride) {
		double[] out = new double[(v.length + stride - 1) / stride];
		for (int i = 0, k = 0; i < v.length; i += stride) out[k++] = v[i];
		return out;
	}

	/**
	 * 2D histogram of (x, mu) as a 32-bit image of log10(1 + count): x across (one column per
	 * distinct value when there are at most 64, else 64 bins), mu upwards in 125 bins (as SPIVAE's
	 * figures), calibrated in the units of x and mu.
	 */
	public static ImagePlus histogram(double[] x, String xLabel, double[] mu, String title) {
		LabelAxis ax = LabelAxis.of(x, 64, 64);
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		for (double v : mu) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		LabelAxis ay = LabelAxis.bins(lo, hi, 125);
		int[][] counts = LatentMaps.histogram(x, ax, mu, ay);
		int w = ax.size(), h = ay.size();
		float[] px = new float[w * h];
		for (int r = 0; r < h; r++)
			for (int c = 0; c < w; c++) px[(h - 1 - r) * w + c] = (float) Math.log10(1 + counts[r][c]);
		FloatProcessor fp = new FloatProcessor(w, h, px);
		fp.resetMinAndMax();
		ImagePlus imp = new ImagePlus(title, fp);
		calibrate(imp, ax, xLabel, ay, "mu");
		imp.getProcessor().setLut(fire());
		imp.setProperty("Info", "2D histogram, value = log10(1 + count); x: " + xLabel + ", y: mu (upwards).\n"
				+ latticeNote(ax, xLabel, "columns", x));
		return imp;
	}

	/**
	 * Mean mu per (alpha, log10 D) cell, one slice per neuron, alpha across and log10 D upwards; a
	 * blue-white-red LUT symmetric about 0 (switched-off neurons look white). Empty cells are NaN.
	 */
	public static ImagePlus meanMuMap(Latents l, LatentAnalysis.Result r) {
		double[] alpha = l.alphas(), logD = LatentMaps.log10(l.ds());
		LabelAxis ax = LabelAxis.of(alpha, 64, 32), ay = LabelAxis.of(logD, 64, 32);
		int w = ax.size(), h = ay.size();
		ImageStack stack = new ImageStack(w, h);
		double extreme = 0;
		for (int j = 0; j < l.latents(); j++) {
			double[][] m = LatentMaps.cellMeans(alpha, ax, logD, ay, l.muOf(j));
			float[] px = new float[w * h];
			for (int row = 0; row < h; row++)
				for (int c = 0; c < w; c++) {
					double v = m[row][c];
					px[(h - 1 - row) * w + c] = (float) v;
					if (!Double.isNaN(v)) extreme = Math.max(extreme, Math.abs(v));
				}
			stack.addSlice("mu_" + j + (r.informative[j] ? " (informative)" : ""), new FloatProcessor(w, h, px));
		}
		ImagePlus imp = new ImagePlus("Mean mu per (alpha, log10 D)", stack);
		calibrate(imp, ax, "alpha", ay, "log10 D");
		if (extreme == 0) extreme = 1;
		imp.getProcessor().setLut(diverging());
		imp.setDisplayRange(-extreme, extreme);
		imp.setProperty("Info", "Mean mu per cell; x: alpha, y: log10 D (upwards); one slice per neuron; NaN: no trajectory in the cell.\n"
				+ latticeNote(ax, "alpha", "columns", alpha) + latticeNote(ay, "log10 D", "rows", logD));
		return imp;
	}

	/**
	 * Pixel column c (center) is x = center(c); row 0 is the top, y increasing upwards. Every
	 * {@link LabelAxis} is linear (uneven grids sit on a lattice with empty columns between their
	 * values), so both axes always carry their calibration; the Info names the values of a lattice axis.
	 */
	private static void calibrate(ImagePlus imp, LabelAxis ax, String xUnit, LabelAxis ay, String yUnit) {
		Calibration cal = imp.getCalibration();
		double sx = ax.step(), sy = ay.step();
		cal.pixelWidth = sx;
		cal.pixelHeight = sy;
		cal.xOrigin = -ax.center(0) / sx;
		cal.setInvertY(true);
		double top = ay.center(ay.size() - 1);
		cal.yOrigin = top / sy; // y = (yOrigin - row) * pixelHeight
		cal.setXUnit(xUnit);
		cal.setYUnit(yUnit);
	}

	/** For the Info of an image: which columns (rows) hold a value when an axis is a lattice through uneven values. */
	private static String latticeNote(LabelAxis a, String label, String along, double[] values) {
		if (!a.hasEmptyColumns()) return "";
		java.util.TreeSet<Double> distinct = new java.util.TreeSet<>();
		for (double v : values) distinct.add(v);
		StringBuilder b = new StringBuilder(label + " takes uneven values; the " + along + " are calibrated in steps of " + (float) a.step()
				+ " and only those at " + label + " =");
		for (double v : distinct) b.append(' ').append((float) v);
		return b.append(" hold data.\n").toString();
	}

	/** Black-red-yellow-white ramp (0 = black), like Fiji's Fire. */
	static LUT fire() {
		byte[] rr = new byte[256], gg = new byte[256], bb = new byte[256];
		for (int i = 0; i < 256; i++) {
			double f = i / 255.0;
			rr[i] = (byte) Math.round(255 * Math.min(1, 2.2 * f));
			gg[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, 2.2 * f - 0.8)));
			bb[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, 3 * f - 2)) * 0.9 + (f < 0.3 ? 255 * f * 1.2 : 0));
		}
		return new LUT(rr, gg, bb);
	}

	/** Blue (low) - white (middle) - red (high). */
	static LUT diverging() {
		byte[] rr = new byte[256], gg = new byte[256], bb = new byte[256];
		for (int i = 0; i < 256; i++) {
			double f = i / 255.0;
			double r, g, b;
			if (f < 0.5) {
				double u = f / 0.5; // 0 blue .. 1 white
				r = 0.23 + 0.77 * u;
				g = 0.30 + 0.70 * u;
				b = 0.75 + 0.25 * u;
			} else {
				double u = (f - 0.5) / 0.5; // 0 white .. 1 red
				r = 1 - 0.30 * u;
				g = 1 - 0.98 * u;
				b = 1 - 0.85 * u;
			}
			rr[i] = (byte) Math.round(255 * r);
			gg[i] = (byte) Math.round(255 * g);
			bb[i] = (byte) Math.round(255 * b);
		}
		return new LUT(rr, gg, bb);
	}
}
