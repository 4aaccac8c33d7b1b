package org.latentj.hmm;

import java.util.ArrayList;
import java.util.List;

import org.latentj.util.BadInputException;
import org.latentj.util.Choices;
import org.latentj.util.NumpyRandom;
import org.latentj.util.Progress;

/**
 * hmmlearn's {@code GaussianHMM} on this engine: Gaussian observations ({@link LinearGaussianObservations}
 * with 0 lags), learned initial distribution and transition matrix, EM with hmmlearn's starting point
 * and M-step, so that a fit here can be compared number for number with one there.
 * <ul>
 * <li>Start: hmmlearn's for a given random_state, with numpy's and sklearn's draws ({@link NumpyRandom},
 * {@link SklearnKMeans}): means from sklearn's k-means (n_init=10), every covariance the data's covariance
 * (ddof 1) + min_covar I (its diagonal for {@code diag}), start probabilities and each transition row drawn from
 * Dirichlet(1/K).</li>
 * <li>M-step: means = sum q x / sum q; full covariance (covars_prior + C) / N, where hmmlearn adds the
 * scalar covars_prior (1e-2) to every entry of the scatter C; diag (covars_prior + C_ii) / max(N, 1e-5);
 * start and transition probabilities the normalised expected counts, as hmmlearn without the engine's +1e-32 floor
 * (a zero stays zero).</li>
 * <li>Stops when the total log-likelihood rises by less than {@code tolerance} (hmmlearn's tol, 1e-2),
 * or after {@code iterations} iterations; as in hmmlearn the last M-step is kept.</li>
 * </ul>
 * Departures: a state with no expected frame, or a transition row with no expected count, keeps its previous
 * parameters (hmmlearn would divide by 0 or leave a zero row).
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

	/**
	 * Total log-likelihood of the sequences (each T x D, row-major), as hmmlearn's score(X, lengths): in log space
	 * ({@link LogForwardBackward}), since hmmlearn's zero probabilities can make the engine's scaled recursion underflow.
	 */
	public static double logLikelihood(Hmm hmm, List<double[]> sequences) {
		double sum = 0;
		for (double[] x : sequences) {
			int t = x.length / hmm.dim();
			sum += LogForwardBackward.logLikelihood(hmm.initial().raw(), hmm.transitions().matrix(), hmm.logLikelihoods(x, 0, t), t);
		}
		return sum;
	}

	/**
	 * Fits by EM from hmmlearn's random start for {@code GaussianHMM(random_state=randomState)} (numpy's draws, so the
	 * same start as hmmlearn's to rounding); {@code sequences} are T x D row-major arrays.
	 */
	public static Fit fit(List<double[]> sequences, int d, Settings s, long randomState, Progress progress) {
		long frames = 0;
		for (double[] x : sequences) frames += x.length / d;
		if (frames < s.states())
			throw new BadInputException("states = " + s.states() + " is more than the " + frames + " training frames.");
		return em(start(sequences, d, frames, s, randomState), sequences, d, s, progress);
	}

	/** EM from {@code hmm} until hmmlearn's stopping rule; the fit's score is in log space. */
	static Fit em(Hmm hmm, List<double[]> sequences, int d, Settings s, Progress progress) {
		List<FitData.Stretch> data = stretches(sequences, d);
		EStep estep = new EStep();
		double previous = Double.NEGATIVE_INFINITY;
		boolean converged = false;
		int it = 0;
		ConvergenceEstimate done = new ConvergenceEstimate(s.tolerance(), s.iterations());
		while (it < s.iterations()) {
			progress.checkCancelled();
			it++;
			EStep.Expectations e;
			try {
				e = estep.expectations(hmm, data);
			} catch (BadInputException underflow) {
				// a training frame underflowed to probability 0 in the engine's scaled recursion (exact zeros in the
				// start or transitions, thin covariances): this iteration in log space, as hmmlearn's E-step always is
				e = logSpaceExpectations(hmm, data);
				if (!Double.isFinite(e.logLik)) throw underflow; // no path at all: the data or the model are at fault
			}
			hmm = maximize(hmm, e, s.covariance());
			progress.update(done.step(it, it > 1 ? e.logLik - previous : Double.NaN), null);
			if (it > 1 && e.logLik - previous < s.tolerance()) {
				converged = true;
				break;
			}
			previous = e.logLik;
		}
		return new Fit(hmm, logLikelihood(hmm, sequences), it, converged);
	}

	/** The E-step by {@link LogForwardBackward} (hmmlearn's implementation="log"): slower, but no frame underflows. */
	static EStep.Expectations logSpaceExpectations(Hmm hmm, List<FitData.Stretch> data) {
		int k = hmm.states();
		Observations obs = hmm.observations();
		EStep.Expectations e = new EStep.Expectations();
		e.observations = new double[k * obs.statsSize()];
		e.transitions = new double[k * k]; // GaussianHmm's transitions are always learned
		e.initial = new double[k];
		for (FitData.Stretch st : data) {
			int t = st.frames();
			double[] ll = new double[t * k];
			obs.logLikelihoods(st.x, st.from, st.to, ll);
			Posterior p = LogForwardBackward.smoothAll(hmm.initial().raw(), hmm.transitions().matrix(), ll, t, true);
			e.logLik += p.marginalLogLik;
			obs.accumulateStats(st.x, st.from, st.to, p.smoothed, e.observations);
			for (int i = 0; i < k * k; i++) e.transitions[i] += p.transitionCounts[i];
			for (int j = 0; j < k; j++) e.initial[j] += p.smoothed[j];
		}
		return e;
	}

	/**
	 * hmmlearn's _init for random_state r: start probabilities, then each transition row, Dirichlet(1/K) from one
	 * RandomState(r); the means sklearn's KMeans(n_init=10, random_state=r) from another; every covariance the data's
	 * (ddof 1) + min_covar I.
	 */
	static Hmm start(List<double[]> sequences, int d, long frames, Settings s, long randomState) {
		int k = s.states();
		double[] all = new double[(int) frames * d];
		int off = 0;
		for (double[] x : sequences) {
			System.arraycopy(x, 0, all, off, x.length);
			off += x.length;
		}
		int n = (int) frames;
		double[][] means = SklearnKMeans.centers(all, n, d, k, new NumpyRandom(randomState));
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
		NumpyRandom random = new NumpyRandom(randomState);
		double[] alpha = new double[k];
		java.util.Arrays.fill(alpha, 1.0 / k);
		double[] pi = random.dirichlet(alpha);
		double[] p = new double[k * k];
		for (int i = 0; i < k; i++) System.arraycopy(random.dirichlet(alpha), 0, p, i * k, k);
		return new Hmm(InitialDistribution.of(pi, true), Transitions.learned(TransitionMatrix.dense(k, p), 0, 1), obs);
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
		return new Hmm(InitialDistribution.of(startMStep(hmm.initial().probabilities(), e.initial), true),
				Transitions.learned(TransitionMatrix.dense(k, transMStep(hmm.transitions().matrix().toArray(), e.transitions, k)), 0, 1),
				obs.with(means, covs));
	}

	/**
	 * hmmlearn's start M-step (startprob_prior 1): the expected first-frame counts normalised, a zero staying zero. No
	 * floor, unlike the engine's +1e-32: a probability that reaches 0 stays 0 as in hmmlearn, and with these thin
	 * covariances a floor changes the fits (a 1e-32 transition costs 74 nats, less than a frame's emission gap).
	 */
	static double[] startMStep(double[] previous, double[] counts) {
		double[] p = new double[counts.length];
		double sum = 0;
		for (int j = 0; j < p.length; j++) sum += p[j] = previous[j] == 0 ? 0 : Math.max(counts[j], 0);
		if (!(sum > 0)) return previous;
		for (int j = 0; j < p.length; j++) p[j] /= sum;
		return p;
	}

	/** hmmlearn's transition M-step (transmat_prior 1), row by row; a row with no expected count keeps its previous values. */
	static double[] transMStep(double[] previous, double[] counts, int k) {
		double[] p = new double[k * k];
		for (int i = 0; i < k; i++) {
			double sum = 0;
			for (int j = 0; j < k; j++) sum += p[i * k + j] = previous[i * k + j] == 0 ? 0 : Math.max(counts[i * k + j], 0);
			for (int j = 0; j < k; j++) p[i * k + j] = sum > 0 ? p[i * k + j] / sum : previous[i * k + j];
		}
		return p;
	}

	/** Index of (a, b), a <= b, in the packed upper triangle of an n x n matrix (row by row). */
	private static int packed(int n, int a, int b) {
		return a * n - a * (a - 1) / 2 + (b - a);
	}
}
