package org.latentj.symbolic.ui;

import java.awt.Color;
import java.util.List;

import org.latentj.symbolic.CriticTrainer;
import org.latentj.symbolic.SymbolicStudy;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/** Plots of Train Symbolic Discriminator and Symbolic Study, and the gallery of classified curves. */
public final class SymbolicViews {

	private static final Color LIBRARY = new Color(31, 119, 180), GENERATED = new Color(255, 127, 14);

	private SymbolicViews() {
	}

	/** Upper y limit of the accuracy plots: a little above 1, so that points at 1 are not cut by the frame. */
	static final double TOP = 1.02;

	/**
	 * Lower y limit of the accuracy plots: 0.4 (just under chance, 0.5), lower when an accuracy is
	 * lower, so that no point falls off the plot.
	 */
	static double lowerLimit(double[] accuracies) {
		double lo = 0.4;
		for (double a : accuracies)
			if (Double.isFinite(a)) lo = Math.min(lo, a - 0.02);
		return lo;
	}

	/** Running mean of the last {@code window} values (fewer at the start), as the seed's avg_accs. */
	public static double[] smoothed(double[] v, int window) {
		double[] out = new double[v.length];
		double sum = 0;
		for (int i = 0; i < v.length; i++) {
			sum += v[i];
			if (i >= window) sum -= v[i - window];
			out[i] = sum / Math.min(i + 1, window);
		}
		return out;
	}

	/** Training accuracy per epoch (grey) and its running mean over {@code window} epochs, with the held-out results. */
	public static Plot accuracyPlot(CriticTrainer.Result r, int window) {
		int n = r.accuracy().length;
		double[] x = new double[n];
		for (int i = 0; i < n; i++) x[i] = i + 1;
		Plot plot = new Plot("Symbolic discriminator accuracy", "epoch", "training batch accuracy (score > 0 = library)");
		plot.setColor(new Color(190, 190, 190));
		plot.add("line", x, r.accuracy());
		plot.setColor(LIBRARY);
		plot.setLineWidth(2);
		plot.add("line", x, smoothed(r.accuracy(), window));
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		plot.addLegend("per epoch\nmean of last " + window + " epochs");
		plot.setLimits(0, n + 1, lowerLimit(r.accuracy()), TOP);
		plot.addLabel(0.02, 0.1, String.format("held-out accuracy: %.3f with the calibrated threshold %.3g, %.3f with score > 0",
				r.calibratedAccuracy(), r.threshold(), r.signAccuracy()));
		return plot;
	}

	/**
	 * Up to {@code per} held-out curves in each of four panels: library curves judged symbolic and non-symbolic,
	 * generated curves judged non-symbolic and symbolic (the seed's last cells), side by side in one RGB image. Curves of
	 * several inputs are drawn along x0 with the other inputs at x_min (the tensor grid's first line).
	 */
	public static ImagePlus gallery(CriticTrainer.Result r, int per) {
		CriticTrainer.HeldOut h = r.test();
		String[] titles = { "library curves judged symbolic (right)", "library curves judged non-symbolic (wrong)",
				"generated curves judged non-symbolic (right)", "generated curves judged symbolic (wrong)" };
		ImageProcessor[] panels = new ImageProcessor[4];
		for (int p = 0; p < 4; p++) {
			boolean library = p < 2, right = p % 2 == 0;
			boolean several = r.settings().inputs() > 1;
			Plot plot = new Plot(titles[p], (several ? "x0 (x1.. at x_min)" : "x") + "  (" + titles[p] + ")", "y");
			plot.setSize(420, 260);
			int shown = 0;
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < h.scores().length && shown < per; i++) {
				boolean isLib = i < h.library(), symbolic = h.scores()[i] > r.threshold();
				if (isLib != library || (symbolic == isLib) != right) continue;
				plot.setColor(Color.getHSBColor(shown / (float) per, 0.8f, 0.8f));
				double[] line = java.util.Arrays.copyOf(h.curves()[i], r.grid().length);
				plot.add("line", r.grid(), line);
				for (double v : line) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
				shown++;
			}
			if (shown == 0) {
				lo = -1;
				hi = 1;
				plot.setColor(Color.GRAY);
				plot.addLabel(0.3, 0.5, "none among " + h.library() + " held-out curves");
			}
			double pad = Math.max(1e-9, 0.05 * (hi - lo));
			plot.setLimits(r.grid()[0], r.grid()[r.grid().length - 1], lo - pad, hi + pad);
			panels[p] = plot.getProcessor().convertToRGB();
		}
		int w = panels[0].getWidth(), hgt = panels[0].getHeight();
		ColorProcessor out = new ColorProcessor(2 * w, 2 * hgt);
		for (int p = 0; p < 4; p++) out.insert(panels[p], (p % 2) * w, (p / 2) * hgt);
		return new ImagePlus("Symbolic discriminator gallery", out);
	}

	/** Final accuracy against library size, one line per extension set. */
	public static Plot studyPlot(SymbolicStudy.Result r, List<CriticTrainer.Extensions> variants) {
		Plot plot = new Plot("Symbolic study", "library size (functions)", "held-out accuracy (calibrated threshold)");
		Color[] colors = { LIBRARY, GENERATED, new Color(44, 160, 44), new Color(214, 39, 40) };
		StringBuilder legend = new StringBuilder();
		double[][] xs = new double[variants.size()][], ys = new double[variants.size()][];
		for (int v = 0; v < variants.size(); v++) {
			CriticTrainer.Extensions ext = variants.get(v);
			List<SymbolicStudy.Row> rows = r.rows().stream().filter(row -> row.extensions() == ext).toList();
			xs[v] = new double[rows.size()];
			ys[v] = new double[rows.size()];
			for (int i = 0; i < rows.size(); i++) {
				xs[v][i] = rows.get(i).size();
				ys[v][i] = rows.get(i).calibratedAccuracy();
			}
			plot.setColor(colors[v % colors.length]);
			plot.setLineWidth(2);
			plot.add("line", xs[v], ys[v]); // the lines first: the legend labels the first datasets
			legend.append("extensions: ").append(ext.key()).append('\n');
		}
		for (int v = 0; v < variants.size(); v++) {
			plot.setColor(colors[v % colors.length]);
			plot.add("circle", xs[v], ys[v]);
		}
		plot.setColor(Color.BLACK);
		plot.setLineWidth(1);
		plot.addLegend(legend.toString());
		double maxSize = r.rows().stream().mapToInt(SymbolicStudy.Row::size).max().orElse(1);
		plot.setLimits(0, Math.max(2, maxSize + 1), lowerLimit(java.util.Arrays.stream(ys).flatMapToDouble(java.util.Arrays::stream).toArray()), TOP);
		return plot;
	}
}
