package org.latentj.hmm;

/**
 * The fraction of an iterative fit that is done, for the progress bar. Counting steps against the
 * iteration maximum leaves the bar near 0 when EM converges in 37 of 100 iterations and split/merge
 * stops after 8 of 50 rounds (issue 15). EM's gains shrink roughly geometrically, so the last two
 * gains extrapolate to the step where the gain falls under the tolerance (where the loop stops); the
 * fraction is the larger of that estimate and steps / maximum, and never decreases. Used by every EM
 * loop with a tolerance (HMM, Gaussian HMM of training phases, SLDS).
 */
public final class ConvergenceEstimate {

	private final double tolerance;
	private final int maximum;
	private double lastGain = Double.NaN, fraction;

	public ConvergenceEstimate(double tolerance, int maximum) {
		this.tolerance = tolerance;
		this.maximum = Math.max(1, maximum);
	}

	/** Records that step {@code done} (from 1) gained {@code gain} (NaN if unknown); returns the fraction done. */
	public double step(int done, double gain) {
		double f = (double) done / maximum;
		if (gain > tolerance && lastGain > gain) {
			double remaining = Math.ceil(Math.log(tolerance / gain) / Math.log(gain / lastGain)); // whole steps
			f = Math.max(f, done / (done + remaining));
		} else if (gain >= 0 && gain < tolerance) f = 1; // the loop stops here
		if (gain > 0) lastGain = gain;
		fraction = Math.min(1, Math.max(fraction, f));
		return fraction;
	}

	double fraction() {
		return fraction;
	}
}
