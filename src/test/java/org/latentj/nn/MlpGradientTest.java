package org.latentj.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every gradient of {@link Mlp} against central finite differences of its forward pass, for every
 * {@link Activation}: every weight and bias of every layer, each within 1e-6 of the difference relative to its size
 * (at least 1).
 */
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

	/** expected within 1e-6 relative (absolute below 1). */
	private static void near(double expected, double actual, String what) {
		assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
	}

	/** f = sum(c * output): backward gives df/dW, df/db, df/dinput. */
	@ParameterizedTest
	@EnumSource(Activation.class)
	void backwardMatchesFiniteDifferences(Activation activation) {
		Random r = new Random(1);
		Mlp net = new Mlp(activation, 3, 7, 5, 2).initTorch(r);
		int rows = 6;
		double[] x = random(r, rows * 3), c = random(r, rows * 2);
		Mlp.Pass p = net.newPass();
		net.forward(p, x, rows);
		// both sides of every hidden layer's activation are exercised
		for (int l = 1; l < net.layers(); l++) {
			int below = 0, above = 0;
			for (int s = 0; s < rows; s++)
				for (double a : p.act[l][s]) {
					below += a < 0 || (a == 0 && activation == Activation.RELU) ? 1 : 0;
					above += a > 0 ? 1 : 0;
				}
			assertTrue(below > 3 && above > 3, "layer " + l + ": " + below + " below 0, " + above + " above");
		}
		double[] dx = net.backward(p, c, true).clone();
		DoubleSupplier f = () -> dot(net.forward(net.newPass(), x, rows), c, rows * 2);
		for (int l = 0; l < net.layers(); l++) {
			for (int j = 0; j < net.weights(l).length; j++) {
				double[] w = net.weights(l)[j];
				for (int i = 0; i < w.length; i++) near(central(w, i, f), net.weightGradient(l)[j][i], "layer " + l + " weight " + j + ", " + i);
			}
			double[] bias = net.biases(l);
			for (int i = 0; i < bias.length; i++) near(central(bias, i, f), net.biasGradient(l)[i], "layer " + l + " bias " + i);
		}
		for (int i = 0; i < x.length; i++) near(central(x, i, f), dx[i], "input " + i);
	}

	/**
	 * A pass may add its gradient to another {@link Mlp.Gradient} (the VAE's chunks): the same numbers, the network's
	 * own left alone; add sums element by element.
	 */
	@ParameterizedTest
	@EnumSource(Activation.class)
	void backwardIntoAnotherGradient(Activation activation) {
		Random r = new Random(4);
		Mlp net = new Mlp(activation, 3, 9, 2).initTorch(r);
		int rows = 5;
		double[] x = random(r, rows * 3), c = random(r, rows * 2);
		Mlp.Pass p = net.newPass();
		net.forward(p, x, rows);
		Mlp.Gradient other = net.newGradient();
		double[] dxOther = net.backward(p, c, true, other).clone();
		for (double[] row : net.weightGradient(0))
			for (double v : row) assertEquals(0, v, 0);
		double[] dx = net.backward(p, c, true);
		java.util.List<double[]> own = new java.util.ArrayList<>(), into = new java.util.ArrayList<>();
		net.gradient().collect(own);
		other.collect(into);
		assertEquals(3 + 1 + 9 + 1, own.size()); // per layer its weight rows, then its biases
		for (int a = 0; a < own.size(); a++) org.junit.jupiter.api.Assertions.assertArrayEquals(own.get(a), into.get(a), 0);
		org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOf(dx, rows * 3), java.util.Arrays.copyOf(dxOther, rows * 3), 0);
		double before = net.weightGradient(1)[4][1];
		net.gradient().add(other);
		assertEquals(2 * before, net.weightGradient(1)[4][1], 0);
		Mlp.Gradient wider = new Mlp(activation, 3, 10, 2).newGradient(), deeper = new Mlp(activation, 3, 9, 2, 2).newGradient();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.gradient().add(wider));
		assertTrue(e.getMessage().contains("[3, 10, 2]"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> net.gradient().add(deeper));
		assertEquals(2 * before, net.weightGradient(1)[4][1], 0);
	}

	/** A forward pass over input rows gives the bits of one over the same rows laid out flat. */
	@Test
	void forwardOverRows() {
		Random r = new Random(6);
		Mlp net = new Mlp(Activation.ELU, 3, 9, 2).initTorch(r);
		int rows = 5;
		double[] x = random(r, rows * 3);
		double[][] xr = new double[rows + 1][4]; // longer rows and one row more: only the first rows x 3 count
		for (int i = 0; i < rows; i++) System.arraycopy(x, 3 * i, xr[i], 0, 3);
		double[] flat = net.forward(net.newPass(), x, rows).clone(), byRows = net.forward(net.newPass(), xr, rows);
		for (int i = 0; i < rows * 2; i++) assertEquals(Double.doubleToRawLongBits(flat[i]), Double.doubleToRawLongBits(byRows[i]));
	}

	/** inputGradient is d(sum(seed * output))/dinput, as backward's input gradient. */
	@ParameterizedTest
	@EnumSource(Activation.class)
	void inputGradientMatchesBackward(Activation activation) {
		Random r = new Random(2);
		Mlp net = new Mlp(activation, 4, 6, 6, 3).initTorch(r);
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

	/** The second-order pass keeps the masks fixed, exact only where the second derivative vanishes: ELU refuses it. */
	@Test
	void secondOrderNeedsAPiecewiseLinearActivation() {
		Mlp net = new Mlp(Activation.ELU, 2, 3, 1).initTorch(new Random(5));
		Mlp.Pass p = net.newPass();
		net.forward(p, new double[] { 0.3, -0.2 }, 1);
		net.inputGradient(p, new double[] { 1 });
		assertThrows(UnsupportedOperationException.class, () -> net.inputGradientBackward(p, new double[] { 1, 1 }));
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
