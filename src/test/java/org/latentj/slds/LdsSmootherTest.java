package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The block-banded smoother against a dense Gaussian solve of the same joint. */
class LdsSmootherTest {

	@Test
	void equalsDenseSolveWithLagsAndMissingFrames() {
		for (int lags = 1; lags <= 4; lags++) {
			// 13 frames: the first and last G frames have shorter bands; lags 4 with d = 5 stands for the benchmark's GD = 20
			int k = 3, d = lags == 4 ? 5 : 2, frames = 13;
			SldsParameters m = SldsTestModels.random(k, d, lags, 7 + lags, false);
			double[] y = SldsTestModels.sample(m, frames, 3, new int[frames], 4, 5, 12);
			StructuredMeanField q = new StructuredMeanField(y, d, lags, k, SldsTestModels.randomQz(frames - lags, k, 11));
			LdsSmoother.Potentials pot = potentials(q, m);
			q.updateX(m);
			LdsSmoother.Result r = q.qx;

			int nx = frames * d, n = (lags + 1) * d;
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
			for (int t = 0; t < frames; t++)
				for (int i = 0; i < d; i++) {
					assertEquals(mu.get(t * d + i), r.mean[t * d + i], 1e-9, "mean");
					for (int g = 0; g <= lags && g <= t; g++)
						for (int j = 0; j < d; j++)
							assertEquals(sigma.get(t * d + i, (t - g) * d + j), r.cov(t, t - g, i, j), 1e-9,
									"Cov(x_" + t + ", x_" + (t - g) + ") with " + lags + " lags");
				}
			assertEquals(Math.log(CommonOps_DDRM.det(lambda)), r.logDetPrecision, 1e-8, "log|Lambda|");
			double hmu = 0;
			for (int i = 0; i < nx; i++) hmu += h.get(i) * mu.get(i);
			assertEquals(hmu, r.hMean, 1e-8);
		}
	}

	/** The potentials StructuredMeanField gives the smoother (the same code path, captured for the dense build). */
	static LdsSmoother.Potentials potentials(StructuredMeanField q, SldsParameters m) {
		LdsSmoother.Potentials[] captured = new LdsSmoother.Potentials[1];
		int frames = q.frames, d = q.d, lags = q.lags, n = q.n, k = q.k;
		captured[0] = new LdsSmoother.Potentials() {
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
				if (!Double.isNaN(q.y[t * d]))
					for (int i = 0; i < d; i++) {
						j[i * d + i] += 1 / m.noise[i];
						h[i] += q.y[t * d + i] / m.noise[i];
					}
			}
		};
		return captured[0];
	}
}
