package org.latentj.hmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.latentj.util.BadInputException;
import org.latentj.util.Choices;
import org.latentj.util.Progress;

/**
 * hmmlearn's {@code GaussianHMM} on this engine: Gaussian observations ({@link LinearGaussianObservations}
 * with 0 lags), learned initial distribution and transition matrix, EM with hmmlearn's starting point
 * and M-step, so that a fit here can be compared number for number with one there.
 * <ul>
 * <li>Start: means from k-means (best of 10 k-means++ runs, as sklearn's {@code n_init=10}), every
 * covariance the data's covariance (ddof 1) + min_covar I (its diagonal for {@code diag}), start
 * probabilities and each transition row drawn from Dirichlet(1/K).</li>
 * <li>M-step: means = sum q x / sum q; full covariance (covars_prior + C) / N, where hmmlearn adds the
 * scalar covars_prior (1e-2) to every entry of the scatter C; diag (covars_prior + C_ii) / max(N, 1e-5);
 * start and transition probabilities the normalised expected counts (+1e-32, as the engine).</li>
 * <li>Stops when the total log-likelihood rises by less than {@code tolerance} (hmmlearn's tol, 1e-2),
 * or after {@code iterations} iterations; as in hmmlearn the last M-step is kept.</li>
 * </ul>
 * Departure: a state with no expected frame keeps its previous parameters (hmmlearn would divide by 0).
 */
public final class GaussianHmm {

	/** hmmlearn's default min_covar (added to the starting covariance). */
	public static final double MIN_COVAR = 1e-3;
	/** hmmlearn's default covars_prior (added to every entry of each state's scatter in the M-step). */
	public static final double COVARS_PRIOR = 1e-2;

	public enum Covariance {
		FULL, DIAG;

		public String key() {
			return Choices.key(this);
		}

		public static Covariance parse(String key) {
			return Choices.parse(Covariance.class, "covariance", key);
		}
	}

	/** One EM fit's settings (hmmlearn's n_components, covariance_type, n_iter, tol, min_covar). */
	public record Settings(int states, Covariance covariance, int iterations, double tolerance, double minCovar) {
		public Settings {
			if (states < 1) throw new BadInputException("states must be at least 1 (got " + states + ").");
			if (iterations < 1) throw new BadInputException("iterations must be at least 1 (got " + iterations + ").");
			if (!(tolerance >= 0)) throw new BadInputException("tolerance must be >= 0 (got " + tolerance + ").");
			if (!(minCovar > 0)) throw new BadInputException("min_covar must be > 0 (got " + minCovar + ").");
		}
	}

	/** A fitted model with its training log-likelihood (total, after the last M-step). */
	public record Fit(Hmm hmm, double logLik, int iterations, boolean converged) {
	}

	private GaussianHmm() {
	}

	/** hmmlearn's free parameters: (K-1) + K(K-1) + K D + K D(D+1)/2 (full) or K D (diag). */
	public static long parameters(int k, int d, Covariance c) {
		long cov = c == Covariance.FULL ? (long) k * d * (d + 1) / 2 : (long) k * d;
		return (k - 1) + (long) k * (k - 1) + (long) k * d + cov;
	}

	/** A model from hmmlearn's parameters (startprob_, transmat_, means_, full covars_). */
	public static Hmm model(double[] startprob, double[][] transmat, double[][] means, double[][] covariances) {
		int k = means.length, d = means[0].length;
		LinearGaussianObservations obs = LinearGaussianObservations.gaussian(k, d);
		for (int s = 0; s < k; s++) obs.set(s, means[s], covariances[s]);
		double[] p = new double[k * k];
		for (int i = 0; i < k; i++) System.arraycopy(transmat[i], 0, p, i * k, k);
		return new Hmm(InitialDistribution.of(startprob, true), Transitions.learned(TransitionMatrix.dense(k, p), 0, 1), obs);
	}

	private static List<FitData.Stretch> stretches(List<double[]> sequences, int d) {
		List<FitData.Stretch> out = new ArrayList<>();
		for (double[] x : sequences) out.add(new FitData.Stretch(x, 0, x.length / d));
		return out;
	}

	/** Total log-likelihood of the sequences (each T x D, row-major), as hmmlearn's score(X, lengths). */
	public static double logLikelihood(Hmm hmm, List<double[]> sequences) {
		return new EStep().logLikelihood(hmm, stretches(sequences, hmm.dim()));
	}

	/** Fits by EM from hmmlearn's random start; {@code sequences} are T x D row-major arrays. */
	public static Fit fit(List<double[]> sequences, int d, Settings s, Random random, Progress progress) {
		List<FitData.Stretch> data = stretches(sequences, d);
		long frames = 0;
		for (FitData.Stretch st : data) frames += st.frames();
		if (frames < s.states())
			throw new BadInputException("states = " + s.states() + " is more than the " + frames + " training frames.");
		EStep estep = new EStep();
		Hmm hmm = start(sequences, d, frames, s, random);
		double previous = Double.NEGATIVE_INFINITY;
		boolean converged = false;
		int it = 0;
		ConvergenceEstimate done = new ConvergenceEstimate(s.tolerance(), s.iterations());
		while (it < s.iterations()) {
			progress.checkCancelled();
			it++;
			EStep.Expectations e = estep.expectations(hmm, data);
			hmm = maximize(hmm, e, s.covariance());
			progress.update(done.step(it, it > 1 ? e.logLik - previous : Double.NaN), null);
			if (it > 1 && e.logLik - previous < s.tolerance()) {
				converged = true;
				break;
			}
			previous = e.logLik;
		}
		return new Fit(hmm, estep.logLikelihood(hmm, data), it, converged);
	}

	/** hmmlearn's _init: k-means means, data covariance + min_covar, Dirichlet(1/K) start and transitions. */
	static Hmm start(List<double[]> sequences, int d, long frames, Settings s, Random random) {
		int k = s.states();
		double[] all = new double[(int) frames * d];
		int off = 0;
		for (double[] x : sequences) {
			System.arraycopy(x, 0, all, off, x.length);
			off += x.length;
		}
		int n = (int) frames;
		double[][] means = kmeansCenters(all, n, d, k, random);
		double[] mu = new double[d];
		for (int t = 0; t < n; t++)
			for (int i = 0; i < d; i++) mu[i] += all[t * d + i];
		for (int i = 0; i < d; i++) mu[i] /= n;
		double[] cov = new double[d * d];
		for (int t = 0; t < n; t++)
			for (int i = 0; i < d; i++) {
				double a = all[t * d + i] - mu[i];
				for (int j = 0; j < d; j++) cov[i * d + j] += a * (all[t * d + j] - mu[j]);
			}
		for (int i = 0; i < d * d; i++) cov[i] /= Math.max(1, n - 1);
		for (int i = 0; i < d; i++)
			for (int j = 0; j < d; j++) {
				if (i == j) cov[i * d + j] += s.minCovar();
				else if (s.covariance() == Covariance.DIAG) cov[i * d + j] = 0;
			}
		LinearGaussianObservations obs = LinearGaussianObservations.gaussian(k, d);
		for (int j = 0; j < k; j++) obs.set(j, means[j], cov);
		double[] pi = dirichlet(k, 1.0 / k, random);
		double[] p = new double[k * k];
		for (int i = 0; i < k; i++) System.arraycopy(dirichlet(k, 1.0 / k, random), 0, p, i * k, k);
		return new Hmm(InitialDistribution.of(pi, true), Transitions.learned(TransitionMatrix.dense(k, p), 0, 1), obs);
	}

	/** Centers of the best (least inertia) of 10 k-means++ runs, as sklearn's KMeans(n_init=10). */
	static double[][] kmeansCenters(double[] points, int n, int d, int k, Random random) {
		double[][] best = null;
		double bestInertia = Double.POSITIVE_INFINITY;
		for (int run = 0; run < 10; run++) {
			int[] label = KMeans.cluster(points, d, k, random, 300);
			double[][] c = new double[k][d];
			int[] count = new int[k];
			for (int t = 0; t < n; t++) {
				count[label[t]]++;
				for (int i = 0; i < d; i++) c[label[t]][i] += points[t * d + i];
			}
			for (int j = 0; j < k; j++)
				for (int i = 0; i < d; i++) c[j][i] = count[j] == 0 ? points[j * d + i] : c[j][i] / count[j];
			double inertia = 0;
			for (int t = 0; t < n; t++)
				for (int i = 0; i < d; i++) {
					double v = points[t * d + i] - c[label[t]][i];
					inertia += v * v;
				}
			if (inertia < bestInertia) {
				bestInertia = inertia;
				best = c;
			}
		}
		return best;
	}

	/** Dirichlet(alpha, ..., alpha) by normalised Gamma draws (Marsaglia-Tsang, boosted for alpha < 1). */
	static double[] dirichlet(int k, double alpha, Random random) {
		double[] g = new double[k];
		double sum = 0;
		for (int j = 0; j < k; j++) sum += g[j] = gamma(alpha, random);
		if (!(sum > 0)) { // every draw underflowed: the distribution's mean
			java.util.Arrays.fill(g, 1.0 / k);
			return g;
		}
		for (int j = 0; j < k; j++) g[j] /= sum;
		return g;
	}

	private static double gamma(double a, Random random) {
		if (a < 1) return gamma(a + 1, random) * Math.pow(random.nextDouble(), 1 / a);
		double d = a - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
		while (true) {
			double x = random.nextGaussian(), v = 1 + c * x;
			if (v <= 0) continue;
			v = v * v * v;
			double u = random.nextDouble();
			if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
		}
	}

	/** hmmlearn's M-step from the engine's statistics (per state the packed Gram matrix of (x, 1)). */
	static Hmm maximize(Hmm hmm, EStep.Expectations e, Covariance type) {
		LinearGaussianObservations obs = (LinearGaussianObservations) hmm.observations();
		int k = obs.states(), d = obs.dim(), n = d + 1, gram = obs.statsSize();
		double[][] means = new double[k][], covs = new double[k][];
		for (int s = 0; s < k; s++) {
			int o = s * gram;
			double frames = e.observations[o + packed(n, n - 1, n - 1)];
			if (!(frames >= LinearGaussianObservations.EMPTY_FRAMES)) continue;
			double[] sx = new double[d], m = new double[d];
			for (int i = 0; i < d; i++) {
				sx[i] = e.observations[o + packed(n, i, n - 1)];
				m[i] = sx[i] / frames;
			}
			double[] cov = new double[d * d];
			for (int i = 0; i < d; i++)
				for (int j = 0; j < d; j++) {
					if (type == Covariance.DIAG && i != j) continue;
					double c = e.observations[o + packed(n, Math.min(i, j), Math.max(i, j))] - sx[i] * m[j] - m[i] * sx[j]
							+ m[i] * m[j] * frames;
					cov[i * d + j] = (COVARS_PRIOR + c) / (type == Covariance.DIAG ? Math.max(frames, 1e-5) : frames);
				}
			means[s] = m;
			covs[s] = cov;
		}
		// a state whose covariance is not positive definite keeps its previous, valid parameters (only with degenerate data)
		return new Hmm(hmm.initial().maximize(e.initial), hmm.transitions().maximize(e.transitions), obs.with(means, covs));
	}

	/** Index of (a, b), a <= b, in the packed upper triangle of an n x n matrix (row by row). */
	private static int packed(int n, int a, int b) {
		return a * n - a * (a - 1) / 2 + (b - a);
	}
}
