package org.latentj.diffusion;

/**
 * A judge of curves y(x) on a range of x (issue 11): a score per curve, "symbolic" above a threshold. Latent Analysis
 * gives each neuron's curves a verdict with it, and Train Latent Model can penalize non-symbolic neuron curves with
 * it. The symbolic slice's trained critic implements it ({@code symbolic.CriticFile.Loaded}); the diffusion core only
 * knows this interface, so that it does not depend on the symbolic slice (which reads diffusion's latents).
 */
public interface CurveCritic {

	/** The range of x the critic reads; a curve must cover it (curves are not extrapolated). */
	double xMin();

	double xMax();

	/** Score above which a curve is "symbolic". */
	double threshold();

	/** Where the critic came from (a file name), for messages and outputs. */
	String source();

	/** True when curves sampled at x (strictly increasing) cover the critic's range. */
	default boolean covers(double[] x) {
		double slack = 1e-9 * Math.max(1, Math.abs(xMax() - xMin()));
		return x.length >= 2 && x[0] <= xMin() + slack && x[x.length - 1] >= xMax() - slack;
	}

	/**
	 * Scores of curves sampled at x (strictly increasing, covering the range); with {@code gradient} not null,
	 * gradient[c][k] receives d score_c / d curves[c][k].
	 */
	double[] scores(double[] x, double[][] curves, double[][] gradient);
}
