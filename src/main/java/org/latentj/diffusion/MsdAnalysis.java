package org.latentj.diffusion;

import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * The classical measurement of anomalous diffusion. Every trajectory is taken as its T + 1 points
 * x_0 = 0, x_1..x_T, and for lags tau = 1..L:
 * <ul>
 * <li>time-averaged MSD of one trajectory: TA(tau) = mean over i = 0..T-tau of (x_{i+tau} - x_i)^2;</li>
 * <li>ensemble-averaged MSD of an (alpha, D) cell: EA(tau) = mean over its trajectories of (x_tau - x_0)^2.</li>
 * </ul>
 * Lag ranges: the EA-MSD is computed and fitted over lags 1..L (default L = T: every lag has all
 * N trajectories), with the generalized least squares of {@link PowerLawFit#ensemble}; the TA-MSD is
 * computed and fitted over lags 1..L_TA (default T / 10, the usual limit beyond which too few
 * increments are averaged) with the ordinary log-log least squares {@link PowerLawFit#ordinary}.
 * For SBM only the ensemble fit recovers alpha: SBM is not ergodic, its TA-MSD
 * grows linearly in the lag (alpha_TA ~ 1) with an amplitude that ages as T^(alpha-1). The TA
 * estimates are reported because that is what single-trajectory analysis gives.
 */
public final class MsdAnalysis {

	/** EA lag range used when none is given: all T lags. */
	public static int defaultMaxLag(int length) {
		return length;
	}

	/** TA lag range used when none is given: T / 10, at least 2 (and at most T). */
	public static int defaultTaMaxLag(int length) {
		return Math.min(length, Math.max(2, length / 10));
	}

	/** Everything measured, per cell and per trajectory. */
	public static final class Result {
		/** L, the lags of the EA-MSD. */
		public final int maxLag;
		/** L_TA, the lags of the TA-MSD. */
		public final int taMaxLag;
		public final ParameterCells cells;
		/** EA-MSD per cell, cell-major: eaMsd[c * maxLag + lag - 1]. */
		public final double[] eaMsd;
		/** Mean TA-MSD per cell: meanTaMsd[c * taMaxLag + lag - 1]. */
		public final double[] meanTaMsd;
		public final PowerLawFit[] eaFit;
		/** Per trajectory TA fit. */
		public final PowerLawFit[] taFit;

		Result(int maxLag, int taMaxLag, ParameterCells cells, double[] eaMsd, double[] meanTaMsd, PowerLawFit[] eaFit,
				PowerLawFit[] taFit) {
			this.maxLag = maxLag;
			this.taMaxLag = taMaxLag;
			this.cells = cells;
			this.eaMsd = eaMsd;
			this.meanTaMsd = meanTaMsd;
			this.eaFit = eaFit;
			this.taFit = taFit;
		}

		/** Mean and sample standard deviation of the fitted TA alphas of a cell (NaN-free fits only). */
		public double[] taAlphaMeanSd(int cell) {
			return meanSd(cell, false);
		}

		/** Mean and sd of log10 D from the TA fits of a cell. */
		public double[] taLog10DMeanSd(int cell) {
			return meanSd(cell, true);
		}

		/** Number of trajectories in a cell whose TA fit is defined. */
		public int taFitted(int cell) {
			int n = 0;
			for (int r : cells.rows(cell))
				if (taFit[r].fitted()) n++;
			return n;
		}

		private double[] meanSd(int cell, boolean logD) {
			double s = 0, ss = 0;
			int n = 0;
			for (int r : cells.rows(cell)) {
				if (!taFit[r].fitted()) continue;
				double v = logD ? Math.log10(taFit[r].d()) : taFit[r].alpha();
				s += v;
				ss += v * v;
				n++;
			}
			if (n == 0) return new double[] { Double.NaN, Double.NaN };
			double mean = s / n;
			double sd = n > 1 ? Math.sqrt(Math.max(0, (ss - n * mean * mean) / (n - 1))) : 0;
			return new double[] { mean, sd };
		}

		/** Number of trajectories that never moved: TA fit undefined with zero MSD at all but one lag. */
		public int unfittedTrajectories() {
			int n = 0;
			for (PowerLawFit f : taFit)
				if (!f.fitted() && !f.overflowed()) n++;
			return n;
		}

		/** Number of trajectories whose TA-MSD is infinite or NaN at some lag (values too large to square). */
		public int overflowedTrajectories() {
			int n = 0;
			for (PowerLawFit f : taFit)
				if (f.overflowed()) n++;
			return n;
		}
	}

	private MsdAnalysis() {
	}

	/**
	 * Measures every trajectory and every cell. Cost: T * L_TA multiply-adds per trajectory for the
	 * TA-MSD, L for its share of the EA-MSD.
	 *
	 * @param maxLag L, in 1..T
	 * @param taMaxLag L_TA, in 1..T
	 */
	public static Result analyze(Trajectories trajectories, int maxLag, int taMaxLag, Progress progress) {
		Trajectories pos = trajectories.positions();
		int n = pos.count(), length = pos.length();
		if (maxLag < 1 || maxLag > length) throw new IllegalArgumentException("maxLag " + maxLag + " outside 1.." + length);
		if (taMaxLag < 1 || taMaxLag > length)
			throw new IllegalArgumentException("taMaxLag " + taMaxLag + " outside 1.." + length);
		double[] x = pos.values();
		int taLags = taMaxLag, lags = maxLag;
		double[] ta = new double[n * taLags];
		PowerLawFit[] taFit = new PowerLawFit[n];
		timeAveragedMsds(x, n, length, taLags, ta, taFit, progress);
		ParameterCells cells = ParameterCells.of(pos.alphas(), pos.ds());
		int nc = cells.count();
		double[] ea = new double[nc * lags], meanTa = new double[nc * taLags];
		PowerLawFit[] eaFit = new PowerLawFit[nc];
		Parallel.forEach(nc, c -> {
			int[] rows = cells.rows(c);
			for (int r : rows) {
				for (int k = 0; k < lags; k++) {
					double v = x[r * length + k];
					ea[c * lags + k] += v * v;
				}
				for (int k = 0; k < taLags; k++) meanTa[c * taLags + k] += ta[r * taLags + k];
			}
			for (int k = 0; k < lags; k++) ea[c * lags + k] /= rows.length;
			for (int k = 0; k < taLags; k++) meanTa[c * taLags + k] /= rows.length;
			eaFit[c] = PowerLawFit.ensemble(ea, c * lags, lags);
		});
		return new Result(lags, taLags, cells, ea, meanTa, eaFit, taFit);
	}

	/**
	 * The TA-MSD (lags 1..taLags, into ta) and its power-law fit (into fits) of each of the n position
	 * rows of x, in parallel blocks of 256 rows; progress may be null.
	 */
	static void timeAveragedMsds(double[] x, int n, int length, int taLags, double[] ta, PowerLawFit[] fits, Progress progress) {
		Parallel.forEach((n + 255) / 256, b -> {
			int end = Math.min(n, (b + 1) * 256);
			for (int i = b * 256; i < end; i++) {
				timeAveragedMsd(x, i * length, length, taLags, ta, i * taLags);
				fits[i] = PowerLawFit.ordinary(ta, i * taLags, taLags);
			}
		}, progress, progress == null ? null : "time-averaged MSD");
	}

	/**
	 * TA-MSD of the points 0, x[o]..x[o+T-1] at lags 1..lags into out[to..]. Lag tau averages the
	 * T + 1 - tau squared increments (x_{i+tau} - x_i), i = 0..T-tau, with x_0 = 0.
	 */
	static void timeAveragedMsd(double[] x, int o, int length, int lags, double[] out, int to) {
		for (int tau = 1; tau <= lags; tau++) {
			double first = x[o + tau - 1]; // x_tau - x_0
			double s = first * first;
			for (int i = 1; i + tau <= length; i++) {
				double dx = x[o + i + tau - 1] - x[o + i - 1];
				s += dx * dx;
			}
			out[to + tau - 1] = s / (length + 1 - tau);
		}
	}
}
