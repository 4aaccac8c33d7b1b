package org.latentj.syllables.ui;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.latentj.syllables.OnsetLockedAverage;
import org.latentj.syllables.SyllableStatistics;

import ij.gui.Plot;

/**
 * The plots of "Syllable Statistics" (ij.gui.Plot, so they can be zoomed, listed and saved like any
 * ImageJ plot). Syllables are drawn in their {@link SyllablePalette} colors.
 */
public final class SyllablePlots {

	/** Vertical spacing of stacked PC traces, in standard deviations (the STATS320 ARHMM lab's {@code spc}). */
	public static final double SPACING = 4;
	private static final int WIDTH = 720, HEIGHT = 420;

	private SyllablePlots() {
	}

	/**
	 * Usage sorted by rank: a bar per syllable (share of onsets) in its color, most used first, and
	 * its share of frames as a circle.
	 */
	public static Plot usage(SyllableStatistics s, String title) {
		int[] order = s.rankOrder();
		int k = order.length;
		StringBuilder cats = new StringBuilder("{");
		double max = 0;
		double[] x = new double[k], frames = new double[k];
		for (int r = 0; r < k; r++) {
			cats.append(r == 0 ? "" : ",").append(order[r]);
			x[r] = r;
			frames[r] = s.frameUsage(order[r]);
			max = Math.max(max, Math.max(frames[r], s.onsetUsage(order[r])));
		}
		Plot plot = new Plot(title, cats.append('}').toString(), "usage (fraction)");
		plot.setSize(WIDTH, HEIGHT);
		plot.setLimits(-0.6, k - 0.4, 0, max > 0 ? max * 1.2 : 1);
		for (int r = 0; r < k; r++) {
			Color c = SyllablePalette.color(order[r]);
			plot.setColor(c, c);
			ArrayList<float[]> bar = new ArrayList<>();
			bar.add(new float[] { (float) (r - 0.38), 0f, (float) (r + 0.38), (float) s.onsetUsage(order[r]) });
			plot.drawShapes("rectangles", bar);
		}
		plot.setColor(Color.BLACK);
		plot.setLineWidth(1);
		plot.add("circle", x, frames);
		plot.setJustification(Plot.RIGHT);
		plot.addLabel(0.99, 0.06, "bars: onsets, circles: frames; x: syllable by rank");
		return plot;
	}

	/**
	 * Histogram of run durations in seconds (one bin a frame): all syllables in gray bars, the five
	 * most used as lines in their colors.
	 */
	public static Plot durations(SyllableStatistics s, double frameInterval, String title) {
		int maxLen = 1;
		for (int k = 0; k < s.k(); k++)
			for (int d : s.durations(k)) maxLen = Math.max(maxLen, d);
		double[] x = new double[maxLen];
		for (int i = 0; i < maxLen; i++) x[i] = (i + 1) * frameInterval;
		double[] all = new double[maxLen];
		int[] order = s.rankOrder();
		int shown = Math.min(5, s.k());
		double[][] top = new double[shown][maxLen];
		for (int k = 0; k < s.k(); k++)
			for (int d : s.durations(k)) all[d - 1]++;
		for (int r = 0; r < shown; r++)
			for (int d : s.durations(order[r])) top[r][d - 1]++;
		Plot plot = new Plot(title, "duration (s)", "runs");
		plot.setSize(WIDTH, HEIGHT);
		plot.setColor(Color.GRAY, Color.LIGHT_GRAY);
		plot.add("bar", x, all);
		StringBuilder legend = new StringBuilder("all syllables");
		for (int r = 0; r < shown; r++) {
			if (s.onsets(order[r]) == 0) break;
			plot.setColor(SyllablePalette.color(order[r]));
			plot.setLineWidth(2);
			plot.add("line", x, top[r]);
			legend.append('\n').append("syllable ").append(order[r]);
		}
		plot.setLineWidth(1);
		plot.setLimits(0, (maxLen + 1) * frameInterval, 0, max(all) * 1.05 + 1);
		plot.addLegend(legend.toString(), "top-right");
		return plot;
	}

	/**
	 * The STATS320 ARHMM lab's "data and states": standardized PC traces stacked {@link #SPACING} SD apart, over a
	 * band colored by the syllable of each frame, for frames {@code [from, to)}.
	 * @param pcs row-major {@code T x dims}, standardized (NaN rows are gaps)
	 * @param labels one per frame (-1 = unscored, gray)
	 */
	public static Plot dataAndStates(double[] pcs, int dims, int[] labels, int from, int to, double frameInterval,
			String title) {
		Plot plot = new Plot(title, "time (s)", pcCategories(dims));
		plot.setSize(WIDTH, Math.max(HEIGHT, 56 * dims + 80));
		plot.setOptions("yinterval=1"); // a label for every PC (ImageJ falls back to its own if too dense)
		double span = (to - from) * frameInterval;
		plot.setLimits(0, span, -1, dims);
		// the band: one rectangle per run, grouped by color (one shape list per syllable)
		java.util.Map<Integer, ArrayList<float[]>> runs = new java.util.TreeMap<>();
		for (int t = from; t < to;) {
			int l = labels[t], e = t;
			while (e < to && labels[e] == l) e++;
			runs.computeIfAbsent(l, key -> new ArrayList<>())
					.add(new float[] { (float) ((t - from) * frameInterval), -1f, (float) ((e - from) * frameInterval), dims });
			t = e;
		}
		for (java.util.Map.Entry<Integer, ArrayList<float[]>> r : runs.entrySet()) {
			Color c = SyllablePalette.color(r.getKey());
			plot.setColor(c, c);
			plot.drawShapes("rectangles", r.getValue());
		}
		double[] x = new double[to - from];
		for (int t = from; t < to; t++) x[t - from] = (t - from) * frameInterval;
		for (int d = 0; d < dims; d++) {
			double[] y = new double[to - from];
			for (int t = from; t < to; t++) y[t - from] = dims - 1 - d + pcs[t * dims + d] / SPACING;
			// a white edge keeps the trace readable on dark syllable colors; drawn as lines, not a data series, so
			// that List and Plot.getValues give the PCs alone (a copy of each trace would be a second, misnamed column)
			plot.setColor(Color.WHITE);
			plot.setLineWidth(3);
			for (int i = 1; i < x.length; i++)
				if (Double.isFinite(y[i - 1]) && Double.isFinite(y[i])) plot.drawLine(x[i - 1], y[i - 1], x[i], y[i]);
			plot.setColor(Color.BLACK);
			plot.setLineWidth(1);
			plot.addPoints(f(x), f(y), null, Plot.LINE, "PC" + (d + 1));
		}
		return plot;
	}

	/**
	 * The STATS320 ARHMM lab's {@code plot_average_pcs}: mean of each standardized PC around the syllable's onsets
	 * (black) between thin gray lines at +- 2 SD, stacked {@link #SPACING} SD apart (PC d's curves are
	 * {@code dims - d + value / SPACING}); lines rather than the lab's filled bands, so that bands wider than the
	 * spacing cross instead of hiding each other. A red line at the onset, a dashed line in the syllable's color at
	 * its mean duration, and the syllable named in its color. Every curve is a labeled data series (List, Plot.getValues).
	 */
	public static Plot averagePcs(OnsetLockedAverage a, int syllable, int instances, double meanDuration,
			double frameInterval) {
		int dims = a.dims();
		Plot plot = new Plot("Average PCs, syllable " + syllable, "time from onset (s)", pcCategories(dims));
		plot.setSize(WIDTH, Math.max(HEIGHT, 56 * dims + 80));
		plot.setOptions("yinterval=1"); // a label for every PC (ImageJ falls back to its own if too dense)
		double x0 = a.frameOffset(0) * frameInterval, x1 = a.frameOffset(a.length() - 1) * frameInterval;
		plot.setLimits(x0, x1, -1, dims + 0.6);
		double[] x = new double[a.length()];
		for (int i = 0; i < x.length; i++) x[i] = a.frameOffset(i) * frameInterval;
		Color band = new Color(150, 150, 150);
		for (int d = 0; d < dims; d++) {
			double[] y = new double[a.length()], lo = new double[y.length], hi = new double[y.length];
			for (int i = 0; i < y.length; i++) {
				boolean none = a.count(i, d) == 0;
				double base = dims - 1 - d, m = a.mean(i, d), sd = a.sd(i, d);
				y[i] = none ? Double.NaN : base + m / SPACING;
				lo[i] = none ? Double.NaN : base + (m - 2 * sd) / SPACING;
				hi[i] = none ? Double.NaN : base + (m + 2 * sd) / SPACING;
			}
			plot.setColor(band);
			plot.setLineWidth(1);
			plot.addPoints(f(x), f(lo), null, Plot.LINE, "PC" + (d + 1) + " -2SD");
			plot.addPoints(f(x), f(hi), null, Plot.LINE, "PC" + (d + 1) + " +2SD");
			plot.setColor(Color.BLACK);
			plot.setLineWidth(2);
			plot.addPoints(f(x), f(y), null, Plot.LINE, "PC" + (d + 1) + " mean");
		}
		plot.setColor(Color.RED);
		plot.drawLine(0, -1, 0, dims + 0.6);
		plot.setColor(SyllablePalette.color(syllable));
		plot.drawDottedLine(meanDuration * frameInterval, -1, meanDuration * frameInterval, dims + 0.6, 4);
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		plot.setJustification(Plot.RIGHT);
		// baselines 0.07 of the frame's height down: the 14-point name (and the caption) stand wholly inside the frame
		plot.addLabel(0.99, 0.07, instances + " instances; mean +- 2 SD (standardized PCs)");
		plot.setColor(SyllablePalette.color(syllable));
		plot.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14));
		plot.setJustification(Plot.LEFT);
		plot.addLabel(0.01, 0.07, "syllable " + syllable);
		return plot;
	}

	private static float[] f(double[] v) {
		float[] r = new float[v.length];
		for (int i = 0; i < v.length; i++) r[i] = (float) v[i];
		return r;
	}

	/** "{PCn,...,PC1}": y categories, PC1 at the top. */
	static String pcCategories(int dims) {
		List<String> c = new ArrayList<>();
		for (int d = dims; d >= 1; d--) c.add("PC" + d);
		return "{" + String.join(",", c) + "}";
	}

	private static double max(double[] v) {
		double m = 0;
		for (double x : v) m = Math.max(m, x);
		return m;
	}
}
