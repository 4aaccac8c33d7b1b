package org.latentj.nn;

/**
 * The nonlinearity of an {@link Mlp}'s hidden layers, applied in place to a block of rows, and its derivative read
 * from the activations alone (neither needs the values before the activation, so a pass keeps one array per layer).
 * <p>
 * Both run over rows in pieces on the calling thread or on {@link org.latentj.util.Parallel} (large blocks only);
 * every number is computed by one thread in the same way, so results do not depend on the number of threads.
 */
public enum Activation {

	/**
	 * max(x, 0); derivative 1 where the activation is positive, else 0. Piecewise linear: its second derivative is
	 * zero almost everywhere, which {@link Mlp#inputGradientBackward} relies on.
	 */
	RELU {
		/**
		 * Math.max runs on vectors where an if would mispredict on every other random sign (not timed on its own:
		 * BENCHMARKS.md's symbolic discriminator section times whole epochs). It maps -0 to +0, which no sum reads
		 * differently.
		 */
		@Override
		void apply(double[] row, int width) {
			for (int i = 0; i < width; i++) row[i] = Math.max(row[i], 0.0);
		}

		/** Zeroes the signal where the activation is not positive, with a bit mask instead of a branch. */
		@Override
		void derivative(double[] signal, double[] act, int width) {
			for (int i = 0; i < width; i++) {
				long keep = act[i] <= 0 ? 0L : -1L;
				signal[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(signal[i]) & keep);
			}
		}
	},

	/**
	 * ELU with alpha 1: x above 0, e^x - 1 below (the diffusion VAE's). Math.exp is an intrinsic, expm1 is not; the
	 * digits lost near 0 do not matter. The activation is positive exactly where x is, so the derivative, 1 above 0
	 * and e^x = activation + 1 below, comes from the activation.
	 */
	ELU {
		@Override
		void apply(double[] row, int width) {
			for (int i = 0; i < width; i++) {
				double v = row[i];
				row[i] = v > 0 ? v : Math.exp(v) - 1;
			}
		}

		@Override
		void derivative(double[] signal, double[] act, int width) {
			for (int i = 0; i < width; i++)
				if (act[i] <= 0) signal[i] *= act[i] + 1;
		}
	};

	/** The activation of the first {@code width} entries of row, in place. */
	abstract void apply(double[] row, int width);

	/** Multiplies signal (d/d activation) by the derivative at the activations act: d/d the value before it. */
	abstract void derivative(double[] signal, double[] act, int width);

	/** True when the second derivative is zero almost everywhere (the masks of a pass are then constants). */
	public boolean piecewiseLinear() {
		return this == RELU;
	}

	/** {@link #apply} on rows 0..rows of m, in pieces when large. */
	void apply(double[][] m, int rows, int width) {
		Kernels.inPieces(rows, 4.0 * rows * width, 4, null, (r0, r1, s) -> {
			for (int r = r0; r < r1; r++) apply(m[r], width);
		});
	}

	/** {@link #derivative} on rows 0..rows, in pieces when large. */
	void derivative(double[][] signal, double[][] act, int rows, int width) {
		Kernels.inPieces(rows, 4.0 * rows * width, 4, null, (r0, r1, s) -> {
			for (int r = r0; r < r1; r++) derivative(signal[r], act[r], width);
		});
	}
}
