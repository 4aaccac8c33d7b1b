package org.latentj.slds.ui;

import java.awt.Color;

import org.latentj.syllables.ui.SyllablePalette;

import ij.gui.Plot;

/** The per-session figure of an SLDS fit: noisy and smoothed PCs over a window of frames, with the syllable band. */
public final class SldsViews {

	/** PCs drawn (the first few: more would not read). */
	static final int PCS_SHOWN = 3;
	/** Share of the frame's height kept free for the legend above the traces. */
	static final double LEGEND_SHARE = 0.42;

	private SldsViews() {
	}

	/**
	 * Frames [start, start + frames) of one session: each of the first PCs (PC units) noisy in light grey
	 * and smoothed in colour, stacked with a fixed offset, and the syllable labels as a band of
	 * coloured segments (palette of every LatentJ view) below them.
	 */
	public static Plot sessionPlot(String session, double[] noisy, double[] smoothed, int d, int[] labels, int start,
			int frames) {
		int total = labels.length, from = Math.max(0, Math.min(start, total - 1)), to = Math.min(total, from + frames);
		int shown = Math.min(PCS_SHOWN, d), n = to - from;
		// offset between traces: 8 SD of the noisy trace's spread, so traces never overlap much
		double spread = 0;
		for (int i = 0; i < shown; i++) spread = Math.max(spread, sd(noisy, d, i, from, to));
		double step = Math.max(1e-9, 8 * spread);
		Plot plot = new Plot("SLDS " + session + " (frames " + from + "-" + (to - 1) + ")", "frame",
				"PCs 1-" + shown + " (offset); band: syllable");
		double[] x = new double[n];
		for (int t = 0; t < n; t++) x[t] = from + t;
		Color[] colors = { new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x27, 0x28), new Color(0x2c, 0xa0, 0x2c) };
		for (int i = 0; i < shown; i++) {
			double off = -i * step;
			double[] yn = new double[n], ys = new double[n];
			for (int t = 0; t < n; t++) {
				yn[t] = noisy[(from + t) * d + i] + off;
				ys[t] = smoothed[(from + t) * d + i] + off;
			}
			plot.setLineWidth(1);
			plot.setColor(new Color(170, 170, 170));
			plot.add("line", x, yn);
			plot.setLineWidth(2);
			plot.setColor(colors[i % colors.length]);
			plot.add("line", x, ys);
		}
		// the legend (six lines, top right) takes about the upper 40% of the frame: leave that much room
		// above the highest point of PC1's traces so that it covers none of them
		double high = Double.NEGATIVE_INFINITY;
		for (int t = from; t < to; t++)
			for (double v : new double[] { noisy[t * d], smoothed[t * d] })
				if (!Double.isNaN(v)) high = Math.max(high, v);
		if (high == Double.NEGATIVE_INFINITY) high = step / 2;
		double band = -(shown - 0.5) * step - step / 4, low = band - step / 4;
		double top = (high - LEGEND_SHARE * low) / (1 - LEGEND_SHARE);
		plot.setLimits(from - 0.5, to - 0.5, low, top);
		plot.setLineWidth(12);
		int runStart = from;
		for (int t = from + 1; t <= to; t++)
			if (t == to || labels[t] != labels[runStart]) {
				plot.setColor(SyllablePalette.color(labels[runStart]));
				plot.drawLine(runStart - 0.5, band, t - 0.5, band);
				runStart = t;
			}
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		plot.addLegend("PC1 noisy\tPC1 smoothed\tPC2 noisy\tPC2 smoothed\tPC3 noisy\tPC3 smoothed", "top-right");
		return plot;
	}

	private static double sd(double[] x, int d, int i, int from, int to) {
		double s = 0, s2 = 0;
		int n = 0;
		for (int t = from; t < to; t++) {
			double v = x[t * d + i];
			if (Double.isNaN(v)) continue;
			s += v;
			s2 += v * v;
			n++;
		}
		return n < 2 ? 1 : Math.sqrt(Math.max(0, s2 / n - (s / n) * (s / n)));
	}
}
