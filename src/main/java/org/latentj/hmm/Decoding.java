package org.latentj.hmm;

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
		VITERBI, POSTERIOR;

		public static Mode parse(String key) {
			return org.latentj.util.Choices.parse(Mode.class, "decode", key);
		}
	}

	public final String session;
	public final int[] labels;
	/** Posterior probability of the label at each frame (NaN where not scored). */
	public final double[] probability;
	/** Marginal log-likelihood of the scored frames (standardized units). */
	public final double logLik;
	public final int scoredFrames;

	private Decoding(String session, int[] labels, double[] probability, double logLik, int scoredFrames) {
		this.session = session;
		this.labels = labels;
		this.probability = probability;
		this.logLik = logLik;
		this.scoredFrames = scoredFrames;
	}

	/**
	 * A decoding another model computed (an SLDS's, in Apply Model): labels (-1 unscored), the
	 * probability of each label, its (variational) log-likelihood and the number of scored frames.
	 */
	public static Decoding of(String session, int[] labels, double[] probability, double logLik, int scoredFrames) {
		return new Decoding(session, labels, probability, logLik, scoredFrames);
	}

	/**
	 * Decodes a whole standardized session (T x D) as one sequence, or, where frames were dropped
	 * (NaN rows), each run of usable frames as its own sequence. Streams ({@link StreamingDecoder}):
	 * no T x K array of doubles is held, only Viterbi's compact back-pointers when it is asked for.
	 */
	public static Decoding of(Hmm hmm, String session, double[] x, Mode mode) {
		int d = hmm.dim(), frames = x.length / d, lags = hmm.lags();
		int[] labels = new int[frames];
		double[] prob = new double[frames];
		java.util.Arrays.fill(labels, -1);
		java.util.Arrays.fill(prob, Double.NaN);
		int[] runs = SessionData.runs(x, d);
		double logLik = 0;
		int scored = 0;
		for (int r = 0; r < runs.length; r += 2) {
			int from = runs[r] + lags, to = runs[r + 1];
			if (to <= from) continue;
			logLik += StreamingDecoder.decode(hmm, session, x, from, to, mode, labels, prob);
			scored += to - from;
		}
		if (scored == 0)
			throw new BadInputException("Session " + session + " has no run of more than " + lags
					+ " usable frames (the model's lags), so no frame can be labeled.");
		return new Decoding(session, labels, prob, logLik, scored);
	}
}
