package org.latentj.nwb;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole MoSeq session in memory, as {@link MoSeqNwbWriter} writes it, with the element types of
 * the NWB files (uint8 frames, float32 PCs and scalars, integer labels, float64 timestamps) so that
 * what is written reads back bit for bit.
 */
public final class MoSeqSessionData {

	public final String identifier;
	public final String description;
	public final OffsetDateTime startTime;
	public final int frames;
	public final int height;
	public final int width;
	/** T*H*W depth in mm above the floor, row-major frame after frame. */
	public final byte[] depth;
	/** T*H*W, 1 where the mouse is. */
	public final byte[] masks;
	public final int pcs;
	/** T*P, NaN rows at dropped frames. */
	public final float[] pcsRaw;
	/** T*P. */
	public final float[] pcsClean;
	/** T, {@link MoSeqLayout#DROPPED_LABEL} at dropped frames. */
	public final int[] labelsRaw;
	public final int[] labelsClean;
	/**
	 * Name to T values; names and units as in {@link MoSeqLayout#SCALAR_UNITS} (others are written with
	 * unit "n.a."). Must hold {@link MoSeqLayout#TIMESTAMPS_SCALAR} ("angle"), whose series holds the timestamps.
	 */
	public final Map<String, float[]> scalars;
	/** T seconds. */
	public final double[] timestamps;

	public MoSeqSessionData(String identifier, String description, OffsetDateTime startTime, int height, int width,
			byte[] depth, byte[] masks, int pcs, float[] pcsRaw, float[] pcsClean, int[] labelsRaw, int[] labelsClean,
			Map<String, float[]> scalars, double[] timestamps) {
		this.identifier = identifier;
		this.description = description;
		this.startTime = startTime == null ? OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC) : startTime;
		this.frames = timestamps.length;
		this.height = height;
		this.width = width;
		this.depth = depth;
		this.masks = masks;
		this.pcs = pcs;
		this.pcsRaw = pcsRaw;
		this.pcsClean = pcsClean;
		this.labelsRaw = labelsRaw;
		this.labelsClean = labelsClean;
		this.scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
		int t = frames;
		require(t >= 2, "at least 2 frames (the reader takes the frame interval from the timestamps)");
		require(depth.length == (long) t * height * width, "depth has T*H*W bytes");
		require(masks.length == depth.length, "masks have T*H*W bytes");
		require(pcs > 0 && pcsRaw.length == (long) t * pcs && pcsClean.length == pcsRaw.length, "PCs are T*P");
		require(labelsRaw.length == t && labelsClean.length == t, "labels have T entries");
		// the writer stores the timestamps under this scalar's series and links every other series to them
		require(this.scalars.containsKey(MoSeqLayout.TIMESTAMPS_SCALAR),
				"a scalar named '" + MoSeqLayout.TIMESTAMPS_SCALAR + "' (its series holds the timestamps, " + MoSeqLayout.TIMESTAMPS_HOME + ")");
		for (Map.Entry<String, float[]> e : this.scalars.entrySet())
			require(e.getValue().length == t, "scalar " + e.getKey() + " has T entries");
		for (int i = 1; i < t; i++)
			require(timestamps[i] > timestamps[i - 1], "timestamps increase");
		this.timestamps = timestamps;
	}

	private static void require(boolean ok, String what) {
		if (!ok) throw new IllegalArgumentException("MoSeq session data: expected " + what);
	}
}
