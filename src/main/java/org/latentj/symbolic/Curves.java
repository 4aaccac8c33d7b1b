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

	/**
	 * The tensor grid a critic of several inputs reads: {@code perInput} values from min to max in each of
	 * {@code inputs} inputs, point i = i0 + m i1 + m^2 i2 + ... (x0 varies fastest); result[k][i] is x_k of point i.
	 */
	public static double[][] grid(double min, double max, int perInput, int inputs) {
		double[] axis = grid(min, max, perInput);
		int total = (int) Math.round(Math.pow(perInput, inputs));
		double[][] p = new double[inputs][total];
		for (int i = 0; i < total; i++)
			for (int k = 0, rest = i; k < inputs; k++, rest /= perInput) p[k][i] = axis[rest % perInput];
		return p;
	}

	/** The grid points per input of a critic of several inputs that asks for about {@code points} points in all. */
	public static int perInput(int points, int inputs) {
		return inputs == 1 ? points : Math.max(2, (int) Math.floor(Math.pow(points, 1.0 / inputs) + 1e-9));
	}

	/**
	 * Partial derivatives of y on a tensor grid of {@link #grid(double, double, int, int)} ({@code axis}: the grid of
	 * one input): dy[k] by {@link #gradient} along every line of input k.
	 */
	public static void gradient(double[] axis, int inputs, double[] y, double[][] dy) {
		int m = axis.length, total = y.length;
		double[] line = new double[m], d = new double[m];
		for (int k = 0, stride = 1; k < inputs; k++, stride *= m)
			for (int start = 0; start < total; start++) {
				if ((start / stride) % m != 0) continue; // first point of a line along input k
				for (int j = 0; j < m; j++) line[j] = y[start + j * stride];
				gradient(axis, line, d);
				for (int j = 0; j < m; j++) dy[k][start + j * stride] = d[j];
			}
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

	/** Adds to gy the gradient with respect to y of sum_i g[i] dy[i], dy from {@link #gradient} (its transpose). */
	public static void gradientTranspose(double[] x, double[] g, double[] gy) {
		int n = x.length;
		if (n == 1) return;
		double h0 = x[1] - x[0], hn = x[n - 1] - x[n - 2];
		gy[1] += g[0] / h0;
		gy[0] -= g[0] / h0;
		gy[n - 1] += g[n - 1] / hn;
		gy[n - 2] -= g[n - 1] / hn;
		for (int i = 1; i < n - 1; i++) {
			double h = x[i + 1] - x[i - 1];
			gy[i + 1] += g[i] / h;
			gy[i - 1] -= g[i] / h;
		}
	}

	/**
	 * Adds to gy (at xs) the gradient with respect to ys of sum_i g[i] out[i], out from {@link #resample} (its
	 * transpose: each grid point's weight goes back to the two samples it interpolates).
	 */
	public static void resampleTranspose(double[] xs, double[] grid, double[] g, double[] gy) {
		int j = 0;
		for (int i = 0; i < grid.length; i++) {
			double v = grid[i];
			while (j < xs.length - 2 && xs[j + 1] < v) j++;
			double t = (v - xs[j]) / (xs[j + 1] - xs[j]);
			if (t <= 0) gy[j] += g[i];
			else if (t >= 1) gy[j + 1] += g[i];
			else {
				gy[j] += (1 - t) * g[i];
				gy[j + 1] += t * g[i];
			}
		}
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
