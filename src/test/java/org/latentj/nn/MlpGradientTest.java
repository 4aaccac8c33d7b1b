package org.latentj.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

/** Every gradient of {@link Mlp} against central finite differences of its forward pass. */
class MlpGradientTest {

	private static final double H = 1e-6;

	private static double dot(double[] a, double[] b, int n) {
		double s = 0;
		for (int i = 0; i < n; i++) s += a[i] * b[i];
		return s;
	}

	/** The central difference of {@code f} in {@code a[i]}; {@code a[i]} is restored. */
	private static double central(double[] a, int i, DoubleSupplier f) {
		double keep = a[i];
		a[i] = keep + H;
		double up = f.getAsDouble();
		a[i] = keep - H;
		double down = f.getAsDouble();
		a[i] = keep;
		return (up - down) / (2 * H);
	}

	private static double[] random(Random r, int n) {
		double[] a = new double[n];
		for (int i = 0; i < n; i++) a[i] = r.nextGaussian();
		return a;
	}

	/** f = sum(c * output): backward gives df/dW, df/db, df/dinput. */
	@Test
	void backwardMatchesFiniteDifferences() {
		Random r = new Random(1);
		Mlp net = new Mlp(3, 7, 5, 2).initTorch(r);
		int rows = 6;
		double[] x = random(r, rows * 3), c = random(r, rows * 2);
		Mlp.Pass p = net.newPass();
		net.forward(p, x, rows);
		double[] dx = net.backward(p, c, true).clone();
		DoubleSupplier f = () -> dot(net.forward(net.newPass(), x, rows), c, rows * 2);
		for (int l = 0; l < net.layers(); l++) {
			for (int j = 0; j < net.weights(l).length; j++) {
				double[] w = net.weights(l)[j];
				for (int i = 0; i < w.length; i++) assertEquals(central(w, i, f), net.weightGradient(l)[j][i], 1e-6, "layer " + l + " weight " + j + ", " + i);
			}
			double[] bias = net.biases(l);
			for (int i = 0; i < bias.length; i++) assertEquals(central(bias, i, f), net.biasGradient(l)[i], 1e-6, "layer " + l + " bias " + i);
		}
		for (int i = 0; i < x.length; i++) assertEquals(central(x, i, f), dx[i], 1e-6, "input " + i);
	}

	/** inputGradient is d(sum(seed * output))/dinput, as backward's input gradient. */
	@Test
	void inputGradientMatchesBackward() {
		Random r = new Random(2);
		Mlp net = new Mlp(4, 6, 6, 3).initTorch(r);
		int rows = 5;
		double[] x = random(r, rows * 4), seed = random(r, rows * 3);
		Mlp.Pass p = net.newPass();
		net.forward(p, x, rows);
		double[] g = net.inputGradient(p, seed);
		double[] viaBackward = net.backward(p, seed, true);
		assertTrue(g != viaBackward);
		for (int i = 0; i < rows * 4; i++) assertEquals(viaBackward[i], g[i], 1e-12);
	}

	/** P = sum(q * inputGradient): inputGradientBackward gives dP/dW (biases have none) and dP/dseed. */
	@Test
	void secondOrderMatchesFiniteDifferences() {
		Random r = new Random(3);
		Mlp net = new Mlp(3, 8, 6, 2).initTorch(r);
		int rows = 4;
		double[] x = random(r, rows * 3), seed = random(r, rows * 2), q = random(r, rows * 3);
		Mlp.Pass p = net.newPass();
		net.forward(p, x, rows);
		net.inputGradient(p, seed);
		net.zeroGradients();
		double[] dSeed = net.inputGradientBackward(p, q);
		DoubleSupplier f = () -> penalty(net, x, rows, seed, q);
		for (int l = 0; l < net.layers(); l++) {
			for (int j = 0; j < net.weights(l).length; j++) {
				double[] w = net.weights(l)[j];
				for (int i = 0; i < w.length; i++)
					assertEquals(central(w, i, f), net.weightGradient(l)[j][i], 1e-6, "layer " + l + " weight " + j + ", " + i);
			}
			for (double gb : net.biasGradient(l)) assertEquals(0, gb);
		}
		for (int i = 0; i < seed.length; i++) assertEquals(central(seed, i, f), dSeed[i], 1e-6, "seed " + i);
	}

	private static double penalty(Mlp net, double[] x, int rows, double[] seed, double[] q) {
		Mlp.Pass p = net.newPass();
		net.forward(p, x, rows);
		return dot(net.inputGradient(p, seed), q, q.length);
	}

	/** Two Adam steps by hand (torch.optim.Adam with weight_decay) on one parameter. */
	@Test
	void adamFollowsTorch() {
		Mlp net = new Mlp(1, 1);
		net.weights(0)[0][0] = 0.5;
		net.biases(0)[0] = 0;
		Adam adam = new Adam(0.1, 0.9, 0.999, 0.01).add(net);
		net.weightGradient(0)[0][0] = 2;
		adam.step();
		// g = 2 + 0.01 * 0.5 = 2.005; m^ = g, v^ = g^2: step = lr * g / (|g| + 1e-8)
		double w1 = 0.5 - 0.1 * 2.005 / (2.005 + 1e-8);
		assertEquals(w1, net.weights(0)[0][0], 1e-15);
		net.weightGradient(0)[0][0] = -1;
		adam.step();
		double g2 = -1 + 0.01 * w1;
		double m = 0.9 * 0.1 * 2.005 + 0.1 * g2, v = 0.999 * 0.001 * 2.005 * 2.005 + 0.001 * g2 * g2;
		double w2 = w1 - 0.1 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
		assertEquals(w2, net.weights(0)[0][0], 1e-15);
	}
}
