package org.latentj.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * What drives each phase transition i -> j seen in the Viterbi paths: at each occurrence t (the last
 * epoch in state i, as in the seed), the gradient of the filtered log-probability of the next phase,
 * d/dx_t log p(s_t = j | x_{1:t}) = Sigma_j^-1 (mu_j - x_t) - sum_k p_k Sigma_k^-1 (mu_k - x_t),
 * p = p(s_t | x_{1:t}). (p(s_t | x_{1:t}) is proportional to p(s_t | x_{1:t-1}) N(x_t; mu, Sigma), and
 * only the Gaussian depends on x_t.) The seed subtracts {@code np.sum} of the list of the K vectors
 * p_k Sigma_k^-1 (mu_k - x_t), a scalar (the sum of all their entries), from every metric: a bug, since
 * the second term is a vector. Averaged over occurrences, metrics ranked by |mean gradient|.
 */
public final class TransitionGradients {

	/** One transition's characterisation; arrays indexed by metric, {@code order} most to least driving. */
	public record Transition(int from, int to, int occurrences, double probability, double[] meanGradient,
			double[] meanDifference, int[] order) {
	}

	private final PhaseModel model;
	/** Per state, Sigma^-1 (D x D) and Sigma^-1 mu. */
	private final double[][] precision, precisionMean;

	public TransitionGradients(PhaseModel model) {
		this.model = model;
		int k = model.states(), d = model.dim();
		precision = new double[k][];
		precisionMean = new double[k][];
		for (int s = 0; s < k; s++) {
			DMatrixRMaj inv = new DMatrixRMaj(d, d);
			if (!CommonOps_DDRM.invertSPD(new DMatrixRMaj(d, d, true, model.covariance(s)), inv))
				throw new IllegalStateException("covariance of state " + s + " is not positive definite");
			double[] p = inv.getData().clone();
			for (int a = 0; a < d; a++) // exactly symmetric
				for (int b = 0; b < a; b++) p[a * d + b] = p[b * d + a] = 0.5 * (p[a * d + b] + p[b * d + a]);
			precision[s] = p;
			double[] mu = model.mean(s), pm = new double[d];
			for (int a = 0; a < d; a++)
				for (int b = 0; b < d; b++) pm[a] += p[a * d + b] * mu[b];
			precisionMean[s] = pm;
		}
	}

	/** d/dx_t log p(s_t = j | x_{1:t}) for frame t of a z-scored run x, given its filtered probabilities. */
	public double[] gradient(double[] x, double[] filtered, int t, int j) {
		int k = model.states(), d = model.dim();
		double[] g = score(x, t, j);
		for (int s = 0; s < k; s++) {
			double p = filtered[t * k + s];
			if (p == 0) continue;
			double[] gs = score(x, t, s);
			for (int a = 0; a < d; a++) g[a] -= p * gs[a];
		}
		return g;
	}

	/** d/dx log N(x; mu_s, Sigma_s) = Sigma_s^-1 (mu_s - x) at frame t. */
	private double[] score(double[] x, int t, int s) {
		int d = model.dim();
		double[] g = precisionMean[s].clone(), p = precision[s];
		for (int a = 0; a < d; a++) {
			double v = 0;
			for (int b = 0; b < d; b++) v += p[a * d + b] * x[t * d + b];
			g[a] -= v;
		}
		return g;
	}

	/** Every transition seen in the paths (one path per run of {@code data}), in order of (from, to). */
	public List<Transition> characterize(List<double[]> data, List<int[]> paths) {
		int k = model.states(), d = model.dim();
		double[][] sum = new double[k * k][];
		int[] count = new int[k * k];
		for (int r = 0; r < data.size(); r++) {
			int[] path = paths.get(r);
			double[] filtered = null;
			for (int t = 0; t + 1 < path.length; t++) {
				int i = path[t], j = path[t + 1];
				if (i == j) continue;
				if (filtered == null) filtered = model.posterior(data.get(r)).filtered;
				double[] g = gradient(data.get(r), filtered, t, j);
				if (sum[i * k + j] == null) sum[i * k + j] = new double[d];
				for (int a = 0; a < d; a++) sum[i * k + j][a] += g[a];
				count[i * k + j]++;
			}
		}
		double[] p = model.transitions();
		List<Transition> out = new ArrayList<>();
		for (int i = 0; i < k; i++)
			for (int j = 0; j < k; j++) {
				int n = count[i * k + j];
				if (n == 0) continue;
				double[] mean = new double[d], diff = new double[d];
				double[] mi = model.mean(i), mj = model.mean(j);
				for (int a = 0; a < d; a++) {
					mean[a] = sum[i * k + j][a] / n;
					diff[a] = mj[a] - mi[a];
				}
				Integer[] idx = new Integer[d];
				for (int a = 0; a < d; a++) idx[a] = a;
				Arrays.sort(idx, Comparator.comparingDouble((Integer a) -> -Math.abs(mean[a])).thenComparingInt(a -> a));
				out.add(new Transition(i, j, n, p[i * k + j], mean, diff, Arrays.stream(idx).mapToInt(Integer::intValue).toArray()));
			}
		return out;
	}
}
