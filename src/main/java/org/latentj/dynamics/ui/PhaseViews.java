package org.latentj.dynamics.ui;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.latentj.dynamics.PhaseModel;
import org.latentj.dynamics.SweepRow;
import org.latentj.dynamics.TrainingMap;
import org.latentj.dynamics.TrainingPhases;
import org.latentj.dynamics.TrainingRun;
import org.latentj.dynamics.ZScoredRuns;
import org.latentj.ui.Png;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;

/** The pictures of training phases: per-run plots on a band of phases, the training map, the selection plot. */
public final class PhaseViews {

	private PhaseViews() {
	}

	/** The {@link TrainingPhases.Pictures} both commands use. */
	public static void write(Path dir, PhaseModel model, ZScoredRuns runs, TrainingPhases.Labels labels, TrainingMap map,
			List<SweepRow> sweep) throws IOException {
		Color[] colors = colors(model.states());
		Files.createDirectories(dir.resolve("runs"));
		for (int r = 0; r < runs.runs.size(); r++)
			Png.save(runPlot(runs, r, labels.paths().get(r), colors).getImagePlus(),
					dir.resolve("runs").resolve(runs.runs.get(r).name + ".png"));
		Png.save(mapImage(map, colors), dir.resolve("map.png"));
		if (sweep != null) Png.save(selectionPlot(sweep).getImagePlus(), dir.resolve("selection.png"));
	}

	public static Color[] colors(int k) {
		String[] hex = TrainingMap.colors(k);
		Color[] c = new Color[k];
		for (int s = 0; s < k; s++) c[s] = Color.decode(hex[s]);
		return c;
	}

	/**
	 * One run: its z-scored metrics (thin grey), the loss and accuracy columns rescaled to [-2.5, 2.5]
	 * (thick, with a legend), over a band of the Viterbi phases along the bottom.
	 */
	public static Plot runPlot(ZScoredRuns runs, int r, int[] path, Color[] colors) {
		TrainingRun run = runs.runs.get(r);
		double[] x = run.epochs;
		int d = runs.dim(), t = x.length;
		Plot plot = new Plot("Phases of " + run.name, run.epochColumn + " (band along the bottom: phase)", "z-score (metrics); loss/accuracy rescaled");
		plot.setSize(720, 400);
		// headroom above the curves for the legend: top-right, where runs end (metrics near their late values, the
		// rescaled scores at most 2.5), not over the first epochs, where every curve moves
		double lo = -4, hi = 6, bandTop = -3.3;
		plot.setLimits(x[0], x[t - 1], lo, hi);
		plot.setLineWidth(1);
		double[] z = runs.data.get(r);
		plot.setColor(new Color(160, 160, 160));
		for (int m = 0; m < d; m++) {
			double[] y = new double[t];
			for (int i = 0; i < t; i++) y[i] = clip(z[i * d + m], lo, hi);
			plot.add("line", x, y);
		}
		// the phase band, drawn over the metrics (in their first epochs most runs' metrics fall below bandTop, down to
		// z = -10): per run of one phase, horizontal strokes stacked from the bottom to bandTop (strokes, not a filled
		// shape, so the band stays plot data); each phase reaches the next epoch
		plot.setLineWidth(4);
		for (int i = 0; i < t;) {
			int j = i;
			while (j + 1 < t && path[j + 1] == path[i]) j++;
			double x0 = x[i], x1 = j + 1 < t ? x[j + 1] : x[j];
			plot.setColor(colors[path[i]]);
			for (int row = 0; row < 9; row++) {
				double y = lo + 0.05 + (bandTop - lo - 0.1) * row / 8;
				plot.drawLine(x0, y, x1, y);
			}
			i = j + 1;
		}
		plot.setLineWidth(1);
		StringBuilder legend = new StringBuilder("metrics (z-scored)");
		Color[] scoreColors = { Color.BLACK, new Color(200, 0, 0), new Color(0, 100, 200), new Color(0, 140, 0) };
		int c = 0;
		for (Map.Entry<String, double[]> e : run.scores.entrySet()) {
			double[] y = rescale(e.getValue(), -2.5, 2.5);
			plot.setColor(scoreColors[c++ % scoreColors.length]);
			plot.setLineWidth(2);
			plot.add("line", x, y);
			legend.append('\n').append(e.getKey());
		}
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		// the legend lists the curves in order: the first metric curve stands for all of them
		StringBuilder full = new StringBuilder();
		for (int m = 0; m < d; m++) full.append(m == 0 ? "metrics (z-scored)" : "").append('\n');
		full.append(legend.substring(legend.indexOf("\n") < 0 ? legend.length() : legend.indexOf("\n") + 1));
		plot.addLegend(full.toString(), "top-right");
		return plot;
	}

	private static double clip(double v, double lo, double hi) {
		return Math.max(lo, Math.min(hi, v));
	}

	/** Linear map of the finite range of v onto [a, b] (NaN stays NaN). */
	static double[] rescale(double[] v, double a, double b) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (double u : v)
			if (Double.isFinite(u)) {
				min = Math.min(min, u);
				max = Math.max(max, u);
			}
		double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++)
			out[i] = max > min ? a + (b - a) * (v[i] - min) / (max - min) : (a + b) / 2;
		return out;
	}

	/** BIC and AIC per K, the chosen K circled. */
	public static Plot selectionPlot(List<SweepRow> sweep) {
		int n = sweep.size();
		double[] k = new double[n], bic = new double[n], aic = new double[n];
		int chosen = 0;
		for (int i = 0; i < n; i++) {
			SweepRow r = sweep.get(i);
			k[i] = r.states();
			bic[i] = r.bic();
			aic[i] = r.aic();
			if (r.selected()) chosen = i;
		}
		Plot plot = new Plot("Model selection", "states K", "criterion (lower is better)");
		plot.setColor(Color.BLUE, Color.BLUE);
		plot.add("connected circle", k, bic);
		plot.setColor(Color.GRAY, Color.GRAY);
		plot.add("connected circle", k, aic);
		plot.setColor(Color.RED);
		plot.setLineWidth(2);
		plot.add("circle", new double[] { k[chosen] }, new double[] { bic[chosen] });
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < n; i++) {
			lo = Math.min(lo, Math.min(bic[i], aic[i]));
			hi = Math.max(hi, Math.max(bic[i], aic[i]));
		}
		double pad = 0.05 * Math.max(hi - lo, 1);
		plot.setLimits(k[0] - 0.3, k[n - 1] + 0.3, lo - pad, hi + pad);
		plot.addLegend("BIC\nAIC\nchosen K = " + (int) k[chosen]);
		return plot;
	}

	/**
	 * The training map: states left to right in training order, circles sized by occupancy, coloured as
	 * the band; transitions forward in time arc above, backward ones below, labelled with P_ij (count).
	 */
	public static ImagePlus mapImage(TrainingMap map, Color[] colors) {
		boolean back = map.edges.stream().anyMatch(e -> e.to() < e.from());
		int k = map.states(), w = Math.max(480, 150 * k + 60), cy = 210, h = back ? 420 : 310; // room below for back arcs only
		ColorProcessor ip = new ColorProcessor(w, h);
		ip.setColor(Color.WHITE);
		ip.fill();
		ip.setAntialiasedText(true);
		ip.setFont(new Font("SansSerif", Font.PLAIN, 13));
		double[] cx = new double[k], rad = new double[k];
		for (int s = 0; s < k; s++) {
			cx[s] = 30 + 75 + 150 * s;
			rad[s] = map.frames[s] == 0 ? 8 : 14 + 46 * Math.sqrt(map.occupancy[s]);
		}
		ip.setLineWidth(2);
		record Label(String text, int x, int y) {
		}
		List<Label> labels = new ArrayList<>();
		for (TrainingMap.Edge e : map.edges) {
			boolean forward = e.to() > e.from();
			double x0 = cx[e.from()], x1 = cx[e.to()], span = Math.abs(x1 - x0);
			double lift = (forward ? -1 : 1) * Math.min(cy - 60, 45 + 0.22 * span); // the arc's peak, inside the image
			ip.setColor(new Color(60, 60, 60));
			int steps = 40;
			double px = x0, py = cy;
			double ax = 0, ay = 0, bx = 0, by = 0;
			for (int i = 1; i <= steps; i++) {
				double u = (double) i / steps;
				double qx = (1 - u) * (1 - u) * x0 + 2 * u * (1 - u) * (x0 + x1) / 2 + u * u * x1;
				double qy = (1 - u) * (1 - u) * cy + 2 * u * (1 - u) * (cy + 2 * lift) + u * u * cy;
				if (Math.hypot(qx - x1, qy - cy) > rad[e.to()]) {
					ip.drawLine((int) Math.round(px), (int) Math.round(py), (int) Math.round(qx), (int) Math.round(qy));
					ax = px;
					ay = py;
					bx = qx;
					by = qy;
				}
				px = qx;
				py = qy;
			}
			arrowHead(ip, ax, ay, bx, by);
			String label = String.format("%.2g (%d)", e.probability(), e.count());
			int lx = (int) ((x0 + x1) / 2 - ip.getStringWidth(label) / 2.0), ly = (int) (cy + lift + (forward ? -6 : 18));
			labels.add(new Label(label, lx, ly));
		}
		// the labels after every arc, each on a white box: a longer arc that passes a shorter one's peak runs behind
		// its label instead of through it (the shared runs' 4 -> 6 crossed 4 -> 5's label)
		ip.setColor(Color.BLACK);
		for (Label l : labels) ip.drawString(l.text(), l.x(), l.y(), Color.WHITE);
		ip.setLineWidth(1);
		for (int s = 0; s < k; s++) {
			int r = (int) Math.round(rad[s]);
			ip.setColor(map.frames[s] == 0 ? Color.LIGHT_GRAY : colors[s]);
			ip.fillOval((int) cx[s] - r, cy - r, 2 * r, 2 * r);
			ip.setColor(Color.BLACK);
			ip.drawOval((int) cx[s] - r, cy - r, 2 * r, 2 * r);
			String name = String.valueOf(s);
			ip.drawString(name, (int) cx[s] - ip.getStringWidth(name) / 2, cy + 7);
			String occ = String.format("%.0f%%, stay %.3f", 100 * map.occupancy[s], map.stay[s]);
			ip.drawString(occ, (int) cx[s] - ip.getStringWidth(occ) / 2, cy + 60 + 12 + (s % 2) * 16);
		}
		ip.drawString("Training map: phases in training order (size: share of epochs)", 10, 18);
		ip.drawString("arcs above: forward, below: back; label P_ij (times seen)", 10, 34);
		return new ImagePlus("Training map", ip);
	}

	private static void arrowHead(ColorProcessor ip, double ax, double ay, double bx, double by) {
		double ang = Math.atan2(by - ay, bx - ax);
		for (double side : new double[] { -0.45, 0.45 }) {
			double hx = bx - 10 * Math.cos(ang + side), hy = by - 10 * Math.sin(ang + side);
			ip.drawLine((int) Math.round(bx), (int) Math.round(by), (int) Math.round(hx), (int) Math.round(hy));
		}
	}
}
