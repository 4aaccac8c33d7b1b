package org.latentj.model.diffusion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Loss per epoch of a training run (means per trajectory; validation entries absent without a validation set). */
public final class TrainingHistory {

	/** One epoch: beta used, and loss = nll + beta * kl on the training and validation sets. */
	public record Epoch(int epoch, double beta, double trainLoss, double trainNll, double trainKl, double validLoss,
			double validNll, double validKl) {
		public boolean hasValidation() {
			return !Double.isNaN(validLoss);
		}
	}

	private final List<Epoch> epochs = new ArrayList<>();

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
