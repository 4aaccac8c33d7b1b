package org.latentj.syllables.ui;

import org.latentj.syllables.CrowdMovieRenderer;

import org.latentj.syllables.CrowdMovie;

import java.awt.Color;
import java.awt.Font;

import org.latentj.syllables.SyllableInstance;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.TextRoi;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.LUT;

/**
 * A {@link CrowdMovie} as an ImageJ stack, calibrated in time (frame interval in seconds) and space (mm
 * per pixel of the first session, when it states one), each frame labeled with its time from onset,
 * with a caption in a black strip above the arena. The spatial calibration's origin is the arena's,
 * so measured coordinates are arena positions ({@code centroid_x_px} times mm per pixel, or arena
 * pixels without a pixel size) whether or not the movie is cropped.
 * <ul>
 * <li>8-bit: heights in mm as pixel values (measurable), gray LUT with the display range set to the
 * heights shown; the dots and a caption are an Overlay (kept in the TIFF, non-destructive);
 * <li>RGB: the same picture with dots and caption burnt in, for AVI or presentations.
 * </ul>
 * Dots have the syllable's palette color.
 */
public final class CrowdMovieImage {

	private CrowdMovieImage() {
	}

	/**
	 * @param crop when true, the canvas is cropped to the bounding box of everything drawn (plus a
	 *        margin of a few pixels)
	 */
	/** The most bytes {@link #create} needs for a movie of this size (uncropped, with the caption strip). */
	public static long maxBytes(int frames, int width, int height, boolean rgb) {
		return (long) frames * width * (height + MAX_STRIP) * (rgb ? 4 : 1);
	}

	/** Height of the caption strip for the largest caption font (14 px). */
	private static final int MAX_STRIP = 14 + 8;

	public static ImagePlus create(CrowdMovie movie, boolean rgb, boolean crop) {
		int x0 = 0, y0 = 0, w = movie.width(), h = movie.height();
		int[] b = movie.bounds();
		if (crop && b[2] >= 0) {
			int margin = 4;
			x0 = Math.max(0, b[0] - margin);
			y0 = Math.max(0, b[1] - margin);
			w = Math.min(movie.width() - 1, b[2] + margin) - x0 + 1;
			h = Math.min(movie.height() - 1, b[3] + margin) - y0 + 1;
		}
		int max = 1;
		for (int i = 0; i < movie.frames(); i++)
			for (byte v : movie.pixels(i)) max = Math.max(max, v & 0xff);
		double dt = movie.frameInterval();
		Color dot = SyllablePalette.color(movie.syllable());
		// the caption goes in a black strip above the arena, so that it never hides a mouse
		Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(14, w / 30)));
		int strip = font.getSize() + 8, H = h + strip;
		ImageStack stack = new ImageStack(w, H);
		Overlay overlay = rgb ? null : new Overlay();
		int yShift = strip - y0; // image row = arena row + yShift
		for (int i = 0; i < movie.frames(); i++) {
			byte[] src = movie.pixels(i);
			byte[] dst = new byte[w * H];
			for (int y = 0; y < h; y++) System.arraycopy(src, (y + y0) * movie.width() + x0, dst, (y + strip) * w, w);
			ByteProcessor bp = new ByteProcessor(w, H, dst);
			int offset = i - movie.pad();
			String label = String.format("syllable %d, %+d frames (%+.3f s)", movie.syllable(), offset, offset * dt);
			String caption = String.format("syllable %d   %+.2f s", movie.syllable(), offset * dt);
			double[] xs = movie.dotX(i), ys = movie.dotY(i);
			int d = 2 * CrowdMovieRenderer.DOT_RADIUS + 1;
			if (rgb) {
				bp.setMinAndMax(0, max);
				ColorProcessor cp = bp.convertToColorProcessor();
				cp.setColor(dot);
				for (int k = 0; k < xs.length; k++)
					cp.fillOval((int) Math.round(xs[k] - x0) - d / 2, (int) Math.round(ys[k] + yShift) - d / 2, d, d);
				cp.setFont(font);
				cp.setAntialiasedText(true);
				cp.setColor(Color.WHITE);
				cp.drawString(caption, 4, strip - 3);
				stack.addSlice(label, cp);
			} else {
				for (int k = 0; k < xs.length; k++) {
					OvalRoi o = new OvalRoi(Math.round(xs[k] - x0) - d / 2, Math.round(ys[k] + yShift) - d / 2, d, d);
					o.setFillColor(dot);
					o.setPosition(i + 1);
					overlay.add(o);
				}
				TextRoi t = new TextRoi(4, 2, caption, font);
				t.setStrokeColor(Color.WHITE);
				t.setAntiAlias(true);
				t.setPosition(i + 1);
				overlay.add(t);
				stack.addSlice(label, bp);
			}
		}
		ImagePlus imp = new ImagePlus("Crowd movie syllable " + movie.syllable(), stack);
		imp.setDimensions(1, 1, movie.frames());
		if (!rgb) {
			imp.getProcessor().setLut(LUT.createLutFromColor(Color.WHITE));
			imp.setDisplayRange(0, max);
			imp.setOverlay(overlay);
		}
		Calibration cal = imp.getCalibration();
		cal.frameInterval = dt;
		cal.fps = 1 / dt;
		cal.setTimeUnit("s");
		double mm = movie.mmPerPixel();
		if (Double.isFinite(mm) && mm > 0) {
			cal.pixelWidth = cal.pixelHeight = mm;
			cal.setUnit("mm");
		} else cal.setUnit("pixel");
		cal.xOrigin = -x0;
		cal.yOrigin = yShift;
		// pixel values are heights above the floor in mm: an identity calibration function carries the unit
		// (ImageJ saves a value unit in the TIFF only with a function)
		if (!rgb) cal.setFunction(Calibration.STRAIGHT_LINE, new double[] { 0, 1 }, "mm");
		imp.setProperty("Info", info(movie, x0, y0, strip));
		return imp;
	}

	private static String info(CrowdMovie movie, int x0, int y0, int strip) {
		StringBuilder s = new StringBuilder();
		s.append("LatentJ crowd movie\nsyllable = ").append(movie.syllable()).append('\n');
		s.append("frames before onset (pad) = ").append(movie.pad()).append('\n');
		s.append("caption strip at the top: ").append(strip).append(" rows\n");
		s.append("arena origin in this image (x, y) = ").append(-x0).append(", ").append(strip - y0)
				.append(" (the calibration origin: measured coordinates are arena pixels, as centroid_x_px/centroid_y_px)\n");
		s.append("instances (session index, onset frame, duration frames):\n");
		for (SyllableInstance in : movie.instances())
			s.append(in.session()).append(", ").append(in.onset()).append(", ").append(in.duration()).append('\n');
		return s.toString();
	}
}
