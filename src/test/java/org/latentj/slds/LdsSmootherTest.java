package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.junit.jupiter.api.Test;

/** The block-banded smoother against a dense Gaussian solve of the same joint. */
class LdsSmootherTest {

	@Test
	void equalsDenseSolveWithLagsAndMissingFrames() {
		// d = 2, 3 (odd rows and columns of SmallDense's 2 x 4 register blocks) and the default 10; lags 4 with
		// d = 5 stands for the benchmark's GD = 20. 13 frames: the first and last G frames have shorter bands
		for (int lags = 1; lags <= 4; lags++)
			for (int d : lags == 4 ? new int[] { 5 } : new int[] { 2, 3, 10 }) {
				int k = 3, frames = 13;
				SldsParameters m = SldsTestModels.random(k, d, lags, 7 + lags + 100 * d, false);
				double[] y = SldsTestModels.sample(m, frames, 3 + d, new int[frames], 4, 5, 12);
				StructuredMeanField q = new StructuredMeanField(y, d, lags, k, SldsTestModels.randomQz(frames - lags, k, 11 + d));
				q.updateX(m);
				assertEqualsDense(q, m, "d = " + d + ", " + lags + " lags");
			}
	}

	/** Student-t noise: the node potential of frame t is the Gaussian one scaled by E[w_t] from q(w). */
	@Test
	void equalsDenseSolveWithStudentWeights() {
		for (int lags = 1; lags <= 3; lags++) {
			int k = 3, d = 3, frames = 11;
			SldsParameters m = SldsTestModels.random(k, d, lags, 31 + lags, false).withDof(3);
			double[] y = SldsTestModels.sample(m, frames, 17, new int[frames], 6);
			y[2 * d + 1] += 8; // an outlier, so that E[w_t] differs clearly between frames
			StructuredMeanField q = new StructuredMeanField(y, d, lags, k, SldsTestModels.randomQz(frames - lags, k, 5));
			q.updateX(m);
			q.updateW(m);
			double lo = Double.MAX_VALUE, hi = 0;
			for (int t = 0; t < frames; t++)
				if (t != 6) {
					lo = Math.min(lo, q.weight(t));
					hi = Math.max(hi, q.weight(t));
				}
			if (hi - lo < 0.1) throw new AssertionError("E[w_t] hardly varies (" + lo + ".." + hi + "): the check would be weak");
			q.updateX(m);
			assertEqualsDense(q, m, "Student-t, " + lags + " lags");
		}
	}

	/** Pivots far apart in scale (1e99 then 1e250, or their reciprocals) give a finite log|Lambda|, the exact sum. */
	@Test
	void logDetOfExtremePivotsStaysFinite() {
		for (double e : new double[] { 1, -1 }) {
			double a = Math.pow(10, 99 * e), b = Math.pow(10, 250 * e);
			int frames = 3, d = 2;
			LdsSmoother.Result r = LdsSmoother.smooth(frames, d, 1, new FullWindow() {
				@Override
				public void window(int t, double[] j, double[] h) { // no coupling: Lambda = diag(a, b, a, b, a, b)
				}

				@Override
				public void node(int t, double[] j, double[] h) {
					j[0] += a;
					j[3] += b;
					h[0] += a;
				}
			});
			double expected = frames * (Math.log(a) + Math.log(b));
			assertEquals(expected, r.logDetPrecision, 1e-12 * Math.abs(expected), "log|Lambda| with pivots " + a + ", " + b);
			for (int t = 0; t < frames; t++) {
				assertEquals(1, r.mean[t * d], 1e-15);
				assertEquals(1 / b, r.cov(t, t, 1, 1), 1e-15 / b);
			}
		}
	}

	/** q.qx against the dense inverse of the joint precision built from {@link #potentials}; q(w) as q holds it. */
	private static void assertEqualsDense(StructuredMeanField q, SldsParameters m, String what) {
		LdsSmoother.Result r = q.qx;
		FullWindow pot = potentials(q, m);
		int frames = q.frames, d = q.d, lags = q.lags, nx = frames * d, n = (lags + 1) * d;
		DMatrixRMaj lambda = new DMatrixRMaj(nx, nx), h = new DMatrixRMaj(nx, 1);
		double[] jn = new double[d * d], hn = new double[d], jw = new double[n * n], hw = new double[n];
		for (int t = 0; t < frames; t++) {
			java.util.Arrays.fill(jn, 0);
			java.util.Arrays.fill(hn, 0);
			pot.node(t, jn, hn);
			for (int i = 0; i < d; i++) {
				h.add(t * d + i, 0, hn[i]);
				for (int j = 0; j < d; j++) lambda.add(t * d + i, t * d + j, jn[i * d + j]);
			}
			if (t < lags) continue;
			java.util.Arrays.fill(jw, 0);
			java.util.Arrays.fill(hw, 0);
			pot.window(t, jw, hw);
			int o = (t - lags) * d;
			for (int a = 0; a < n; a++) {
				h.add(o + a, 0, hw[a]);
				for (int b = 0; b < n; b++) lambda.add(o + a, o + b, jw[a * n + b]);
			}
		}
		DMatrixRMaj sigma = new DMatrixRMaj(nx, nx);
		CommonOps_DDRM.invert(lambda, sigma);
		DMatrixRMaj mu = new DMatrixRMaj(nx, 1);
		CommonOps_DDRM.mult(sigma, h, mu);
		int dd = d * d;
		for (int t = 0; t < frames; t++) {
			for (int i = 0; i < d; i++) {
				assertEquals(mu.get(t * d + i), r.mean[t * d + i], 1e-9, "mean, " + what);
				for (int g = 0; g <= lags && g <= t; g++)
					for (int j = 0; j < d; j++)
						assertEquals(sigma.get(t * d + i, (t - g) * d + j), r.cov(t, t - g, i, j), 1e-9,
								"Cov(x_" + t + ", x_" + (t - g) + "), " + what);
			}
			for (int g = t + 1; g <= lags; g++) // no frame t - g: its slot is exactly zero
				for (int i = 0; i < dd; i++)
					assertEquals(0.0, r.cov[(t * (lags + 1) + g) * dd + i], 0.0, "Cov(x_" + t + ", x_" + (t - g) + "), " + what);
		}
		CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(nx, true);
		if (!chol.decompose(lambda.copy())) throw new AssertionError("the dense precision is not positive definite, " + what);
		DMatrixRMaj l = chol.getT(null);
		double logDet = 0;
		for (int i = 0; i < nx; i++) logDet += 2 * Math.log(l.get(i, i));
		assertEquals(logDet, r.logDetPrecision, 1e-10 * Math.max(1, Math.abs(logDet)), "log|Lambda|, " + what);
		double hmu = 0;
		for (int i = 0; i < nx; i++) hmu += h.get(i) * mu.get(i);
		assertEquals(hmu, r.hMean, 1e-8 * Math.max(1, Math.abs(hmu)), "h^T mu, " + what);
	}

	/** The potentials of the model under q(z) and q(w), written out independently of StructuredMeanField's. */
	static FullWindow potentials(StructuredMeanField q, SldsParameters m) {
		int d = q.d, lags = q.lags, n = q.n, k = q.k;
		return new FullWindow() {
			@Override
			public void window(int t, double[] j, double[] h) {
				for (int s = 0; s < k; s++) {
					double w = q.w[(t - lags) * k + s];
					for (int i = 0; i < n * n; i++) j[i] += w * m.p[s][i];
					for (int i = 0; i < n; i++) h[i] += w * m.h[s][i];
				}
			}

			@Override
			public void node(int t, double[] j, double[] h) {
				if (t < lags) for (int i = 0; i < d; i++) j[i * d + i] += 1 / m.priorVariance;
				double u = q.weight(t); // E[w_t] of Student-t noise, 1 with Gaussian
				if (!Double.isNaN(q.y[t * d]))
					for (int i = 0; i < d; i++) {
						j[i * d + i] += u / m.noise[i];
						h[i] += u * q.y[t * d + i] / m.noise[i];
					}
			}
		};
	}
}
