package org.latentj.nwb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where MoSeq puts things in an NWB file (the layout of the STATS320 ARHMM lab's sessions): one processing
 * module {@code /processing/MoSeq} holding four BehavioralTimeSeries groups, each holding
 * TimeSeries groups whose {@code data} dataset has time as its first dimension. Shared by the
 * reader ({@link MoSeqNwb}) and the writer ({@link MoSeqNwbWriter}) so both agree on every name.
 */
public final class MoSeqLayout {
	private MoSeqLayout() {
	}

	public static final String MODULE = "/processing/MoSeq";
	public static final String IMAGES = MODULE + "/Images";
	public static final String PCS_GROUP = MODULE + "/PCs";
	public static final String LABELS_GROUP = MODULE + "/Labels";
	public static final String SCALARS = MODULE + "/Scalars";

	/** ImageSeries: uint8 T x H x W depth (mm above the floor) of the egocentric crop. */
	public static final String FRAMES = IMAGES + "/frames";
	/** ImageMaskSeries: uint8 T x H x W, 1 where the mouse is. */
	public static final String MASKS = IMAGES + "/frames_masks";
	/** TimeSeries: float T x P principal components, NaN rows at dropped frames. */
	public static final String PCS_RAW = PCS_GROUP + "/pcs";
	/** TimeSeries: float T x P principal components with dropped frames filled in. */
	public static final String PCS_CLEAN = PCS_GROUP + "/pcs_clean";
	/** TimeSeries: int64 T syllable labels, {@link #DROPPED_LABEL} at dropped frames. */
	public static final String LABELS_RAW = LABELS_GROUP + "/labels";
	/** TimeSeries: int64 T syllable labels with dropped frames filled in. */
	public static final String LABELS_CLEAN = LABELS_GROUP + "/labels_clean";
	/** The scalar whose series holds the one real timestamps array (pynwb's files and LatentJ's). */
	public static final String TIMESTAMPS_SCALAR = "angle";
	/** The one real timestamps array in pynwb-written sessions; the others are soft links to it. */
	public static final String TIMESTAMPS_HOME = SCALARS + "/" + TIMESTAMPS_SCALAR + "/timestamps";

	/** The label MoSeq gives frames it dropped (NaN PCs). */
	public static final int DROPPED_LABEL = -5;

	/** Scalars written by MoSeq, in the order of the shared sessions, with their NWB {@code unit}. */
	public static final Map<String, String> SCALAR_UNITS;
	static {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("angle", "radians");
		m.put("area_mm", "mm");
		m.put("area_px", "px");
		m.put("centroid_x_mm", "mm");
		m.put("centroid_x_px", "px");
		m.put("centroid_y_mm", "mm");
		m.put("centroid_y_px", "px");
		m.put("height_ave_mm", "mm");
		m.put("length_px", "px");
		m.put("velocity_2d_mm", "mm");
		m.put("velocity_2d_px", "px");
		m.put("velocity_theta", "radians");
		m.put("width_px", "px");
		SCALAR_UNITS = java.util.Collections.unmodifiableMap(m);
	}

	/** The {@code data} dataset of a TimeSeries group. */
	public static String data(String series) {
		return series + "/data";
	}

	/** The {@code timestamps} dataset (or soft link) of a TimeSeries group. */
	public static String timestampsOf(String series) {
		return series + "/timestamps";
	}

	/** The TimeSeries group of a scalar. */
	public static String scalar(String name) {
		return SCALARS + "/" + name;
	}
}
