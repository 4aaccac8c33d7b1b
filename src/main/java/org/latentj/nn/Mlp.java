package org.latentj.nn;

import java.util.Arrays;
import java.util.Random;

/**
 * A dense network: layers of sizes[0] -> sizes[1] -> ... -> sizes[L], ReLU after every layer but the last.
 * Weights are stored input-major (w[l][j * out + i] joins input j to output i), as x W + b.
 * <p>
 * Besides the usual forward and backward passes it computes the gradient of its outputs with respect to its
 * inputs ({@link #inputGradient}) and the parameter gradient of any function of that input gradient
 * ({@link #inputGradientBackward}): what a gradient penalty needs. A ReLU network is linear in each weight
 * matrix once its masks are fixed, so the second pass reuses the masks of the forward pass (their own
 * derivative is zero almost everywhere) and the bias has no part in it.
 */
public final class Mlp {

	private final int[] sizes;
	final double[][] w, b, gw, gb;

	public Mlp(int... sizes) {
		if (sizes.length < 2) throw new IllegalArgumentException("a network needs at least an input and an output size");
		for (int s : sizes)
			if (s < 1) throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
		this.sizes = sizes.clone();
		int layers = sizes.length - 1;
		w = new double[layers][];
		b = new double[layers][];
		gw = new double[layers][];
		gb = new double[layers][];
		for (int l = 0; l < layers; l++) {
			w[l] = new double[sizes[l] * sizes[l + 1]];
			b[l] = new double[sizes[l + 1]];
			gw[l] = new double[w[l].length];
			gb[l] = new double[b[l].length];
		}
	}

	/** PyTorch's nn.Linear default: weights and biases uniform in +-1/sqrt(fan_in). */
	public Mlp initTorch(Random random) {
		for (int l = 0; l < layers(); l++) {
			double bound = 1 / Math.sqrt(sizes[l]);
			for (int i = 0; i < w[l].length; i++) w[l][i] = bound * (2 * random.nextDouble() - 1);
			for (int i = 0; i < b[l].length; i++) b[l][i] = bound * (2 * random.nextDouble() - 1);
		}
		return this;
	}

	public int layers() {
		return sizes.length - 1;
	}

	public int[] sizes() {
		return sizes.clone();
	}

	public int inputs() {
		return sizes[0];
	}

	public int outputs() {
		return sizes[sizes.length - 1];
	}

	/** The weights of layer l (input-major), live. */
	public double[] weights(int l) {
		return w[l];
	}

	/** The biases of layer l, live. */
	public double[] biases(int l) {
		return b[l];
	}

	public double[] weightGradient(int l) {
		return gw[l];
	}

	public double[] biasGradient(int l) {
		return gb[l];
	}

	public void zeroGradients() {
		for (int l = 0; l < layers(); l++) {
			Arrays.fill(gw[l], 0);
			Arrays.fill(gb[l], 0);
		}
	}

	/** Every parameter array followed by its gradient array, in a fixed order, for an optimizer. */
	public void collect(java.util.List<double[]> params, java.util.List<double[]> grads) {
		for (int l = 0; l < layers(); l++) {
			params.add(w[l]);
			grads.add(gw[l]);
			params.add(b[l]);
			grads.add(gb[l]);
		}
	}

	/** Workspace of one pass over a batch of rows: activations, masks and input-gradient terms. */
	public final class Pass {
		int rows;
		/** act[0] is the input; act[l + 1] the output of layer l (after ReLU except the last). */
		final double[][] act = new double[sizes.length][];
		/** d[l]: the masked backward signal at the output of layer l during {@link #inputGradient}. */
		final double[][] d = new double[layers()][];
		double[] scratchA = new double[0], scratchB = new double[0], wt = new double[0];

		void ensure(int rows) {
			this.rows = rows;
			for (int l = 1; l < sizes.length; l++)
				if (act[l] == null || act[l].length < rows * sizes[l]) act[l] = new double[rows * sizes[l]];
		}

		/** The output of the last forward pass, rows x outputs (live). */
		public double[] output() {
			return act[sizes.length - 1];
		}

		double[] scratch(boolean first, int size) {
			if (first) {
				if (scratchA.length < size) scratchA = new double[size];
				return scratchA;
			}
			if (scratchB.length < size) scratchB = new double[size];
			return scratchB;
		}

		double[] wt(int size) {
			if (wt.length < size) wt = new double[size];
			return wt;
		}
	}

	public Pass newPass() {
		return new Pass();
	}

	/** Forward pass of {@code rows} rows of {@code input} (rows x inputs, kept by reference); returns the output. */
	public double[] forward(Pass p, double[] input, int rows) {
		p.ensure(rows);
		p.act[0] = input;
		for (int l = 0; l < layers(); l++) {
			double[] out = p.act[l + 1];
			Kernels.mul(p.act[l], rows, sizes[l], w[l], sizes[l + 1], b[l], out);
			if (l < layers() - 1) for (int i = 0, n = rows * sizes[l + 1]; i < n; i++) if (out[i] < 0) out[i] = 0;
		}
		return p.output();
	}

	/**
	 * Back-propagates {@code dOut} (rows x outputs, d loss / d output) through the last forward pass of
	 * {@code p}: adds to the parameter gradients and returns d loss / d input (rows x inputs, a scratch array
	 * of the pass) when {@code wantInput}, else null.
	 */
	public double[] backward(Pass p, double[] dOut, boolean wantInput) {
		int rows = p.rows;
		double[] dz = dOut;
		boolean flip = true;
		for (int l = layers() - 1; l >= 0; l--) {
			int in = sizes[l], out = sizes[l + 1];
			Kernels.addTransposedProduct(p.act[l], rows, in, dz, out, gw[l]);
			double[] g = gb[l];
			for (int r = 0; r < rows; r++)
				for (int i = 0, o = r * out; i < out; i++) g[i] += dz[o + i];
			if (l == 0 && !wantInput) return null;
			double[] da = p.scratch(flip, rows * in);
			flip = !flip;
			Kernels.mulTransposed(dz, rows, out, w[l], in, p.wt(in * out), da);
			if (l > 0) {
				double[] a = p.act[l];
				for (int i = 0, n = rows * in; i < n; i++) if (a[i] <= 0) da[i] = 0;
			}
			dz = da;
		}
		return dz;
	}

	/**
	 * The gradient of sum(seed * output) with respect to the input of the last forward pass (rows x inputs,
	 * a fresh array); keeps the masked signals that {@link #inputGradientBackward} needs.
	 */
	public double[] inputGradient(Pass p, double[] seed) {
		int rows = p.rows;
		double[] delta = seed;
		for (int l = layers() - 1; l >= 0; l--) {
			int in = sizes[l], out = sizes[l + 1];
			if (p.d[l] == null || p.d[l].length < rows * out) p.d[l] = new double[rows * out];
			double[] dl = p.d[l];
			System.arraycopy(delta, 0, dl, 0, rows * out);
			if (l < layers() - 1) {
				double[] a = p.act[l + 1];
				for (int i = 0, n = rows * out; i < n; i++) if (a[i] <= 0) dl[i] = 0;
			}
			double[] next = new double[rows * in];
			Kernels.mulTransposed(dl, rows, out, w[l], in, p.wt(in * out), next);
			delta = next;
		}
		return delta;
	}

	/**
	 * Given eps = dP / d(input gradient) for the last {@link #inputGradient} call, adds dP / d weights to the
	 * weight gradients and returns dP / d seed (rows x outputs, a fresh array).
	 */
	public double[] inputGradientBackward(Pass p, double[] eps) {
		int rows = p.rows;
		double[] e = eps;
		for (int l = 0; l < layers(); l++) {
			int in = sizes[l], out = sizes[l + 1];
			Kernels.addTransposedProduct(e, rows, in, p.d[l], out, gw[l]);
			double[] next = new double[rows * out];
			Kernels.mul(e, rows, in, w[l], out, null, next);
			if (l < layers() - 1) {
				double[] a = p.act[l + 1];
				for (int i = 0, n = rows * out; i < n; i++) if (a[i] <= 0) next[i] = 0;
			}
			e = next;
		}
		return e;
	}

	/** A deep copy of the parameters (gradients zero). */
	public Mlp copy() {
		Mlp m = new Mlp(sizes);
		for (int l = 0; l < layers(); l++) {
			System.arraycopy(w[l], 0, m.w[l], 0, w[l].length);
			System.arraycopy(b[l], 0, m.b[l], 0, b[l].length);
		}
		return m;
	}
}
