package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The M-step's packed window moments against the same M-step from full, unpacked moments. */
class MaximizeTest {

	@Test
	void packedGramEqualsTheFullMomentsMStep() {
		for (int lags = 1; lags <= 3; lags++)
			for (int k : new int[] { 4, 5 }) { // one 4-state block, and one with a state left over
				int d = lags == 2 ? 3 : 2, frames = 90 + lags;
				SldsParameters m = SldsTestModels.random(k, d, lags, 40 + lags + k, false);
				double[] y = SldsTestModels.sample(m, frames, 9 + k, new int[frames], 7, 30);
				// two sequences: the sums run over both
				double[] y2 = SldsTestModels.sample(m, frames / 2, 19 + k, new int[frames / 2], 3);
				StructuredMeanField q = new StructuredMeanField(y, d, lags, k, SldsTestModels.randomQz(frames - lags, k, 4));
				StructuredMeanField q2 = new StructuredMeanField(y2, d, lags, k, SldsTestModels.randomQz(frames / 2 - lags, k, 5));
				for (StructuredMeanField s : List.of(q, q2)) {
					s.updateX(m);
					s.updateZ(m); // the counts for the transitions; then back to a q(z) that gives every state frames
					s.w = SldsTestModels.randomQz(s.frames - lags, k, s.frames);
				}
				SldsParameters got = SldsFitter.maximize(m, List.of(q, q2));
				String what = "K = " + k + ", d = " + d + ", " + lags + " lags";
				for (int s = 0; s < k; s++) {
					double[][] ref = reference(List.of(q, q2), s);
					assertClose(ref[0], got.weights[s], "W, state " + s + ", " + what);
					assertClose(ref[1], got.covs[s], "Q, state " + s + ", " + what);
				}
				assertClose(referenceNoise(List.of(q, q2)), got.noise, "R, " + what);
			}
	}

	/**
	 * State s's weighted least squares from the full window moments E[v v^T] = Cov(v) + E[v] E[v]^T,
	 * v = (x_{t-G}, ..., x_t): W (engine layout, D x (GD + 1)) and Q.
	 */
	private static double[][] reference(List<StructuredMeanField> seqs, int s) {
		StructuredMeanField q0 = seqs.get(0);
		int d = q0.d, g = q0.lags, k = q0.k, n = (g + 1) * d, u = n + 1, p = g * d + 1;
		DMatrixRMaj gram = new DMatrixRMaj(u, u); // E[(v, 1)(v, 1)^T] summed with weights q(z_t = s)
		for (StructuredMeanField q : seqs)
			for (int t = g; t < q.frames; t++) {
				double wt = q.w[(t - g) * k + s];
				for (int a = 0; a < u; a++)
					for (int b = 0; b < u; b++) {
						double e;
						if (a == n && b == n) e = 1;
						else if (a == n || b == n) e = q.qx.mean[(t - g) * d + (a == n ? b : a)];
						else {
							int fa = t - g + a / d, fb = t - g + b / d, ia = a % d, ib = b % d;
							e = q.qx.cov(fa, fb, ia, ib) + q.qx.mean[fa * d + ia] * q.qx.mean[fb * d + ib];
						}
						gram.add(a, b, wt * e);
					}
			}
		int[] reg = new int[p]; // regressors x_{t-G}..x_{t-1} and 1; targets x_t
		for (int i = 0; i < g * d; i++) reg[i] = i;
		reg[p - 1] = n;
		DMatrixRMaj spp = new DMatrixRMaj(p, p), spx = new DMatrixRMaj(p, d), sxx = new DMatrixRMaj(d, d);
		for (int a = 0; a < p; a++) {
			for (int b = 0; b < p; b++) spp.set(a, b, gram.get(reg[a], reg[b]));
			for (int i = 0; i < d; i++) spx.set(a, i, gram.get(reg[a], g * d + i));
		}
		for (int i = 0; i < d; i++)
			for (int j = 0; j < d; j++) sxx.set(i, j, gram.get(g * d + i, g * d + j));
		DMatrixRMaj wt = new DMatrixRMaj(p, d);
		if (!CommonOps_DDRM.solve(spp, spx, wt)) throw new AssertionError("singular regression");
		DMatrixRMaj fit = new DMatrixRMaj(d, d);
		CommonOps_DDRM.multTransA(wt, spx, fit);
		double total = gram.get(n, n);
		if (total < 2 * p) throw new AssertionError("state " + s + " has " + total + " frames: its regression would be skipped");
		double[] cov = new double[d * d];
		for (int i = 0; i < d; i++)
			for (int j = 0; j < d; j++) cov[i * d + j] = (sxx.get(i, j) - 0.5 * (fit.get(i, j) + fit.get(j, i))) / total;
		int cols = g * d + 1;
		double[] w = new double[d * cols]; // column (lag - 1) D + j multiplies x_{t-lag}: window block G - lag
		for (int i = 0; i < d; i++) {
			for (int lag = 1; lag <= g; lag++)
				for (int j = 0; j < d; j++) w[i * cols + (lag - 1) * d + j] = wt.get((g - lag) * d + j, i);
			w[i * cols + cols - 1] = wt.get(p - 1, i);
		}
		return new double[][] { w, cov };
	}

	/** R_i = mean over observed frames of E[(y_ti - x_ti)^2] (identity emissions, Gaussian noise). */
	private static double[] referenceNoise(List<StructuredMeanField> seqs) {
		int d = seqs.get(0).d;
		double[] r = new double[d];
		int observed = 0;
		for (StructuredMeanField q : seqs)
			for (int t = 0; t < q.frames; t++) {
				if (Double.isNaN(q.y[t * d])) continue;
				observed++;
				for (int i = 0; i < d; i++) {
					double e = q.y[t * d + i] - q.qx.mean[t * d + i];
					r[i] += e * e + q.qx.cov(t, t, i, i);
				}
			}
		for (int i = 0; i < d; i++) r[i] /= observed;
		return r;
	}

	private static void assertClose(double[] expected, double[] actual, String what) {
		assertEquals(expected.length, actual.length, what);
		double scale = 0;
		for (double v : expected) scale = Math.max(scale, Math.abs(v));
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], 1e-10 * scale, what + " [" + i + "]");
	}
}
