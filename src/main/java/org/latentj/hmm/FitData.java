package org.latentj.hmm;

import java.util.ArrayList;
import java.util.List;

import org.latentj.util.BadInputException;

/**
 * Sessions made ready for fitting: the first {@code pcs} PCs, checked and standardized with
 * statistics of the training frames, and cut into training and test stretches per session (the
 * first train_fraction of the frames train, the rest test). A stretch scores frames [from, to); AR
 * observations take their lagged covariates from the frames just before, so only the first
 * {@code lags} frames of a session (and of each run after dropped frames) are never scored.
 */
final class FitData {

	/** A stretch of frames of one session (its standardized T x D data). */
	static final class Stretch {
		final double[] x;
		final int from, to;

		Stretch(double[] x, int from, int to) {
			this.x = x;
			this.from = from;
			this.to = to;
		}

		int frames() {
			return to - from;
		}
	}

	final Standardization standardization;
	/** Standardized T x D data per session. */
	final List<double[]> data = new ArrayList<>();
	final List<Stretch> train = new ArrayList<>(), test = new ArrayList<>();
	final long trainFrames, testFrames;
	final int d, lags;

	FitData(List<SessionData> sessions, FitSettings s) {
		if (sessions.isEmpty()) throw new BadInputException("No sessions to fit.");
		this.d = s.pcs();
		this.lags = s.lags();
		List<double[]> raw = new ArrayList<>();
		List<String> names = new ArrayList<>();
		int[] ends = new int[sessions.size()];
		for (int i = 0; i < sessions.size(); i++) {
			SessionData sd = sessions.get(i);
			raw.add(sd.firstPcs(d));
			names.add(sd.name);
			ends[i] = (int) Math.floor(s.trainFraction() * sd.frames);
		}
		standardization = Standardization.fit(s.standardize(), raw, ends, d, names);
		long tr = 0, te = 0;
		for (int i = 0; i < sessions.size(); i++) {
			double[] x = standardization.apply(raw.get(i));
			data.add(x);
			// each run of usable frames (a whole session unless frames were dropped) scores from its lags-th frame
			int[] runs = SessionData.runs(x, d);
			long sessionTrain = 0;
			for (int r = 0; r < runs.length; r += 2) {
				int first = runs[r] + lags, end = runs[r + 1];
				int trainEnd = Math.min(end, ends[i]);
				if (trainEnd > first) {
					train.add(new Stretch(x, first, trainEnd));
					sessionTrain += trainEnd - first;
				}
				int testFrom = Math.max(first, ends[i]);
				if (end > testFrom) {
					test.add(new Stretch(x, testFrom, end));
					te += end - testFrom;
				}
			}
			SessionData sd = sessions.get(i);
			if (sessionTrain == 0)
				throw new BadInputException("Session " + sd.name + " has no training frame to score: its first " + ends[i]
						+ " frames (train_fraction " + s.trainFraction() + " of " + sd.frames + ") hold no run of more than "
						+ lags + " usable frames (lags).");
			tr += sessionTrain;
		}
		trainFrames = tr;
		testFrames = te;
		if (s.states() > tr)
			throw new BadInputException("states = " + s.states() + " is more than the " + tr + " training frames.");
	}
}
