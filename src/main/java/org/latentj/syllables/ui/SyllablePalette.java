package org.latentj.syllables.ui;

import java.awt.Color;

/**
 * The color of each syllable in every LatentJ view: a glasbey-like palette of 256 maximally distinct
 * colors, so syllable 7 has the same color in the overlay, the crowd movie dots, the usage plot
 * and the axes of the transition matrix. Built deterministically at class load by greedy farthest-
 * point selection in CIELAB over a regular RGB grid, starting from black, white and mid gray as
 * "already taken" so that no syllable color is close to the depth background, the plot background
 * or the gray of unscored frames, among colors of mid lightness only (CIELAB L* 45-88, so that
 * every color shows on black depth images as well as on white plots). Ids at or beyond 256 wrap around.
 */
public final class SyllablePalette {

	/** Number of distinct colors before the palette repeats. */
	public static final int SIZE = 256;
	/** Color of unscored frames (label -1). */
	public static final Color UNSCORED = new Color(128, 128, 128);

	/** CIELAB lightness range of the palette colors. */
	static final double MIN_LIGHTNESS = 45, MAX_LIGHTNESS = 88;
	private static final int[] RGB = build();

	private SyllablePalette() {
	}

	/** The color of syllable {@code id}; {@link #UNSCORED} for negative ids. */
	public static Color color(int id) {
		return new Color(rgb(id));
	}

	/** The color of syllable {@code id} as 0xRRGGBB. */
	public static int rgb(int id) {
		if (id < 0) return UNSCORED.getRGB() & 0xffffff;
		return RGB[id % SIZE];
	}

	/** Black or white, whichever reads better as text on the color of {@code id}. */
	public static Color textColor(int id) {
		int c = rgb(id);
		double luma = 0.299 * (c >> 16 & 255) + 0.587 * (c >> 8 & 255) + 0.114 * (c & 255);
		return luma > 140 ? Color.BLACK : Color.WHITE;
	}

	private static int[] build() {
		final int levels = 18; // 0, 15, ..., 255: 5832 candidates
		int n = levels * levels * levels;
		int[] rgb = new int[n];
		double[][] lab = new double[n][];
		for (int i = 0; i < n; i++) {
			int r = i / (levels * levels) * 15, g = i / levels % levels * 15, b = i % levels * 15;
			rgb[i] = r << 16 | g << 8 | b;
			lab[i] = lab(r, g, b);
		}
		// only mid lightness: visible as dots and bands on black depth images and as bars on white plots
		for (int i = 0; i < n; i++)
			if (lab[i][0] < MIN_LIGHTNESS || lab[i][0] > MAX_LIGHTNESS) lab[i] = null;
		double[] nearest = new double[n];
		java.util.Arrays.fill(nearest, Double.MAX_VALUE);
		for (int i = 0; i < n; i++)
			if (lab[i] == null) nearest[i] = -1;
		for (int taken : new int[] { 0x000000, 0xffffff, 0x808080 }) {
			double[] t = lab(taken >> 16 & 255, taken >> 8 & 255, taken & 255);
			for (int i = 0; i < n; i++)
				if (lab[i] != null) nearest[i] = Math.min(nearest[i], dist2(lab[i], t));
		}
		int[] out = new int[SIZE];
		for (int k = 0; k < SIZE; k++) {
			int best = 0;
			for (int i = 1; i < n; i++)
				if (nearest[i] > nearest[best]) best = i;
			out[k] = rgb[best];
			double[] chosen = lab[best];
			for (int i = 0; i < n; i++)
				if (lab[i] != null) nearest[i] = Math.min(nearest[i], dist2(lab[i], chosen));
		}
		return out;
	}

	private static double dist2(double[] a, double[] b) {
		double dl = a[0] - b[0], da = a[1] - b[1], db = a[2] - b[2];
		return dl * dl + da * da + db * db;
	}

	/** sRGB (0-255) to CIELAB under D65. */
	static double[] lab(int r8, int g8, int b8) {
		double r = linear(r8), g = linear(g8), b = linear(b8);
		double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
		double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
		double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
		double fx = f(x), fy = f(y), fz = f(z);
		return new double[] { 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz) };
	}

	private static double linear(int c8) {
		double c = c8 / 255.0;
		return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

	private static double f(double t) {
		return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
	}
}
