package org.latentj.hmm;

import java.util.Arrays;

import org.latentj.util.BadInputException;

/**
 * The distribution of the first state of each sequence: uniform (fixed, as in the STATS320 ARHMM lab) or
 * learned (the M-step averages the first frame's posterior over sequences).
 */
public final class InitialDistribution {

	private final boolean learned;
	private final double[] probs;

	private InitialDistribution(boolean learned, double[] probs) {
		this.learned = learned;
		this.probs = probs;
	}

	public static InitialDistribution uniform(int k) {
		double[] p = new double[k];
		Arrays.fill(p, 1.0 / k);
		return new InitialDistribution(false, p);
	}

	/** Starts uniform; {@link #maximize} learns it. */
	public static InitialDistribution learned(int k) {
		return new InitialDistribution(true, uniform(k).probs);
	}

	/** Given probabilities (e.g. from a model file), fixed or learned. */
	public static InitialDistribution of(double[] probs, boolean learned) {
		double sum = 0;
		for (double v : probs) {
			if (!(v >= 0 && v <= 1)) throw new BadInputException("An initial probability is " + v + ", not in [0, 1].");
			sum += v;
		}
		if (Math.abs(sum - 1) > 1e-6) throw new BadInputException("The initial probabilities sum to " + sum + ", not 1.");
		return new InitialDistribution(learned, probs.clone());
	}

	public boolean isLearned() {
		return learned;
	}

	public double[] probabilities() {
		return probs.clone();
	}

	double[] raw() {
		return probs;
	}

	/** The M-step: the average first-frame posterior (floored at 1e-32 so no state becomes impossible). */
	public InitialDistribution maximize(double[] stats) {
		if (!learned) return this;
		double sum = 0;
		for (double v : stats) sum += v + 1e-32;
		if (!(sum > 0)) return this;
		double[] p = new double[stats.length];
		for (int j = 0; j < p.length; j++) p[j] = (stats[j] + 1e-32) / sum;
		return new InitialDistribution(true, p);
	}

	public InitialDistribution permute(int[] order) {
		double[] p = new double[probs.length];
		for (int j = 0; j < p.length; j++) p[j] = probs[order[j]];
		return new InitialDistribution(learned, p);
	}
}
