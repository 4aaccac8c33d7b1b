package org.latentj.syllables;

/**
 * Pastes egocentric depth frames onto an arena canvas, with moseq2-viz's rules:
 * <ul>
 * <li>the frame is turned by the heading about its center pixel {@code (w/2, h/2)} (cv2's center for
 * an 80 x 80 crop, (40, 40)) and that center lands on the centroid;
 * <li>pasted pixels below {@code minHeight} are zero (not drawn);
 * <li>where the canvas already has a mouse (non-zero), the new pixel is averaged 50/50 with it
 * (rounded down, as numpy's assignment into uint8 does); elsewhere it overwrites.
 * </ul>
 * Sampling is bilinear (cv2.warpAffine's default) with the result rounded to the nearest integer,
 * and the centroid is used with sub-pixel precision (moseq2-viz truncates it to whole pixels). Frames
 * reaching past the canvas are clipped (moseq2-viz skips such a frame entirely).
 * <p>
 * Cost: one inverse-rotated sample per canvas pixel in the rotated bounding box of the mouse (pixels
 * at or above minHeight), about 4 multiply-adds each; the rotation is computed once per frame and
 * the source coordinates advance by constant steps along a row, so no trigonometry per pixel.
 * An instance is not thread-safe (it owns a scratch buffer): use one per thread.
 */
public final class CrowdCompositor {

	private final int canvasWidth;
	private final int canvasHeight;
	private final int frameWidth;
	private final int frameHeight;
	private final int minHeight;
	/** The frame with a one-pixel zero border, as floats, so bilinear sampling needs no bounds checks. */
	private final float[] padded;
	private final int pw;
	// the geometry of the frame being pasted, set by prepare(): the turn, the support of the source
	// points that can give a drawn sample, the canvas box it can reach, and the range of one row
	private double cos, sin, ox, oy, cx, cy, sxMin, sxMax, syMin, syMax;
	private double rowSx0, rowSy0;
	private int c0, c1, r0, r1, k0, k1;
	private final double[] range = new double[2];

	public CrowdCompositor(int canvasWidth, int canvasHeight, int frameWidth, int frameHeight, int minHeight) {
		if (minHeight < 0 || minHeight > 255) throw new IllegalArgumentException("minHeight must be in 0..255");
		this.canvasWidth = canvasWidth;
		this.canvasHeight = canvasHeight;
		this.frameWidth = frameWidth;
		this.frameHeight = frameHeight;
		this.minHeight = minHeight;
		this.pw = frameWidth + 2;
		this.padded = new float[pw * (frameHeight + 2)];
	}

	/**
	 * Pastes one frame.
	 * @param canvas {@code canvasWidth x canvasHeight} unsigned bytes, row-major
	 * @param frames source frames; the one pasted starts at {@code offset}
	 * @param cx centroid column on the canvas (pixel centers at integers)
	 * @param cy centroid row on the canvas
	 * @param canvasAngle where the egocentric +x axis points, in radians from canvas +x towards canvas +y
	 *        (see {@link HeadingConvention#canvasAngle})
	 * @param drawn if not null, {minX, minY, maxX, maxY} grown to include every pixel drawn
	 * @return number of canvas pixels drawn
	 */
	public int paste(byte[] canvas, byte[] frames, int offset, double cx, double cy, double canvasAngle, int[] drawn) {
		if (!prepare(frames, offset, cx, cy, canvasAngle)) return 0;
		int threshold = Math.max(1, minHeight);
		double cos = this.cos, sin = this.sin, sxMin = this.sxMin, sxMax = this.sxMax, syMin = this.syMin, syMax = this.syMax;
		float[] padded = this.padded;
		int pw = this.pw;
		int count = 0;
		int bx0 = Integer.MAX_VALUE, by0 = Integer.MAX_VALUE, bx1 = -1, by1 = -1;
		for (int r = r0; r <= r1; r++) {
			if (!columns(r)) continue;
			int k0 = this.k0, k1 = this.k1;
			double sx = rowSx0 + cos * k0, sy = rowSy0 - sin * k0;
			int base = r * canvasWidth;
			for (int c = c0 + k0, cEnd = c0 + k1; c <= cEnd; c++, sx += cos, sy -= sin) {
				if (!(sx > sxMin && sx < sxMax && sy > syMin && sy < syMax)) continue;
				// sx, sy > -1 here, so truncating sx + 1 is the floor of sx, plus one: the padded index
				int px = (int) (sx + 1), py = (int) (sy + 1);
				float fx = (float) (sx + 1 - px), fy = (float) (sy + 1 - py);
				int p = py * pw + px;
				float top = padded[p] + fx * (padded[p + 1] - padded[p]);
				float bottom = padded[p + pw] + fx * (padded[p + pw + 1] - padded[p + pw]);
				int v = (int) (top + fy * (bottom - top) + 0.5f);
				if (v < threshold) continue;
				int old = canvas[base + c] & 0xff;
				canvas[base + c] = (byte) (old == 0 ? v : (old + v) >> 1);
				count++;
				if (c < bx0) bx0 = c;
				if (c > bx1) bx1 = c;
				if (r < by0) by0 = r;
				by1 = r;
			}
		}
		if (drawn != null && count > 0) {
			drawn[0] = Math.min(drawn[0], bx0);
			drawn[1] = Math.min(drawn[1], by0);
			drawn[2] = Math.max(drawn[2], bx1);
			drawn[3] = Math.max(drawn[3], by1);
		}
		return count;
	}

	/**
	 * The work of a {@link #paste} of this frame, for benchmarks: canvas pixels it samples (each row
	 * clipped to the turned support) and pixels of the turned support's bounding box (what an
	 * unclipped kernel would sample). Draws nothing.
	 */
	public long[] sampleCounts(byte[] frames, int offset, double cx, double cy, double canvasAngle) {
		if (!prepare(frames, offset, cx, cy, canvasAngle)) return new long[2];
		long clipped = 0;
		for (int r = r0; r <= r1; r++)
			if (columns(r)) clipped += k1 - k0 + 1;
		return new long[] { clipped, (long) Math.max(0, c1 - c0 + 1) * Math.max(0, r1 - r0 + 1) };
	}

	/**
	 * Copies the frame into the padded buffer and sets the geometry of its paste; false when no pixel
	 * reaches the threshold (nothing to draw).
	 */
	private boolean prepare(byte[] frames, int offset, double cx, double cy, double canvasAngle) {
		// bounding box of the pixels that can give a sample >= threshold (bilinear is a convex combination)
		int threshold = Math.max(1, minHeight);
		int x0 = frameWidth, y0 = frameHeight, x1 = -1, y1 = -1;
		java.util.Arrays.fill(padded, 0f);
		for (int y = 0; y < frameHeight; y++) {
			int row = offset + y * frameWidth;
			for (int x = 0; x < frameWidth; x++) {
				int v = frames[row + x] & 0xff;
				if (v == 0) continue;
				padded[(y + 1) * pw + x + 1] = v;
				if (v >= threshold) {
					if (x < x0) x0 = x;
					if (x > x1) x1 = x;
					if (y < y0) y0 = y;
					if (y > y1) y1 = y;
				}
			}
		}
		if (x1 < 0) return false;
		this.cx = cx;
		this.cy = cy;
		cos = Math.cos(canvasAngle);
		sin = Math.sin(canvasAngle);
		ox = frameWidth / 2;
		oy = frameHeight / 2; // integer center, as cv2's (w // 2, h // 2)
		// samples are non-zero only for source points strictly inside (x0 - 1, x1 + 1) x (y0 - 1, y1 + 1)
		sxMin = x0 - 1;
		sxMax = x1 + 1;
		syMin = y0 - 1;
		syMax = y1 + 1;
		double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
		for (int corner = 0; corner < 4; corner++) {
			double sx = (corner & 1) == 0 ? sxMin : sxMax, sy = (corner & 2) == 0 ? syMin : syMax;
			double dx = sx - ox, dy = sy - oy;
			double px = cx + cos * dx - sin * dy, py = cy + sin * dx + cos * dy;
			minX = Math.min(minX, px);
			maxX = Math.max(maxX, px);
			minY = Math.min(minY, py);
			maxY = Math.max(maxY, py);
		}
		c0 = Math.max(0, (int) Math.floor(minX));
		c1 = Math.min(canvasWidth - 1, (int) Math.ceil(maxX));
		r0 = Math.max(0, (int) Math.floor(minY));
		r1 = Math.min(canvasHeight - 1, (int) Math.ceil(maxY));
		return true;
	}

	/**
	 * Sets {@code k0..k1}, the columns {@code c0 + k} of canvas row r (whose first pixel's source point
	 * is {@code rowSx0, rowSy0}) whose source point can lie inside
	 * the support: clipped analytically (one pixel of slack for rounding; the exact test stays in the
	 * pasting loop), so pasting visits the turned rectangle rather than its bounding box. False when
	 * the row has none.
	 */
	private boolean columns(int r) {
		double dy = r - cy, dx = c0 - cx;
		// inverse rotation of the row's first pixel: source = R(-angle) (canvas - centroid) + center
		double sx0 = cos * dx + sin * dy + ox;
		double sy0 = -sin * dx + cos * dy + oy;
		rowSx0 = sx0;
		rowSy0 = sy0;
		range[0] = 0;
		range[1] = c1 - c0;
		if (!clip(sx0, cos, sxMin, sxMax, range) || !clip(sy0, -sin, syMin, syMax, range)) return false;
		k0 = Math.max(0, (int) Math.floor(range[0]) - 1);
		k1 = Math.min(c1 - c0, (int) Math.ceil(range[1]) + 1);
		return k0 <= k1;
	}

	/**
	 * Narrows {@code range = [kLo, kHi]} to the k with {@code lo < a + b k < hi}; false when empty.
	 */
	private static boolean clip(double a, double b, double lo, double hi, double[] range) {
		if (Math.abs(b) < 1e-12) return a > lo - 1e-9 && a < hi + 1e-9;
		double k1 = (lo - a) / b, k2 = (hi - a) / b;
		range[0] = Math.max(range[0], Math.min(k1, k2));
		range[1] = Math.min(range[1], Math.max(k1, k2));
		return range[0] <= range[1] + 2;
	}

	/** A fresh "nothing drawn" bounding box for {@link #paste}. */
	public static int[] emptyBounds() {
		return new int[] { Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1 };
	}
}
