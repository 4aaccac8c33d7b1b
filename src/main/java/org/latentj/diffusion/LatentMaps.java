package org.latentj.diffusion;

/** Numbers behind the latent pictures: mean mu per (alpha, D) cell and 2D histograms. */
public final class LatentMaps {

	private LatentMaps() {
	}

	/**
	 * Mean of values per cell of (x, y), as [y cell][x cell]; NaN where a cell holds no trajectory
	 * (only possible for labels off a regular grid).
	 */
	public static double[][] cellMeans(double[] x, LabelAxis ax, double[] y, LabelAxis ay, double[] values) {
		double[][] sum = new double[ay.size()][ax.size()];
		int[][] count = new int[ay.size()][ax.size()];
		for (int i = 0; i < values.length; i++) {
			int cx = ax.index(x[i]), cy = ay.index(y[i]);
			sum[cy][cx] += values[i];
			count[cy][cx]++;
		}
		for (int r = 0; r < sum.length; r++)
			for (int c = 0; c < sum[r].length; c++) sum[r][c] = count[r][c] == 0 ? Double.NaN : sum[r][c] / count[r][c];
		return sum;
	}

	/** Counts of (x, y) pairs per cell, as [y cell][x cell]. */
	public static int[][] histogram(double[] x, LabelAxis ax, double[] y, LabelAxis ay) {
		int[][] count = new int[ay.size()][ax.size()];
		for (int i = 0; i < x.length; i++) count[ay.index(y[i])][ax.index(x[i])]++;
		return count;
	}

	/** log10 D of every row. */
	public static double[] log10(double[] v) {
		double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++) out[i] = Math.log10(v[i]);
		return out;
	}
}
