package org.latentj.syllables;

import java.util.List;

import org.latentj.syllables.SyllableInstance;

/**
 * A rendered crowd movie: {@code frames} canvases of unsigned 8-bit heights, frame {@code i} showing
 * every instance {@code i - pad} frames after its onset, and where each mouse's marker dot goes.
 * A dot marks a mouse in the frames where its syllable is active ({@code 0 <= i - pad < duration}).
 */
public final class CrowdMovie {

	private final int syllable;
	private final int width;
	private final int height;
	private final int pad;
	private final byte[][] pixels;
	private final List<SyllableInstance> instances;
	private final double[][] dotX;
	private final double[][] dotY;
	private final int[] bounds;
	private final double frameInterval;
	private final double mmPerPixel;

	CrowdMovie(int syllable, int width, int height, int pad, byte[][] pixels, List<SyllableInstance> instances,
			double[][] dotX, double[][] dotY, int[] bounds, double frameInterval,
			double mmPerPixel) {
		this.syllable = syllable;
		this.width = width;
		this.height = height;
		this.pad = pad;
		this.pixels = pixels;
		this.instances = List.copyOf(instances);
		this.dotX = dotX;
		this.dotY = dotY;
		this.bounds = bounds;
		this.frameInterval = frameInterval;
		this.mmPerPixel = mmPerPixel;
	}

	public int syllable() {
		return syllable;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public int frames() {
		return pixels.length;
	}

	/** Frames shown before the onset. */
	public int pad() {
		return pad;
	}

	/** The canvas of frame {@code i} (not a copy). */
	public byte[] pixels(int i) {
		return pixels[i];
	}

	public List<SyllableInstance> instances() {
		return instances;
	}

	/** Centroid x of the dots in frame {@code i} (one per mouse whose syllable is active). */
	public double[] dotX(int i) {
		return dotX[i];
	}

	public double[] dotY(int i) {
		return dotY[i];
	}

	/** {minX, minY, maxX, maxY} of every mouse pixel and dot drawn, inclusive; maxX = -1 when nothing was drawn. */
	public int[] bounds() {
		return bounds.clone();
	}

	/** Seconds between frames (of the first session). */
	public double frameInterval() {
		return frameInterval;
	}

	/** Size of a pixel in mm (of the first session), NaN when unknown. */
	public double mmPerPixel() {
		return mmPerPixel;
	}
}
