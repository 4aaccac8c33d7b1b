package org.latentj.hmm;

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
	/**
	 * Rows of P and of P^T as separate arrays: both products are then sums of whole rows indexed from
	 * 0, the only form that Java 17's C2 compiler turns into SIMD code (it gives up on loops mixing
	 * different offsets into arrays).
	 */
	private final double[][] rows, rowsT;
	/** Row-major log P, and log P^T by rows (contiguous over predecessors), for Viterbi. */
	private final double[] logP;
	private final double[][] logPT;
	private final boolean sticky;
	private final double diagonal, offDiagonal;

	private TransitionMatrix(int k, double[] p, boolean sticky, double diagonal, double offDiagonal) {
		this.k = k;
		this.p = p;
		this.sticky = sticky;
		this.diagonal = diagonal;
		this.offDiagonal = offDiagonal;
		this.rows = new double[k][k];
		this.rowsT = new double[k][k];
		this.logP = new double[k * k];
		this.logPT = new double[k][k];
		for (int i = 0; i < k; i++)
			for (int j = 0; j < k; j++) {
				rows[i][j] = p[i * k + j];
				rowsT[j][i] = p[i * k + j];
				logP[i * k + j] = Math.log(p[i * k + j]);
				logPT[j][i] = logP[i * k + j];
			}
	}

	/** The sticky matrix of the STATS320 ARHMM lab: s on the diagonal, (1 - s) / (K - 1) elsewhere. */
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

	public double get(int i, int j) {
		return p[i * k + j];
	}

	/** log P, row-major (the array itself: read only). */
	double[] logMatrix() {
		return logP;
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

	/** out[j] = sum_i in[inOff + i] P[i][j] (one step of the forward recursion); out is indexed from 0. */
	void forward(double[] in, int inOff, double[] out) {
		if (sticky) stickyProduct(in, inOff, out);
		else sumOfRows(rows, in, inOff, out);
	}

	/** out[i] = sum_j P[i][j] in[inOff + j] (one step of the backward recursion); out is indexed from 0. */
	void backward(double[] in, int inOff, double[] out) {
		if (sticky) stickyProduct(in, inOff, out);
		else sumOfRows(rowsT, in, inOff, out);
	}

	/**
	 * out = sum_i in[inOff + i] rows[i], four rows per sweep (four multiply-adds per load and store of out); the last
	 * K mod 4 rows in one sweep too, added one after the other to each output, as separate sweeps added them (the same
	 * bits), without storing and reloading out between them. In isolation (a 1,500-frame recursion, one thread,
	 * 2026-12-07, load ~2) K = 3, 6, 7 took 14-30% less time, K = 2 ~10%, K = 4, 5, 8 the same; K = 1 (the one product,
	 * 0 + a p, as the sweeps gave it) 34% less. The sweep figures with it: BENCHMARKS.md, training dynamics.
	 */
	private void sumOfRows(double[][] r, double[] in, int inOff, double[] out) {
		if (k == 1) {
			out[0] = 0.0 + in[inOff] * r[0][0];
			return;
		}
		Arrays.fill(out, 0, k, 0);
		int i = 0;
		for (; i + 4 <= k; i += 4) {
			double a0 = in[inOff + i], a1 = in[inOff + i + 1], a2 = in[inOff + i + 2], a3 = in[inOff + i + 3];
			double[] r0 = r[i], r1 = r[i + 1], r2 = r[i + 2], r3 = r[i + 3];
			for (int j = 0; j < k; j++) out[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
		}
		switch (k - i) {
		case 3: {
			double a0 = in[inOff + i], a1 = in[inOff + i + 1], a2 = in[inOff + i + 2];
			double[] r0 = r[i], r1 = r[i + 1], r2 = r[i + 2];
			for (int j = 0; j < k; j++) out[j] = out[j] + a0 * r0[j] + a1 * r1[j] + a2 * r2[j]; // left to right
			break;
		}
		case 2: {
			double a0 = in[inOff + i], a1 = in[inOff + i + 1];
			double[] r0 = r[i], r1 = r[i + 1];
			for (int j = 0; j < k; j++) out[j] = out[j] + a0 * r0[j] + a1 * r1[j];
			break;
		}
		case 1: {
			double a0 = in[inOff + i];
			double[] r0 = r[i];
			for (int j = 0; j < k; j++) out[j] += a0 * r0[j];
			break;
		}
		default:
		}
	}

	/** The sticky matrix is symmetric: P v = P^T v = (s - u) v + u sum(v). */
	private void stickyProduct(double[] in, int inOff, double[] out) {
		double sum = 0;
		for (int i = 0; i < k; i++) sum += in[inOff + i];
		double us = offDiagonal * sum, d = diagonal - offDiagonal;
		for (int i = 0; i < k; i++) out[i] = d * in[inOff + i] + us;
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
			double[] col = logPT[j];
			for (int i = 0; i < k; i++) {
				double v = delta[i] + col[i];
				if (v > b) {
					b = v;
					arg = i;
				}
			}
			best[j] = b;
			from[fromOff + j] = arg;
		}
	}
}
