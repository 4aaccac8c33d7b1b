package org.latentj.syllables.ui;

import org.latentj.nwb.ui.MoSeqSessionView;

import org.latentj.syllables.FrameSource;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import java.util.OptionalDouble;

import org.latentj.nwb.MoSeqNwb;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.Calibration;

/**
 * "Syllable Overlay": a session's depth video showing the current syllable on every frame, as a
 * lazily read virtual stack ({@link SyllableOverlayStack}) calibrated like "Open MoSeq NWB" (mm per
 * pixel, frame interval in seconds, heights in mm).
 * <ul>
 * <li>RGB (default): every frame enlarged, with a border and a band in the syllable's color saying
 * the syllable id and the time, and the frame number; rendered as each frame is shown, so it opens at
 * once whatever the length, and exports as it looks (TIFF, AVI);
 * <li>8-bit: the frames as they are (measurable heights) with an ImageJ Overlay: on every frame a band
 * at the bottom in the syllable's color with the syllable id. The time is the slice label (shown
 * above the image with the frame and the syllable). Two small ROIs a frame, cloned from one template
 * per syllable (a clone costs some 40 times less than building a TextRoi; CrowdMovieBench measures
 * both, see docs/bench-views.md); frames are read only when shown.
 * </ul>
 */
public final class SyllableOverlay {

	private SyllableOverlay() {
	}

	/**
	 * @param labels one per frame of the session, -1 where unscored
	 * @param first first frame shown (0-based)
	 * @param count number of frames shown
	 * @param zoom enlargement of the RGB rendering (ignored for 8-bit)
	 * @param owner when not null, closed with the image
	 */
	public static ImagePlus create(FrameSource source, int[] labels, double[] times, int first, int count, boolean rgb,
			int zoom, OptionalDouble mmPerPixel, MoSeqNwb owner) {
		if (labels.length != source.frameCount() || times.length != source.frameCount())
			throw new IllegalArgumentException("labels and times need one value per frame");
		// heights of a mouse are a few tens of mm: stretch the display to the tallest point of the middle frame
		byte[] middle = new byte[source.frameWidth() * source.frameHeight()];
		source.readFrames(first + count / 2, 1, middle);
		int max = 1;
		for (byte b : middle) max = Math.max(max, b & 0xff);
		int displayMax = (int) Math.min(255, Math.ceil(max * 1.25));
		SyllableOverlayStack stack = new SyllableOverlayStack(source, labels, times, first, count, rgb, zoom, displayMax);
		ImagePlus imp = new ImagePlus(source.name() + " syllables", stack);
		imp.setDimensions(1, 1, count);
		imp.setOpenAsHyperStack(true);
		Calibration cal = imp.getCalibration();
		int scale = rgb ? zoom : 1;
		if (mmPerPixel.isPresent()) {
			cal.pixelWidth = cal.pixelHeight = mmPerPixel.getAsDouble() / scale;
			cal.setUnit("mm");
		}
		cal.frameInterval = source.frameInterval();
		cal.fps = 1 / source.frameInterval();
		cal.setTimeUnit("s");
		if (!rgb) {
			cal.setZUnit("mm");
			cal.setFunction(Calibration.STRAIGHT_LINE, new double[] { 0, 1 }, "mm");
			imp.setDisplayRange(0, displayMax);
			imp.setOverlay(overlay(labels, first, count, source.frameWidth(), source.frameHeight(), stack.bandHeight()));
		}
		StringBuilder info = new StringBuilder();
		if (owner != null) info.append(MoSeqSessionView.info(owner));
		info.append(String.format(Locale.ROOT, "Syllable overlay: frames %d to %d; band color = syllable (LatentJ palette), gray = unscored%n",
				first, first + count - 1));
		imp.setProperty("Info", info.toString());
		if (owner != null) MoSeqSessionView.closeSessionWithImage(imp, owner);
		return imp;
	}

	/** One band and one caption (the syllable id) per frame, positioned on their slice. */
	static Overlay overlay(int[] labels, int first, int count, int width, int height, int band) {
		Overlay o = new Overlay();
		Font font = new Font(Font.SANS_SERIF, Font.PLAIN, band - 1);
		Color[] fill = new Color[SyllablePalette.SIZE + 1];
		TextRoi[] captions = new TextRoi[SyllablePalette.SIZE + 1];
		for (int n = 1; n <= count; n++) {
			int label = labels[first + n - 1];
			int slot = label < 0 ? SyllablePalette.SIZE : label % SyllablePalette.SIZE;
			if (fill[slot] == null) {
				fill[slot] = SyllablePalette.color(label);
				captions[slot] = new TextRoi(1, height - band - 1, label < 0 ? "unscored" : "syllable " + label, font);
				captions[slot].setStrokeColor(SyllablePalette.textColor(label));
				captions[slot].setAntiAlias(true);
			}
			Roi r = new Roi(0, height - band, width, band);
			r.setFillColor(fill[slot]);
			r.setPosition(n);
			o.add(r);
			Roi text = (Roi) captions[slot].clone();
			text.setPosition(n);
			o.add(text);
		}
		return o;
	}
}
