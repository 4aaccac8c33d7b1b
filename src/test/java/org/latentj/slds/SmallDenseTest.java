package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The smoother's hand products against EJML at every size 1..21 (the register blocks and their remainders; 10 = D, 20 = GD). */
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

		}
	}

	/**
	 * abt (c += s a b^T) and the strided multAdd, with offsets and strides, against EJML: every mode, rows 1..11,
	 * cols 1..21, triangular operands zeroed where the mode says they are zero; LOWER checked on c's lower triangle.
	 */
	@Test
	void stridedKernelsEqualEjml() {
		Random r = new Random(9);
		for (int rows = 1; rows <= 11; rows++)
			for (int cols = 1; cols <= 21; cols += 2) {
				int len = 10 + cols % 3, as = len + 3, bs = len + 1, cs = cols + 2, ao = 5, bo = 7, co = 3;
				for (int mode : new int[] { SmallDense.FULL, SmallDense.LOWER, SmallDense.B_LOWER, SmallDense.A_UPPER,
						SmallDense.A_UPPER | SmallDense.SET, SmallDense.B_LOWER | SmallDense.SET }) {
					if ((mode & SmallDense.LOWER) != 0 && cols < rows) continue;
					DMatrixRMaj a = DMatrixRMaj.wrap(rows, len, vector(r, rows * len)), b = DMatrixRMaj.wrap(cols, len, vector(r, cols * len));
					for (int i = 0; i < rows; i++)
						for (int k = 0; k < Math.min(i, len); k++) if ((mode & SmallDense.A_UPPER) != 0) a.set(i, k, 0);
					for (int q = 0; q < cols; q++)
						for (int k = q + 1; k < len; k++) if ((mode & SmallDense.B_LOWER) != 0) b.set(q, k, 0);
					double[] ap = new double[ao + rows * as], bp = new double[bo + cols * bs], cp = vector(r, co + rows * cs);
					for (int i = 0; i < rows; i++) System.arraycopy(a.data, i * len, ap, ao + i * as, len);
					for (int q = 0; q < cols; q++) System.arraycopy(b.data, q * len, bp, bo + q * bs, len);
					DMatrixRMaj expected = new DMatrixRMaj(rows, cols);
					CommonOps_DDRM.multTransB(-1.5, a, b, expected);
					double[] before = cp.clone();
					SmallDense.abt(ap, ao, as, bp, bo, bs, cp, co, cs, rows, cols, len, -1.5, mode);
					for (int i = 0; i < rows; i++)
						for (int q = 0; q < cols; q++) {
							if ((mode & SmallDense.LOWER) != 0 && q > i) continue;
							double want = expected.get(i, q) + ((mode & SmallDense.SET) != 0 ? 0 : before[co + i * cs + q]);
							assertEquals(want, cp[co + i * cs + q], 1e-12 * (1 + Math.abs(want)), "abt mode " + mode + ", " + rows + " x " + cols);
						}
					for (int i = 0; i < co; i++) assertEquals(before[i], cp[i], 0, "abt wrote before c");
				}
				// multAdd: c (rows x cols) += a (rows x len) b (len x cols), strided
				DMatrixRMaj a2 = DMatrixRMaj.wrap(rows, len, vector(r, rows * len)), b2 = DMatrixRMaj.wrap(len, cols, vector(r, len * cols));
				int as2 = len + 2, bs2 = cols + 1, cs2 = cols + 3;
				double[] ap2 = new double[1 + rows * as2], bp2 = new double[2 + len * bs2], cp2 = vector(r, 4 + rows * cs2);
				for (int i = 0; i < rows; i++) System.arraycopy(a2.data, i * len, ap2, 1 + i * as2, len);
				for (int k = 0; k < len; k++) System.arraycopy(b2.data, k * cols, bp2, 2 + k * bs2, cols);
				DMatrixRMaj product = new DMatrixRMaj(rows, cols);
				CommonOps_DDRM.mult(a2, b2, product);
				double[] before2 = cp2.clone();
				SmallDense.multAdd(ap2, 1, as2, bp2, 2, bs2, cp2, 4, cs2, rows, len, cols);
				for (int i = 0; i < rows; i++)
					for (int q = 0; q < cols; q++) {
						double want = product.get(i, q) + before2[4 + i * cs2 + q];
						assertEquals(want, cp2[4 + i * cs2 + q], 1e-12 * (1 + Math.abs(want)), "multAdd " + rows + " x " + len + " x " + cols);
					}
				for (int i = 0; i < rows; i++) // the gap between c's rows is left alone
					for (int q = cols; q < cs2 && 4 + i * cs2 + q < cp2.length; q++) assertEquals(before2[4 + i * cs2 + q], cp2[4 + i * cs2 + q], 0);
			}
	}

	private static double[] vector(Random r, int n) {
		double[] x = new double[n];
		for (int i = 0; i < n; i++) x[i] = r.nextGaussian();
		return x;
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
