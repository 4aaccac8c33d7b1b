package org.latentj.slds;

import java.util.Arrays;
import java.util.List;

import org.latentj.hmm.FitResult;
import org.latentj.hmm.Standardization;

/**
 * What an SLDS fit computed: the model (states ordered by usage), the standardisation, the ELBO per
 * frame by EM iteration (training and test sequences), each session's labels and denoised PCs, and the
 * AR-HMM fit it started from.
 */
public record SldsResult(SldsParameters model, Standardization standardization, SldsSettings settings,
		List<Double> trainHistory, List<Double> testHistory, long trainFrames, long testFrames, double[] usage,
		List<Session> sessions, boolean converged, FitResult hmm, double seconds) {

	/**
	 * One decoded session: labels (-1 for the first lags frames), the probability of each label, the
	 * denoised PCs E[x_t] in PC units (T x D; NaN rows where the session has no frame), its ELBO.
	 */
	public record Session(String name, int[] labels, double[] probability, double[] denoised, double elbo,
			int blockUpdates, boolean converged) {

		static Session tooShort(String name, int frames, int d) {
			int[] l = new int[frames];
			Arrays.fill(l, -1);
			double[] p = new double[frames], x = new double[frames * d];
			Arrays.fill(p, Double.NaN);
			Arrays.fill(x, Double.NaN);
			return new Session(name, l, p, x, Double.NaN, 0, false);
		}
	}

	public double finalTrainElbo() {
		return trainHistory.isEmpty() ? Double.NaN : trainHistory.get(trainHistory.size() - 1);
	}

	/**
	 * Why there is no test ELBO (no session has more than lags held-out frames; loglik.csv's test column is then NaN),
	 * or null when there is one.
	 */
	public String noTestNote() {
		if (testFrames > 0) return null;
		return "no session has more than lags = " + settings.lags() + " held-out frames (train_fraction " + settings.trainFraction()
				+ "): no test ELBO; loglik.csv's test column is NaN.";
	}

	public double finalTestElbo() {
		return testHistory.isEmpty() ? Double.NaN : testHistory.get(testHistory.size() - 1);
	}
}
