package org.latentj.diffusion;

/**
 * Encoded trajectories: per trajectory its labels (alpha, D) and the posterior q(z|x) = N(mu,
 * diag(exp(logvar))) over Z latent neurons. Row-major: mu[i * Z + j] is neuron j of trajectory i.
 * The layout SPIVAE's analysis exports: alpha, D, mu_0..mu_{Z-1}, logvar_0..logvar_{Z-1}.
 */
public final class Latents {

	private final int count;
	private final int latents;
	private final double[] alpha;
	private final double[] d;
	private final double[] mu;
	private final double[] logVar;

	/** Wraps the arrays (no copy). */
	public Latents(int latents, double[] alpha, double[] d, double[] mu, double[] logVar) {
		if (alpha.length != d.length) throw new IllegalArgumentException("alpha and D lengths differ");
		if (mu.length != (long) alpha.length * latents || logVar.length != mu.length)
			throw new IllegalArgumentException("mu/logvar sizes do not match " + alpha.length + " x " + latents);
		this.count = alpha.length;
		this.latents = latents;
		this.alpha = alpha;
		this.d = d;
		this.mu = mu;
		this.logVar = logVar;
	}

	public int count() {
		return count;
	}

	/** Z, the number of latent neurons. */
	public int latents() {
		return latents;
	}

	public double[] alphas() {
		return alpha;
	}

	public double[] ds() {
		return d;
	}

	/** Row-major means (shared). */
	public double[] mu() {
		return mu;
	}

	/** Row-major log variances (shared). */
	public double[] logVar() {
		return logVar;
	}

	public double mu(int i, int j) {
		return mu[i * latents + j];
	}

	public double logVar(int i, int j) {
		return logVar[i * latents + j];
	}

	/** Neuron j's mu over all trajectories. */
	public double[] muOf(int j) {
		return column(mu, j);
	}

	/** Neuron j's log sigma^2 over all trajectories. */
	public double[] logVarOf(int j) {
		return column(logVar, j);
	}

	private double[] column(double[] rowMajor, int j) {
		double[] v = new double[count];
		for (int i = 0; i < count; i++) v[i] = rowMajor[i * latents + j];
		return v;
	}
}
