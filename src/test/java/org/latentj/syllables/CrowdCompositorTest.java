package org.latentj.syllables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Geometry and blending of the crowd-movie paste, pixel by pixel, on a synthetic 80 x 80 frame with
 * an asymmetric shape: an "arrow" pointing to +x (the nose, as in MoSeq's egocentric frames) with a
 * notch on its +y side, so that a mirror image or a wrong turn cannot match.
 */
public class CrowdCompositorTest {

	static final int W = 200, H = 150, F = 80, C = 40;

	/** Body 30 x 11 around the center, a nose block ahead of it, a fin on the +y side; heights 20-90. */
	public static byte[] arrow() {
		byte[] f = new byte[F * F];
		for (int y = C - 5; y <= C + 5; y++)
			for (int x = C - 15; x <= C + 15; x++) f[y * F + x] = (byte) (20 + (x - (C - 15)) * 2); // rising towards the nose
		for (int y = C - 2; y <= C + 2; y++)
			for (int x = C + 16; x <= C + 22; x++) f[y * F + x] = (byte) 90;
		for (int y = C + 6; y <= C + 12; y++)
			for (int x = C - 10; x <= C - 6; x++) f[y * F + x] = (byte) 70;
		f[(C - 20) * F + C] = 5; // a faint pixel below any sensible min height
		return f;
	}

	private static int at(byte[] canvas, int x, int y) {
		return canvas[y * W + x] & 0xff;
	}

	/** Every source pixel (x, y) at or above min height lands at {@code map(x, y)} with the same value; nothing else is drawn. */
	private static void assertExactMap(byte[] src, byte[] canvas, int minHeight, java.util.function.BiFunction<Integer, Integer, int[]> map) {
		boolean[] expected = new boolean[W * H];
		int n = 0;
		for (int y = 0; y < F; y++)
			for (int x = 0; x < F; x++) {
				int v = src[y * F + x] & 0xff;
				if (v < Math.max(1, minHeight)) continue;
				int[] p = map.apply(x, y);
				assertEquals(v, at(canvas, p[0], p[1]), "source (" + x + ", " + y + ") -> canvas (" + p[0] + ", " + p[1] + ")");
				expected[p[1] * W + p[0]] = true;
				n++;
			}
		assertTrue(n > 300);
		for (int i = 0; i < W * H; i++)
			if (!expected[i]) assertEquals(0, canvas[i], "stray pixel at (" + i % W + ", " + i / W + ")");
	}

	@Test
	void angleZeroCopiesTheFrameCenterdOnTheCentroid() {
		byte[] canvas = new byte[W * H];
		CrowdCompositor c = new CrowdCompositor(W, H, F, F, 10);
		int[] box = CrowdCompositor.emptyBounds();
		c.paste(canvas, arrow(), 0, 100, 70, 0, box);
		assertExactMap(arrow(), canvas, 10, (x, y) -> new int[] { 100 + x - C, 70 + y - C });
		// the faint pixel (height 5) is below min height 10: not drawn (checked by assertExactMap), nose ahead at +x
		assertEquals(90, at(canvas, 100 + 22, 70));
		assertEquals(new int[] { 100 - 15, 70 - 5, 100 + 22, 70 + 12 }[0], box[0]);
		assertEquals(70 - 5, box[1]);
		assertEquals(100 + 22, box[2]);
		assertEquals(70 + 12, box[3]);
	}

	@Test
	void clockwiseQuarterTurnPointsTheNoseDownTheRows() {
		// canvas angle +90 degrees: egocentric +x goes to canvas +y (down), egocentric +y to canvas -x
		byte[] canvas = new byte[W * H];
		new CrowdCompositor(W, H, F, F, 10).paste(canvas, arrow(), 0, 100, 70,
				HeadingConvention.CLOCKWISE.canvasAngle(Math.PI / 2), null);
		assertExactMap(arrow(), canvas, 10, (x, y) -> new int[] { 100 - (y - C), 70 + (x - C) });
		assertEquals(90, at(canvas, 100, 70 + 22)); // nose below the centroid
		assertEquals(70, at(canvas, 100 - 12, 70 - 10)); // fin on the left
	}

	@Test
	void counterclockwiseQuarterTurnMatchesOpenCv() {
		// MoSeq: cv2.getRotationMatrix2D((40, 40), 90, 1) = [[0, 1, 0], [-1, 0, 80]] maps (x, y) to (y, 80 - x):
		// the nose (right of center) goes up the screen
		byte[] canvas = new byte[W * H];
		new CrowdCompositor(W, H, F, F, 10).paste(canvas, arrow(), 0, 100, 70,
				HeadingConvention.COUNTERCLOCKWISE.canvasAngle(Math.PI / 2), null);
		assertExactMap(arrow(), canvas, 10, (x, y) -> new int[] { 100 + y - C, 70 + (F - x) - C });
		assertEquals(90, at(canvas, 100, 70 - 22));
	}

	@Test
	void halfTurnMirrorsThroughTheCenter() {
		byte[] canvas = new byte[W * H];
		new CrowdCompositor(W, H, F, F, 10).paste(canvas, arrow(), 0, 100, 70, Math.PI, null);
		assertExactMap(arrow(), canvas, 10, (x, y) -> new int[] { 100 - (x - C), 70 - (y - C) });
	}

	@Test
	void obliqueTurnPutsTheNoseAlongTheHeading() {
		// a bright 3 x 3 block 20 px ahead of the center; at a canvas angle of 30 degrees its
		// intensity-weighted center must be at 20 (cos 30, sin 30) from the centroid
		byte[] f = new byte[F * F];
		for (int y = C - 1; y <= C + 1; y++)
			for (int x = C + 19; x <= C + 21; x++) f[y * F + x] = (byte) 200;
		byte[] canvas = new byte[W * H];
		double a = Math.toRadians(30);
		new CrowdCompositor(W, H, F, F, 0).paste(canvas, f, 0, 100.25, 70.5, a, null);
		double sx = 0, sy = 0, sw = 0;
		for (int i = 0; i < W * H; i++) {
			int v = canvas[i] & 0xff;
			sx += v * (i % W);
			sy += v * (i / W);
			sw += v;
		}
		assertEquals(100.25 + 20 * Math.cos(a), sx / sw, 0.15);
		assertEquals(70.5 + 20 * Math.sin(a), sy / sw, 0.15);
		// mass is (nearly) preserved by bilinear sampling under a turn
		assertEquals(9 * 200, sw, 9 * 200 * 0.05);
	}

	@Test
	void subPixelCentroidSamplesBilinearly() {
		byte[] f = new byte[F * F];
		f[C * F + C] = (byte) 100;
		byte[] canvas = new byte[W * H];
		new CrowdCompositor(W, H, F, F, 10).paste(canvas, f, 0, 100.5, 70, 0, null);
		// the pixel straddles columns 100 and 101: half of it in each
		assertEquals(50, at(canvas, 100, 70));
		assertEquals(50, at(canvas, 101, 70));
		canvas = new byte[W * H];
		new CrowdCompositor(W, H, F, F, 10).paste(canvas, f, 0, 100.25, 70, 0, null);
		assertEquals(75, at(canvas, 100, 70));
		assertEquals(25, at(canvas, 101, 70));
	}

	@Test
	void blendingAveragesOverlapsAndOverwritesElsewhere() {
		// A: 20 x 10 block of height 101 at centroid (100, 70); B: same block of height 50 shifted 10 px right
		byte[] a = new byte[F * F], b = new byte[F * F];
		for (int y = C - 5; y < C + 5; y++)
			for (int x = C - 10; x < C + 10; x++) {
				a[y * F + x] = (byte) 101;
				b[y * F + x] = (byte) 50;
			}
		byte[] canvas = new byte[W * H];
		CrowdCompositor c = new CrowdCompositor(W, H, F, F, 10);
		c.paste(canvas, a, 0, 100, 70, 0, null);
		c.paste(canvas, b, 0, 110, 70, 0, null);
		for (int y = 60; y < 80; y++)
			for (int x = 80; x < 130; x++) {
				boolean inA = x >= 90 && x < 110 && y >= 65 && y < 75;
				boolean inB = x >= 100 && x < 120 && y >= 65 && y < 75;
				int expected = inA && inB ? (101 + 50) / 2 : inA ? 101 : inB ? 50 : 0;
				assertEquals(expected, at(canvas, x, y), "(" + x + ", " + y + ")");
			}
		// a third mouse on the overlap averages with what is there (75), not with the originals
		c.paste(canvas, a, 0, 105, 70, 0, null);
		assertEquals((75 + 101) / 2, at(canvas, 105, 70));
		assertEquals((50 + 101) / 2, at(canvas, 112, 70));
		assertEquals(101, at(canvas, 95, 70));
	}

	@Test
	void pixelsBelowMinHeightNeverOverwriteOrBlend() {
		byte[] low = new byte[F * F], high = new byte[F * F];
		for (int y = C - 3; y <= C + 3; y++)
			for (int x = C - 3; x <= C + 3; x++) {
				low[y * F + x] = (byte) 9;
				high[y * F + x] = (byte) 60;
			}
		byte[] canvas = new byte[W * H];
		CrowdCompositor c = new CrowdCompositor(W, H, F, F, 10);
		assertEquals(0, c.paste(canvas, low, 0, 100, 70, 0, null));
		c.paste(canvas, high, 0, 100, 70, 0, null);
		assertEquals(49, c.paste(canvas, high, 0, 100, 70, 0, null));
		c.paste(canvas, low, 0, 100, 70, 0.3, null);
		assertEquals(60, at(canvas, 100, 70));
	}

	@Test
	void framesReachingPastTheCanvasAreClipped() {
		byte[] canvas = new byte[W * H];
		int[] box = CrowdCompositor.emptyBounds();
		new CrowdCompositor(W, H, F, F, 10).paste(canvas, arrow(), 0, 3, H - 2, 0.7, box);
		assertEquals(0, box[0]);
		assertEquals(H - 1, box[3]);
		canvas = new byte[W * H];
		new CrowdCompositor(W, H, F, F, 10).paste(canvas, arrow(), 0, 100, 70, 0, null);
		byte[] clipped = new byte[W * H];
		new CrowdCompositor(W, H, F, F, 10).paste(clipped, arrow(), 0, W - 10, 70, 0, null);
		// what is inside is identical to the unclipped paste shifted
		for (int y = 60; y < 85; y++)
			for (int x = W - 30; x < W; x++)
				assertEquals(at(canvas, x - (W - 110), y), at(clipped, x, y));
	}

	@Test
	void pastesFromAnOffsetIntoAWindowOfFrames() {
		byte[] window = new byte[3 * F * F];
		System.arraycopy(arrow(), 0, window, 2 * F * F, F * F);
		byte[] canvas = new byte[W * H];
		new CrowdCompositor(W, H, F, F, 10).paste(canvas, window, 2 * F * F, 100, 70, 0, null);
		assertExactMap(arrow(), canvas, 10, (x, y) -> new int[] { 100 + x - C, 70 + y - C });
	}

	@Test
	void sampleCountsAreTheKernelsWork() {
		CrowdCompositor c = new CrowdCompositor(W, H, F, F, 10);
		// the support at or above 10 mm is x 25..62, y 35..52; samples can be non-zero strictly inside
		// (24, 63) x (34, 53): at angle 0, 40 columns x 20 rows, all of them in the clipped rows too
		org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] { 800, 800 }, c.sampleCounts(arrow(), 0, 100, 70, 0));
		assertEquals(31 * 11 + 7 * 5 + 5 * 7, c.paste(new byte[W * H], arrow(), 0, 100, 70, 0, null));
		// turned by 45 degrees the rows are clipped to the turned rectangle: fewer samples than its bounding box
		long[] turned = c.sampleCounts(arrow(), 0, 100, 70, Math.PI / 4);
		int drawn = c.paste(new byte[W * H], arrow(), 0, 100, 70, Math.PI / 4, null);
		assertTrue(turned[0] < 0.8 * turned[1], turned[0] + " of " + turned[1]);
		assertTrue(turned[0] >= drawn, turned[0] + " samples, " + drawn + " drawn");
		org.junit.jupiter.api.Assertions.assertArrayEquals(new long[2], c.sampleCounts(new byte[F * F], 0, 100, 70, 1));
	}
}
