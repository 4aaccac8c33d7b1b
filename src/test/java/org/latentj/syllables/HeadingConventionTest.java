package org.latentj.syllables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentj.testing.SharedData;
import org.latentj.nwb.MoSeqNwb;

class HeadingConventionTest {

	/** A mouse walking a wiggly path, nose along its motion; the angle written in the given convention. */
	private static double[][] walk(HeadingConvention convention, int frames) {
		double[] x = new double[frames], y = new double[frames], a = new double[frames];
		double px = 256, py = 212, heading = 0.3;
		java.util.Random random = new java.util.Random(5);
		for (int t = 0; t < frames; t++) {
			heading += 0.2 * random.nextGaussian();
			x[t] = px;
			y[t] = py;
			// canvas direction (cos h, sin h) in (column, row): clockwise angle h, counterclockwise -h
			a[t] = convention == HeadingConvention.CLOCKWISE ? heading : -heading;
			px += 3 * Math.cos(heading);
			py += 3 * Math.sin(heading);
		}
		return new double[][] { x, y, a };
	}

	@Test
	void detectsEitherConventionFromMotion() {
		for (HeadingConvention c : HeadingConvention.values()) {
			double[][] w = walk(c, 500);
			HeadingConvention.Detection d = HeadingConvention.detect(w[0], w[1], w[2], 1);
			assertEquals(c, d.convention());
			assertEquals(499, d.movingFrames());
		}
	}

	@Test
	void undecidedWhenStillOrWhenTheAngleIsUnrelated() {
		double[] still = new double[100];
		java.util.Arrays.fill(still, 100);
		HeadingConvention.Detection d = HeadingConvention.detect(still, still, new double[100], 1);
		assertNull(d.convention());
		assertEquals(0, d.movingFrames());
		double[][] w = walk(HeadingConvention.CLOCKWISE, 2000);
		double[] random = new double[2000];
		java.util.Random r = new java.util.Random(1);
		for (int t = 0; t < random.length; t++) random[t] = (r.nextDouble() - 0.5) * 2 * Math.PI;
		assertNull(HeadingConvention.detect(w[0], w[1], random, 1).convention());
	}

	@Test
	void keysRoundTrip() {
		for (HeadingConvention c : HeadingConvention.values()) assertEquals(c, HeadingConvention.of(c.key));
		assertNull(HeadingConvention.of("sideways"));
		assertEquals(0.4, HeadingConvention.CLOCKWISE.canvasAngle(0.4), 0);
		assertEquals(-0.4, HeadingConvention.COUNTERCLOCKWISE.canvasAngle(0.4), 0);
	}

	/** Orientation of the long axis of the non-zero pixels of a canvas (second moments), radians. */
	private static double axis(byte[] canvas, int w) {
		double s = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
		for (int i = 0; i < canvas.length; i++) {
			int v = canvas[i] & 0xff;
			if (v == 0) continue;
			double x = i % w, y = i / w;
			s += v;
			sx += v * x;
			sy += v * y;
			sxx += v * x * x;
			syy += v * y * y;
			sxy += v * x * y;
		}
		double mx = sx / s, my = sy / s;
		double cxx = sxx / s - mx * mx, cyy = syy / s - my * my, cxy = sxy / s - mx * my;
		return 0.5 * Math.atan2(2 * cxy, cxx - cyy);
	}

	/**
	 * On the shared sessions: the detected convention is clockwise, and pasting real frames with it puts
	 * each mouse's body axis along its direction of motion (the frames' noses are not distinguishable
	 * from their tails, the body axis is).
	 */
	@Test
	void sharedSessionsTurnMiceAlongTheirMotion() {
		for (String name : new String[] { "session_a", "session_c" }) {
			try (MoSeqNwb nwb = MoSeqNwb.open(SharedData.require("data/moseq/" + name + ".nwb"))) {
				NwbFrameSource s = new NwbFrameSource(nwb);
				HeadingConvention.Detection d = HeadingConvention.detect(s.centroidX(), s.centroidY(), s.angle(), 1);
				assertEquals(HeadingConvention.CLOCKWISE, d.convention(), name);
				double[] x = s.centroidX(), y = s.centroidY(), a = s.angle();
				List<Integer> frames = new ArrayList<>();
				for (int t = 0; t + 1 < s.frameCount() && frames.size() < 200; t += 7)
					if (Math.hypot(x[t + 1] - x[t], y[t + 1] - y[t]) > 3 && (s.dropped() == null || !s.dropped()[t])) frames.add(t);
				byte[] f = new byte[80 * 80];
				double agree = 0, mirrored = 0;
				for (int t : frames) {
					s.readFrames(t, 1, f);
					double motion = Math.atan2(y[t + 1] - y[t], x[t + 1] - x[t]);
					for (HeadingConvention c : HeadingConvention.values()) {
						byte[] canvas = new byte[512 * 424];
						new CrowdCompositor(512, 424, 80, 80, 10).paste(canvas, f, 0, x[t], y[t], c.canvasAngle(a[t]), null);
						double cos2 = Math.cos(2 * (axis(canvas, 512) - motion));
						if (c == d.convention()) agree += cos2;
						else mirrored += cos2;
					}
				}
				agree /= frames.size();
				mirrored /= frames.size();
				assertTrue(agree > 0.9, name + ": body axis along motion, mean cos 2(axis - motion) = " + agree);
				assertTrue(mirrored < 0.3, name + ": the other convention would not align: " + mirrored);
			}
		}
	}
}
