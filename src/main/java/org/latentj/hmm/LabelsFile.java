package org.latentj.hmm;

import org.latentj.io.CsvTable;
import org.latentj.io.CsvWriter;

import java.io.IOException;
import java.nio.file.Path;

import org.latentj.util.BadInputException;

/**
 * A session's syllable labels, {@code labels/<session>.csv}: one row per frame with columns
 * {@code frame,time,label,probability} — frame index from 0, time in seconds (NaN when the session
 * has no timestamps), state label (-1 where the frame is not scored, e.g. the first lags frames of
 * an AR model), and the posterior probability of that label (NaN where not scored). Written by Fit
 * HMM and Apply Model, read by the syllable views.
 */
public final class LabelsFile {

	public static final String[] HEADER = { "frame", "time", "label", "probability" };

	/** The columns of a labels file. */
	public static final class Labels {
		public final int[] frames, labels;
		public final double[] times, probabilities;

		public Labels(int[] frames, double[] times, int[] labels, double[] probabilities) {
			if (times.length != frames.length || labels.length != frames.length || probabilities.length != frames.length)
				throw new IllegalArgumentException("columns differ in length");
			this.frames = frames;
			this.times = times;
			this.labels = labels;
			this.probabilities = probabilities;
		}

		public int size() {
			return frames.length;
		}

		/** Largest label + 1 (0 when nothing is labeled). */
		public int states() {
			int max = -1;
			for (int l : labels) max = Math.max(max, l);
			return max + 1;
		}
	}

	private LabelsFile() {
	}

	public static void write(Path path, Labels l) throws IOException {
		try (CsvWriter w = new CsvWriter(path, HEADER)) {
			for (int i = 0; i < l.size(); i++)
				w.row(l.frames[i], l.times[i], l.labels[i], l.probabilities[i]);
			w.commit();
		}
	}

	public static Labels read(Path path) {
		CsvTable t = CsvTable.read(path);
		int[] frames = t.integers("frame");
		int[] labels = t.integers("label");
		int timeCol = t.column("time"), probCol = t.column("probability");
		double[] times = new double[t.rowCount()], probs = new double[t.rowCount()];
		for (int r = 0; r < t.rowCount(); r++) {
			times[r] = t.numberOrNaN(r, timeCol);
			probs[r] = t.numberOrNaN(r, probCol);
			if (labels[r] < -1)
				throw new BadInputException(t.where(r, t.column("label")) + " is " + labels[r] + "; labels are -1 or more.");
			if (!Double.isNaN(probs[r]) && !(probs[r] >= 0 && probs[r] <= 1))
				throw new BadInputException(t.where(r, probCol) + " is " + probs[r] + ", not a probability.");
		}
		return new Labels(frames, times, labels, probs);
	}
}
