package org.latentj.diffusion;

import java.util.Arrays;

/**
 * An axis over a label (alpha, log10 D, an expression) for maps and histograms: the distinct values
 * themselves when there are few (a simulated grid: one column per grid value), else equal-width bins
 * between the smallest and largest value.
 */
public final class LabelAxis {

	private final double[] centers;
	private final boolean categorical;
	private final double min, width;

	private LabelAxis(double[] centers, boolean categorical, double min, double width) {
		this.centers = centers;
		this.categorical = categorical;
		this.min = min;
		this.width = width;
	}

	/** Distinct values when at most maxCategories, else {@code bins} equal bins over [min, max]. */
	public static LabelAxis of(double[] values, int maxCategories, int bins) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int distinct = sorted.length == 0 ? 0 : 1;
		for (int i = 1; i < sorted.length && distinct <= maxCategories; i++)
			if (sorted[i] != sorted[i - 1]) distinct++;
		if (distinct <= maxCategories) {
			double[] c = new double[distinct];
			int k = 0;
			for (int i = 0; i < sorted.length; i++)
				if (i == 0 || sorted[i] != sorted[i - 1]) c[k++] = sorted[i];
			return new LabelAxis(c, true, Double.NaN, Double.NaN);
		}
		return bins(sorted[0], sorted[sorted.length - 1], bins);
	}

	/** {@code bins} equal bins over [min, max] (one bin when max == min). */
	public static LabelAxis bins(double min, double max, int bins) {
		if (!(max > min)) bins = 1;
		double w = bins == 1 ? Math.max(Math.abs(min) * 1e-9, 1e-300) : (max - min) / bins;
		double[] c = new double[bins];
		for (int i = 0; i < bins; i++) c[i] = min + (i + 0.5) * w;
		if (bins == 1) c[0] = min;
		return new LabelAxis(c, false, min, w);
	}

	public int size() {
		return centers.length;
	}

	/** Value at the centre of cell i. */
	public double center(int i) {
		return centers[i];
	}

	public boolean categorical() {
		return categorical;
	}

	/** Spacing between cell centres (for calibration; 1 for a single cell). */
	public double step() {
		if (centers.length < 2) return 1;
		return (centers[centers.length - 1] - centers[0]) / (centers.length - 1);
	}

	/** True when cell centres are equally spaced (to 1e-6 of the step), so a linear calibration is exact. */
	public boolean evenlySpaced() {
		if (centers.length < 3) return true;
		double s = step();
		for (int i = 1; i < centers.length; i++)
			if (Math.abs(centers[i] - centers[i - 1] - s) > 1e-6 * Math.abs(s)) return false;
		return true;
	}

	/** The cell of a value: its own category, or the bin it falls in (values outside go to the end bins). */
	public int index(double v) {
		if (categorical) {
			int k = Arrays.binarySearch(centers, v);
			return k >= 0 ? k : Math.min(centers.length - 1, Math.max(0, -k - 2));
		}
		int k = (int) Math.floor((v - min) / width);
		return Math.max(0, Math.min(centers.length - 1, k));
	}
}
