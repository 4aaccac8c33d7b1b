package org.latentj.symbolic;

import java.util.Random;

import org.latentj.nn.Mlp;

/**
 * The seed's non-symbolic curves: the output of a freshly initialized, untrained network x -> 32 -> 32 -> 1
 * (ReLU, PyTorch's uniform init with bias) on the grid, a new network for every curve. With bias the ReLU kinks
 * fall anywhere in the range, so the curves are smooth-looking piecewise-linear shapes; the bias-free networks
 * of the seed's DSN put every kink at x = 0 and give two straight lines, which any critic tells apart trivially.
 * With several inputs the network is x0, x1, ... -> 32 -> 32 -> 1, the same init, on scattered points.
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
		sample(random, new double[][] { grid }, y, dy == null ? null : new double[][] { dy });
	}

	/** A network of points.length inputs at the points; dy[k] its exact partial derivatives (the input gradient). */
	@Override
	public void sample(Random random, double[][] points, double[] y, double[][] dy) {
		int d = points.length, m = points[0].length;
		int[] s = sizes.clone();
		s[0] = d;
		double[] in = new double[m * d]; // rows x inputs, as the network reads them
		for (int i = 0; i < m; i++)
			for (int k = 0; k < d; k++) in[i * d + k] = points[k][i];
		Mlp net = new Mlp(s).initTorch(random);
		Mlp.Pass p = net.newPass();
		double[] out = net.forward(p, in, m);
		System.arraycopy(out, 0, y, 0, m);
		if (dy != null) {
			double[] ones = new double[m];
			java.util.Arrays.fill(ones, 1);
			double[] g = net.inputGradient(p, ones);
			for (int i = 0; i < m; i++)
				for (int k = 0; k < d; k++) dy[k][i] = g[i * d + k];
		}
	}
}
