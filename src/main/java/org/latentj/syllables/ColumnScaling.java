package org.latentj.syllables;

import java.util.List;

/**
 * Mean and SD of each column over several row-major {@code T x dims} arrays, skipping NaN rows, so
 * plots can show standardized PCs as the STATS320 ARHMM lab does ({@code standardize_pcs}: population SD, every
 * session pooled). A column with zero spread is scaled by 1.
 */
public final class ColumnScaling {

	private final double[] mean;
	private final double[] scale;

	private ColumnScaling(double[] mean, double[] scale) {
		this.mean = mean;
		this.scale = scale;
	}

	public static ColumnScaling of(List<double[]> data, int dims) {
		double[] sum = new double[dims];
		long[] n = new long[dims];
		for (double[] x : data)
			for (int i = 0; i < x.length; i++)
				if (!Double.isNaN(x[i])) {
					sum[i % dims] += x[i];
					n[i % dims]++;
				}
		double[] mean = new double[dims];
		for (int d = 0; d < dims; d++) mean[d] = n[d] == 0 ? 0 : sum[d] / n[d];
		double[] ss = new double[dims];
		for (double[] x : data)
			for (int i = 0; i < x.length; i++)
				if (!Double.isNaN(x[i])) {
					double e = x[i] - mean[i % dims];
					ss[i % dims] += e * e;
				}
		double[] scale = new double[dims];
		for (int d = 0; d < dims; d++) {
			double s = n[d] == 0 ? 0 : Math.sqrt(ss[d] / n[d]);
			scale[d] = s > 0 ? s : 1;
		}
		return new ColumnScaling(mean, scale);
	}

	/** A standardized copy ({@code (x - mean) / sd}); NaN stays NaN. */
	public double[] apply(double[] x) {
		int dims = mean.length;
		double[] out = new double[x.length];
		for (int i = 0; i < x.length; i++) out[i] = (x[i] - mean[i % dims]) / scale[i % dims];
		return out;
	}

	public double mean(int d) {
		return mean[d];
	}

	public double scale(int d) {
		return scale[d];
	}
}
