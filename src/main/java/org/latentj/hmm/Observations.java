package org.latentj.hmm;

import java.util.Random;

/**
 * The observation part of an HMM: log p(x_t | z_t = k, past) for every frame and state, expected
 * sufficient statistics under a posterior, and the M-step that maximizes them (the STATS320 ARHMM lab's
 * {@code log_likelihoods}, {@code precompute_suff_stats} and {@code M_step}). Inference never sees
 * anything but the log-likelihood matrix, so a new observation model touches only its own file.
 * <p>
 * Data are flat row-major T x D arrays ({@code t * D + d}). A model that looks back {@link #lags()}
 * frames scores frames t >= lags only. Statistics are flat arrays of K blocks of
 * {@link #statsSize()} numbers, so that they can be summed over sessions and averaged (stochastic
 * EM) without knowing what they hold.
 */
public interface Observations {

	/** "gaussian" or "ar" (the model-file name). */
	String type();

	int states();

	int dim();

	/** Frames of history each observation depends on (0 for Gaussian observations). */
	int lags();

	/**
	 * out[(t - from) * K + k] = log p(x_t | z_t = k, x_{t-lags..t-1}) for t in [from, to). A frame's
	 * values must be the same bits when {@code from} moves by a multiple of
	 * {@link StreamingDecoder#UNIT} frames (the decoder computes a run block by block).
	 */
	void logLikelihoods(double[] x, int from, int to, double[] out);

	/** Numbers of statistics per state. */
	int statsSize();

	/** Adds sum_t weights[(t - from) * K + k] * s(x_t, past) to stats (K x statsSize) for t in [from, to). */
	void accumulateStats(double[] x, int from, int to, double[] weights, double[] stats);

	/** Expected number of frames of state k in a statistics array. */
	double frames(double[] stats, int k);

	/**
	 * Sets the parameters that maximize the expected log-likelihood of the statistics. A state with
	 * no frames keeps its previous parameters (always valid); the returned array flags such states.
	 */
	boolean[] maximize(double[] stats);

	/**
	 * The M-step as used inside EM: like {@link #maximize}, but a state keeps its parameters where the
	 * update would lower its expected log-likelihood, so that EM never lowers the log-likelihood.
	 */
	boolean[] maximizeMonotone(double[] stats);

	/** The model with states renumbered: new state n is old state order[n]. */
	Observations permute(int[] order);

	Observations copy();

	/** A model of the same kind and shape with {@code states} states and default parameters. */
	Observations create(int states);

	/** Copies the parameters of state {@code fromState} of {@code from} (same kind and shape) into state s. */
	void setState(int s, Observations from, int fromState);

	/** sum_t w_t log p(x_t | z_t = s) under the current parameters, from state s's block of a statistics array. */
	double expectedLogLik(double[] stats, int s);

	/** Draws x_t given state k and the past frames already in x (row t is written). */
	void sample(int k, double[] x, int t, Random random);
}
