package org.latentj.hmm.ui;

import org.latentj.ui.ResultsTables;

import java.awt.Color;
import java.util.List;

import org.latentj.syllables.SyllableStatistics;

import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * What Fit HMM and Apply Model show: the log-likelihood history as an ImageJ Plot and summary
 * tables as ResultsTables. Builds them; never shows them.
 */
public final class HmmFitViews {

	private HmmFitViews() {
	}

	/** Training (blue) and test (red) log-likelihood per frame against the iteration. */
	public static Plot loglikPlot(String title, double[] train, double[] test, String xLabel) {
		Plot plot = new Plot(title, xLabel, "log-likelihood per frame");
		double[] x = new double[train.length];
		for (int i = 0; i < x.length; i++) x[i] = i + 1;
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (double[] a : new double[][] { train, test })
			for (double v : a)
				if (Double.isFinite(v)) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
		if (!(hi > lo)) {
			lo -= 1;
			hi += 1;
		}
		// the first iterations can sit far below the rest: show them, but keep the end readable
		double pad = 0.05 * (hi - lo);
		plot.setLimits(0.5, Math.max(1.5, train.length + 0.5), lo - pad, hi + pad);
		plot.setColor(new Color(0x1f, 0x77, 0xb4));
		plot.setLineWidth(2);
		plot.add("line", x, train);
		boolean anyTest = false;
		for (double v : test) anyTest |= Double.isFinite(v);
		if (anyTest) {
			plot.setColor(new Color(0xd6, 0x27, 0x28));
			plot.add("line", x, test);
			plot.setColor(Color.BLACK);
			plot.addLegend("train\ttest");
		} else {
			plot.setColor(Color.BLACK);
			plot.addLegend("train");
		}
		return plot;
	}

	/**
	 * One row per state: expected training frames, their share, and from the labels of all sessions
	 * (pooled) the frames labelled with it and its mean run length.
	 */
	public static ResultsTable statesTable(double[] usage, boolean[] empty, SyllableStatistics labels) {
		int k = usage.length;
		double total = 0;
		for (double u : usage) total += u;
		ResultsTable rt = new ResultsTable();
		rt.setPrecision(4);
		for (int s = 0; s < k; s++) {
			rt.incrementCounter();
			rt.addValue("state", s);
			rt.addValue("usage_frames", usage[s]);
			rt.addValue("usage_fraction", total > 0 ? usage[s] / total : 0);
			rt.addValue("labelled_frames", labels.frames(s));
			rt.addValue("mean_run_frames", labels.meanDuration(s));
			rt.addValue("lost_all_frames", empty[s] ? 1 : 0);
		}
		return rt;
	}

	/** One row per session: frames, scored frames, log-likelihood (total and per scored frame). */
	public static ResultsTable sessionsTable(List<String> names, int[] frames, int[] scored, double[] logLik,
			int[] statesUsed) {
		ResultsTable rt = new ResultsTable();
		rt.setPrecision(6);
		for (int i = 0; i < names.size(); i++) {
			rt.incrementCounter();
			rt.addValue("session", names.get(i));
			rt.addValue("frames", frames[i]);
			rt.addValue("scored_frames", scored[i]);
			rt.addValue("loglik", logLik[i]);
			rt.addValue("loglik_per_frame", logLik[i] / scored[i]);
			rt.addValue("states_used", statesUsed[i]);
		}
		return rt;
	}
}
