package org.latentj.diffusion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loss per epoch of a training run (means per trajectory). Whether there are validation entries
 * is decided by the number of held-out trajectories, never by the values (a NaN loss is a failed
 * run, not a missing validation set).
 */
public final class TrainingHistory {

	/** One epoch: beta used, and loss = nll + beta * kl on the training and validation sets (NaN without one). */
	public record Epoch(int epoch, double beta, double trainLoss, double trainNll, double trainKl, double validLoss,
			double validNll, double validKl) {
	}

	private final int validationCount;
	private final List<Epoch> epochs = new ArrayList<>();

	/** @param validationCount trajectories held out for validation (0: no validation entries) */
	public TrainingHistory(int validationCount) {
		if (validationCount < 0) throw new IllegalArgumentException("validation count " + validationCount + " < 0");
		this.validationCount = validationCount;
	}

	/** True when trajectories were held out, so every epoch has validation entries. */
	public boolean hasValidation() {
		return validationCount > 0;
	}

	public int validationCount() {
		return validationCount;
	}

	public void add(Epoch e) {
		epochs.add(e);
	}

	public List<Epoch> epochs() {
		return Collections.unmodifiableList(epochs);
	}

	public int size() {
		return epochs.size();
	}

	public Epoch last() {
		return epochs.get(epochs.size() - 1);
	}
}
