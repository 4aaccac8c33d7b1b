package org.latentj.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The tiled transpose and the transposed product against their definitions, on sizes that are not tile multiples. */
class KernelsTest {

	@Test
	void tiledTransposeAndTransposedProduct() {
		Random r = new Random(4);
		int k = 37, n = 23, rows = 5;
		double[] w = new double[k * n], t = new double[k * n];
		for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();
		Kernels.transpose(w, k, n, t);
		for (int j = 0; j < k; j++)
			for (int i = 0; i < n; i++) assertEquals(w[j * n + i], t[i * k + j], 0);
		double[] d = new double[rows * n], c = new double[rows * k];
		for (int i = 0; i < d.length; i++) d[i] = r.nextGaussian();
		Kernels.mulTransposed(d, rows, n, w, k, new double[k * n], c);
		for (int row = 0; row < rows; row++)
			for (int j = 0; j < k; j++) {
				double s = 0;
				for (int i = 0; i < n; i++) s += d[row * n + i] * w[j * n + i];
				assertEquals(s, c[row * k + j], 1e-12);
			}
	}
}
