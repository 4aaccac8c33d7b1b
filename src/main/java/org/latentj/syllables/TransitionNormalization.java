package org.latentj.syllables;

import org.latentj.util.Choices;

/**
 * How a transition count matrix is normalized (the moseq2-viz choices); the keys name the
 * {@code normalization} choices of Syllable Statistics and the columns of transitions.csv. Rows or columns without any
 * transition stay all zero rather than becoming 0/0.
 */
public enum TransitionNormalization {
	/** Divided by the total number of transitions: the joint probability of a (from, to) pair. */
	BIGRAM,
	/** Each row divided by its sum: P(to | from). */
	ROW,
	/** Each column divided by its sum: P(from | to). */
	COLUMN,
	/** Raw counts of from-to pairs of consecutive runs. */
	COUNTS;

	/** The option string ({@link Choices#key}). */
	public final String key = Choices.key(this);

	/** The normalization with this key (case-insensitive; {@link Choices#parse}, so the options are listed in declaration order). */
	public static TransitionNormalization parse(String key) {
		return Choices.parse(TransitionNormalization.class, "normalization", key);
	}

	/** Applies this normalization to a row-major {@code k x k} count matrix. */
	public double[] apply(long[] counts, int k) {
		double[] out = new double[k * k];
		for (int i = 0; i < out.length; i++) out[i] = counts[i];
		switch (this) {
		case COUNTS:
			break;
		case BIGRAM: {
			double total = 0;
			for (long c : counts) total += c;
			if (total > 0) for (int i = 0; i < out.length; i++) out[i] /= total;
			break;
		}
		case ROW:
			for (int r = 0; r < k; r++) {
				double s = 0;
				for (int c = 0; c < k; c++) s += out[r * k + c];
				if (s > 0) for (int c = 0; c < k; c++) out[r * k + c] /= s;
			}
			break;
		case COLUMN:
			for (int c = 0; c < k; c++) {
				double s = 0;
				for (int r = 0; r < k; r++) s += out[r * k + c];
				if (s > 0) for (int r = 0; r < k; r++) out[r * k + c] /= s;
			}
			break;
		}
		return out;
	}
}
