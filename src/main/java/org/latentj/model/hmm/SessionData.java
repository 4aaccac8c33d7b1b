package org.latentj.model.hmm;

import org.latentj.util.BadInputException;

/**
 * One recording as the HMM sees it: a name (for messages and output files), T x D principal
 * components (row-major) and optional timestamps in seconds.
 */
public final class SessionData {

	public final String name;
	public final int frames, columns;
	private final double[] pcs;
	private final double[] times;

	public SessionData(String name, double[] pcs, int columns, double[] times) {
		if (columns < 1) throw new BadInputException("Session " + name + " has no PC columns.");
		if (pcs.length % columns != 0)
			throw new IllegalArgumentException("PC array length " + pcs.length + " is not a multiple of " + columns);
		this.name = name;
		this.columns = columns;
		this.frames = pcs.length / columns;
		this.pcs = pcs;
		if (times != null && times.length != frames)
			throw new BadInputException("Session " + name + " has " + times.length + " timestamps for " + frames + " frames.");
		this.times = times;
	}

	/** The first {@code d} PCs, checked to be finite, as a fresh T x d array. */
	public double[] firstPcs(int d) {
		if (d < 1) throw new BadInputException("pcs must be at least 1 (got " + d + ").");
		if (d > columns)
			throw new BadInputException("Session " + name + " stores " + columns + " PCs, fewer than the " + d + " requested (pcs).");
		if (frames == 0) throw new BadInputException("Session " + name + " has no frames.");
		double[] x = new double[frames * d];
		for (int t = 0; t < frames; t++)
			for (int i = 0; i < d; i++) {
				double v = pcs[t * columns + i];
				if (!Double.isFinite(v))
					throw new BadInputException("Session " + name + ": PC " + (i + 1) + " of frame " + t + " is " + v
							+ "; the HMM needs finite PCs at every frame (use the cleaned PCs, pcs_clean, where dropped frames are filled).");
				x[t * d + i] = v;
			}
		return x;
	}

	/** Timestamp of frame t in seconds, or NaN when the session has none. */
	public double time(int t) {
		return times == null ? Double.NaN : times[t];
	}

	public boolean hasTimes() {
		return times != null;
	}
}
