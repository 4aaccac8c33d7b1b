package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The smoother's hand product against EJML at every size 1..21 (the 4 x 4 blocks and their remainders; 20 = GD). */
class SmallDenseTest {

	@Test
	void kernelsEqualEjml() {
		Random r = new Random(5);
		for (int m = 1; m <= 21; m++) {
			DMatrixRMaj a = DMatrixRMaj.wrap(m, m, gaussian(r, m)), b = DMatrixRMaj.wrap(m, m, gaussian(r, m));
			double[] c = gaussian(r, m);
			DMatrixRMaj expected = DMatrixRMaj.wrap(m, m, c.clone());
			CommonOps_DDRM.multAdd(a, b, expected);
			SmallDense.multAdd(a.data, b.data, c, m);
			assertClose(expected.data, c, 1e-12, "multAdd, m = " + m);

			double[] t = new double[m * m];
			SmallDense.transpose(a.data, -2, t, m);
			for (int i = 0; i < m; i++)
				for (int j = 0; j < m; j++) assertEquals(-2 * a.get(j, i), t[i * m + j], 0, "transpose");

		}
	}

	private static double[] gaussian(Random r, int m) {
		double[] x = new double[m * m];
		for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
		return x;
	}

	private static void assertClose(double[] expected, double[] actual, double tol, String what) {
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), what + ", element " + i);
	}
}
