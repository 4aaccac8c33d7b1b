package org.latentj.diffusion;

import java.util.SplittableRandom;

import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Scaled Brownian motion as SPIVAE defines it: with sigma^2 = 2 D, MSD(t) = sigma^2 t^alpha, and
 * the displacement at step t (t = 1..T) is an independent dx_t ~ N(0, sigma^2 (t^alpha - (t-1)^alpha));
 * positions are the cumulative sums starting at x_0 = 0.
 * <p>
 * Every grid cell draws from its own generator, split in cell order from one seeded
 * {@link SplittableRandom} before any work starts, so the output depends only on the seed, never
 * on the number of threads. Cost: one Gaussian (ziggurat, ~5 ns) and one multiply per value.
 */
public final class SbmSimulator {

	private SbmSimulator() {
	}

	/** Standard deviation of each displacement dx_1..dx_T for one (alpha, D). */
	public static double[] stepScales(double alpha, double d, int length) {
		double[] s = new double[length];
		double sigma2 = 2 * d, prev = 0;
		for (int t = 1; t <= length; t++) {
			double now = Math.pow(t, alpha);
			s[t - 1] = Math.sqrt(sigma2 * (now - prev));
			prev = now;
		}
		return s;
	}

	/**
	 * n trajectories of T steps for every grid cell, rows ordered cell by cell (alpha-major, see
	 * {@link SbmGrid}).
	 */
	public static Trajectories simulate(SbmGrid grid, int n, int length, long seed, Trajectories.Kind kind, Progress progress) {
		int cells = grid.cells();
		long rows = (long) cells * n;
		if (rows * length > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException(rows + " trajectories of " + length + " steps do not fit in one array");
		double[] alpha = new double[(int) rows], d = new double[(int) rows];
		double[] values = new double[(int) (rows * length)];
		SplittableRandom root = new SplittableRandom(seed);
		SplittableRandom[] generators = new SplittableRandom[cells];
		for (int c = 0; c < cells; c++) generators[c] = root.split();
		boolean positions = kind == Trajectories.Kind.POSITIONS;
		Parallel.forEach(cells, cell -> {
			double a = grid.alphaOfCell(cell), dc = grid.dOfCell(cell);
			double[] scale = stepScales(a, dc, length);
			SplittableRandom random = generators[cell];
			for (int k = 0; k < n; k++) {
				int row = cell * n + k;
				alpha[row] = a;
				d[row] = dc;
				int o = row * length;
				double x = 0;
				for (int t = 0; t < length; t++) {
					double dx = scale[t] * random.nextGaussian();
					x += dx;
					values[o + t] = positions ? x : dx;
				}
			}
		}, progress, "simulating SBM");
		return new Trajectories(kind, length, alpha, d, values);
	}
}
