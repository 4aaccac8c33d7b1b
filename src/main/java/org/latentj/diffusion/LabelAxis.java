package org.latentj.diffusion;

import java.util.Arrays;

/**
 * An axis over a label (alpha, log10 D, an expression) for maps and histograms, always linear so that
 * an image along it can carry an ImageJ calibration: the distinct values themselves when there are few
 * and they are evenly spaced (a simulated grid: one column per grid value); few values on an uneven
 * grid (alpha {0.3, 0.7, 1.0, 1.3, 1.7}) each at its true place on the finest even lattice through
 * them (step 0.1 there; the columns between them stay empty); else equal-width bins between the
 * smallest and largest value.
 */
public final class LabelAxis {

	/** At most this many columns for a lattice through uneven values (else bins). */
	static final int MAX_LATTICE = 256;
	/** Finest lattice tried: the smallest gap between values divided by up to this. */
	private static final int MAX_DIVISOR = 20;

	private final double[] centers;
	private final boolean categorical;
	/** First center and step of a lattice (index by rounding); NaN otherwise. */
	private final double latticeStart, latticeStep;
	private final double min, width;

	private LabelAxis(double[] centers, boolean categorical, double min, double width) {
		this(centers, categorical, Double.NaN, Double.NaN, min, width);
	}

	private LabelAxis(double[] centers, boolean categorical, double latticeStart, double latticeStep, double min, double width) {
		this.centers = centers;
		this.categorical = categorical;
		this.latticeStart = latticeStart;
		this.latticeStep = latticeStep;
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
			LabelAxis categories = new LabelAxis(c, true, Double.NaN, Double.NaN);
			if (categories.evenlySpaced()) return categories;
			LabelAxis lattice = lattice(c);
			if (lattice != null) return lattice;
		}
		return bins(sorted[0], sorted[sorted.length - 1], bins);
	}

	/**
	 * The finest-needed even lattice through sorted distinct values: step = smallest gap / m for the
	 * smallest m that puts every value on it (to 1e-6 of a step), at most {@link #MAX_LATTICE}
	 * columns; null when there is none.
	 */
	static LabelAxis lattice(double[] values) {
		double gap = Double.MAX_VALUE;
		for (int i = 1; i < values.length; i++) gap = Math.min(gap, values[i] - values[i - 1]);
		double span = values[values.length - 1] - values[0];
		for (int m = 1; m <= MAX_DIVISOR; m++) {
			double step = gap / m;
			long columns = Math.round(span / step) + 1;
			if (columns > MAX_LATTICE) return null;
			step = span / (columns - 1); // the end points exact
			boolean on = true;
			for (int i = 1; on && i < values.length; i++) {
				double k = (values[i] - values[0]) / step;
				on = Math.abs(k - Math.rint(k)) <= 1e-6;
			}
			if (!on) continue;
			double[] c = new double[(int) columns];
			for (int k = 0; k < c.length; k++) c[k] = values[0] + k * step;
			for (double v : values) c[(int) Math.rint((v - values[0]) / step)] = v; // the values themselves, not their rounding
			return new LabelAxis(c, true, values[0], step, Double.NaN, Double.NaN);
		}
		return null;
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

	/** Value at the center of cell i. */
	public double center(int i) {
		return centers[i];
	}

	/** True when each column is one value of the label (a grid), false for bins. */
	public boolean categorical() {
		return categorical;
	}

	/** True for a lattice through uneven values: some columns hold no value. */
	public boolean hasEmptyColumns() {
		return !Double.isNaN(latticeStep);
	}

	/** Spacing between cell centers (for calibration; 1 for a single cell). */
	public double step() {
		if (!Double.isNaN(latticeStep)) return latticeStep;
		if (centers.length < 2) return 1;
		return (centers[centers.length - 1] - centers[0]) / (centers.length - 1);
	}

	/** True when cell centers are equally spaced (to 1e-6 of the step), so a linear calibration is exact. */
	public boolean evenlySpaced() {
		if (centers.length < 3 || !Double.isNaN(latticeStep)) return true;
		double s = step();
		for (int i = 1; i < centers.length; i++)
			if (Math.abs(centers[i] - centers[i - 1] - s) > 1e-6 * Math.abs(s)) return false;
		return true;
	}

	/** The cell of a value: its own category, or the bin it falls in (values outside go to the end bins). */
	public int index(double v) {
		if (!Double.isNaN(latticeStep)) return Math.max(0, Math.min(centers.length - 1, (int) Math.rint((v - latticeStart) / latticeStep)));
		if (categorical) {
			int k = Arrays.binarySearch(centers, v);
			return k >= 0 ? k : Math.min(centers.length - 1, Math.max(0, -k - 2));
		}
		int k = (int) Math.floor((v - min) / width);
		return Math.max(0, Math.min(centers.length - 1, k));
	}
}
