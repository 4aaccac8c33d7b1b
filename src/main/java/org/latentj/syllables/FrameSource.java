package org.latentj.syllables;

/**
 * What the syllable views need from a MoSeq session: its egocentric depth frames (read on demand),
 * the centroid and heading of the mouse in every frame, and which frames were dropped. The NWB reader
 * provides one per file; tests provide synthetic ones.
 */
public interface FrameSource {

	/** Session name for titles, tables and messages (e.g. the file name without extension). */
	String name();

	int frameCount();

	/** Width of the egocentric frames (80 in MoSeq). */
	int frameWidth();

	int frameHeight();

	/**
	 * Reads frames {@code [from, from + count)} as unsigned 8-bit heights, row-major, one after the
	 * other into {@code dst} from index 0. Must be safe to call from several threads at once.
	 */
	void readFrames(int from, int count, byte[] dst);

	/** Centroid x in arena pixels per frame (NaN where unknown). */
	double[] centroidX();

	/** Centroid y in arena pixels (rows, growing downwards) per frame (NaN where unknown). */
	double[] centroidY();

	/** Heading angle in radians per frame (NaN where unknown); see {@link HeadingConvention}. */
	double[] angle();

	/** True at frames dropped during acquisition (NaN PCs), or null when none were. */
	boolean[] dropped();

	/** Seconds between frames. */
	double frameInterval();

	/** Size of a frame pixel in mm, NaN when the session does not say. */
	default double mmPerPixel() {
		return Double.NaN;
	}
}
