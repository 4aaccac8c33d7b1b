package org.latentj.hmm;

import org.latentj.util.BadInputException;

/**
 * One recording as the HMM sees it: a name (for messages and output files), T x D principal
 * components (row-major) and optional timestamps in seconds.
 * <p>
 * PCs must be finite. Only a session made with {@link #withDroppedFrames} (raw MoSeq PCs, where a
 * dropped frame is a row of NaN) may hold NaN: such frames are gaps, never scored (label -1), and
 * the HMM restarts after each gap.
 */
public final class SessionData {

	public final String name;
	public final int frames, columns;
	private final double[] pcs;
	private final double[] times;
	private final boolean droppedFramesAllowed;

	public SessionData(String name, double[] pcs, int columns, double[] times) {
		this(name, pcs, columns, times, false);
	}

	/** A session whose NaN rows are dropped frames (raw MoSeq PCs). */
	public static SessionData withDroppedFrames(String name, double[] pcs, int columns, double[] times) {
		return new SessionData(name, pcs, columns, times, true);
	}

	private SessionData(String name, double[] pcs, int columns, double[] times, boolean droppedFramesAllowed) {
		this.droppedFramesAllowed = droppedFramesAllowed;
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

	/**
	 * The first {@code d} PCs as a fresh T x d array, checked: no infinity, and NaN only as whole
	 * dropped frames of a session that allows them (a row with any NaN becomes all NaN).
	 */
	public double[] firstPcs(int d) {
		return firstPcs(d, "Session " + name + " stores " + columns + " PCs, fewer than the " + d + " requested (pcs).");
	}

	/** {@link #firstPcs(int)}, with the message to give when the session stores fewer than d PCs. */
	public double[] firstPcs(int d, String tooFew) {
		if (d < 1) throw new BadInputException("pcs must be at least 1 (got " + d + ").");
		if (d > columns) throw new BadInputException(tooFew);
		if (frames == 0) throw new BadInputException("Session " + name + " has no frames.");
		double[] x = new double[frames * d];
		int usable = 0;
		for (int t = 0; t < frames; t++) {
			boolean dropped = false;
			for (int i = 0; i < d; i++) {
				double v = pcs[t * columns + i];
				if (Double.isInfinite(v) || (Double.isNaN(v) && !droppedFramesAllowed))
					throw new BadInputException("Session " + name + ": PC " + (i + 1) + " of frame " + t + " is " + v
							+ "; the HMM needs finite PCs at every frame (use the cleaned PCs, pcs_clean, where dropped frames are filled).");
				dropped |= Double.isNaN(v);
				x[t * d + i] = v;
			}
			if (dropped) java.util.Arrays.fill(x, t * d, t * d + d, Double.NaN);
			else usable++;
		}
		if (usable == 0) throw new BadInputException("Session " + name + " has no frame with finite PCs.");
		return x;
	}

	/**
	 * The runs of usable frames of a T x d array: {start0, end0, start1, end1, ...}, ends exclusive;
	 * frames whose row is NaN (dropped) separate runs.
	 */
	public static int[] runs(double[] x, int d) {
		int t = x.length / d;
		int[] out = new int[2 * t + 2];
		int n = 0, f = 0;
		while (f < t) {
			while (f < t && Double.isNaN(x[f * d])) f++;
			if (f == t) break;
			int start = f;
			while (f < t && !Double.isNaN(x[f * d])) f++;
			out[n++] = start;
			out[n++] = f;
		}
		return java.util.Arrays.copyOf(out, n);
	}

	/** Number of dropped frames (rows with a NaN among the first d PCs). */
	public int droppedFrames(int d) {
		int n = 0;
		for (int t = 0; t < frames; t++)
			for (int i = 0; i < Math.min(d, columns); i++)
				if (Double.isNaN(pcs[t * columns + i])) {
					n++;
					break;
				}
		return n;
	}

	/** Timestamp of frame t in seconds, or NaN when the session has none. */
	public double time(int t) {
		return times == null ? Double.NaN : times[t];
	}
}
