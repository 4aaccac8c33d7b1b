package org.latentj.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model-free changepoint score of PCs, after moseq2-pca's {@code get_changepoints}
 * (dattalab/moseq2-pca, moseq2_pca/util.py), which the moseq2 pipeline runs on random projections of the
 * depth frames and compares with syllable durations: each z-scored signal is Gaussian-smoothed, its
 * derivative taken over {@link #LAG} frames and squared, placed at the window's middle, averaged over
 * signals; the first and last {@link #EDGE} frames are dropped, the minimum subtracted, and the
 * changepoints are the strict local maxima (one neighbor each side) above {@link #PEAK_HEIGHT}. Here
 * the signals are the session's PCs, z-scored per PC over the session. moseq2's defaults, except the
 * smoothing kernel: moseq2 passes sigma = 3 as the window and smooths with sigma 1.5 over the
 * asymmetric points -3..2; this uses the symmetric -3..3.
 */
public final class Changepoints {

	/** Frames of the derivative window (moseq2's k). */
	public static final int LAG = 5;
	/** Standard deviation of the smoothing kernel in frames, and its half width. */
	public static final double SMOOTH_SIGMA = 1.5;
	public static final int SMOOTH_HALF_WIDTH = 3;
	/** Frames left out at each end (moseq2: int(6 * sigma) with its sigma = 3). */
	public static final int EDGE = 18;
	/** Least score of a changepoint, after the baseline is subtracted. */
	public static final double PEAK_HEIGHT = 0.5;

	private Changepoints() {
	}

	/** The score of a T x D signal (row-major) whose rows are all finite; NaN within EDGE frames of the ends. */
	public static double[] score(double[] x, int d) {
		int t = x.length / d;
		double[] score = new double[t];
		Arrays.fill(score, Double.NaN);
		if (t <= 2 * EDGE + LAG) return score;
		double[] kernel = new double[2 * SMOOTH_HALF_WIDTH + 1];
		double sum = 0;
		for (int i = 0; i < kernel.length; i++) {
			double u = i - SMOOTH_HALF_WIDTH;
			sum += kernel[i] = Math.exp(-u * u / (2 * SMOOTH_SIGMA * SMOOTH_SIGMA));
		}
		for (int i = 0; i < kernel.length; i++) kernel[i] /= sum;
		double[] acc = new double[t];
		double[] col = new double[t], smooth = new double[t];
		for (int j = 0; j < d; j++) {
			double mean = 0, sq = 0;
			for (int i = 0; i < t; i++) mean += col[i] = x[i * d + j];
			mean /= t;
			for (int i = 0; i < t; i++) sq += (col[i] - mean) * (col[i] - mean);
			double sd = Math.sqrt(sq / t);
			for (int i = 0; i < t; i++) col[i] = sd > 0 ? (col[i] - mean) / sd : 0;
			for (int i = 0; i < t; i++) { // 'same' convolution, zeros beyond the ends (as fftconvolve)
				double s = 0;
				for (int w = -SMOOTH_HALF_WIDTH; w <= SMOOTH_HALF_WIDTH; w++)
					if (i + w >= 0 && i + w < t) s += kernel[w + SMOOTH_HALF_WIDTH] * col[i + w];
				smooth[i] = s;
			}
			for (int i = 0; i + LAG < t; i++) {
				double diff = smooth[i + LAG] - smooth[i];
				acc[i + LAG / 2] += diff * diff;
			}
		}
		double min = Double.POSITIVE_INFINITY;
		for (int i = EDGE; i < t - EDGE; i++) min = Math.min(min, score[i] = acc[i] / d);
		for (int i = EDGE; i < t - EDGE; i++) score[i] -= min;
		return score;
	}

	/** Frames of the changepoints of a score: strict local maxima above {@link #PEAK_HEIGHT}. */
	public static int[] peaks(double[] score) {
		List<Integer> out = new ArrayList<>();
		for (int i = 1; i + 1 < score.length; i++)
			if (score[i] > PEAK_HEIGHT && score[i] > score[i - 1] && score[i] > score[i + 1]) out.add(i);
		return out.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * The frames between consecutive changepoints of every run of usable frames of every session (the
	 * first {@code d} columns), pooled.
	 */
	public static int[] intervals(List<SessionData> sessions, int d) {
		List<Integer> out = new ArrayList<>();
		for (SessionData s : sessions) {
			double[] x = s.firstPcs(d);
			int[] runs = SessionData.runs(x, d);
			for (int r = 0; r < runs.length; r += 2) {
				double[] part = Arrays.copyOfRange(x, runs[r] * d, runs[r + 1] * d);
				int[] p = peaks(score(part, d));
				for (int i = 1; i < p.length; i++) out.add(p[i] - p[i - 1]);
			}
		}
		return out.stream().mapToInt(Integer::intValue).toArray();
	}
}
