package org.latentj.syllables.ui;

import java.awt.Color;
import java.awt.Font;

import org.latentj.syllables.TransitionNormalization;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.LUT;

/**
 * A transition matrix as a calibrated 32-bit image: the value of cell (from, to) is the pixel value
 * of every pixel of its square (rows = from, columns = to), shown through a viridis LUT from 0 to
 * the largest value, with the value unit "count" or "probability". The spatial calibration makes
 * the cursor read syllable ids: x (to) and y (from) are in "syllable" units from the top-left cell.
 * The palette strips, ids, title and a color bar are an Overlay over the margins (whose pixels are
 * NaN: no data), so measuring, Image > Lookup Tables, Analyze > Tools > Calibration Bar and
 * Image > Show Info work on the numbers themselves; saving as PNG flattens the overlay.
 */
public final class TransitionMatrixImage {

	/** viridis at 0, 1/8, ..., 1 (matplotlib's color map, sampled). */
	private static final int[] VIRIDIS = { 0x440154, 0x46327e, 0x365c8d, 0x277f8e, 0x1fa187, 0x4ac16d, 0xa0da39, 0xd8e219,
			0xfde725 };

	private TransitionMatrixImage() {
	}

	/** Where the matrix lies in the image. */
	public record Layout(int cell, int left, int top, int width, int height) {
	}

	/** The cell size and margins for {@code k} syllables. */
	public static Layout layout(int k) {
		int cell = Math.max(6, Math.min(40, 560 / Math.max(1, k)));
		int strip = 10, ids = cell >= 12 ? 26 : 0, top = 30 + ids + strip, left = 24 + ids + strip;
		int w = left + k * cell + 16 + 16 + 70, h = top + k * cell + 24;
		return new Layout(cell, left, top, w, h);
	}

	/** @param values row-major {@code k x k} */
	public static ImagePlus create(double[] values, int k, TransitionNormalization normalization, String title) {
		Layout l = layout(k);
		int cell = l.cell, left = l.left, top = l.top, w = l.width, h = l.height;
		float[] px = new float[w * h];
		java.util.Arrays.fill(px, Float.NaN);
		double max = 0;
		for (double v : values) max = Math.max(max, v);
		for (int f = 0; f < k; f++)
			for (int t = 0; t < k; t++)
				for (int y = top + f * cell; y < top + (f + 1) * cell; y++)
					java.util.Arrays.fill(px, y * w + left + t * cell, y * w + left + (t + 1) * cell, (float) values[f * k + t]);
		FloatProcessor fp = new FloatProcessor(w, h, px);
		fp.setLut(lut());
		ImagePlus imp = new ImagePlus(title, fp);
		imp.setDisplayRange(0, max > 0 ? max : 1);
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = cal.pixelHeight = 1.0 / cell;
		cal.setUnit("syllable");
		cal.xOrigin = left;
		cal.yOrigin = top;
		cal.setValueUnit(normalization == TransitionNormalization.COUNTS ? "count" : "probability");
		imp.setOverlay(overlay(l, k, max, normalization, title));
		imp.setProperty("Info", "Transition matrix (" + normalization.key + "), rows = from, columns = to, " + k
				+ " syllables; largest value " + max + "\nPixel values are the matrix; x, y in syllable ids from the top-left cell"
				+ " (cell " + cell + " px, at " + left + ", " + top + ").\n");
		return imp;
	}

	/** White margins, palette strips with ids, title, axis names and a color bar. */
	private static Overlay overlay(Layout l, int k, double max, TransitionNormalization normalization, String title) {
		int cell = l.cell, left = l.left, top = l.top, w = l.width, h = l.height, strip = 10, bottom = top + k * cell;
		Overlay o = new Overlay();
		for (Roi margin : new Roi[] { new Roi(0, 0, w, top), new Roi(0, top, left, h - top), new Roi(left + k * cell, top, w - left - k * cell, h - top),
				new Roi(left, bottom, k * cell, h - bottom) }) {
			margin.setFillColor(Color.WHITE);
			o.add(margin);
		}
		Font small = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(13, cell - 2)));
		for (int s = 0; s < k; s++) {
			for (Roi r : new Roi[] { new Roi(left - strip - 1, top + s * cell, strip, cell), new Roi(left + s * cell, top - strip - 1, cell, strip) }) {
				r.setFillColor(SyllablePalette.color(s));
				o.add(r);
			}
			if (cell >= 12) {
				o.add(text(Integer.toString(s), left - strip - 3, top + s * cell + cell / 2.0, small, TextRoi.RIGHT, true));
				o.add(text(Integer.toString(s), left + s * cell + cell / 2.0, top - strip - 3 - small.getSize(), small, TextRoi.CENTER, false));
			}
		}
		int bx = left + k * cell + 16, bar = 16, span = k * cell;
		ColorProcessor cb = new ColorProcessor(bar, span);
		for (int y = 0; y < span; y++) {
			cb.setColor(new Color(viridis(1 - y / (double) Math.max(1, span - 1))));
			cb.drawLine(0, y, bar - 1, y);
		}
		o.add(new ImageRoi(bx, top, cb));
		Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
		o.add(text(format(max, normalization), bx + bar + 4, top, label, TextRoi.LEFT, false));
		o.add(text("0", bx + bar + 4, bottom - 14, label, TextRoi.LEFT, false));
		o.add(text(title, 8, 4, new Font(Font.SANS_SERIF, Font.BOLD, 13), TextRoi.LEFT, false));
		o.add(text("to", left + span / 2.0, h - 20, label, TextRoi.CENTER, false));
		o.add(text("from", 2, top + span / 2.0 - 7, label, TextRoi.LEFT, false));
		return o;
	}

	/** Black text with its top (or, {@code middle}, its middle) at y. */
	private static TextRoi text(String s, double x, double y, Font font, int justification, boolean middle) {
		TextRoi t = new TextRoi(s, x, y, font);
		t.setJustification(justification);
		t.setStrokeColor(Color.BLACK);
		t.setAntiAlias(true);
		java.awt.Rectangle b = t.getBounds();
		double x0 = justification == TextRoi.RIGHT ? x - b.width : justification == TextRoi.CENTER ? x - b.width / 2.0 : x;
		t.setLocation(x0, middle ? y - b.height / 2.0 : y);
		return t;
	}

	private static String format(double v, TransitionNormalization n) {
		return n == TransitionNormalization.COUNTS ? String.format("%.0f", v) : String.format("%.3g", v);
	}

	/** viridis as an ImageJ LUT (256 entries). */
	public static LUT lut() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int i = 0; i < 256; i++) {
			int c = viridis(i / 255.0);
			r[i] = (byte) (c >> 16);
			g[i] = (byte) (c >> 8);
			b[i] = (byte) c;
		}
		return new LUT(r, g, b);
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
