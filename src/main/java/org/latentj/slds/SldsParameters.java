package org.latentj.slds;

import org.latentj.hmm.InitialDistribution;
import org.latentj.hmm.Transitions;
import org.latentj.util.BadInputException;

/**
 * The parameters of a switching linear dynamical system with identity emissions, in standardised PC
 * units: discrete states z_t (initial distribution, transitions as the HMM engine's), a latent pose
 * x_t with x_t = sum_g A_{z_t,g} x_{t-g} + b_{z_t} + N(0, Q_{z_t}) for t >= G, x_t ~ N(0, priorVariance I)
 * for the first G frames of a sequence, and observations y_t = x_t + N(0, R) (identity emissions) or
 * y_t = C x_t + offset + N(0, R) (linear emissions, x of a lower dimension than y), R diagonal.
 * <p>
 * Weights use the HMM engine's layout (D x (GD + 1), columns x_{t-1}, ..., x_{t-G}, 1), so an AR-HMM
 * fit starts an SLDS as it is. Derived for inference, over the window v = (x_{t-G}, ..., x_t)
 * (n = (G + 1) D): with B_k = [-A_{k,G} ... -A_{k,1} I], P_k = B_k^T Q_k^{-1} B_k, h_k = B_k^T Q_k^{-1} b_k
 * and c_k = -b_k^T Q_k^{-1} b_k / 2 - log|2 pi Q_k| / 2, so that
 * E log N(x_t; W_k phi_t, Q_k) = -tr(P_k E[v v^T]) / 2 + h_k^T E[v] + c_k.
 * <p>
 * Observation noise: Gaussian N(0, R), or with finite {@link #dof} nu Student-t as a Gaussian scale mixture,
 * N(0, R / w_t) with a per-frame precision weight w_t ~ Gamma(nu / 2, rate nu / 2) (StructuredMeanField's q(w)).
 */
public final class SldsParameters {

	/** States, latent dimension, lags, observed dimension (= d with identity emissions). */
	public final int k, d, lags, obs;
	final double[][] weights, covs;
	final double[] noise;
	final double priorVariance;
	public final Transitions transitions;
	public final InitialDistribution initial;
	final double[][] p, h;
	final double[] c;
	/** Linear emissions y = C x + offset + N(0, R): C (obs x d) and offset (obs); both null for identity emissions. */
	final double[] emission, offset;
	/** Degrees of freedom of Student-t observation noise; infinite: Gaussian noise. */
	final double dof;
	/**
	 * The largest finite dof: above it the ELBO's q(w) terms (each of order nu log nu) cancel to a few digits
	 * (nu = 1e15 gave -4.85 per frame where -5 is right, nu = 1e308 NaN), while at 1e6 E[w_t] is 1 within 1e-5
	 * and the fit is the Gaussian one (StudentNoiseTest).
	 */
	public static final double MAX_DOF = 1e6;
	/** The node potential of one observed frame: C^T R^-1 C (d x d) and C^T R^-1 (d x obs). */
	final double[] nodePrecision, nodeGain;

	/** Identity emissions: y_t = x_t + N(0, diag(noise)). */
	public SldsParameters(double[][] weights, double[][] covs, double[] noise, double priorVariance,
			Transitions transitions, InitialDistribution initial, int lags) {
		this(weights, covs, noise, priorVariance, transitions, initial, lags, null, null);
	}

	/**
	 * Linear emissions y_t = C x_t + offset + N(0, diag(noise)) with C (noise.length x d, row-major) and
	 * offset; C and offset null mean identity emissions.
	 */
	public SldsParameters(double[][] weights, double[][] covs, double[] noise, double priorVariance,
			Transitions transitions, InitialDistribution initial, int lags, double[] emission, double[] offset) {
		this(weights, covs, noise, priorVariance, transitions, initial, lags, emission, offset, Double.POSITIVE_INFINITY);
	}

	/** As above with Student-t observation noise of dof degrees of freedom (infinite: Gaussian). */
	public SldsParameters(double[][] weights, double[][] covs, double[] noise, double priorVariance,
			Transitions transitions, InitialDistribution initial, int lags, double[] emission, double[] offset, double dof) {
		if (!(dof > 0)) throw new BadInputException("dof must be positive (got " + dof + ").");
		if (Double.isFinite(dof) && dof > MAX_DOF) throw new BadInputException(tooLargeDof(dof));
		this.dof = dof;
		this.k = weights.length;
		this.obs = noise.length;
		this.d = emission == null ? obs : emission.length / obs;
		this.lags = lags;
		this.weights = weights;
		this.covs = covs;
		this.noise = noise;
		this.priorVariance = priorVariance;
		this.transitions = transitions;
		this.initial = initial;
		this.emission = emission;
		this.offset = emission == null ? null : offset;
		if (emission != null && (emission.length != obs * d || d < 1 || offset == null || offset.length != obs))
			throw new IllegalArgumentException("emission matrix and offset must be " + obs + " x d and " + obs);
		int n = (lags + 1) * d, cols = lags * d + 1;
		for (double r : noise)
			if (!(r > 0) || !Double.isFinite(r)) throw new BadInputException("The observation noise variances must be positive.");
		nodePrecision = new double[d * d];
		nodeGain = new double[d * obs];
		for (int a = 0; a < d; a++)
			for (int i = 0; i < obs; i++) nodeGain[a * obs + i] = (emission == null ? (a == i ? 1 : 0) : emission[i * d + a]) / noise[i];
		for (int a = 0; a < d; a++)
			for (int b = 0; b < d; b++) {
				double v = 0;
				for (int i = 0; i < obs; i++) v += nodeGain[a * obs + i] * (emission == null ? (b == i ? 1 : 0) : emission[i * d + b]);
				nodePrecision[a * d + b] = v;
			}
		p = new double[k][n * n];
		h = new double[k][n];
		c = new double[k];
		for (int s = 0; s < k; s++) {
			if (weights[s].length != d * cols || covs[s].length != d * d)
				throw new IllegalArgumentException("state " + s + ": wrong parameter sizes");
			double[] l = Linear.cholesky(covs[s], d);
			if (l == null) throw new BadInputException("The dynamics covariance of state " + s + " is not positive definite.");
			// B = [-A_G ... -A_1 I] (D x n) and b
			double[] bmat = new double[d * n], b = new double[d];
			for (int i = 0; i < d; i++) {
				for (int g = 1; g <= lags; g++)
					for (int j = 0; j < d; j++) bmat[i * n + (lags - g) * d + j] = -weights[s][i * cols + (g - 1) * d + j];
				bmat[i * n + lags * d + i] = 1;
				b[i] = weights[s][i * cols + cols - 1];
			}
			// M = L^{-1} B, m = L^{-1} b: P = M^T M, h = M^T m, c = -|m|^2 / 2 - log|2 pi Q| / 2
			double[] mm = Linear.solveLower(l, d, bmat, n), mv = Linear.solveLower(l, d, b, 1);
			for (int a = 0; a < n; a++)
				for (int e = 0; e < n; e++) {
					double v = 0;
					for (int i = 0; i < d; i++) v += mm[i * n + a] * mm[i * n + e];
					p[s][a * n + e] = v;
				}
			for (int a = 0; a < n; a++) {
				double v = 0;
				for (int i = 0; i < d; i++) v += mm[i * n + a] * mv[i];
				h[s][a] = v;
			}
			double logDet = 0, sq = 0;
			for (int i = 0; i < d; i++) {
				logDet += 2 * Math.log(l[i * d + i]);
				sq += mv[i] * mv[i];
			}
			c[s] = -0.5 * sq - 0.5 * (logDet + d * Math.log(2 * Math.PI));
		}
	}

	/** P_s = B_s^T Q_s^-1 B_s over the window (x_{t-G}, ..., x_t) ((G + 1) d square, row-major; a copy). */
	public double[] windowPrecision(int s) {
		return p[s].clone();
	}

	/** h_s = B_s^T Q_s^-1 b_s over the window (a copy). */
	public double[] windowLinear(int s) {
		return h[s].clone();
	}

	/** Weights of state s in the HMM engine's layout (a copy). */
	public double[] weights(int s) {
		return weights[s].clone();
	}

	/** Dynamics covariance Q of state s (a copy). */
	public double[] covariance(int s) {
		return covs[s].clone();
	}

	/** The same model with Student-t observation noise of dof degrees of freedom (infinite: Gaussian). */
	public SldsParameters withDof(double dof) {
		return new SldsParameters(weights, covs, noise, priorVariance, transitions, initial, lags, emission, offset, dof);
	}

	/** The one-sentence refusal of a finite dof above {@link #MAX_DOF}. */
	public static String tooLargeDof(double dof) {
		return "dof must be at most 1e6 (got " + dof + "); for noise that close to Gaussian use noise=gaussian.";
	}

	/** Degrees of freedom of the Student-t observation noise; infinite for Gaussian noise. */
	public double dof() {
		return dof;
	}

	/** Whether the observation noise is Student-t (finite dof) rather than Gaussian. */
	public boolean student() {
		return Double.isFinite(dof);
	}

	/** Whether y = C x + offset + noise with a learned C (linear emissions) rather than y = x + noise. */
	public boolean linear() {
		return emission != null;
	}

	/** C (obs x d, row-major; a copy), or null with identity emissions. */
	public double[] emission() {
		return emission == null ? null : emission.clone();
	}

	/** The emission offset (obs; a copy), or null with identity emissions. */
	public double[] offset() {
		return offset == null ? null : offset.clone();
	}

	/** E[y_t] = C E[x_t] + offset for x means (T x d): T x obs (x itself with identity emissions). */
	public double[] observe(double[] x) {
		if (emission == null) return x.clone();
		int frames = x.length / d;
		double[] y = new double[frames * obs];
		for (int t = 0; t < frames; t++)
			for (int i = 0; i < obs; i++) {
				double v = offset[i];
				for (int a = 0; a < d; a++) v += emission[i * d + a] * x[t * d + a];
				y[t * obs + i] = v;
			}
		return y;
	}

	/** The observation noise variances R (diagonal, standardised units; a copy). */
	public double[] noise() {
		return noise.clone();
	}

	public double priorVariance() {
		return priorVariance;
	}

	/** The same model with its states reordered: new state i is old state order[i]. */
	public SldsParameters permute(int[] order) {
		double[][] w = new double[k][], q = new double[k][];
		for (int i = 0; i < k; i++) {
			w[i] = weights[order[i]];
			q[i] = covs[order[i]];
		}
		return new SldsParameters(w, q, noise, priorVariance, transitions.permute(order), initial.permute(order), lags,
				emission, offset, dof);
	}
}
