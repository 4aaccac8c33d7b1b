package org.latentj.slds;

import java.util.Locale;

import org.latentj.hmm.FitSettings;
import org.latentj.hmm.ObservationModel;
import org.latentj.hmm.Standardization;
import org.latentj.util.BadInputException;
import org.latentj.util.Choices;

/**
 * Every setting of an SLDS fit, validated; the keys mean what the Fit HMM keys of the same name mean.
 *
 * @param emissions        identity (x lives in PC space: C = I, d = 0, R diagonal learned) or linear
 *                         (y = C x + d + noise, C and d learned, x of dimension latent)
 * @param latent           latent dimension for linear emissions, 1..pcs (0: pcs); must equal pcs (or be
 *                         0) for identity
 * @param iterations       most variational EM iterations
 * @param innerIterations  most rounds of block updates (smoother then forward-backward) per inference
 * @param tolerance        EM stops when the ELBO changes by less than this, relatively, and inference when a round's
 *                         updates after q(x)'s do (StructuredMeanField#converge)
 * @param noise            observation noise: gaussian N(0, R), or student (Student-t with dof degrees of freedom,
 *                         a Gaussian scale mixture whose per-frame weights down-weight outlying frames)
 * @param dof              degrees of freedom of Student-t noise (positive, at most {@link SldsParameters#MAX_DOF};
 *                         unused with gaussian)
 * @param labelMoves       after structured mean field, local moves on the labels judged by the exact log p(y, z)
 *                         ({@link LabelSearch}): in the first EM iterations (until they gain little) and the final decoding
 */
public record SldsSettings(int states, int lags, int pcs, Emissions emissions, int latent, boolean learnTransitions,
		double stickiness, double kappa, double alpha, int iterations, int innerIterations, double tolerance,
		int restarts, long seed, double trainFraction, Standardization.Kind standardize, Noise noise, double dof,
		boolean labelMoves) {

	/** With label moves (Fit SLDS's default). */
	public SldsSettings(int states, int lags, int pcs, Emissions emissions, int latent, boolean learnTransitions,
			double stickiness, double kappa, double alpha, int iterations, int innerIterations, double tolerance,
			int restarts, long seed, double trainFraction, Standardization.Kind standardize, Noise noise, double dof) {
		this(states, lags, pcs, emissions, latent, learnTransitions, stickiness, kappa, alpha, iterations, innerIterations,
				tolerance, restarts, seed, trainFraction, standardize, noise, dof, DEFAULT_LABEL_MOVES);
	}

	/** Fit SLDS's default for label moves. */
	public static final boolean DEFAULT_LABEL_MOVES = true;

	/** The same settings with label moves on or off. */
	public SldsSettings withLabelMoves(boolean on) {
		return new SldsSettings(states, lags, pcs, emissions, latent, learnTransitions, stickiness, kappa, alpha, iterations,
				innerIterations, tolerance, restarts, seed, trainFraction, standardize, noise, dof, on);
	}

	public enum Noise {
		GAUSSIAN, STUDENT;

		public static Noise parse(String key) {
			return Choices.parse(Noise.class, "noise", key);
		}
	}

	/** Fit SLDS's default degrees of freedom of Student-t noise. */
	public static final double DEFAULT_DOF = 4;

	/** Gaussian observation noise. */
	public SldsSettings(int states, int lags, int pcs, Emissions emissions, int latent, boolean learnTransitions,
			double stickiness, double kappa, double alpha, int iterations, int innerIterations, double tolerance,
			int restarts, long seed, double trainFraction, Standardization.Kind standardize) {
		this(states, lags, pcs, emissions, latent, learnTransitions, stickiness, kappa, alpha, iterations, innerIterations,
				tolerance, restarts, seed, trainFraction, standardize, Noise.GAUSSIAN, DEFAULT_DOF);
	}

	/** Student-t noise of dof degrees of freedom, or Gaussian noise where dof is infinite. */
	public SldsSettings(int states, int lags, int pcs, Emissions emissions, int latent, boolean learnTransitions,
			double stickiness, double kappa, double alpha, int iterations, int innerIterations, double tolerance,
			int restarts, long seed, double trainFraction, Standardization.Kind standardize, double dof) {
		this(states, lags, pcs, emissions, latent, learnTransitions, stickiness, kappa, alpha, iterations, innerIterations,
				tolerance, restarts, seed, trainFraction, standardize, Double.isInfinite(dof) ? Noise.GAUSSIAN : Noise.STUDENT,
				Double.isInfinite(dof) ? DEFAULT_DOF : dof);
	}

	/** The model's dof: the setting with Student-t noise, infinite with Gaussian noise. */
	public double studentDof() {
		return noise == Noise.STUDENT ? dof : Double.POSITIVE_INFINITY;
	}

	public enum Emissions {
		IDENTITY, LINEAR;

		public static Emissions parse(String key) {
			return Choices.parse(Emissions.class, "emissions", key);
		}
	}

	public SldsSettings {
		if (states < 1) throw new BadInputException("states must be at least 1 (got " + states + ").");
		if (lags < 1) throw new BadInputException("lags must be at least 1 (got " + lags + ").");
		if (pcs < 1) throw new BadInputException("pcs must be at least 1 (got " + pcs + ").");
		if (emissions == Emissions.IDENTITY && latent != 0 && latent != pcs)
			throw new BadInputException("latent must equal pcs (or be 0) with emissions=identity (got " + latent + ").");
		if (emissions == Emissions.LINEAR && !(latent >= 0 && latent <= pcs))
			throw new BadInputException("latent must be between 1 and pcs = " + pcs + " (0: pcs) with emissions=linear (got " + latent + ").");
		if (iterations < 1) throw new BadInputException("iterations must be at least 1 (got " + iterations + ").");
		if (innerIterations < 1)
			throw new BadInputException("inner_iterations must be at least 1 (got " + innerIterations + ").");
		if (!(tolerance >= 0)) throw new BadInputException("tolerance must be >= 0 (got " + tolerance + ").");
		if (restarts < 1) throw new BadInputException("restarts must be at least 1 (got " + restarts + ").");
		if (!(trainFraction > 0 && trainFraction <= 1))
			throw new BadInputException("train_fraction must be in (0, 1] (got " + trainFraction + ").");
		if (states > 1 && !(stickiness > 0 && stickiness < 1))
			throw new BadInputException("stickiness must be between 0 and 1, exclusive (got " + stickiness + ").");
		if (!(kappa >= 0)) throw new BadInputException("kappa must be >= 0 (got " + kappa + ").");
		if (!(alpha >= 1)) throw new BadInputException("alpha must be >= 1 (got " + alpha + ").");
		if (noise == null) throw new BadInputException("noise must be gaussian or student.");
		if (noise == Noise.STUDENT && (!(dof > 0) || Double.isInfinite(dof)))
			throw new BadInputException("dof must be positive and finite (got " + dof + ").");
		if (noise == Noise.STUDENT && dof > SldsParameters.MAX_DOF) throw new BadInputException(SldsParameters.tooLargeDof(dof));
	}

	/** Settings from the command's option values: the one place where its choice strings are parsed. */
	public static SldsSettings of(int states, int lags, int pcs, String emissions, int latent, String transitions,
			double stickiness, double kappa, double alpha, int iterations, int innerIterations, double tolerance,
			int restarts, long seed, double trainFraction, String standardize, String noise, double dof, boolean labelMoves) {
		String tr = transitions == null ? "" : transitions.trim().toLowerCase(Locale.ROOT);
		if (!tr.equals("fixed") && !tr.equals("learned"))
			throw new BadInputException("transitions must be fixed or learned (got '" + transitions + "').");
		return new SldsSettings(states, lags, pcs, Emissions.parse(emissions), latent, tr.equals("learned"), stickiness,
				kappa, alpha, iterations, innerIterations, tolerance, restarts, seed, trainFraction,
				Standardization.Kind.parse(standardize), Noise.parse(noise), dof, labelMoves);
	}

	/** Fit SLDS's inference defaults (also used by Apply Model for a model file that does not record them). */
	public static final int DEFAULT_INNER_ITERATIONS = 100;
	public static final double DEFAULT_TOLERANCE = 1e-6;

	/** The settings with the defaults of the Fit SLDS command. */
	public static SldsSettings defaults(int states) {
		return new SldsSettings(states, 2, 10, Emissions.IDENTITY, 0, false, 0.95, 0, 1, 50, DEFAULT_INNER_ITERATIONS, DEFAULT_TOLERANCE, 3, 0, 0.8,
				Standardization.Kind.ZSCORE);
	}

	/** The dimension of the latent pose x: pcs for identity emissions, latent (0: pcs) for linear ones. */
	public int latentDim() {
		return emissions == Emissions.LINEAR && latent > 0 ? latent : pcs;
	}

	/** The Fit HMM settings of the AR-HMM fit that starts the SLDS. */
	public FitSettings hmmSettings() {
		return hmmSettings(pcs, standardize);
	}

	/** The same with another number of PCs and standardisation (the AR-HMM on the first latent standardized PCs). */
	public FitSettings hmmSettings(int pcs, Standardization.Kind standardize) {
		// Fit HMM's defaults for everything the SLDS does not set (100 iterations, tolerance 1e-5, k-means start,
		// uniform initial distribution, split/merge moves)
		return new FitSettings(ObservationModel.AR, states, lags, pcs, 100, 1e-5,
				learnTransitions ? FitSettings.TransitionMode.LEARNED : FitSettings.TransitionMode.FIXED, stickiness, kappa,
				alpha, FitSettings.Method.EM, 5, 0.5, restarts, seed, trainFraction, standardize, FitSettings.Init.KMEANS,
				FitSettings.Initial.UNIFORM, true);
	}
}
