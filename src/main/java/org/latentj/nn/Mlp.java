package org.latentj.nn;

import java.util.Arrays;
import java.util.Random;

/**
 * A dense network: layers of sizes[0] -> sizes[1] -> ... -> sizes[L], an {@link Activation} (ReLU unless told)
 * after every layer but the last. The symbolic critic's networks are ReLU, the diffusion VAE's encoder and decoder
 * ELU; both train with {@link Adam}.
 * Weights are stored input-major as rows (w[l][j][i] joins input j to output i), as x W + b; activations and
 * backward signals are rows too, so that {@link Kernels} runs vectorized. The public passes read and return
 * row-major flat arrays (rows x width).
 * <p>
 * Besides the usual forward and backward passes it computes the gradient of its outputs with respect to its
 * inputs ({@link #inputGradient}) and, for a ReLU network, the parameter gradient of any function of that input
 * gradient ({@link #inputGradientBackward}): what a gradient penalty needs. A ReLU network is linear in each weight
 * matrix once its masks are fixed, so the second pass reuses the masks of the forward pass (their own
 * derivative is zero almost everywhere) and the bias has no part in it.
 * <p>
 * Gradients go to the network's own {@link Gradient} (what {@link Adam} steps) unless a pass is given another: the
 * VAE backpropagates chunks of a batch in parallel, each into its own, and sums them in chunk order.
 */
public final class Mlp {

	private final int[] sizes;
	private final Activation activation;
	/** w[l][j]: row j of layer l's weights (input j to every output). */
	final double[][][] w;
	final double[][] b;
	/** The gradient {@link Adam} steps. */
	private final Gradient grad;

	/** Parameter gradients shaped as a network's weights and biases (w[l][j][i], b[l][i]). */
	public final class Gradient {
		final double[][][] w = new double[layers()][][];
		final double[][] b = new double[layers()][];

		Gradient() {
			for (int l = 0; l < layers(); l++) {
				w[l] = new double[sizes[l]][sizes[l + 1]];
				b[l] = new double[sizes[l + 1]];
			}
		}

		public void zero() {
			for (int l = 0; l < layers(); l++) {
				for (double[] row : w[l]) Arrays.fill(row, 0);
				Arrays.fill(b[l], 0);
			}
		}

		/** this += other, element by element (other of the same network shape). */
		public void add(Gradient other) {
			if (!Arrays.equals(sizes(), other.sizes()))
				throw new IllegalArgumentException("cannot add the gradient of a network of sizes " + Arrays.toString(other.sizes())
						+ " to one of sizes " + Arrays.toString(sizes()));
			for (int l = 0; l < layers(); l++) {
				for (int j = 0; j < sizes[l]; j++) addTo(w[l][j], other.w[l][j]);
				addTo(b[l], other.b[l]);
			}
		}

		/** The layer sizes of the network this gradient is shaped as. */
		int[] sizes() {
			return sizes;
		}

		/** The gradient arrays, live, in {@link Mlp#collect} order: per layer each weight row, then the biases. */
		public void collect(java.util.List<double[]> into) {
			for (int l = 0; l < layers(); l++) {
				into.addAll(Arrays.asList(w[l]));
				into.add(b[l]);
			}
		}
	}

	private static void addTo(double[] to, double[] add) {
		for (int i = 0; i < to.length; i++) to[i] += add[i];
	}

	/** A ReLU network. */
	public Mlp(int... sizes) {
		this(Activation.RELU, sizes);
	}

	public Mlp(Activation activation, int... sizes) {
		if (sizes.length < 2) throw new IllegalArgumentException("a network needs at least an input and an output size");
		for (int s : sizes)
			if (s < 1) throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
		this.sizes = sizes.clone();
		this.activation = activation;
		int layers = sizes.length - 1;
		w = new double[layers][][];
		b = new double[layers][];
		for (int l = 0; l < layers; l++) {
			w[l] = new double[sizes[l]][sizes[l + 1]];
			b[l] = new double[sizes[l + 1]];
		}
		grad = new Gradient();
	}

	/** PyTorch's nn.Linear default: weights and biases uniform in +-1/sqrt(fan_in) (weights drawn row by row). */
	public Mlp initTorch(Random random) {
		for (int l = 0; l < layers(); l++) {
			double bound = 1 / Math.sqrt(sizes[l]);
			for (double[] row : w[l])
				for (int i = 0; i < row.length; i++) row[i] = bound * (2 * random.nextDouble() - 1);
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

	/** The weights of layer l, live: row j holds input j's weights to every output. */
	public double[][] weights(int l) {
		return w[l];
	}

	/** The biases of layer l, live. */
	public double[] biases(int l) {
		return b[l];
	}

	/** The weight gradient of layer l, live, shaped as {@link #weights}. */
	public double[][] weightGradient(int l) {
		return grad.w[l];
	}

	public double[] biasGradient(int l) {
		return grad.b[l];
	}

	public void zeroGradients() {
		grad.zero();
	}

	/** The network's own gradient (live): what the passes add to unless given another, and what {@link Adam} steps. */
	public Gradient gradient() {
		return grad;
	}

	/** A zero gradient of this network's shape, for a pass to add to instead of the network's own. */
	public Gradient newGradient() {
		return new Gradient();
	}

	/**
	 * Every parameter array followed by its gradient array, in a fixed order, for an optimizer: per layer each
	 * weight row, then the biases.
	 */
	public void collect(java.util.List<double[]> params, java.util.List<double[]> grads) {
		for (int l = 0; l < layers(); l++) {
			params.addAll(Arrays.asList(w[l]));
			params.add(b[l]);
		}
		grad.collect(grads);
	}

	/** Workspace of one pass over a batch of rows: activations, masks and input-gradient terms, all reused. */
	public final class Pass {
		int rows;
		/** act[0] is the input; act[l + 1] the output of layer l (after the activation except the last). */
		final double[][][] act = new double[sizes.length][][];
		/** d[l]: the backward signal at the output of layer l (times the activation's derivative) during {@link #inputGradient}. */
		final double[][][] d = new double[layers()][][];
		/** sig[l]: a signal of width sizes[l] (backward and the input-gradient passes). */
		final double[][][] sig = new double[sizes.length][][];
		/** The flat results handed out: output, input gradient, backward's input gradient, dP/dseed. */
		double[] out = new double[0], inGrad = new double[0], dIn = new double[0], dSeed = new double[0];
		final Kernels.Scratch scratch = new Kernels.Scratch();
		/**
		 * The transposed weights of each layer (out rows of in), rebuilt by every call that needs them. Here and not
		 * in the Mlp, so that passes on one network in different threads share nothing they write.
		 */
		final double[][][] wt = new double[layers()][][];

		void ensure(int rows) {
			this.rows = rows;
			for (int l = 0; l < sizes.length; l++) act[l] = Kernels.rows(act[l], rows, sizes[l]);
		}

		double[][] sig(int l) {
			return sig[l] = Kernels.rows(sig[l], rows, sizes[l]);
		}

		double[][] d(int l) {
			return d[l] = Kernels.rows(d[l], rows, sizes[l + 1]);
		}

		/**
		 * The output of the last forward pass: an array of the pass, reused and possibly longer than rows x outputs;
		 * only its first rows x outputs entries are meaningful, and only until the next forward pass.
		 */
		public double[] output() {
			return out;
		}
	}

	public Pass newPass() {
		return new Pass();
	}

	/**
	 * m's first rows x width entries as one row-major array: {@code into} when it is long enough (it is reused, so
	 * it may be longer: only the first rows x width entries are meaningful), else a new array.
	 */
	private static double[] flat(double[][] m, int rows, int width, double[] into) {
		if (into.length < rows * width) into = new double[rows * width];
		Kernels.toFlat(m, rows, width, into);
		return into;
	}

	private double[][] transposed(Pass p, int l) {
		return p.wt[l] = Kernels.rows(p.wt[l], sizes[l + 1], sizes[l]);
	}

	/**
	 * Forward pass of {@code rows} rows of {@code input} (rows x inputs, copied); returns the output, an array of the
	 * pass that may be longer than rows x outputs: only its first rows x outputs entries are meaningful, and only
	 * until the next forward pass.
	 */
	public double[] forward(Pass p, double[] input, int rows) {
		p.ensure(rows);
		Kernels.toRows(input, rows, sizes[0], p.act[0]);
		return forwardFromInput(p, rows);
	}

	/** {@link #forward(Pass, double[], int)} of the input rows input[0..rows) (each of length at least inputs, copied). */
	public double[] forward(Pass p, double[][] input, int rows) {
		p.ensure(rows);
		for (int r = 0; r < rows; r++) System.arraycopy(input[r], 0, p.act[0][r], 0, sizes[0]);
		return forwardFromInput(p, rows);
	}

	private double[] forwardFromInput(Pass p, int rows) {
		for (int l = 0; l < layers(); l++) {
			Kernels.mul(p.act[l], rows, sizes[l], w[l], sizes[l + 1], b[l], p.act[l + 1], p.scratch);
			if (l < layers() - 1) activation.apply(p.act[l + 1], rows, sizes[l + 1]);
		}
		return p.out = flat(p.act[layers()], rows, outputs(), p.out);
	}

	/**
	 * Back-propagates {@code dOut} (rows x outputs, d loss / d output) through the last forward pass of
	 * {@code p}: adds to the parameter gradients and returns d loss / d input when {@code wantInput}, else null: an
	 * array of the pass, possibly longer than rows x inputs (only its first rows x inputs entries are meaningful),
	 * valid until its next backward pass.
	 */
	public double[] backward(Pass p, double[] dOut, boolean wantInput) {
		return backward(p, dOut, wantInput, grad);
	}

	/** {@link #backward(Pass, double[], boolean)} adding the parameter gradients to {@code into}. */
	public double[] backward(Pass p, double[] dOut, boolean wantInput, Gradient into) {
		int rows = p.rows;
		double[][] dz = p.sig(layers());
		Kernels.toRows(dOut, rows, outputs(), dz);
		for (int l = layers() - 1; l >= 0; l--) {
			int in = sizes[l], out = sizes[l + 1];
			Kernels.addTransposedProduct(p.act[l], rows, in, dz, out, into.w[l], p.scratch);
			double[] g = into.b[l];
			for (int r = 0; r < rows; r++) {
				double[] dr = dz[r];
				for (int i = 0; i < out; i++) g[i] += dr[i];
			}
			if (l == 0 && !wantInput) return null;
			double[][] da = p.sig(l);
			Kernels.mulTransposed(dz, rows, out, w[l], in, transposed(p, l), da, p.scratch);
			if (l > 0) activation.derivative(da, p.act[l], rows, in);
			dz = da;
		}
		return p.dIn = flat(dz, rows, inputs(), p.dIn);
	}

	/**
	 * The gradient of sum(seed * output) with respect to the input of the last forward pass: an array of the pass,
	 * possibly longer than rows x inputs (only its first rows x inputs entries are meaningful), valid until its next
	 * call of this method. Keeps the masked signals that
	 * {@link #inputGradientBackward} needs.
	 */
	public double[] inputGradient(Pass p, double[] seed) {
		int rows = p.rows;
		double[][] delta = p.d(layers() - 1);
		Kernels.toRows(seed, rows, outputs(), delta);
		for (int l = layers() - 1; l >= 0; l--) {
			int in = sizes[l], out = sizes[l + 1];
			double[][] dl = p.d(l);
			if (dl != delta) for (int r = 0; r < rows; r++) System.arraycopy(delta[r], 0, dl[r], 0, out);
			if (l < layers() - 1) activation.derivative(dl, p.act[l + 1], rows, out);
			double[][] next = p.sig(l);
			Kernels.mulTransposed(dl, rows, out, w[l], in, transposed(p, l), next, p.scratch);
			delta = next;
		}
		return p.inGrad = flat(delta, rows, inputs(), p.inGrad);
	}

	/**
	 * Given eps = dP / d(input gradient) for the last {@link #inputGradient} call, adds dP / d weights to the
	 * weight gradients and returns dP / d seed: an array of the pass, possibly longer than rows x outputs (only its
	 * first rows x outputs entries are meaningful), valid until its next call of this method. Piecewise-linear
	 * activations only (ReLU): for others the derivatives' own dependence on the weights would be missing.
	 */
	public double[] inputGradientBackward(Pass p, double[] eps) {
		if (!activation.piecewiseLinear())
			throw new UnsupportedOperationException("the gradient of an input-gradient penalty needs a piecewise-linear activation, not " + activation);
		int rows = p.rows;
		double[][] e = p.sig(0);
		Kernels.toRows(eps, rows, inputs(), e);
		for (int l = 0; l < layers(); l++) {
			int in = sizes[l], out = sizes[l + 1];
			Kernels.addTransposedProduct(e, rows, in, p.d[l], out, grad.w[l], p.scratch);
			double[][] next = p.sig(l + 1);
			Kernels.mul(e, rows, in, w[l], out, null, next, p.scratch);
			if (l < layers() - 1) activation.derivative(next, p.act[l + 1], rows, out);
			e = next;
		}
		return p.dSeed = flat(e, rows, outputs(), p.dSeed);
	}

	/** A deep copy of the parameters (gradients zero). */
	public Mlp copy() {
		Mlp m = new Mlp(activation, sizes);
		for (int l = 0; l < layers(); l++) {
			for (int j = 0; j < sizes[l]; j++) System.arraycopy(w[l][j], 0, m.w[l][j], 0, sizes[l + 1]);
			System.arraycopy(b[l], 0, m.b[l], 0, b[l].length);
		}
		return m;
	}
}
