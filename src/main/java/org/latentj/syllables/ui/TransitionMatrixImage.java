package org.latentj.syllables.ui;

import java.awt.Color;
import java.awt.Font;

import org.latentj.syllables.TransitionNormalization;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * A transition matrix as a picture: one square per (from, to) pair colored by its value (viridis,
 * 0 to the largest value), rows = from, columns = to, with each syllable's palette color in a strip
 * along both axes and its id beside it, and a color bar. RGB, for looking and saving; the numbers
 * themselves are in the transitions table.
 */
public final class TransitionMatrixImage {

	/** viridis at 0, 1/8, ..., 1 (matplotlib's color map, sampled). */
	private static final int[] VIRIDIS = { 0x440154, 0x46327e, 0x365c8d, 0x277f8e, 0x1fa187, 0x4ac16d, 0xa0da39, 0xd8e219,
			0xfde725 };

	private TransitionMatrixImage() {
	}

	/** @param values row-major {@code k x k} */
	public static ImagePlus create(double[] values, int k, TransitionNormalization normalization, String title) {
		int cell = Math.max(6, Math.min(40, 560 / Math.max(1, k)));
		int strip = 10, ids = cell >= 12 ? 26 : 0, top = 30 + ids + strip, left = 24 + ids + strip;
		int bar = 16, barGap = 16, barText = 70;
		int w = left + k * cell + barGap + bar + barText, h = top + k * cell + 24;
		ColorProcessor cp = new ColorProcessor(w, h);
		cp.setColor(Color.WHITE);
		cp.fill();
		double max = 0;
		for (double v : values) max = Math.max(max, v);
		for (int f = 0; f < k; f++)
			for (int t = 0; t < k; t++) {
				cp.setColor(new Color(viridis(max > 0 ? values[f * k + t] / max : 0)));
				cp.fillRect(left + t * cell, top + f * cell, cell, cell);
			}
		Font small = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(13, cell - 2)));
		cp.setAntialiasedText(true);
		for (int s = 0; s < k; s++) {
			cp.setColor(SyllablePalette.color(s));
			cp.fillRect(left - strip - 1, top + s * cell, strip, cell);
			cp.fillRect(left + s * cell, top - strip - 1, cell, strip);
			if (ids > 0) {
				cp.setColor(Color.BLACK);
				cp.setFont(small);
				cp.setJustification(ImageProcessor.RIGHT_JUSTIFY);
				cp.drawString(Integer.toString(s), left - strip - 3, top + s * cell + cell / 2 + small.getSize() / 2);
				cp.setJustification(ImageProcessor.CENTER_JUSTIFY);
				cp.drawString(Integer.toString(s), left + s * cell + cell / 2, top - strip - 3);
			}
		}
		// color bar
		int bx = left + k * cell + barGap, by0 = top, by1 = top + k * cell - 1;
		for (int y = by0; y <= by1; y++) {
			cp.setColor(new Color(viridis(1 - (y - by0) / (double) Math.max(1, by1 - by0))));
			cp.drawLine(bx, y, bx + bar - 1, y);
		}
		Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
		cp.setFont(label);
		cp.setColor(Color.BLACK);
		cp.setJustification(ImageProcessor.LEFT_JUSTIFY);
		cp.drawString(format(max, normalization), bx + bar + 4, by0 + 12);
		cp.drawString("0", bx + bar + 4, by1 + 1);
		cp.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
		cp.drawString(title, 8, 18);
		cp.setFont(label);
		cp.setJustification(ImageProcessor.CENTER_JUSTIFY);
		cp.drawString("to", left + k * cell / 2, h - 6);
		cp.setJustification(ImageProcessor.LEFT_JUSTIFY);
		cp.drawString("from", 2, top + k * cell / 2 + 6);
		ImagePlus imp = new ImagePlus(title, cp);
		imp.setProperty("Info", "Transition matrix (" + normalization.key + "), rows = from, columns = to, " + k
				+ " syllables; largest value " + max + "\n");
		return imp;
	}

	private static String format(double v, TransitionNormalization n) {
		return n == TransitionNormalization.COUNTS ? String.format("%.0f", v) : String.format("%.3g", v);
	}

	/** viridis color (0xRRGGBB) of a value in [0, 1], linear between the samples. */
	static int viridis(double v) {
		v = Math.max(0, Math.min(1, v)) * (VIRIDIS.length - 1);
		int i = Math.min(VIRIDIS.length - 2, (int) v);
		double f = v - i;
		int a = VIRIDIS[i], b = VIRIDIS[i + 1];
		int r = (int) Math.round((a >> 16 & 255) * (1 - f) + (b >> 16 & 255) * f);
		int g = (int) Math.round((a >> 8 & 255) * (1 - f) + (b >> 8 & 255) * f);
		int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
		return r << 16 | g << 8 | bl;
	}
}
