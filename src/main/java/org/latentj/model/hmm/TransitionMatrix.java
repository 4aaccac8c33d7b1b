package org.latentj.model.hmm;

import java.util.Arrays;

import org.latentj.util.BadInputException;

/**
 * A K x K row-stochastic matrix P (P[i][j] = p(z_{t+1} = j | z_t = i)) with the two products that
 * inference needs. A sticky matrix (stickiness s on the diagonal, (1 - s) / (K - 1) elsewhere) is
 * (s - u) I + u 11^T, so its products cost O(K) instead of O(K^2); any other matrix uses the dense
 * path. Immutable.
 */
public final class TransitionMatrix {

	private final int k;
	/** Row-major P. */
	private final double[] p;
	/** Row-major P^T, so that P v is a sum of rows (vectorisable axpy) too. */
	private final double[] pt;
	/** Row-major log P, for Viterbi. */
	private final double[] logP;
	private final boolean sticky;
	private final double diagonal, offDiagonal;

	private TransitionMatrix(int k, double[] p, boolean sticky, double diagonal, double offDiagonal) {
		this.k = k;
		this.p = p;
		this.sticky = sticky;
		this.diagonal = diagonal;
		this.offDiagonal = offDiagonal;
		this.pt = new double[k * k];
		this.logP = new double[k * k];
		for (int i = 0; i < k; i++)
			for (int j = 0; j < k; j++) {
				pt[j * k + i] = p[i * k + j];
				logP[i * k + j] = Math.log(p[i * k + j]);
			}
	}

	/** The sticky matrix of the ARHMM lab: s on the diagonal, (1 - s) / (K - 1) elsewhere. */
	public static TransitionMatrix sticky(int k, double stickiness) {
		if (k < 1) throw new BadInputException("The number of states must be at least 1 (got " + k + ").");
		if (k == 1) return new TransitionMatrix(1, new double[] { 1 }, true, 1, 0);
		if (!(stickiness > 0 && stickiness < 1))
			throw new BadInputException("The stickiness must be between 0 and 1, exclusive (got " + stickiness + ").");
		double off = (1 - stickiness) / (k - 1);
		double[] p = new double[k * k];
		Arrays.fill(p, off);
		for (int i = 0; i < k; i++) p[i * k + i] = stickiness;
		return new TransitionMatrix(k, p, true, stickiness, off);
	}

	/** Any row-stochastic matrix (row-major, copied); rows are checked to sum to 1. */
	public static TransitionMatrix dense(int k, double[] matrix) {
		if (matrix.length != k * k)
			throw new BadInputException("A transition matrix for " + k + " states needs " + k * k + " entries, not "
					+ matrix.length + ".");
		for (int i = 0; i < k; i++) {
			double sum = 0;
			for (int j = 0; j < k; j++) {
				double v = matrix[i * k + j];
				if (!(v >= 0 && v <= 1))
					throw new BadInputException("Transition probability P[" + i + "][" + j + "] = " + v
							+ " is not in [0, 1].");
				sum += v;
			}
			if (Math.abs(sum - 1) > 1e-6)
				throw new BadInputException("Row " + i + " of the transition matrix sums to " + sum + ", not 1.");
		}
		return new TransitionMatrix(k, matrix.clone(), false, Double.NaN, Double.NaN);
	}

	public int states() {
		return k;
	}

	public boolean isSticky() {
		return sticky;
	}

	/** Stickiness s of a sticky matrix (NaN for a dense one). */
	public double stickiness() {
		return diagonal;
	}

	public double get(int i, int j) {
		return p[i * k + j];
	}

	/** A copy of P, row-major. */
	public double[] toArray() {
		return p.clone();
	}

	/** The same matrix with states renumbered: new state n is old state order[n]. */
	public TransitionMatrix permute(int[] order) {
		if (sticky) return this;
		double[] q = new double[k * k];
		for (int a = 0; a < k; a++)
			for (int b = 0; b < k; b++) q[a * k + b] = p[order[a] * k + order[b]];
		return new TransitionMatrix(k, q, false, Double.NaN, Double.NaN);
	}

	/** out[j] = sum_i in[inOff + i] P[i][j] (one step of the forward recursion). */
	void forward(double[] in, int inOff, double[] out, int outOff) {
		if (sticky) {
			stickyProduct(in, inOff, out, outOff);
			return;
		}
		Arrays.fill(out, outOff, outOff + k, 0);
		for (int i = 0; i < k; i++) {
			double a = in[inOff + i];
			int row = i * k;
			for (int j = 0; j < k; j++) out[outOff + j] += a * p[row + j];
		}
	}

	/** out[i] = sum_j P[i][j] in[inOff + j] (one step of the backward recursion). */
	void backward(double[] in, int inOff, double[] out, int outOff) {
		if (sticky) {
			stickyProduct(in, inOff, out, outOff);
			return;
		}
		Arrays.fill(out, outOff, outOff + k, 0);
		for (int j = 0; j < k; j++) {
			double a = in[inOff + j];
			int row = j * k;
			for (int i = 0; i < k; i++) out[outOff + i] += a * pt[row + i];
		}
	}

	/** The sticky matrix is symmetric: P v = P^T v = (s - u) v + u sum(v). */
	private void stickyProduct(double[] in, int inOff, double[] out, int outOff) {
		double sum = 0;
		for (int i = 0; i < k; i++) sum += in[inOff + i];
		double us = offDiagonal * sum, d = diagonal - offDiagonal;
		for (int i = 0; i < k; i++) out[outOff + i] = d * in[inOff + i] + us;
	}

	/**
	 * One Viterbi step: best[j] = max_i (delta[i] + log P[i][j]) and from[j] the smallest i reaching it.
	 * O(K) for a sticky matrix (the best predecessor is j itself or the best other state).
	 */
	void viterbiStep(double[] delta, double[] best, int[] from, int fromOff) {
		if (sticky && k > 1) {
			int i1 = 0;
			for (int i = 1; i < k; i++)
				if (delta[i] > delta[i1]) i1 = i;
			int i2 = -1;
			for (int i = 0; i < k; i++)
				if (i != i1 && (i2 < 0 || delta[i] > delta[i2])) i2 = i;
			double logS = logP[0], logU = logP[1];
			for (int j = 0; j < k; j++) {
				int other = j == i1 ? i2 : i1;
				double stay = delta[j] + logS, move = delta[other] + logU;
				if (move > stay || (move == stay && other < j)) {
					best[j] = move;
					from[fromOff + j] = other;
				} else {
					best[j] = stay;
					from[fromOff + j] = j;
				}
			}
			return;
		}
		for (int j = 0; j < k; j++) {
			double b = Double.NEGATIVE_INFINITY;
			int arg = 0;
			for (int i = 0; i < k; i++) {
				double v = delta[i] + logP[i * k + j];
				if (v > b) {
					b = v;
					arg = i;
				}
			}
			best[j] = b;
			from[fromOff + j] = arg;
		}
	}

	double logP(int i, int j) {
		return logP[i * k + j];
	}
}
