package org.latentj.syllables;

/**
 * How a session's heading {@code angle} (radians) turns the egocentric frame, whose nose points to
 * +x (right), onto the arena, whose y axis points down (image rows).
 * <ul>
 * <li>{@link #COUNTERCLOCKWISE}: positive angles turn counter-clockwise on screen, the nose points to
 * {@code (cos a, -sin a)} in (column, row). This is MoSeq's: moseq2-extract measures the orientation
 * as {@code -atan2(2 mu11, mu20 - mu02) / 2} in image coordinates and moseq2-viz turns frames back with
 * {@code cv2.getRotationMatrix2D(center, degrees(angle), 1)}, which is counter-clockwise on screen.
 * <li>{@link #CLOCKWISE}: positive angles turn from +x towards +y (down the rows), clockwise on screen:
 * the nose points to {@code (cos a, sin a)}. The shared test sessions use this one: their angle is
 * {@code atan2(dy, dx)} of the centroid's motion in pixels.
 * </ul>
 * {@link #detect} tells them apart from the data: a mouse mostly moves along its body axis.
 */
public enum HeadingConvention {
	COUNTERCLOCKWISE("counterclockwise"), CLOCKWISE("clockwise");

	public final String key;

	HeadingConvention(String key) {
		this.key = key;
	}

	/** The angle, in canvas (x right, y down) coordinates, that the egocentric +x axis is turned to. */
	public double canvasAngle(double angle) {
		return this == CLOCKWISE ? angle : -angle;
	}

	/** The convention named by {@code key} ("clockwise" or "counterclockwise"), or null. */
	public static HeadingConvention of(String key) {
		for (HeadingConvention c : values())
			if (c.key.equalsIgnoreCase(key)) return c;
		return null;
	}

	/**
	 * Which convention aligns the body axis with the direction of motion, judged on frames moving
	 * faster than {@code minSpeed} pixels per frame. Compares the mean of {@code cos 2(motion - axis)}
	 * for both conventions (the factor 2 ignores whether the mouse walks forwards or backwards). Returns
	 * null when they cannot be told apart: fewer than 20 moving frames or a difference below 0.2.
	 */
	public static Detection detect(double[] x, double[] y, double[] angle, double minSpeed) {
		double cw = 0, ccw = 0;
		int n = 0;
		for (int t = 0; t + 1 < x.length; t++) {
			double dx = x[t + 1] - x[t], dy = y[t + 1] - y[t], a = angle[t];
			if (!(Math.hypot(dx, dy) > minSpeed) || Double.isNaN(a)) continue;
			double motion = Math.atan2(dy, dx);
			cw += Math.cos(2 * (motion - a));
			ccw += Math.cos(2 * (motion + a));
			n++;
		}
		if (n < 20) return new Detection(null, n, Double.NaN, Double.NaN);
		cw /= n;
		ccw /= n;
		HeadingConvention c = Math.abs(cw - ccw) < 0.2 ? null : cw > ccw ? CLOCKWISE : COUNTERCLOCKWISE;
		return new Detection(c, n, cw, ccw);
	}

	/**
	 * Result of {@link #detect}: the convention (null when undecided), the number of moving frames
	 * judged and the mean axis agreement (1 = perfect, 0 = none) under each convention.
	 */
	public record Detection(HeadingConvention convention, int movingFrames, double clockwiseAgreement,
			double counterclockwiseAgreement) {
	}
}
