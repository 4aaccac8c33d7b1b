package org.latentj.nwb.simulate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.latentj.nwb.MoSeqLayout;
import org.latentj.nwb.MoSeqSessionData;
import org.latentj.util.Progress;

/**
 * Simulates a MoSeq session: a sticky AR(lags)-HMM in PC space (see {@link SyllableLibrary}),
 * depth frames rendered from the PCs ({@link DepthRenderer}), and the mouse moving in a 512 x 424
 * px arena with a speed and turning rate per syllable, heading along its motion, reflected at
 * 60 px from the walls. Every scalar of the shared sessions is computed the same way they relate
 * there: mm = (px - arena center) * 1.34, velocities are the per-frame displacement and heading
 * change (0 at frame 0), areas count mask pixels, height_ave_mm is the mean depth of the frame,
 * length/width are 4 standard deviations of the mask along its principal axes. Deterministic for a
 * seed: the same settings give the same session, bit for bit.
 */
public final class MoSeqSimulator {
	private MoSeqSimulator() {
	}

	public static final int ARENA_WIDTH = 512, ARENA_HEIGHT = 424;
	public static final double MM_PER_PX = 1.34;
	static final double WALL_MARGIN = 60;
	static final double SPEED_NOISE = 0.3, TURN_NOISE = 0.04;

	public static SimulatedSession simulate(MoSeqSimulationSettings s, String identifier, Progress progress) {
		SyllableLibrary lib = new SyllableLibrary(s);
		int T = s.frames, D = s.pcs, K = s.states, L = s.lags;
		// independent streams, so that e.g. changing the noise does not change the state sequence
		Random seqRnd = new Random(s.seed * 4 + 0);
		Random arRnd = new Random(s.seed * 4 + 1);
		Random moveRnd = new Random(s.seed * 4 + 2);
		Random pixelRnd = new Random(s.seed * 4 + 3);

		int[] z = new int[T];
		z[0] = seqRnd.nextInt(K);
		for (int t = 1; t < T; t++)
			z[t] = draw(lib.transitions[z[t - 1]], seqRnd);

		double[] x = new double[T * D];
		for (int t = 0; t < T; t++) {
			int k = z[t];
			for (int i = 0; i < D; i++) {
				double v;
				if (t < L) v = lib.mean[k][i];
				else {
					v = lib.offset[k][i];
					for (int l = 0; l < L; l++) {
						double[] a = lib.ar[k][l];
						int prev = (t - 1 - l) * D;
						for (int j = 0; j < D; j++)
							v += a[i * D + j] * x[prev + j];
					}
				}
				x[t * D + i] = v + lib.noise[k][i] * arRnd.nextGaussian();
			}
		}
		float[] pcsClean = new float[T * D];
		for (int i = 0; i < pcsClean.length; i++)
			pcsClean[i] = (float) x[i];
		progress.update(0.1, "PCs");
		progress.checkCancelled();

		// dropped frames: never the first, as in recordings that start cleanly
		boolean[] dropped = new boolean[T];
		int nDropped = 0;
		for (int t = 1; t < T; t++)
			if (seqRnd.nextDouble() < s.droppedFraction) {
				dropped[t] = true;
				nDropped++;
			}
		float[] pcsRaw = pcsClean.clone();
		int[] labelsRaw = z.clone();
		int[] droppedFrames = new int[nDropped];
		for (int t = 0, n = 0; t < T; t++)
			if (dropped[t]) {
				droppedFrames[n++] = t;
				labelsRaw[t] = MoSeqLayout.DROPPED_LABEL;
				for (int i = 0; i < D; i++)
					pcsRaw[t * D + i] = Float.NaN;
			}

		Map<String, float[]> scalars = new LinkedHashMap<>();
		move(lib, z, moveRnd, scalars);

		int n = DepthRenderer.SIZE * DepthRenderer.SIZE;
		byte[] depth = new byte[T * n];
		byte[] masks = new byte[T * n];
		DepthRenderer renderer = new DepthRenderer(D);
		float[] areaPx = new float[T], areaMm = new float[T], height = new float[T], length = new float[T],
				width = new float[T];
		for (int t = 0; t < T; t++) {
			renderer.render(pcsClean, t * D, pixelRnd, depth, masks, t * n);
			shape(depth, masks, t * n, t, areaPx, height, length, width);
			areaMm[t] = (float) (areaPx[t] * MM_PER_PX * MM_PER_PX);
			if (t % 1000 == 999) {
				progress.update(0.1 + 0.9 * t / T, "frames");
				progress.checkCancelled();
			}
		}
		scalars.put("area_mm", areaMm);
		scalars.put("area_px", areaPx);
		scalars.put("height_ave_mm", height);
		scalars.put("length_px", length);
		scalars.put("width_px", width);
		Map<String, float[]> ordered = new LinkedHashMap<>();
		for (String name : MoSeqLayout.SCALAR_UNITS.keySet())
			ordered.put(name, scalars.get(name));

		double[] timestamps = new double[T];
		for (int t = 0; t < T; t++)
			timestamps[t] = t / s.fps;
		String description = String.format(java.util.Locale.ROOT,
				"LatentJ simulated MoSeq session (sticky AR(%d)-HMM ground truth in labels_clean): %d frames, %d states, "
						+ "%d PCs, stickiness %s, seed %d, model seed %d",
				L, T, K, D, s.stickiness, s.seed, s.modelSeed);
		MoSeqSessionData data = new MoSeqSessionData(identifier, description, null, DepthRenderer.SIZE, DepthRenderer.SIZE,
				depth, masks, D, pcsRaw, pcsClean, labelsRaw, z.clone(), ordered, timestamps);
		progress.update(1, null);
		return new SimulatedSession(s, lib, data, z, droppedFrames);
	}

	private static int draw(double[] p, Random r) {
		double u = r.nextDouble(), c = 0;
		for (int j = 0; j < p.length; j++) {
			c += p[j];
			if (u < c) return j;
		}
		return p.length - 1;
	}

	/** Centroid and heading, moving per syllable, kept inside the arena; fills the motion scalars. */
	private static void move(SyllableLibrary lib, int[] z, Random r, Map<String, float[]> out) {
		int T = z.length;
		float[] angle = new float[T], cxPx = new float[T], cyPx = new float[T], cxMm = new float[T], cyMm = new float[T],
				vPx = new float[T], vMm = new float[T], vTheta = new float[T];
		double x = ARENA_WIDTH / 2.0, y = ARENA_HEIGHT / 2.0;
		double heading = Math.PI * (2 * r.nextDouble() - 1);
		double speed = lib.speed[z[0]];
		double lo = WALL_MARGIN, hiX = ARENA_WIDTH - WALL_MARGIN, hiY = ARENA_HEIGHT - WALL_MARGIN;
		for (int t = 0; t < T; t++) {
			int k = z[t];
			double prevHeading = heading, px = x, py = y;
			if (t > 0) {
				// speed relaxes towards the syllable's; heading turns at the syllable's rate
				speed = Math.max(0, 0.7 * speed + 0.3 * lib.speed[k] + SPEED_NOISE * r.nextGaussian());
				heading += lib.turn[k] + TURN_NOISE * r.nextGaussian();
				x += speed * Math.cos(heading);
				y += speed * Math.sin(heading);
				// reflect at the walls: the mouse turns away and stays inside
				if (x < lo || x > hiX) {
					x = x < lo ? 2 * lo - x : 2 * hiX - x;
					heading = Math.PI - heading;
				}
				if (y < lo || y > hiY) {
					y = y < lo ? 2 * lo - y : 2 * hiY - y;
					heading = -heading;
				}
				x = Math.max(lo, Math.min(hiX, x));
				y = Math.max(lo, Math.min(hiY, y));
				heading = wrap(heading);
			}
			angle[t] = (float) heading;
			cxPx[t] = (float) x;
			cyPx[t] = (float) y;
			cxMm[t] = (float) ((x - ARENA_WIDTH / 2.0) * MM_PER_PX);
			cyMm[t] = (float) ((y - ARENA_HEIGHT / 2.0) * MM_PER_PX);
			if (t > 0) {
				double step = Math.hypot(x - px, y - py);
				vPx[t] = (float) step;
				vMm[t] = (float) (step * MM_PER_PX);
				vTheta[t] = (float) wrap(heading - prevHeading);
			}
		}
		out.put("angle", angle);
		out.put("centroid_x_mm", cxMm);
		out.put("centroid_x_px", cxPx);
		out.put("centroid_y_mm", cyMm);
		out.put("centroid_y_px", cyPx);
		out.put("velocity_2d_mm", vMm);
		out.put("velocity_2d_px", vPx);
		out.put("velocity_theta", vTheta);
	}

	static double wrap(double a) {
		double w = a % (2 * Math.PI);
		if (w > Math.PI) w -= 2 * Math.PI;
		else if (w <= -Math.PI) w += 2 * Math.PI;
		return w;
	}

	/** Area, mean height, and length/width (4 SD along the principal axes) of one frame's mask. */
	private static void shape(byte[] depth, byte[] mask, int off, int t, float[] area, float[] height, float[] length,
			float[] width) {
		int size = DepthRenderer.SIZE;
		long sum = 0;
		int count = 0;
		double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				int i = off + y * size + x;
				sum += depth[i] & 0xff;
				if (mask[i] != 0) {
					count++;
					sx += x;
					sy += y;
					sxx += x * x;
					syy += y * y;
					sxy += x * y;
				}
			}
		area[t] = count;
		height[t] = (float) (sum / (double) (size * size));
		if (count < 2) return;
		double mx = sx / count, my = sy / count;
		double vxx = sxx / count - mx * mx, vyy = syy / count - my * my, vxy = sxy / count - mx * my;
		double tr = vxx + vyy, det = vxx * vyy - vxy * vxy;
		double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
		length[t] = (float) (4 * Math.sqrt(Math.max(0, tr / 2 + disc)));
		width[t] = (float) (4 * Math.sqrt(Math.max(0, tr / 2 - disc)));
	}
}
