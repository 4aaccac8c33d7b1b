package org.latentj.model.hmm;

import java.util.Locale;

import org.latentj.util.BadInputException;

/**
 * The states of one session under a model: a label per frame (-1 where the frame is not scored, i.e.
 * the first {@code lags} frames), the posterior probability of that label, and the session's
 * marginal log-likelihood.
 */
public final class Decoding {

	/** posterior: the most probable state of each frame; viterbi: the most likely path. */
	public enum Mode {
		POSTERIOR, VITERBI;

		public static Mode parse(String key) {
			String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
			if (k.equals("posterior")) return POSTERIOR;
			if (k.equals("viterbi")) return VITERBI;
			throw new BadInputException("decode must be viterbi or posterior (got '" + key + "').");
		}
	}

	public final String session;
	public final int[] labels;
	/** Posterior probability of the label at each frame (NaN where not scored). */
	public final double[] probability;
	/** Marginal log-likelihood of the scored frames (standardised units). */
	public final double logLik;
	public final int scoredFrames;

	private Decoding(String session, int[] labels, double[] probability, double logLik, int scoredFrames) {
		this.session = session;
		this.labels = labels;
		this.probability = probability;
		this.logLik = logLik;
		this.scoredFrames = scoredFrames;
	}

	/** Decodes a whole standardised session (T x D) as one sequence. */
	public static Decoding of(Hmm hmm, String session, double[] x, Mode mode) {
		int frames = x.length / hmm.dim(), lags = hmm.lags(), k = hmm.states();
		if (frames <= lags)
			throw new BadInputException("Session " + session + " has " + frames + " frames, not more than the model's " + lags
					+ " lags, so no frame can be labelled.");
		Posterior post = hmm.posterior(x, lags, frames);
		int[] path = mode == Mode.VITERBI ? hmm.viterbi(x, lags, frames).path : post.mostProbableStates();
		int[] labels = new int[frames];
		double[] prob = new double[frames];
		for (int t = 0; t < lags; t++) {
			labels[t] = -1;
			prob[t] = Double.NaN;
		}
		for (int t = lags; t < frames; t++) {
			int z = path[t - lags];
			labels[t] = z;
			prob[t] = post.smoothed[(t - lags) * k + z];
		}
		return new Decoding(session, labels, prob, post.marginalLogLik, frames - lags);
	}

	/** Log-likelihood per scored frame. */
	public double logLikPerFrame() {
		return logLik / scoredFrames;
	}
}
