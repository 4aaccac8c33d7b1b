package org.latentj.nwb.simulate;

import org.latentj.util.BadInputException;

/**
 * What to simulate. Names match the macro keys of "Simulate MoSeq Session". The syllable library
 * (AR dynamics, means, transitions, motion) depends only on states, pcs, lags, stickiness and
 * modelSeed, so sessions simulated with different {@code seed}s share their syllables, as the
 * sessions of one experiment do, and one model can be fitted to all of them.
 */
public final class MoSeqSimulationSettings {
	public final int frames;
	public final int states;
	public final int pcs;
	public final int lags;
	/** Probability that a frame keeps the previous frame's syllable. */
	public final double stickiness;
	/** Drives the sampled sequence, noise and motion. */
	public final long seed;
	/** Drives the syllable library. */
	public final long modelSeed;
	/** Fraction of frames dropped (NaN PCs, label -5 in the raw series), as in real recordings. */
	public final double droppedFraction;
	public final double fps;

	/**
	 * Writing holds the frames and masks twice (flat, then as jhdf's arrays): about 26 KB a frame at
	 * the peak, 1.5 GB for this many frames.
	 */
	public static final int MAX_FRAMES = 60_000;

	public MoSeqSimulationSettings(int frames, int states, int pcs, int lags, double stickiness, long seed, long modelSeed,
			double droppedFraction, double fps) {
		if (frames < 10 || frames > MAX_FRAMES)
			throw new BadInputException("frames must be between 10 and " + MAX_FRAMES + " (got " + frames + ").");
		if (states < 1 || states > 50) throw new BadInputException("states must be between 1 and 50 (got " + states + ").");
		if (pcs < 1 || pcs > 50) throw new BadInputException("pcs must be between 1 and 50 (got " + pcs + ").");
		if (lags < 1 || lags > 10) throw new BadInputException("lags must be between 1 and 10 (got " + lags + ").");
		if (lags >= frames) throw new BadInputException("lags (" + lags + ") must be smaller than frames (" + frames + ").");
		if (!(stickiness >= 0 && stickiness < 1))
			throw new BadInputException("stickiness must be in [0, 1) (got " + stickiness + ").");
		if (!(droppedFraction >= 0 && droppedFraction < 0.5))
			throw new BadInputException("dropped fraction must be in [0, 0.5) (got " + droppedFraction + ").");
		if (!(fps > 0 && Double.isFinite(fps))) throw new BadInputException("fps must be positive (got " + fps + ").");
		this.frames = frames;
		this.states = states;
		this.pcs = pcs;
		this.lags = lags;
		this.stickiness = stickiness;
		this.seed = seed;
		this.modelSeed = modelSeed;
		this.droppedFraction = droppedFraction;
		this.fps = fps;
	}

	/** Fraction of frames dropped in the command's sessions, as in the shared ones: 0.5 %. */
	public static final double DEFAULT_DROPPED_FRACTION = 0.005;
	/** Frames per second of the command's sessions, MoSeq's depth camera rate. */
	public static final double DEFAULT_FPS = 30;
	/** The syllable library of the command's default sessions and of test-data/. */
	public static final long DEFAULT_MODEL_SEED = 1;

	/** Settings with the defaults of the command: {@link #DEFAULT_MODEL_SEED}, dropped fraction and fps. */
	public static MoSeqSimulationSettings of(int frames, int states, int pcs, int lags, double stickiness, long seed) {
		return of(frames, states, pcs, lags, stickiness, seed, DEFAULT_MODEL_SEED);
	}

	/** Settings with the command's {@link #DEFAULT_DROPPED_FRACTION} and {@link #DEFAULT_FPS}. */
	public static MoSeqSimulationSettings of(int frames, int states, int pcs, int lags, double stickiness, long seed,
			long modelSeed) {
		return new MoSeqSimulationSettings(frames, states, pcs, lags, stickiness, seed, modelSeed, DEFAULT_DROPPED_FRACTION,
				DEFAULT_FPS);
	}
}
