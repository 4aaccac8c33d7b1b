package org.latentj.nwb.simulate;

import java.util.Random;

/**
 * Renders egocentric depth frames (80 x 80, uint8 mm above the floor, mouse facing +x) from PCs:
 * depth = mean mouse + sum_k pc_k * eigenimage_k + a little sensor noise, rounded and clipped.
 * The mean mouse is a flat-topped elliptical body (about 62 x 28 px above 5 mm, 40 mm high); the
 * eigen-images are smooth Gaussian bumps on the body, each of L2 norm 30 (like those regressed from
 * the shared sessions). The basis is fixed (its own seeds, independent of any session), so PC k
 * means the same body change in every simulated session, as after one PCA over an experiment.
 * The mask is depth above {@link #MASK_THRESHOLD_MM}, as in the shared sessions.
 */
public final class DepthRenderer {
	public static final int SIZE = 80;
	public static final int MASK_THRESHOLD_MM = 5;
	static final double BODY_HEIGHT_MM = 40;
	static final double HALF_LENGTH = 22, HALF_WIDTH = 10; // scale of the body profile exp(-r^4 / 2)
	static final double EIGEN_NORM = 30;
	static final double NOISE_MM = 0.5;

	private final int pcs;
	private final float[] mean = new float[SIZE * SIZE];
	/** [k][pixel] */
	private final float[][] eigen;

	public DepthRenderer(int pcs) {
		this.pcs = pcs;
		double c = (SIZE - 1) / 2.0;
		for (int y = 0; y < SIZE; y++)
			for (int x = 0; x < SIZE; x++) {
				double u = (x - c) / HALF_LENGTH, v = (y - c) / HALF_WIDTH;
				double r2 = u * u + v * v;
				mean[y * SIZE + x] = (float) (BODY_HEIGHT_MM * Math.exp(-r2 * r2 / 2));
			}
		eigen = new float[pcs][];
		for (int k = 0; k < pcs; k++)
			eigen[k] = bump(k);
	}

	/** Eigen-image k: a Gaussian bump on the body, seeded by k alone. */
	private static float[] bump(int k) {
		Random r = new Random(0xB0D7_0000L + 7919L * k);
		double c = (SIZE - 1) / 2.0;
		double cx = c + 40 * (r.nextDouble() - 0.5), cy = c + 16 * (r.nextDouble() - 0.5);
		double sx = 3 + 5 * r.nextDouble(), sy = 2.5 + 2.5 * r.nextDouble();
		double sign = r.nextBoolean() ? 1 : -1;
		double[] g = new double[SIZE * SIZE];
		double norm = 0;
		for (int y = 0; y < SIZE; y++)
			for (int x = 0; x < SIZE; x++) {
				double u = (x - cx) / sx, v = (y - cy) / sy;
				double val = Math.exp(-(u * u + v * v) / 2);
				g[y * SIZE + x] = val;
				norm += val * val;
			}
		double scale = sign * EIGEN_NORM / Math.sqrt(norm);
		float[] out = new float[SIZE * SIZE];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) (scale * g[i]);
		return out;
	}

	/**
	 * Renders one frame into depth[offset..] and its mask into mask[offset..].
	 *
	 * @param pc the frame's PCs (at least pcs values from pcOffset)
	 * @param noise source of sensor noise; null for none
	 */
	public void render(float[] pc, int pcOffset, Random noise, byte[] depth, byte[] mask, int offset) {
		for (int i = 0; i < SIZE * SIZE; i++) {
			double v = mean[i];
			for (int k = 0; k < pcs; k++)
				v += pc[pcOffset + k] * eigen[k][i];
			if (noise != null && v > MASK_THRESHOLD_MM) v += NOISE_MM * noise.nextGaussian(); // on the mouse only
			long d = Math.round(v);
			int depthMm = (int) Math.max(0, Math.min(255, d));
			depth[offset + i] = (byte) depthMm;
			mask[offset + i] = (byte) (depthMm > MASK_THRESHOLD_MM ? 1 : 0);
		}
	}

	/** Eigen-image k (a copy), mm per PC unit. */
	public float[] eigenImage(int k) {
		return eigen[k].clone();
	}
}
