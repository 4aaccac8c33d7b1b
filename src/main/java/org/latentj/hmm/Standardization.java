package org.latentj.hmm;

import java.util.List;
import java.util.Locale;

import org.latentj.util.BadInputException;

/**
 * How PCs are standardized before modeling, fitted on the training frames of all sessions:
 * z = M (x - mean) with
 * <ul>
 * <li>{@code zscore} (the STATS320 ARHMM lab): M = diag(1 / std), std with the n - 1 denominator (torch.std);</li>
 * <li>{@code whiten} (moseq2's 'all'): M = L^{-1}, L the Cholesky factor of the pooled covariance;</li>
 * <li>{@code none}: M = I, mean 0.</li>
 * </ul>
 */
public final class Standardization {

	public enum Kind {
		ZSCORE, WHITEN, NONE;

		public String key() {
			return org.latentj.util.Choices.key(this);
		}

		public static Kind parse(String key) {
			return org.latentj.util.Choices.parse(Kind.class, "standardize", key);
		}
	}

	private final Kind kind;
	private final double[] mean;
	/** D x D, row-major. */
	private final double[] matrix;
	private final int d;

	public Standardization(Kind kind, double[] mean, double[] matrix) {
		this.kind = kind;
		this.d = mean.length;
		if (matrix.length != d * d) throw new BadInputException("The standardization matrix must be " + d + " x " + d + ".");
		for (double v : mean)
			if (!Double.isFinite(v)) throw new BadInputException("The standardization mean is not finite.");
		for (double v : matrix)
			if (!Double.isFinite(v)) throw new BadInputException("The standardization matrix is not finite.");
		this.mean = mean.clone();
		this.matrix = matrix.clone();
	}

	/**
	 * Fits on frames [0, ends[s]) of each session (each a T x D array), leaving out dropped (NaN) frames.
	 *
	 * @param names session names, for messages
	 */
	public static Standardization fit(Kind kind, List<double[]> sessions, int[] ends, int d, List<String> names) {
		double[] mean = new double[d], m = new double[d * d];
		long n = 0;
		for (int s = 0; s < sessions.size(); s++) {
			double[] x = sessions.get(s);
			for (int t = 0; t < ends[s]; t++) {
				if (Double.isNaN(x[t * d])) continue; // a dropped frame
				for (int i = 0; i < d; i++) mean[i] += x[t * d + i];
				n++;
			}
		}
		if (n < 2) throw new BadInputException("Standardization needs at least 2 training frames (got " + n + ").");
		for (int i = 0; i < d; i++) mean[i] /= n;
		double[] cov = new double[d * d];
		for (int s = 0; s < sessions.size(); s++) {
			double[] x = sessions.get(s);
			for (int t = 0; t < ends[s]; t++)
				for (int i = 0; i < d && !Double.isNaN(x[t * d]); i++) {
					double a = x[t * d + i] - mean[i];
					for (int j = 0; j <= i; j++) cov[i * d + j] += a * (x[t * d + j] - mean[j]);
				}
		}
		for (int i = 0; i < d; i++)
			for (int j = 0; j <= i; j++) {
				cov[i * d + j] /= n - 1;
				cov[j * d + i] = cov[i * d + j];
			}
		for (int i = 0; i < d; i++) {
			double tiny = 1e-9 * Math.max(1, Math.abs(mean[i])); // below float32 rounding of the values
			if (!(Math.sqrt(cov[i * d + i]) > tiny))
				throw new BadInputException("PC " + (i + 1) + " is constant over the training frames of "
						+ String.join(", ", names) + ", so it cannot be standardized or modeled; use fewer PCs.");
		}
		if (kind == Kind.NONE) { // mean 0, identity: the PCs as they are (but a constant PC is still refused above)
			java.util.Arrays.fill(mean, 0);
			for (int i = 0; i < d; i++) m[i * d + i] = 1;
			return new Standardization(kind, mean, m);
		}
		if (kind == Kind.ZSCORE) {
			for (int i = 0; i < d; i++) m[i * d + i] = 1 / Math.sqrt(cov[i * d + i]);
			return new Standardization(kind, mean, m);
		}
		// whitening: L^{-1} of the pooled covariance
		double[] l = new double[d * d];
		int dependent = Cholesky.factor(cov, d, 1e-12, l);
		if (dependent >= 0)
			throw new BadInputException("The PCs are linearly dependent over the training frames (PC " + (dependent + 1)
					+ " is a combination of the others), so they cannot be whitened; use zscore or fewer PCs.");
		m = Cholesky.invertLower(l, d);
		return new Standardization(kind, mean, m);
	}

	public Kind kind() {
		return kind;
	}

	public int dim() {
		return d;
	}

	public double[] mean() {
		return mean.clone();
	}

	public double[] matrix() {
		return matrix.clone();
	}

	/** Standardized copy of a T x D array. */
	public double[] apply(double[] x) {
		int t = x.length / d;
		double[] z = new double[x.length];
		double[] c = new double[d];
		for (int f = 0; f < t; f++) {
			for (int i = 0; i < d; i++) c[i] = x[f * d + i] - mean[i];
			for (int i = 0; i < d; i++) {
				double v = 0;
				for (int j = 0; j < d; j++) v += matrix[i * d + j] * c[j];
				z[f * d + i] = v;
			}
		}
		return z;
	}

	/** Back to PC units: x = M^{-1} z + mean. */
	public double[] invert(double[] z) {
		int t = z.length / d;
		double[] x = new double[z.length];
		// M is lower triangular (diagonal for zscore/none): forward substitution
		for (int f = 0; f < t; f++)
			for (int i = 0; i < d; i++) {
				double v = z[f * d + i];
				for (int j = 0; j < i; j++) v -= matrix[i * d + j] * (x[f * d + j] - mean[j]);
				x[f * d + i] = v / matrix[i * d + i] + mean[i];
			}
		return x;
	}
}
