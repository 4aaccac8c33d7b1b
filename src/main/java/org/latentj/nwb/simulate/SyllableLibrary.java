package org.latentj.nwb.simulate;

import java.util.Random;

/**
 * The ground truth of a simulated experiment: per syllable (state) an AR(lags) process in PC space
 * and a way of moving, plus a sticky transition matrix. Built deterministically from the settings'
 * structural parameters and model seed.
 * <p>
 * The PC dynamics of syllable k are x_t = sum_l A[k][l] x_{t-l} + b[k] + noise, with stationary
 * mean mu[k]. Stability: A[k][0] is rho * (an orthogonal matrix, a damped rotation) and the further
 * lags are diagonal, with rho + max|A[k][l>0]| &lt;= 0.95, which bounds the spectral radius of the
 * companion matrix below 1. Syllables differ by their means (several noise widths apart), their
 * rotations (different oscillations) and their noise levels, so an AR-HMM fit can tell them apart.
 */
public final class SyllableLibrary {
	public final int states;
	public final int pcs;
	public final int lags;
	/** [state][lag][row * pcs + col] */
	public final double[][][] ar;
	/** [state][pc] offsets b */
	public final double[][] offset;
	/** [state][pc] stationary means */
	public final double[][] mean;
	/** [state][pc] noise standard deviations (diagonal covariance) */
	public final double[][] noise;
	/** [from][to] */
	public final double[][] transitions;
	/** Mean speed of the centroid in px per frame, per state. */
	public final double[] speed;
	/** Mean turning rate of the heading in radians per frame, per state. */
	public final double[] turn;

	/** Spread of the syllable means of PC d: larger for the first PCs, as in a real PCA. */
	static double pcScale(int d) {
		return 4.5 * Math.pow(0.93, d);
	}

	public SyllableLibrary(MoSeqSimulationSettings s) {
		this.states = s.states;
		this.pcs = s.pcs;
		this.lags = s.lags;
		int K = states, D = pcs;
		Random r = new Random(0x5F1A_B1E5L ^ (s.modelSeed * 0x9E3779B97F4A7C15L) ^ (K * 31L + D) * 131 + lags);
		ar = new double[K][lags][];
		offset = new double[K][D];
		mean = new double[K][D];
		noise = new double[K][D];
		transitions = new double[K][K];
		speed = new double[K];
		turn = new double[K];

		sampleMeans(r);
		for (int k = 0; k < K; k++) {
			double rho = 0.6 + 0.25 * r.nextDouble();
			double[] q = randomRotation(D, 0.12, r);
			double[] a1 = new double[D * D];
			for (int i = 0; i < D * D; i++)
				a1[i] = rho * q[i];
			ar[k][0] = a1;
			double budget = 0.95 - rho;
			for (int l = 1; l < lags; l++) {
				double[] al = new double[D * D];
				for (int d = 0; d < D; d++)
					al[d * D + d] = (-0.25 + 0.4 * r.nextDouble()) * budget / 0.4 / (lags - 1);
				ar[k][l] = al;
			}
			for (int d = 0; d < D; d++)
				noise[k][d] = 0.1 + 0.3 * r.nextDouble();
			// b = (I - sum_l A_l) mu, so that mu is the stationary mean
			for (int i = 0; i < D; i++) {
				double v = mean[k][i];
				for (int l = 0; l < lags; l++)
					for (int j = 0; j < D; j++)
						v -= ar[k][l][i * D + j] * mean[k][j];
				offset[k][i] = v;
			}
		}
		for (int k = 0; k < K; k++) {
			if (K == 1) {
				transitions[k][k] = 1;
				continue;
			}
			double[] w = new double[K];
			double sum = 0;
			for (int j = 0; j < K; j++)
				if (j != k) sum += w[j] = 0.2 + 0.8 * r.nextDouble();
			for (int j = 0; j < K; j++)
				transitions[k][j] = j == k ? s.stickiness : (1 - s.stickiness) * w[j] / sum;
		}
		// movement: speeds spread from pausing (0.4 px/frame) to running (5 px/frame), in shuffled order
		int[] order = shuffled(K, r);
		for (int k = 0; k < K; k++) {
			double u = K == 1 ? 0.5 : order[k] / (double) (K - 1);
			speed[k] = 0.4 + 4.6 * u + 0.2 * (r.nextDouble() - 0.5);
			turn[k] = 0.08 * (2 * r.nextDouble() - 1);
		}
	}

	/** Means several noise widths apart: resampled until the closest pair is far enough. */
	private void sampleMeans(Random r) {
		double minDistance = 1.5 * Math.sqrt(pcs);
		for (int attempt = 0;; attempt++) {
			for (int k = 0; k < states; k++)
				for (int d = 0; d < pcs; d++)
					mean[k][d] = pcScale(d) * r.nextGaussian();
			if (attempt > 200 || closestPair() >= minDistance) return;
		}
	}

	private double closestPair() {
		double best = Double.POSITIVE_INFINITY;
		for (int a = 0; a < states; a++)
			for (int b = a + 1; b < states; b++) {
				double s = 0;
				for (int d = 0; d < pcs; d++)
					s += (mean[a][d] - mean[b][d]) * (mean[a][d] - mean[b][d]);
				best = Math.min(best, Math.sqrt(s));
			}
		return best;
	}

	/**
	 * An orthogonal D x D matrix near a rotation by angles of about {@code spread} radians: the
	 * Cayley transform (I - S)^-1 (I + S) of a random skew-symmetric S.
	 */
	static double[] randomRotation(int D, double spread, Random r) {
		double[] skew = new double[D * D];
		for (int i = 0; i < D; i++)
			for (int j = i + 1; j < D; j++) {
				double v = spread * r.nextGaussian();
				skew[i * D + j] = v;
				skew[j * D + i] = -v;
			}
		double[] left = new double[D * D]; // I - S
		double[] right = new double[D * D]; // I + S
		for (int i = 0; i < D * D; i++) {
			left[i] = -skew[i];
			right[i] = skew[i];
		}
		for (int i = 0; i < D; i++) {
			left[i * D + i] += 1;
			right[i * D + i] += 1;
		}
		return solve(left, right, D);
	}

	/** X with A X = B, A and B D x D row-major, by Gaussian elimination with partial pivoting. */
	static double[] solve(double[] a, double[] b, int D) {
		a = a.clone();
		b = b.clone();
		for (int c = 0; c < D; c++) {
			int p = c;
			for (int i = c + 1; i < D; i++)
				if (Math.abs(a[i * D + c]) > Math.abs(a[p * D + c])) p = i;
			if (p != c) {
				for (int j = 0; j < D; j++) {
					double t = a[c * D + j];
					a[c * D + j] = a[p * D + j];
					a[p * D + j] = t;
					t = b[c * D + j];
					b[c * D + j] = b[p * D + j];
					b[p * D + j] = t;
				}
			}
			double pivot = a[c * D + c];
			for (int i = c + 1; i < D; i++) {
				double f = a[i * D + c] / pivot;
				if (f == 0) continue;
				for (int j = c; j < D; j++)
					a[i * D + j] -= f * a[c * D + j];
				for (int j = 0; j < D; j++)
					b[i * D + j] -= f * b[c * D + j];
			}
		}
		double[] x = new double[D * D];
		for (int col = 0; col < D; col++)
			for (int i = D - 1; i >= 0; i--) {
				double v = b[i * D + col];
				for (int j = i + 1; j < D; j++)
					v -= a[i * D + j] * x[j * D + col];
				x[i * D + col] = v / a[i * D + i];
			}
		return x;
	}

	private static int[] shuffled(int n, Random r) {
		int[] p = new int[n];
		for (int i = 0; i < n; i++)
			p[i] = i;
		for (int i = n - 1; i > 0; i--) {
			int j = r.nextInt(i + 1);
			int t = p[i];
			p[i] = p[j];
			p[j] = t;
		}
		return p;
	}
}
