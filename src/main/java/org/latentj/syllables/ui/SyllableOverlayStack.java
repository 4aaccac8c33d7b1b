package org.latentj.syllables.ui;

import org.latentj.syllables.FrameSource;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * A session's depth frames with their syllables, rendered lazily: a frame is read (through the
 * session's chunk cache) and drawn only when ImageJ asks for it, so a 36,000-frame session opens at
 * once and holds no copy of its frames. Slice n shows frame {@code first + n - 1}.
 * <ul>
 * <li>8-bit: the frame itself (heights in mm); the syllables are an Overlay made by
 * {@link SyllableOverlay};
 * <li>RGB: the frame enlarged {@code zoom} times (nearest neighbor), heights in gray up to
 * {@code displayMax}, a border and a band at the bottom in the syllable's color, the band saying the
 * syllable id and the time, the frame number at the top left.
 * </ul>
 * Read-only: edits to a frame are not kept.
 */
public final class SyllableOverlayStack extends VirtualStack {

	private final FrameSource source;
	private final int[] labels;
	private final double[] times;
	private final int first;
	private final int count;
	private final boolean rgb;
	private final int zoom;
	private final int displayMax;

	/**
	 * @param labels one per frame of the session (-1 = unscored)
	 * @param times seconds from the start of the recording, one per frame
	 */
	public SyllableOverlayStack(FrameSource source, int[] labels, double[] times, int first, int count, boolean rgb,
			int zoom, int displayMax) {
		super(source.frameWidth() * (rgb ? zoom : 1), source.frameHeight() * (rgb ? zoom : 1), count, rgb ? "RGB" : "8-bit");
		if (first < 0 || count < 1 || first + count > source.frameCount())
			throw new IllegalArgumentException("frames " + first + "+" + count + " outside the session");
		this.source = source;
		this.labels = labels;
		this.times = times;
		this.first = first;
		this.count = count;
		this.rgb = rgb;
		this.zoom = rgb ? zoom : 1;
		this.displayMax = Math.max(1, displayMax);
	}

	/** The session frame (0-based) shown in slice n (1-based). */
	public int frameOf(int n) {
		return first + n - 1;
	}

	/** Band height in the image's pixels. */
	public int bandHeight() {
		return rgb ? Math.max(12, 7 * zoom) : 9;
	}

	@Override
	public ImageProcessor getProcessor(int n) {
		check(n);
		int t = frameOf(n);
		int w = source.frameWidth(), h = source.frameHeight();
		byte[] frame = new byte[w * h];
		source.readFrames(t, 1, frame);
		if (!rgb) return new ByteProcessor(w, h, frame);
		int W = w * zoom, H = h * zoom;
		int[] pixels = new int[W * H];
		int[] gray = new int[256];
		for (int v = 0; v < 256; v++) {
			int g = Math.min(255, Math.round(v * 255f / displayMax));
			gray[v] = 0xff000000 | g << 16 | g << 8 | g;
		}
		for (int y = 0; y < H; y++) {
			int src = (y / zoom) * w;
			for (int x = 0; x < W; x++) pixels[y * W + x] = gray[frame[src + x / zoom] & 0xff];
		}
		ColorProcessor cp = new ColorProcessor(W, H, pixels);
		int label = labels[t];
		Color c = SyllablePalette.color(label);
		int band = bandHeight(), border = Math.max(1, zoom / 2);
		cp.setColor(c);
		cp.fillRect(0, H - band, W, band);
		cp.fillRect(0, 0, W, border);
		cp.fillRect(0, 0, border, H);
		cp.fillRect(W - border, 0, border, H);
		cp.setColor(SyllablePalette.textColor(label));
		cp.setAntialiasedText(true);
		cp.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(9, band - 6)));
		cp.setJustification(ImageProcessor.LEFT_JUSTIFY);
		cp.drawString(label < 0 ? "unscored" : "syllable " + label, border + 3, H - 3);
		cp.setJustification(ImageProcessor.RIGHT_JUSTIFY);
		cp.drawString(String.format(Locale.ROOT, "%.2f s", times[t]), W - border - 3, H - 3);
		cp.setColor(Color.LIGHT_GRAY);
		cp.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, band / 2)));
		cp.setJustification(ImageProcessor.LEFT_JUSTIFY);
		cp.drawString("frame " + t, border + 3, border + 3 + Math.max(9, band / 2));
		return cp;
	}

	@Override
	public Object getPixels(int n) {
		return getProcessor(n).getPixels();
	}

	@Override
	public void setPixels(Object pixels, int n) {
	}

	@Override
	public int getSize() {
		return count;
	}

	@Override
	public int size() {
		return count;
	}

	@Override
	public String getSliceLabel(int n) {
		check(n);
		int t = frameOf(n);
		return String.format(Locale.ROOT, "frame %d, %.3f s, %s", t, times[t],
				labels[t] < 0 ? "unscored" : "syllable " + labels[t]);
	}

	@Override
	public void deleteSlice(int n) {
		throw new UnsupportedOperationException("the syllable overlay is read-only; duplicate it to edit");
	}

	@Override
	public String getDirectory() {
		return null;
	}

	@Override
	public String getFileName(int n) {
		return null;
	}

	private void check(int n) {
		if (n < 1 || n > count) throw new IllegalArgumentException("slice " + n + " outside 1.." + count);
	}
}
