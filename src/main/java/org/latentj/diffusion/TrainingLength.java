package org.latentj.diffusion;

/**
 * Issue 14: Train Latent Model's 'batch' and 'epochs' when left at 0 ("auto"), chosen from the
 * number of training trajectories so that the latent space has the Adam steps it needs to collapse
 * onto the informative neurons.
 * <p>
 * Why steps: the KL term switches a redundant neuron off only slowly (its pull is beta times a small
 * gradient, and Adam moves each weight by about the learning rate per step whatever the gradient's
 * size), so what counts is the number of optimizer updates, not the number of passes over the data.
 * SPIVAE's 50 epochs of batch 256 over its 84,000-trajectory grid (67,200 train) are 13,150 steps;
 * the same 50 epochs over 6,000 trajectories are 950, and left 5 or 6 of 6 neurons on; batch 64 for
 * 100 epochs (7,500 steps) gave the 2 (see docs/diffusion.md for the figures).
 * <p>
 * <b>Rule</b> (n = training trajectories, after the validation split): batch = the largest power of two
 * at most n / {@value #BATCHES_PER_EPOCH}, within [{@value #MIN_BATCH}, {@value #MAX_BATCH}] (a small set
 * gets smaller, cheaper steps); epochs = the least number, at least {@value #MIN_EPOCHS}, that gives
 * {@value #MIN_STEPS} steps. Large sets keep SPIVAE's batch 256 and 50 epochs. An equal-stage beta
 * schedule stretches with the epochs, so each stage keeps its share of the steps (a quarter each for
 * SPIVAE's four values).
 */
public final class TrainingLength {

	/** 'batch' or 'epochs' = 0: chosen by this rule. */
	public static final int AUTO = 0;
	/**
	 * Adam steps that collapsed the latent space for 3 of 3 seeds on 2,100 and 6,000 trajectories
	 * (half as many left 4, 2, 3 informative neurons on 2,100).
	 */
	public static final int MIN_STEPS = 6000;
	/** Epochs never fewer than SPIVAE's. */
	public static final int MIN_EPOCHS = 50;
	public static final int MAX_BATCH = 256;
	public static final int MIN_BATCH = 32;
	public static final int BATCHES_PER_EPOCH = 64;

	private TrainingLength() {
	}

	/** The batch size for n training trajectories. */
	public static int batch(int n) {
		int b = MIN_BATCH;
		while (b * 2 <= MAX_BATCH && (long) b * 2 * BATCHES_PER_EPOCH <= n) b *= 2;
		return b;
	}

	/** Adam steps per epoch over n training trajectories in batches of batch (the last one may be short). */
	public static int batchesPerEpoch(int n, int batch) {
		return (n + batch - 1) / batch;
	}

	/** The epochs for n training trajectories in batches of batch. */
	public static int epochs(int n, int batch) {
		int per = batchesPerEpoch(n, batch);
		return Math.max(MIN_EPOCHS, (MIN_STEPS + per - 1) / per);
	}
}
