package org.latentj.testing;

import java.util.SplittableRandom;

import org.latentj.diffusion.Latents;
import org.latentj.diffusion.SbmGrid;

/**
 * Latents built like a trained SBM model's, on SPIVAE's grid: neuron 1 linear in
 * log(alpha D T^(alpha-1)) (mu = 0.3 f + 2, noise 0.05, logvar -6.5), neuron 4 linear in
 * log(alpha D T^(1-alpha)) (mu = -0.4 f - 1, noise 0.1, logvar -3), both sure of themselves; the
 * other neurons switched off (mu ~ 0, logvar ~ 0).
 */
public final class SyntheticLatents {

	public static final int LATENTS = 6;
	public static final int[] INFORMATIVE = { 1, 4 };

	private SyntheticLatents() {
	}

	public static Latents twoInformative(int length, int perCell, long seed) {
		int Z = LATENTS;
		SbmGrid g = SbmGrid.SPIVAE;
		int n = g.cells() * perCell;
		double[] alpha = new double[n], d = new double[n], mu = new double[n * Z], lv = new double[n * Z];
		SplittableRandom r = new SplittableRandom(seed);
		for (int i = 0; i < n; i++) {
			alpha[i] = g.alphaOfCell(i / perCell);
			d[i] = g.dOfCell(i / perCell);
			double f1 = Math.log(alpha[i] * d[i]) + (alpha[i] - 1) * Math.log(length);
			double f2 = Math.log(alpha[i] * d[i]) + (1 - alpha[i]) * Math.log(length);
			for (int j = 0; j < Z; j++) {
				mu[i * Z + j] = 0.03 * r.nextGaussian();
				lv[i * Z + j] = -0.02 + 0.01 * r.nextGaussian();
			}
			mu[i * Z + 1] = 0.3 * f1 + 2 + 0.05 * r.nextGaussian();
			lv[i * Z + 1] = -6.5;
			mu[i * Z + 4] = -0.4 * f2 - 1 + 0.1 * r.nextGaussian();
			lv[i * Z + 4] = -3;
		}
		return new Latents(Z, alpha, d, mu, lv);
	}
}
