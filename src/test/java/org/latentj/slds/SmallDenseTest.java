package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The smoother's hand kernels against EJML at every size 1..21 (the 4 x 4 blocks and their remainders; 20 = GD). */
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

			DMatrixRMaj spd = new DMatrixRMaj(m, m);
			CommonOps_DDRM.multTransB(a, a, spd);
			for (int i = 0; i < m; i++) spd.add(i, i, 1);
			double[] l = spd.data.clone();
			double logDet = SmallDense.cholesky(l, m);
			assertEquals(Math.log(CommonOps_DDRM.det(spd)), logDet, 1e-9, "log det, m = " + m);
			DMatrixRMaj lm = DMatrixRMaj.wrap(m, m, l), llt = new DMatrixRMaj(m, m);
			CommonOps_DDRM.multTransB(lm, lm, llt);
			assertClose(spd.data, llt.data, 1e-10, "L L^T, m = " + m);
			for (int i = 0; i < m; i++)
				for (int j = i + 1; j < m; j++) assertEquals(0, l[i * m + j], 0, "upper triangle");

			double[] inv = new double[m * m], work = new double[m * m];
			SmallDense.inverseFromCholesky(l, inv, work, m);
			DMatrixRMaj ref = new DMatrixRMaj(m, m);
			CommonOps_DDRM.invert(spd, ref);
			assertClose(ref.data, inv, 1e-10, "inverse, m = " + m);
		}
		double[] notPd = { 1, 2, 2, 1 };
		assertTrue(Double.isNaN(SmallDense.cholesky(notPd, 2)), "an indefinite matrix has no Cholesky factor");
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
