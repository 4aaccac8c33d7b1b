package org.latentj.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.nn.Mlp;

/** The critic's loss gradients (Wasserstein with gradient penalty, logistic) against finite differences. */
class CriticGradientTest {

	private static final double H = 1e-6;

	private static void check(Critic c, Critic.Loss loss, double gp) {
		Random r = new Random(11);
		int count = 3, width = c.points() * c.channels();
		double[] x = new double[2 * count * width];
		for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
		c.zeroGradients();
		Critic.StepResult at = c.accumulate(x, count, loss, gp, new Random(5));
		if (gp > 0) assertTrue(at.penalty() > 0);
		java.util.List<double[]> params = new java.util.ArrayList<>(), grads = new java.util.ArrayList<>();
		for (Mlp net : new Mlp[] { c.embedding(), c.head() })
			if (net != null) net.collect(params, grads);
		grads.replaceAll(double[]::clone); // the finite differences below accumulate into the live ones
		int checked = 0;
		{
			for (int l = 0; l < params.size() / 2; l++) {
				for (boolean bias : new boolean[] { false, true }) {
					double[] w = params.get(2 * l + (bias ? 1 : 0)), g = grads.get(2 * l + (bias ? 1 : 0));
					for (int i = 0; i < w.length; i += 3) {
						double keep = w[i];
						w[i] = keep + H;
						double up = c.accumulate(x, count, loss, gp, new Random(5)).loss();
						w[i] = keep - H;
						double down = c.accumulate(x, count, loss, gp, new Random(5)).loss();
						w[i] = keep;
						assertEquals((up - down) / (2 * H), g[i], 1e-6 * Math.max(1, Math.abs(g[i])), loss + " layer " + l + (bias ? " bias " : " weight ") + i);
						checked++;
					}
				}
			}
		}
		assertTrue(checked > 20);
	}

	@Test
	void wassersteinWithPenaltyEmbedded() {
		check(new Critic(6, 3, true, new int[] { 5, 4 }, new int[] { 7, 5 }, new Random(1)), Critic.Loss.WGAN_GP, 0.7);
	}

	@Test
	void wassersteinWithPenaltyStacked() {
		check(new Critic(5, 2, false, new int[0], new int[] { 6, 4 }, new Random(2)), Critic.Loss.WGAN_GP, 1.3);
	}

	@Test
	void logisticValuesOnly() {
		check(new Critic(8, 1, true, new int[] { 4 }, new int[] { 6, 6 }, new Random(3)), Critic.Loss.LOGISTIC, 0);
	}

	@Test
	void logisticWithPenaltyEmbedded() {
		check(new Critic(4, 2, true, new int[] { 6 }, new int[] { 5 }, new Random(4)), Critic.Loss.LOGISTIC, 0.5);
	}
}
