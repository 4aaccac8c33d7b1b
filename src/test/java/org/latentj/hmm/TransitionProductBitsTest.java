package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The dense transition products of forward-backward ({@link TransitionMatrix#forward}, {@link TransitionMatrix#backward})
 * give the bits of the sums of rows as they were before the last K mod 4 rows shared one sweep (main c015197): groups
 * of four rows, then each remaining row in a sweep of its own, for K = 1..13 on random matrices and inputs (zeros and
 * tiny values included), at an offset into the input.
 */
class TransitionProductBitsTest {

	/** The sums of rows before: out = 0, then four rows per sweep, then one row per sweep. */
	static double[] before(double[][] r, double[] in, int inOff, int k) {
		double[] out = new double[k];
		int i = 0;
		for (; i + 4 <= k; i += 4)
			for (int j = 0; j < k; j++)
				out[j] += in[inOff + i] * r[i][j] + in[inOff + i + 1] * r[i + 1][j] + in[inOff + i + 2] * r[i + 2][j]
						+ in[inOff + i + 3] * r[i + 3][j];
		for (; i < k; i++)
			for (int j = 0; j < k; j++) out[j] += in[inOff + i] * r[i][j];
		return out;
	}

	@Test
	void productsAreTheSumsOfRowsBitForBit() {
		Random random = new Random(5);
		for (int k = 1; k <= 13; k++)
			for (int trial = 0; trial < 50; trial++) {
				double[] p = new double[k * k];
				for (int a = 0; a < k; a++) {
					double s = 0;
					for (int b = 0; b < k; b++) s += p[a * k + b] = trial % 5 == 0 && b % 3 == 1 ? 0 : random.nextDouble();
					for (int b = 0; b < k; b++) p[a * k + b] /= s;
				}
				TransitionMatrix m = TransitionMatrix.dense(k, p);
				double[][] rows = new double[k][k], rowsT = new double[k][k];
				for (int a = 0; a < k; a++)
					for (int b = 0; b < k; b++) rowsT[b][a] = rows[a][b] = p[a * k + b];
				double[] in = new double[k + 3];
				for (int a = 0; a < in.length; a++) in[a] = trial % 7 == 0 && a % 2 == 0 ? 1e-300 * random.nextDouble() : random.nextDouble();
				double[] out = new double[k];
				m.forward(in, 3, out);
				assertArrayEquals(before(rows, in, 3, k), out, "forward, K = " + k);
				m.backward(in, 3, out);
				assertArrayEquals(before(rowsT, in, 3, k), out, "backward, K = " + k);
			}
	}
}
