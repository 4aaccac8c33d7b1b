package org.latentj.symbolic;

import org.latentj.diffusion.SbmGrid;

/** The grid a critic reads curves on, derivatives on it and resampling onto it. */
public final class Curves {

	private Curves() {
	}

	/** {@code points} evenly spaced values from min to max inclusive. */
	public static double[] grid(double min, double max, int points) {
		return SbmGrid.linspace(min, max, points);
	}

	/** dy/dx by central differences inside, one-sided at the ends (exact for quadratics inside, linear at ends). */
	public static void gradient(double[] x, double[] y, double[] dy) {
		int n = x.length;
		if (n == 1) {
			dy[0] = 0;
			return;
		}
		dy[0] = (y[1] - y[0]) / (x[1] - x[0]);
		dy[n - 1] = (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]);
		for (int i = 1; i < n - 1; i++) dy[i] = (y[i + 1] - y[i - 1]) / (x[i + 1] - x[i - 1]);
	}

	/**
	 * Linear interpolation of (xs, ys) (xs strictly increasing) at every point of {@code grid}; the grid must lie
	 * inside [xs[0], xs[last]] (the caller checks and says so).
	 */
	public static double[] resample(double[] xs, double[] ys, double[] grid) {
		double[] out = new double[grid.length];
		int j = 0;
		for (int i = 0; i < grid.length; i++) {
			double g = grid[i];
			while (j < xs.length - 2 && xs[j + 1] < g) j++;
			double t = (g - xs[j]) / (xs[j + 1] - xs[j]);
			out[i] = t <= 0 ? ys[j] : t >= 1 ? ys[j + 1] : ys[j] + t * (ys[j + 1] - ys[j]);
		}
		return out;
	}
}
