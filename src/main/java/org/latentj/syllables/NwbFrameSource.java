package org.latentj.syllables;

import org.latentj.nwb.MoSeqLayout;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.Pcs;
import org.latentj.util.BadInputException;

/**
 * A {@link FrameSource} over an open MoSeq NWB session: frames through the session's chunk cache,
 * centroid from the {@code centroid_x_px}/{@code centroid_y_px} scalars, heading from {@code angle}.
 * Dropped frames are those with a NaN row in the raw PCs ({@code PCs/pcs}; or, without raw PCs, the
 * dropped label -5 in {@code Labels/labels}) and those with a NaN centroid or angle.
 * <p>
 * The centroid, heading and dropped frames are read when first asked for (or by
 * {@link #requireMotion()}), so a view that only shows frames (the syllable overlay) works on a
 * session without them and reads no PCs.
 */
public final class NwbFrameSource implements FrameSource {

	/** The scalars a crowd movie needs. */
	public static final String[] SCALARS = { "centroid_x_px", "centroid_y_px", "angle" };

	private final MoSeqNwb nwb;
	private volatile Motion motion;

	/** Where the mouse is in every frame, and which frames are dropped (null: none). */
	private record Motion(double[] x, double[] y, double[] angle, boolean[] dropped) {
	}

	/** Reads nothing yet: frames on demand, the rest on first use. */
	public NwbFrameSource(MoSeqNwb nwb) {
		this.nwb = nwb;
	}

	/**
	 * Reads the centroid, the heading and the dropped frames now (crowd movies call it first, to fail
	 * before any other work).
	 * @return this source
	 * @throws BadInputException when the session lacks the centroid or the angle
	 */
	public NwbFrameSource requireMotion() {
		motion();
		return this;
	}

	private Motion motion() {
		Motion m = motion;
		if (m == null) synchronized (this) {
			m = motion;
			if (m == null) motion = m = readMotion(nwb);
		}
		return m;
	}

	private static Motion readMotion(MoSeqNwb nwb) {
		for (String s : SCALARS)
			if (!nwb.hasScalar(s))
				throw new BadInputException("The NWB file " + nwb.file() + " has no " + MoSeqLayout.data(MoSeqLayout.scalar(s))
						+ "; crowd movies need the centroid (centroid_x_px, centroid_y_px) and the heading (angle).");
		double[] x = nwb.scalar("centroid_x_px"), y = nwb.scalar("centroid_y_px"), angle = nwb.scalar("angle");
		boolean[] d = droppedFrames(nwb);
		int n = 0;
		for (int t = 0; t < d.length; t++) {
			if (d[t]) n++;
			else if (Double.isNaN(x[t]) || Double.isNaN(y[t]) || Double.isNaN(angle[t])) {
				d[t] = true;
				n++;
			}
		}
		return new Motion(x, y, angle, n == 0 ? null : d);
	}

	/**
	 * Frames dropped during acquisition: NaN rows of the raw PCs ({@code PCs/pcs}; a NaN in any
	 * stored PC), or, without raw PCs, the label -5 in {@code Labels/labels}; none without either.
	 */
	public static boolean[] droppedFrames(MoSeqNwb nwb) {
		if (nwb.hasPcs(true)) return droppedFrames(nwb.frameCount(), nwb.pcs(nwb.storedPcs(), true));
		boolean[] d = new boolean[nwb.frameCount()];
		if (nwb.hasLabels(true)) {
			int[] raw = nwb.labels(true);
			for (int t = 0; t < raw.length; t++)
				if (raw[t] == MoSeqLayout.DROPPED_LABEL) d[t] = true;
		}
		return d;
	}

	/** Frames dropped during acquisition, from raw PCs already read: the rows with a NaN. */
	public static boolean[] droppedFrames(int frames, Pcs raw) {
		boolean[] d = new boolean[frames];
		for (int t : raw.droppedFrames()) d[t] = true;
		return d;
	}

	@Override
	public String name() {
		return nwb.sessionName();
	}

	@Override
	public int frameCount() {
		return nwb.frameCount();
	}

	@Override
	public int frameWidth() {
		return nwb.width();
	}

	@Override
	public int frameHeight() {
		return nwb.height();
	}

	@Override
	public void readFrames(int from, int count, byte[] dst) {
		nwb.readFrames(from, count, dst, 0);
	}

	@Override
	public double[] centroidX() {
		return motion().x();
	}

	@Override
	public double[] centroidY() {
		return motion().y();
	}

	@Override
	public double[] angle() {
		return motion().angle();
	}

	@Override
	public boolean[] dropped() {
		return motion().dropped();
	}

	@Override
	public double frameInterval() {
		return nwb.frameInterval();
	}

	@Override
	public double mmPerPixel() {
		return nwb.mmPerPixel().orElse(Double.NaN);
	}
}
