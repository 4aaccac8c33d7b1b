package org.latentj.hmm;

import org.latentj.util.BadInputException;

/**
 * The transition part of an HMM: a fixed matrix (the STATS320 ARHMM lab's sticky matrix: {@code stickiness} on the
 * diagonal, the rest uniform), or a learned one with a Dirichlet prior on each row whose
 * concentration is {@code alpha} everywhere plus {@code kappa} on the diagonal. Its M-step is the
 * sticky MAP update of ssm and dynamax: P_ij proportional to N_ij + alpha - 1 + kappa [i = j], with
 * N the expected transition counts (plus 1e-32, as ssm, so that no transition becomes impossible).
 */
public final class Transitions {

	private final boolean learned;
	private final double kappa, alpha;
	private final TransitionMatrix matrix;

	private Transitions(boolean learned, double kappa, double alpha, TransitionMatrix matrix) {
		this.learned = learned;
		this.kappa = kappa;
		this.alpha = alpha;
		this.matrix = matrix;
	}

	/** The fixed sticky matrix of the STATS320 ARHMM lab. */
	public static Transitions fixedSticky(int k, double stickiness) {
		return new Transitions(false, 0, 1, TransitionMatrix.sticky(k, stickiness));
	}

	/** A fixed matrix (e.g. read from a model file). */
	public static Transitions fixed(TransitionMatrix matrix) {
		return new Transitions(false, 0, 1, matrix);
	}

	/** Learned, starting from the sticky matrix, with prior concentration alpha (everywhere) + kappa (diagonal). */
	public static Transitions learned(int k, double stickiness, double kappa, double alpha) {
		TransitionMatrix start = TransitionMatrix.sticky(k, stickiness);
		return learned(k == 1 ? start : TransitionMatrix.dense(k, start.toArray()), kappa, alpha);
	}

	/** Learned from a given starting matrix. */
	public static Transitions learned(TransitionMatrix start, double kappa, double alpha) {
		checkPrior(kappa, alpha);
		return new Transitions(true, kappa, alpha, start);
	}

	static void checkPrior(double kappa, double alpha) {
		if (!(kappa >= 0) || Double.isInfinite(kappa))
			throw new BadInputException("kappa (the extra prior weight on staying in a state) must be a finite number >= 0 (got "
					+ kappa + ").");
		if (!(alpha >= 1) || Double.isInfinite(alpha))
			throw new BadInputException("alpha (the Dirichlet concentration of every transition) must be a finite number >= 1 "
					+ "(got " + alpha + "); the MAP update adds alpha - 1 to every count.");
	}

	public boolean isLearned() {
		return learned;
	}

	public TransitionMatrix matrix() {
		return matrix;
	}

	/** The M-step from expected transition counts (K x K, row-major); a fixed matrix is returned unchanged. */
	public Transitions maximize(double[] counts) {
		if (!learned) return this;
		int k = matrix.states();
		double[] p = new double[k * k];
		for (int i = 0; i < k; i++) {
			double sum = 0;
			for (int j = 0; j < k; j++) {
				double v = counts[i * k + j] + 1e-32 + (alpha - 1) + (i == j ? kappa : 0);
				p[i * k + j] = v;
				sum += v;
			}
			for (int j = 0; j < k; j++) p[i * k + j] /= sum;
		}
		return new Transitions(true, kappa, alpha, TransitionMatrix.dense(k, p));
	}

	public Transitions permute(int[] order) {
		return new Transitions(learned, kappa, alpha, matrix.permute(order));
	}
}
