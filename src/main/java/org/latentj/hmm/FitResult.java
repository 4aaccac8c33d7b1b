package org.latentj.hmm;

import java.util.List;

/** Everything an HMM fit produced. States are numbered by usage (0 = most used). */
public final class FitResult {
	public final Hmm hmm;
	public final Standardization standardization;
	public final FitSettings settings;
	/** Log-likelihood per frame at each iteration (epochs for stochastic EM), training and test (NaN without test frames). */
	public final List<Double> trainHistory, testHistory;
	public final long trainFrames, testFrames;
	/** Each session decoded by the final model (most probable state per frame). */
	public final List<Decoding> decodings;
	/** Expected training frames per state. */
	public final double[] usage;
	/** States that lost all their frames in the last M-step (they kept their previous, valid parameters). */
	public final boolean[] emptyStates;
	/** Final training log-likelihood per frame of each restart. */
	public final List<Double> restartScores;
	public final boolean converged;
	/** Split/merge moves kept (0 when split/merge did not run or found nothing). */
	public final int splitMergeMoves;

	FitResult(Hmm hmm, Standardization standardization, FitSettings settings, List<Double> trainHistory,
			List<Double> testHistory, long trainFrames, long testFrames, List<Decoding> decodings, double[] usage,
			boolean[] emptyStates, List<Double> restartScores, boolean converged, int splitMergeMoves) {
		this.hmm = hmm;
		this.standardization = standardization;
		this.settings = settings;
		this.trainHistory = List.copyOf(trainHistory);
		this.testHistory = List.copyOf(testHistory);
		this.trainFrames = trainFrames;
		this.testFrames = testFrames;
		this.decodings = List.copyOf(decodings);
		this.usage = usage;
		this.emptyStates = emptyStates;
		this.restartScores = List.copyOf(restartScores);
		this.converged = converged;
		this.splitMergeMoves = splitMergeMoves;
	}

	public double finalTrainLogLik() {
		return trainHistory.get(trainHistory.size() - 1);
	}

	public double finalTestLogLik() {
		return testHistory.get(testHistory.size() - 1);
	}

	/** The states flagged in {@link #emptyStates}, ascending. */
	public int[] emptyStateIds() {
		return java.util.stream.IntStream.range(0, emptyStates.length).filter(s -> emptyStates[s]).toArray();
	}
}
