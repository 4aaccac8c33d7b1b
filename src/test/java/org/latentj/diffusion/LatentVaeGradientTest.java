package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.latentj.util.Progress;

/**
 * The backpropagation of {@link LatentVae} (its loss's gradient, then the networks' backward passes in
 * {@link org.latentj.nn.Mlp}) against central finite differences of its loss, for parameters of every layer, with
 * beta > 0 and random noise. Five trajectories in one batch exercise both the four-at-a-time kernels and the
 * remainder path.
 */
class LatentVaeGradientTest {

	@Test
	void gradientMatchesCentralDifferences() {
		int length = 16, latents = 3;
		Trajectories data = SbmSimulator.simulate(SbmGrid.of(0.5, 1.5, 5, 1e-4, 1e-4, 1), 1, length, 11,
				Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		LatentVae init = LatentVae.initialize(data, latents, 5);
		// Larger random parameters than the initialization so that ELUs work on both sides of 0
		// and the decoder's mean and variance terms both matter.
		SplittableRandom random = new SplittableRandom(3);
		double[] flat = new double[init.parameterCount()];
		for (int i = 0; i < flat.length; i++) flat[i] = 0.15 * random.nextGaussian();
		LatentVae vae = new LatentVae(init.input(), latents, init.basis(), init.logVarShift(), flat);
		double beta = 0.7;
		int n = data.count();
		double[] eps = new double[n * latents];
		for (int k = 0; k < eps.length; k++) eps[k] = random.nextGaussian();

		LatentVae.Batch w = vae.batch(n);
		LatentVae.Gradient gradient = vae.newGradient();
		double loss = batchLoss(vae, data, eps, beta, gradient, w);
		double[][] grad = gradient.rows();
		assertTrue(Double.isFinite(loss));
		// the single-trajectory entry point agrees with the batch
		double single = 0;
		for (int i = 0; i < n; i++)
			single += vae.loss(data.values(), i * length, Arrays.copyOfRange(eps, i * latents, (i + 1) * latents), beta, null, 0,
					vae.batch(1)) / n;
		assertEquals(loss, single, 1e-12 * Math.abs(loss));

		// every parameter of the small layers, a sample of the big ones
		double[][] p = vae.blocks();
		int checked = 0;
		double worst = 0;
		for (int r = 0; r < p.length; r++)
			for (int j = (r * 7) % 5; j < p[r].length; j += p[r].length > 50 ? 37 : 3) {
				double saved = p[r][j];
				// the loss is O(10) with these parameters: h = 2e-5 balances round-off (~1e-16 * loss / h)
				// against truncation (~h^2 * third derivative); together they stay near 1e-6 relative,
				// while a wrong backpropagation term is off by far more than the 1e-5 allowed
				double h = 2e-5 * Math.max(1, Math.abs(saved));
				p[r][j] = saved + h;
				double up = batchLoss(vae, data, eps, beta, null, w);
				p[r][j] = saved - h;
				double down = batchLoss(vae, data, eps, beta, null, w);
				p[r][j] = saved;
				double numeric = (up - down) / (2 * h);
				double error = Math.abs(numeric - grad[r][j]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(grad[r][j]));
				worst = Math.max(worst, error);
				assertEquals(numeric, grad[r][j], 1e-5 * Math.max(1e-2, Math.abs(numeric)), "parameter row " + r + " column " + j);
				checked++;
			}
		assertTrue(checked > 1000, "checked " + checked);
		assertTrue(worst < 5e-6, "worst relative error " + worst);
		System.out.println("LatentVae gradient check: " + checked + " parameters, worst relative error " + worst + ", loss " + loss);
	}

	/** Mean loss of the batch (its gradient added to grad when not null). */
	private static double batchLoss(LatentVae vae, Trajectories data, double[] eps, double beta, LatentVae.Gradient grad, LatentVae.Batch w) {
		int n = data.count(), length = data.length();
		int[] rows = new int[n];
		for (int i = 0; i < n; i++) {
			rows[i] = i;
			vae.transformInput(data.values(), i * length, w.ownY[i]);
			w.y[i] = w.ownY[i];
		}
		return vae.lossOfInputs(data.values(), rows, 0, n, eps, beta, grad, 1.0 / n, w) / n;
	}
}
