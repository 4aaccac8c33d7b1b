package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The column kernel of the log-likelihoods gives the bits of the frame-blocked kernel it replaced (frozen
 * below, with the derivation of M^T it read), over shapes that reach every path: Gaussian and AR observations,
 * odd and even window lengths (a lone last input), rows with 1 to 7 input pairs, a diagonal covariance (more
 * pairs of zeros skipped), an all-zero row, runs shorter and longer than a chunk and not multiples of 4.
 */
class ColumnLogLikelihoodsTest {

	@Test
	void sameBitsAsTheFrameBlockedKernel() {
		Random random = new Random(9);
		int cases = 0;
		for (int d : new int[] { 1, 3, 14 })
			for (int lags : new int[] { 0, 1, 2 })
				for (int k : new int[] { 1, 2, 5, 8 })
					for (boolean diagonal : new boolean[] { false, true }) {
						LinearGaussianObservations obs = model(k, d, lags, diagonal, random);
						int frames = 1 + random.nextInt(700); // chunks of 128, blocks of 1024: shorter, across, not x4
						int from = lags + random.nextInt(5);
						double[] x = new double[(from + frames) * d];
						for (int i = 0; i < x.length; i++) x[i] = 3 * random.nextGaussian();
						double[] got = new double[frames * k], want = new double[frames * k];
						obs.logLikelihoods(x, from, from + frames, got);
						frozen(obs, x, from, from + frames, want);
						for (int i = 0; i < got.length; i++)
							assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]),
									"D=" + d + " lags=" + lags + " K=" + k + " diagonal=" + diagonal + " entry " + i + ": " + want[i]
											+ " vs " + got[i]);
						cases++;
					}
		assertEquals(72, cases);
	}

	/** A state whose weights are all 0 (an all-zero row of M for the lagged inputs) and mean 0: only L^{-1} x is left. */
	@Test
	void zeroWeightsAndMeans() {
		LinearGaussianObservations obs = LinearGaussianObservations.autoregressive(2, 3, 2);
		Random random = new Random(3);
		double[] x = new double[40 * 3];
		for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian();
		double[] got = new double[38 * 2], want = new double[38 * 2];
		obs.logLikelihoods(x, 2, 40, got);
		frozen(obs, x, 2, 40, want);
		for (int i = 0; i < got.length; i++) assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]));
		// identity covariance, zero weights: the standard normal log-density of x_t
		for (int t = 2; t < 40; t++) {
			double r2 = 0;
			for (int i = 0; i < 3; i++) r2 += x[t * 3 + i] * x[t * 3 + i];
			assertEquals(-1.5 * Math.log(2 * Math.PI) - 0.5 * r2, got[(t - 2) * 2], 1e-12);
		}
	}

	private static LinearGaussianObservations model(int k, int d, int lags, boolean diagonal, Random random) {
		LinearGaussianObservations obs = lags == 0 ? LinearGaussianObservations.gaussian(k, d)
				: LinearGaussianObservations.autoregressive(k, d, lags);
		for (int s = 0; s < k; s++) {
			double[] w = new double[d * (lags * d + 1)];
			for (int i = 0; i < w.length; i++) w[i] = 0.3 * random.nextGaussian();
			double[] a = new double[d * d], cov = new double[d * d];
			for (int i = 0; i < a.length; i++) a[i] = random.nextGaussian();
			for (int i = 0; i < d; i++)
				for (int j = 0; j < d; j++) {
					if (diagonal && i != j) continue;
					double v = i == j ? 0.1 : 0;
					for (int m = 0; m < d; m++) v += a[i * d + m] * a[j * d + m];
					cov[i * d + j] = v;
				}
			obs.set(s, w, cov);
		}
		return obs;
	}

	// ------------------------------------------------ the kernel before the column kernel, frozen (2026-12-07)

	private static void frozen(LinearGaussianObservations obs, double[] x, int from, int to, double[] out) {
		int k = obs.states(), d = obs.dim(), lags = obs.lags(), n = (lags + 1) * d + 1, c = obs.covariates();
		int kd = k * d, nc = n - 1;
		double[][] m = new double[nc][kd];
		double[] bias = new double[kd], logNorm = new double[k];
		for (int s = 0; s < k; s++) {
			double[] weights = obs.weights(s);
			double[] l = Cholesky.factor(obs.covariance(s), d);
			assertTrue(l != null);
			double[] li = Cholesky.invertLower(l, d);
			double logDet = 0;
			for (int i = 0; i < d; i++) logDet += Math.log(l[i * d + i]);
			logNorm[s] = -0.5 * d * Math.log(2 * Math.PI) - logDet;
			for (int i = 0; i < d; i++) {
				int col = s * d + i;
				for (int j = 0; j <= i; j++) m[lags * d + j][col] = li[i * d + j];
				for (int g = 1; g <= lags; g++)
					for (int j = 0; j < d; j++) {
						double v = 0;
						for (int mm = 0; mm <= i; mm++) v += li[i * d + mm] * weights[mm * c + (g - 1) * d + j];
						m[(lags - g) * d + j][col] = -v;
					}
				double b = 0;
				for (int mm = 0; mm <= i; mm++) b += li[i * d + mm] * weights[mm * c + c - 1];
				bias[col] = -b;
			}
		}
		for (int t0 = from; t0 < to; t0 += LinearGaussianObservations.BLOCK) {
			int t1 = Math.min(to, t0 + LinearGaussianObservations.BLOCK);
			double[] y0 = new double[kd], y1 = new double[kd], y2 = new double[kd], y3 = new double[kd];
			int t = t0;
			for (; t + 4 <= t1; t += 4) {
				int b0 = (t - lags) * d, b1 = b0 + d, b2 = b1 + d, b3 = b2 + d;
				System.arraycopy(bias, 0, y0, 0, kd);
				System.arraycopy(bias, 0, y1, 0, kd);
				System.arraycopy(bias, 0, y2, 0, kd);
				System.arraycopy(bias, 0, y3, 0, kd);
				int cc = 0;
				for (; cc + 2 <= nc; cc += 2) {
					double a0 = x[b0 + cc], a1 = x[b0 + cc + 1], e0 = x[b1 + cc], e1 = x[b1 + cc + 1];
					double f0 = x[b2 + cc], f1 = x[b2 + cc + 1], g0 = x[b3 + cc], g1 = x[b3 + cc + 1];
					double[] m0 = m[cc], m1 = m[cc + 1];
					for (int j = 0; j < kd; j++) {
						double u0 = m0[j], u1 = m1[j];
						y0[j] += a0 * u0 + a1 * u1;
						y1[j] += e0 * u0 + e1 * u1;
						y2[j] += f0 * u0 + f1 * u1;
						y3[j] += g0 * u0 + g1 * u1;
					}
				}
				for (; cc < nc; cc++) {
					double a0 = x[b0 + cc], e0 = x[b1 + cc], f0 = x[b2 + cc], g0 = x[b3 + cc];
					double[] m0 = m[cc];
					for (int j = 0; j < kd; j++) {
						double u0 = m0[j];
						y0[j] += a0 * u0;
						y1[j] += e0 * u0;
						y2[j] += f0 * u0;
						y3[j] += g0 * u0;
					}
				}
				finish(y0, out, (t - from) * k, k, d, logNorm);
				finish(y1, out, (t + 1 - from) * k, k, d, logNorm);
				finish(y2, out, (t + 2 - from) * k, k, d, logNorm);
				finish(y3, out, (t + 3 - from) * k, k, d, logNorm);
			}
			for (; t < t1; t++) {
				int base0 = (t - lags) * d;
				System.arraycopy(bias, 0, y0, 0, kd);
				for (int cc = 0; cc < nc; cc++) {
					double a0 = x[base0 + cc];
					double[] m0 = m[cc];
					for (int j = 0; j < kd; j++) y0[j] += a0 * m0[j];
				}
				finish(y0, out, (t - from) * k, k, d, logNorm);
			}
		}
	}

	private static void finish(double[] y, double[] out, int row, int k, int d, double[] logNorm) {
		for (int s = 0; s < k; s++) {
			double sum = 0;
			int o = s * d;
			for (int i = 0; i < d; i++) sum += y[o + i] * y[o + i];
			out[row + s] = logNorm[s] - 0.5 * sum;
		}
	}
}
