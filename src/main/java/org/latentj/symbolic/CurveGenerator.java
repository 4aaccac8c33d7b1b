package org.latentj.symbolic;

import java.util.Random;

/** A source of non-symbolic curves for the critic to learn against (issue 11): untrained networks or GP samples. */
public interface CurveGenerator {

	/** The key 'generator': untrained networks (the seed's) or Gaussian-process samples. */
	enum Kind {
		MLP, GP
	}

	/** The generator the keys 'generator', 'gp_length' and 'gp_scale' name. */
	static CurveGenerator of(String generator, double gpLength, double gpScale) {
		return switch (org.latentj.util.Choices.parse(Kind.class, "The key 'generator'", generator)) {
		case MLP -> MlpGenerator.seed();
		case GP -> new GpGenerator(gpLength, gpScale);
		};
	}

	/** One curve on the grid into y and, when dy is not null, its exact derivative. */
	void sample(Random random, double[] grid, double[] y, double[] dy);

	/**
	 * One function of several inputs at scattered points ({@code points[k][i]}: input x_k of point i) into y and, when
	 * dy is not null, its exact partial derivatives dy[k][i]. Generators that only know one input refuse several.
	 */
	default void sample(Random random, double[][] points, double[] y, double[][] dy) {
		if (points.length != 1)
			throw new org.latentj.util.BadInputException("The generator " + describe() + " draws curves in one input only; use generator=mlp for " + points.length + " inputs.");
		sample(random, points[0], y, dy == null ? null : dy[0]);
	}

	/** What it is, for critic.json and messages (e.g. "mlp 32,32", "gp length 0.3 scale 0.15"). */
	String describe();
}
