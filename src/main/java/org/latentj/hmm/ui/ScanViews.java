package org.latentj.hmm.ui;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.latentj.hmm.FitHmm;
import org.latentj.hmm.FitSettings;
import org.latentj.hmm.ScanModels;
import org.latentj.ui.Png;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * What Scan Models shows and saves as scan.png: held-out log-likelihood per frame against the number of
 * states (mean and SD over restarts, one line per transition value), and the median syllable duration
 * against the transition value (log axis; against K when the scan has one value) with the median
 * changepoint interval of the PCs as a grey band under the lines. Lines that share a point (K values with the same
 * median duration) are drawn a few pixels apart around it, so that none hides another (scan.csv holds the values).
 * The recommended point is ringed in both.
 */
public final class ScanViews implements FitHmm.Extra {

	private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
			new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f) };

	public final Plot loglik, duration;
	public final ImagePlus figure;
	/** scan.csv's rows, with the mean syllable duration beside the median. */
	public final ResultsTable table = new ResultsTable();

	public ScanViews(ScanModels.Result r) {
		boolean learned = r.choice().settings().transitions() == FitSettings.TransitionMode.LEARNED;
		String key = learned ? "kappa" : "stickiness";
		TreeSet<Integer> ks = new TreeSet<>();
		TreeSet<Double> vs = new TreeSet<>();
		for (ScanModels.Point p : r.points()) {
			ks.add(p.settings().states());
			vs.add(value(p, learned));
		}
		loglik = new Plot("Scan: held-out log-likelihood", "states (K)", "held-out log-likelihood per frame");
		Limits limits = new Limits();
		List<String> legend = new ArrayList<>();
		int c = 0;
		for (double v : vs) {
			List<ScanModels.Point> line = r.points().stream().filter(p -> value(p, learned) == v).toList();
			double[] x = line.stream().mapToDouble(p -> p.settings().states()).toArray();
			double[] y = line.stream().mapToDouble(ScanModels.Point::heldoutMean).toArray();
			double[] e = line.stream().mapToDouble(ScanModels.Point::heldoutSd).toArray();
			Color color = COLORS[c++ % COLORS.length];
			loglik.setColor(color, color); // the second color draws the connecting line and fills the circles
			loglik.setLineWidth(2);
			loglik.addPoints(x, y, Plot.CONNECTED_CIRCLES);
			loglik.addErrorBars(e);
			limits.add(x, y, e);
			legend.add(key + " " + fmt(v));
		}
		ring(loglik, r.choice().settings().states(), r.choice().heldoutMean());
		legend.add("recommended");
		loglik.setColor(Color.BLACK);
		loglik.addLegend(String.join("\t", legend));
		limits.apply(loglik);

		// against the transition value when the scan varies it (one line per K), else against K
		boolean byValue = vs.size() > 1;
		duration = new Plot("Scan: syllable duration",
				!byValue ? "states (K)" : learned ? "log10 kappa" : "log10 expected run 1/(1 - stickiness)",
				"median syllable duration (frames)");
		legend.clear();
		Limits durationLimits = new Limits();
		List<Integer> lines = byValue ? new ArrayList<>(ks) : List.of(-1);
		double[][] xs = new double[lines.size()][], ys = new double[lines.size()][];
		for (int i = 0; i < lines.size(); i++) {
			int k = lines.get(i);
			List<ScanModels.Point> line = r.points().stream().filter(p -> k < 0 || p.settings().states() == k).toList();
			xs[i] = line.stream().mapToDouble(p -> byValue ? axis(value(p, learned), learned) : p.settings().states()).toArray();
			ys[i] = line.stream().mapToDouble(ScanModels.Point::medianDurationFrames).toArray();
			durationLimits.add(xs[i], ys[i], null);
		}
		double cp = r.changepointFrames();
		if (!Double.isNaN(cp)) { // the data's own time scale, as moseq2 compares kappa scans with it: a grey band under the lines
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (double[] x : xs)
				for (double v : x) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
			duration.setColor(new Color(160, 160, 160));
			duration.setLineWidth(6);
			duration.addPoints(new double[] { lo, hi }, new double[] { cp, cp }, Plot.LINE);
			durationLimits.add(new double[] { lo }, new double[] { cp }, null);
			legend.add("changepoint interval " + fmt(cp));
		}
		// 5 pixels apart: two lines of 2 pixels with a gap between them
		double[][] drawn = apart(xs, ys, 5 * durationLimits.height(legend.size() + lines.size() + 1) / PlotWindow.plotHeight);
		int chosen = 0;
		for (int i = 0; i < lines.size(); i++) {
			Color color = COLORS[i % COLORS.length];
			duration.setColor(color, color);
			duration.setLineWidth(2);
			duration.addPoints(xs[i], drawn[i], Plot.CONNECTED_CIRCLES);
			legend.add(lines.get(i) < 0 ? "median duration" : "K = " + lines.get(i));
			if (lines.get(i) == r.choice().settings().states()) chosen = i;
		}
		ScanModels.Point ch = r.choice();
		double chX = byValue ? axis(value(ch, learned), learned) : ch.settings().states();
		double chY = ch.medianDurationFrames();
		for (int j = 0; j < xs[chosen].length; j++)
			if (xs[chosen][j] == chX && ys[chosen][j] == chY) chY = drawn[chosen][j];
		ring(duration, chX, chY);
		legend.add("recommended");
		duration.setColor(Color.BLACK);
		duration.addLegend(String.join("\t", legend), "top-right");
		durationLimits.apply(duration, legend.size());
		figure = sideBySide(loglik.getProcessor(), duration.getProcessor());
		for (ScanModels.Point p : r.points()) {
			table.incrementCounter();
			table.addValue("states", p.settings().states());
			table.addValue("transitions", learned ? "learned" : "fixed");
			table.addValue("kappa", p.settings().kappa());
			table.addValue("stickiness", p.settings().stickiness());
			table.addValue("heldout_ll_mean", p.heldoutMean());
			table.addValue("heldout_ll_sd", p.heldoutSd());
			table.addValue("train_ll", p.trainLl());
			table.addValue("bic", p.bic());
			table.addValue("states_used", p.statesUsed());
			table.addValue("median_duration_frames", p.medianDurationFrames());
			table.addValue("mean_duration_frames", p.meanDurationFrames());
			table.addValue("median_duration_ms", p.medianDurationMs());
			table.addValue("short_run_share", p.shortRunShare());
			table.addValue("stability_ari", p.stabilityAri());
			table.addValue("recommended", p.recommended() ? 1 : 0);
		}
	}

	/** The plotted position of a transition value: log10 kappa (kappa 0 at -1), log10 of the expected run 1/(1-p). */
	private static double axis(double v, boolean learned) {
		return learned ? (v > 0 ? Math.log10(v) : -1) : Math.log10(1 / (1 - v));
	}

	private static double value(ScanModels.Point p, boolean learned) {
		return learned ? p.settings().kappa() : p.settings().stickiness();
	}

	private static void ring(Plot plot, double x, double y) {
		plot.setColor(Color.BLACK);
		plot.setLineWidth(4); // markers scale with the line width: a ring around the point's own circle
		plot.addPoints(new double[] { x }, new double[] { y }, Plot.CIRCLE);
	}

	/** The data's extent (with error bars), padded so that points at the ends stay inside the frame. */
	private static final class Limits {
		double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY,
				y1 = Double.NEGATIVE_INFINITY;

		void add(double[] x, double[] y, double[] e) {
			for (int i = 0; i < x.length; i++) {
				double err = e == null || !Double.isFinite(e[i]) ? 0 : e[i];
				if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
				x0 = Math.min(x0, x[i]);
				x1 = Math.max(x1, x[i]);
				y0 = Math.min(y0, y[i] - err);
				y1 = Math.max(y1, y[i] + err);
			}
		}

		/** The data's height, or its level when flat (at least 0.01). */
		double span() {
			return y1 > y0 ? y1 - y0 : Math.max(1e-2, Math.abs(y0));
		}

		void apply(Plot plot) {
			if (!(x1 >= x0 && y1 >= y0)) return;
			double px = x1 > x0 ? 0.06 * (x1 - x0) : 0.5, py = 0.1 * span();
			plot.setLimits(x0 - px, x1 + px, y0 - py, y1 + 4 * py); // room above the data for the legend
		}

		/** As {@link #apply(Plot)}, with the upper part of the frame (about 17 pixels a line) left to a legend. */
		void apply(Plot plot, int legendLines) {
			if (!(x1 >= x0 && y1 >= y0)) return;
			double px = x1 > x0 ? 0.06 * (x1 - x0) : 0.5, bottom = y0 - 0.1 * span();
			plot.setLimits(x0 - px, x1 + px, bottom, bottom + height(legendLines));
		}

		/** The frame's height in data units with a legend of this many lines ({@link #apply(Plot, int)}). */
		double height(int legendLines) {
			double share = Math.min(0.6, (17.0 * legendLines + 20) / PlotWindow.plotHeight);
			return 1.2 * span() / (1 - share);
		}
	}

	/**
	 * The y values to draw: where several lines share a point (the same x and y), they are drawn {@code gap} apart
	 * around it, in line order, so that none hides another; other points as they are.
	 */
	static double[][] apart(double[][] xs, double[][] ys, double gap) {
		java.util.Map<List<Double>, Integer> shared = new java.util.HashMap<>(), seen = new java.util.HashMap<>();
		for (int i = 0; i < xs.length; i++)
			for (int j = 0; j < xs[i].length; j++) shared.merge(List.of(xs[i][j], ys[i][j]), 1, Integer::sum);
		double[][] out = new double[ys.length][];
		for (int i = 0; i < xs.length; i++) {
			out[i] = ys[i].clone();
			for (int j = 0; j < xs[i].length; j++) {
				List<Double> at = List.of(xs[i][j], ys[i][j]);
				int m = shared.get(at), rank = seen.merge(at, 1, Integer::sum) - 1;
				out[i][j] += (rank - (m - 1) / 2.0) * gap;
			}
		}
		return out;
	}

	private static ImagePlus sideBySide(ImageProcessor a, ImageProcessor b) {
		ColorProcessor out = new ColorProcessor(a.getWidth() + b.getWidth(), Math.max(a.getHeight(), b.getHeight()));
		out.setColor(Color.WHITE);
		out.fill();
		out.insert(a.convertToRGB(), 0, 0);
		out.insert(b.convertToRGB(), a.getWidth(), 0);
		return new ImagePlus("Scan Models", out);
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%.4g", v);
	}

	@Override
	public void write(Path dir) throws IOException {
		Png.save(figure, dir.resolve("scan.png"));
	}
}
