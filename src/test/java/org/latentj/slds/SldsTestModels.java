package org.latentj.slds;

import java.util.Random;

import org.latentj.hmm.InitialDistribution;
import org.latentj.hmm.Transitions;

/** Small random SLDS problems for the tests: parameters, and a sequence drawn from them. */
final class SldsTestModels {

	private SldsTestModels() {
	}

	/** K states, D dims, G lags: stable AR weights, random SPD Q, noise R; fixed sticky or learned transitions. */
	static SldsParameters random(int k, int d, int lags, long seed, boolean learned) {
		Random r = new Random(seed);
		int cols = lags * d + 1;
		double[][] w = new double[k][d * cols], q = new double[k][d * d];
		for (int s = 0; s < k; s++) {
			for (int i = 0; i < d; i++) {
				for (int g = 0; g < lags; g++)
					for (int j = 0; j < d; j++)
						w[s][i * cols + g * d + j] = (i == j ? (g == 0 ? 0.9 : -0.1) : 0) + 0.05 * r.nextGaussian();
				w[s][i * cols + cols - 1] = 0.5 * r.nextGaussian();
			}
			double[] a = new double[d * d];
			for (int i = 0; i < d * d; i++) a[i] = 0.2 * r.nextGaussian();
			for (int i = 0; i < d; i++)
				for (int j = 0; j < d; j++) {
					double v = 0;
					for (int m = 0; m < d; m++) v += a[i * d + m] * a[j * d + m];
					q[s][i * d + j] = v + (i == j ? 0.05 : 0);
				}
		}
		double[] noise = new double[d];
		for (int i = 0; i < d; i++) noise[i] = 0.1 + 0.2 * r.nextDouble();
		Transitions tr = learned ? Transitions.learned(k, 0.9, 0, 1) : Transitions.fixedSticky(k, 0.9);
		return new SldsParameters(w, q, noise, 1.0, tr, InitialDistribution.uniform(k), lags);
	}

	/** The same dynamics with linear emissions: a random C (obs x d), offset and noise variances. */
	static SldsParameters linear(SldsParameters m, int obs, long seed) {
		Random r = new Random(seed);
		double[] c = new double[obs * m.d], offset = new double[obs], noise = new double[obs];
		for (int i = 0; i < c.length; i++) c[i] = r.nextGaussian();
		for (int i = 0; i < obs; i++) {
			offset[i] = r.nextGaussian();
			noise[i] = 0.1 + 0.2 * r.nextDouble();
		}
		return new SldsParameters(m.weights, m.covs, noise, m.priorVariance, m.transitions, m.initial, m.lags, c, offset);
	}

	/** A draw of T frames: y (T x obs) with the given frames missing (NaN rows); states in z[0..T). */
	static double[] sample(SldsParameters m, int frames, long seed, int[] z, int... missing) {
		return sample(m, frames, seed, z, new double[frames * m.d], missing);
	}

	/** As above, with the latent x (T x d) written into xOut. */
	static double[] sample(SldsParameters m, int frames, long seed, int[] z, double[] xOut, int... missing) {
		Random r = new Random(seed);
		int d = m.d, g = m.lags, k = m.k, cols = g * d + 1;
		int obs = m.obs;
		double[] x = xOut, y = new double[frames * obs];
		double[] p = m.transitions.matrix().toArray();
		int state = r.nextInt(k);
		for (int t = 0; t < frames; t++) {
			if (t < g) {
				for (int i = 0; i < d; i++) x[t * d + i] = r.nextGaussian();
				z[t] = -1;
			} else {
				if (t > g) {
					double u = r.nextDouble(), c = 0;
					int next = k - 1;
					for (int j = 0; j < k; j++) {
						c += p[state * k + j];
						if (u < c) { next = j; break; }
					}
					state = next;
				}
				z[t] = state;
				double[] l = Linear.cholesky(m.covs[state], d), e = new double[d];
				for (int i = 0; i < d; i++) e[i] = r.nextGaussian();
				for (int i = 0; i < d; i++) {
					double v = m.weights[state][i * cols + cols - 1];
					for (int gg = 1; gg <= g; gg++)
						for (int j = 0; j < d; j++) v += m.weights[state][i * cols + (gg - 1) * d + j] * x[(t - gg) * d + j];
					for (int j = 0; j <= i; j++) v += l[i * d + j] * e[j];
					x[t * d + i] = v;
				}
			}
			double[] mean = m.observe(java.util.Arrays.copyOfRange(x, t * d, t * d + d));
			for (int i = 0; i < obs; i++) y[t * obs + i] = mean[i] + Math.sqrt(m.noise[i]) * r.nextGaussian();
		}
		for (int t : missing) java.util.Arrays.fill(y, t * obs, t * obs + obs, Double.NaN);
		return y;
	}

	/** A random q(z), rows summing to 1. */
	static double[] randomQz(int rows, int k, long seed) {
		Random r = new Random(seed);
		double[] w = new double[rows * k];
		for (int t = 0; t < rows; t++) {
			double s = 0;
			for (int j = 0; j < k; j++) s += w[t * k + j] = 0.1 + r.nextDouble();
			for (int j = 0; j < k; j++) w[t * k + j] /= s;
		}
		return w;
	}
}
