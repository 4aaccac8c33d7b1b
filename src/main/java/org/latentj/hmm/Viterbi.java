package org.latentj.hmm;

/**
 * The most likely state path argmax_z p(z_{1:T} | x_{1:T}) and its log joint probability
 * log p(x_{1:T}, z*_{1:T}), in log space (as hmmlearn). Ties go to the lower state. O(T K^2)
 * for a dense transition matrix, O(T K) for a sticky one; O(TK) memory for the back-pointers.
 */
public final class Viterbi {

	public final int[] path;
	public final double logProb;

	private Viterbi(int[] path, double logProb) {
		this.path = path;
		this.logProb = logProb;
	}

	public static Viterbi decode(double[] initial, TransitionMatrix p, double[] logLik, int frames) {
		int k = p.states();
		if (frames < 1 || initial.length != k || logLik.length < frames * k)
			throw new IllegalArgumentException("shape mismatch: K=" + k + ", T=" + frames);
		int[] from = new int[frames * k];
		double[] delta = new double[k], best = new double[k];
		for (int j = 0; j < k; j++) delta[j] = Math.log(initial[j]) + logLik[j];
		for (int t = 1; t < frames; t++) {
			p.viterbiStep(delta, best, from, t * k);
			int row = t * k;
			for (int j = 0; j < k; j++) delta[j] = best[j] + logLik[row + j];
		}
		int end = 0;
		for (int j = 1; j < k; j++)
			if (delta[j] > delta[end]) end = j;
		int[] path = new int[frames];
		path[frames - 1] = end;
		for (int t = frames - 1; t > 0; t--) path[t - 1] = from[t * k + path[t]];
		return new Viterbi(path, delta[end]);
	}
}
