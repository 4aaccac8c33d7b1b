package org.latentj.symbolic;

import java.util.Random;

import org.latentj.nn.Mlp;

/**
 * The seed's non-symbolic curves: the output of a freshly initialized, untrained network x -> 32 -> 32 -> 1
 * (ReLU, PyTorch's uniform init with bias) on the grid, a new network for every curve. With bias the ReLU kinks
 * fall anywhere in the range, so the curves are smooth-looking piecewise-linear shapes; the bias-free networks
 * of the seed's DSN put every kink at x = 0 and give two straight lines, which any critic tells apart trivially.
 */
public final class MlpGenerator implements CurveGenerator {

	/** The seed's hidden layer widths. */
	public static final int[] SEED_HIDDEN = { 32, 32 };

	private final int[] sizes;

	/** @param hidden the hidden layer widths (the seed: {@link #SEED_HIDDEN}) */
	public MlpGenerator(int... hidden) {
		sizes = new int[hidden.length + 2];
		sizes[0] = 1;
		System.arraycopy(hidden, 0, sizes, 1, hidden.length);
		sizes[sizes.length - 1] = 1;
	}

	/** The seed's generator: hidden widths {@link #SEED_HIDDEN}. */
	public static MlpGenerator seed() {
		return new MlpGenerator(SEED_HIDDEN);
	}

	@Override
	public String describe() {
		StringBuilder b = new StringBuilder("mlp ");
		for (int i = 1; i < sizes.length - 1; i++) b.append(i > 1 ? "," : "").append(sizes[i]);
		return b.toString();
	}

	/** One curve into y and, when dy is not null, its exact derivative (the network's input gradient). */
	@Override
	public void sample(Random random, double[] grid, double[] y, double[] dy) {
		Mlp net = new Mlp(sizes).initTorch(random);
		Mlp.Pass p = net.newPass();
		double[] out = net.forward(p, grid, grid.length);
		System.arraycopy(out, 0, y, 0, grid.length);
		if (dy != null) {
			double[] ones = new double[grid.length];
			java.util.Arrays.fill(ones, 1);
			System.arraycopy(net.inputGradient(p, ones), 0, dy, 0, grid.length);
		}
	}
}
