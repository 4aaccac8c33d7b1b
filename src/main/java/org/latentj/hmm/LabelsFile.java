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
 * HMM and Apply Model, read by the syllable views. Files written beside a model.json have a fifth
 * column, {@code fit_id}, the model's fit id on every row, so that labels and model that do not
 * belong together are refused (a folder copied together from two fits).
 */
public final class LabelsFile {

	public static final String[] HEADER = { "frame", "time", "label", "probability" };
	public static final String FIT_ID = "fit_id";

	/** The columns of a labels file. */
	public static final class Labels {
		public final int[] frames, labels;
		public final double[] times, probabilities;
		/** The fit these labels come from (model.json's fit_id), or null when the file does not say. */
		public final String fitId;

		public Labels(int[] frames, double[] times, int[] labels, double[] probabilities) {
			this(frames, times, labels, probabilities, null);
		}

		public Labels(int[] frames, double[] times, int[] labels, double[] probabilities, String fitId) {
			if (times.length != frames.length || labels.length != frames.length || probabilities.length != frames.length)
				throw new IllegalArgumentException("columns differ in length");
			this.frames = frames;
			this.times = times;
			this.labels = labels;
			this.probabilities = probabilities;
			this.fitId = fitId;
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
		String[] header = l.fitId == null ? HEADER : new String[] { "frame", "time", "label", "probability", FIT_ID };
		try (CsvWriter w = new CsvWriter(path, header)) {
			for (int i = 0; i < l.size(); i++)
				if (l.fitId == null) w.row(l.frames[i], l.times[i], l.labels[i], l.probabilities[i]);
				else w.row(l.frames[i], l.times[i], l.labels[i], l.probabilities[i], l.fitId);
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
		String fitId = null;
		if (t.hasColumn(FIT_ID)) {
			String[] ids = t.texts(FIT_ID);
			for (int r = 0; r < ids.length; r++) {
				if (fitId == null) fitId = ids[r].trim();
				else if (!fitId.equals(ids[r].trim()))
					throw new BadInputException(t.where(r, t.column(FIT_ID)) + " is '" + ids[r] + "' but row 2 is '" + fitId
							+ "'; one labels file comes from one fit.");
			}
		}
		return new Labels(frames, times, labels, probs, fitId);
	}
}
