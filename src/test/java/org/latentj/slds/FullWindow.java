package org.latentj.slds;

/**
 * Potentials whose window potential is written as a whole J (n x n, n = (G + 1) D, row-major, symmetric) and h
 * over v = (x_{t-G}, ..., x_t), packed into the lower block triangle the smoother reads ({@link
 * LdsSmoother.Potentials#windowBlocks}): for tests and benchmarks that build J from its definition.
 */
public interface FullWindow extends LdsSmoother.Potentials {

	/** Adds the window potential of frame t (lags <= t < T): J whole and h, into arrays the caller has zeroed. */
	void window(int t, double[] j, double[] h);

	@Override
	default void windowBlocks(int t, double[] j, double[] h) {
		int n = h.length, d = 2 * j.length / n - n, g = n / d - 1; // j.length = n (G + 2) D / 2
		double[] full = new double[n * n];
		window(t, full, h);
		for (int b = 0, o = 0; b <= g; b++)
			for (int a = b; a <= g; a++)
				for (int i = 0; i < d; i++)
					for (int q = 0; q < d; q++) j[o++] += full[(a * d + i) * n + b * d + q];
	}
}
