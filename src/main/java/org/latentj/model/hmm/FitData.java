package org.latentj.model.hmm;

import java.util.ArrayList;
import java.util.List;

import org.latentj.util.BadInputException;

/**
 * Sessions made ready for fitting: the first {@code pcs} PCs, checked and standardised with
 * statistics of the training frames, and cut into training and test stretches per session (the
 * first train_fraction of the frames train, the rest test). A stretch scores frames [from, to); AR
 * observations take their lagged covariates from any earlier frames of the session, so only a
 * session's first {@code lags} frames are never scored.
 */
final class FitData {

	/** A stretch of frames of one session. */
	static final class Stretch {
		final int session;
		final double[] x;
		final int from, to;

		Stretch(int session, double[] x, int from, int to) {
			this.session = session;
			this.x = x;
			this.from = from;
			this.to = to;
		}

		int frames() {
			return to - from;
		}
	}

	final List<SessionData> sessions;
	final Standardization standardization;
	/** Standardised T x D data per session. */
	final List<double[]> data = new ArrayList<>();
	final List<Stretch> train = new ArrayList<>(), test = new ArrayList<>();
	final long trainFrames, testFrames;
	final int d, lags;

	FitData(List<SessionData> sessions, FitSettings s) {
		if (sessions.isEmpty()) throw new BadInputException("No sessions to fit.");
		this.sessions = sessions;
		this.d = s.pcs;
		this.lags = s.effectiveLags();
		List<double[]> raw = new ArrayList<>();
		List<String> names = new ArrayList<>();
		int[] ends = new int[sessions.size()];
		for (int i = 0; i < sessions.size(); i++) {
			SessionData sd = sessions.get(i);
			raw.add(sd.firstPcs(d));
			names.add(sd.name);
			if (sd.frames <= lags)
				throw new BadInputException("Session " + sd.name + " has " + sd.frames + " frames, not more than lags = " + lags
						+ ", so no frame can be scored.");
			ends[i] = (int) Math.floor(s.trainFraction * sd.frames);
			if (ends[i] <= lags)
				throw new BadInputException("Session " + sd.name + " has only " + ends[i] + " training frames (train_fraction "
						+ s.trainFraction + " of " + sd.frames + "), not more than lags = " + lags + ".");
		}
		standardization = Standardization.fit(Standardization.Kind.parse(s.standardize), raw, ends, d, names);
		long tr = 0, te = 0;
		for (int i = 0; i < sessions.size(); i++) {
			double[] x = standardization.apply(raw.get(i));
			data.add(x);
			train.add(new Stretch(i, x, lags, ends[i]));
			tr += ends[i] - lags;
			int from = Math.max(ends[i], lags), to = sessions.get(i).frames;
			if (to > from) {
				test.add(new Stretch(i, x, from, to));
				te += to - from;
			}
		}
		trainFrames = tr;
		testFrames = te;
		if (s.states > tr)
			throw new BadInputException("states = " + s.states + " is more than the " + tr + " training frames.");
	}
}
