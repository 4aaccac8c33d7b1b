package org.latentj.hmm;

/**
 * What forward-backward infers about one sequence of T frames and K states. Arrays are flat,
 * row-major T x K ({@code t * K + k}).
 */
public final class Posterior {
	public final int frames, states;
	/** log p(x_{1:T}) under the model. */
	public final double marginalLogLik;
	/** q(z_t = k) = p(z_t = k | x_{1:T}). */
	public final double[] smoothed;
	/** Expected transition counts sum_t q(z_t = i, z_{t+1} = j), K x K; null unless asked for. */
	public final double[] transitionCounts;
	/** p(z_t = k | x_{1:t-1}) (row 0 is the initial distribution); null unless asked for. */
	public final double[] predicted;
	/** p(z_t = k | x_{1:t}); null unless asked for. */
	public final double[] filtered;

	Posterior(int frames, int states, double marginalLogLik, double[] smoothed, double[] transitionCounts,
			double[] predicted, double[] filtered) {
		this.frames = frames;
		this.states = states;
		this.marginalLogLik = marginalLogLik;
		this.smoothed = smoothed;
		this.transitionCounts = transitionCounts;
		this.predicted = predicted;
		this.filtered = filtered;
	}

	/** The most probable state of each frame (argmax of the smoothed probabilities; ties to the lower state). */
	public int[] mostProbableStates() {
		int[] z = new int[frames];
		for (int t = 0; t < frames; t++) {
			int row = t * states, best = 0;
			for (int k = 1; k < states; k++)
				if (smoothed[row + k] > smoothed[row + best]) best = k;
			z[t] = best;
		}
		return z;
	}
}
