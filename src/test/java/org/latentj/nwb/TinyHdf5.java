package org.latentj.nwb;

import org.latentj.nwb.jhdf.Hdf5SoftLinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

/**
 * Small HDF5 files for bad-input tests: a minimal valid MoSeq layout (T frames of 8 x 6) as a map
 * of dataset path to data, which a test edits (remove a path, replace a dataset) before writing.
 */
final class TinyHdf5 {
	private TinyHdf5() {
	}

	static final int T = 20, H = 8, W = 6, P = 4;

	/** A dataset with attributes, as a value of the dataset map. */
	record Attributed(Object data, Map<String, Object> attributes) {
	}

	/** Dataset path -> Java array (byte[][][] frames are written unsigned). */
	static Map<String, Object> validMoSeq() {
		return validMoSeq(T);
	}

	/** As {@link #validMoSeq()} with T frames (frame t has 200 + t at the center, timestamps t / 30 s). */
	static Map<String, Object> validMoSeq(int T) {
		Map<String, Object> m = new LinkedHashMap<>();
		byte[][][] frames = new byte[T][H][W];
		for (int t = 0; t < T; t++)
			frames[t][H / 2][W / 2] = (byte) (200 + t);
		m.put("/processing/MoSeq/Images/frames/data", frames);
		m.put("/processing/MoSeq/PCs/pcs_clean/data", new float[T][P]);
		m.put("/processing/MoSeq/PCs/pcs/data", new float[T][P]);
		m.put("/processing/MoSeq/Labels/labels_clean/data", new long[T]);
		m.put("/processing/MoSeq/Labels/labels/data", new long[T]);
		m.put("/processing/MoSeq/Scalars/angle/data", new float[T]);
		double[] ts = new double[T];
		for (int t = 0; t < T; t++)
			ts[t] = t / 30.0;
		m.put("/processing/MoSeq/Scalars/angle/timestamps", ts);
		m.put("/processing/MoSeq/Scalars/centroid_x_px/data", new float[T]);
		return m;
	}

	static void write(Path file, Map<String, Object> datasets) {
		write(file, datasets, DatasetCreationOptions.builder().unsigned().build());
	}

	/** As {@link #write(Path, Map)}, byte[][][] datasets with the given options (chunking, filters). */
	static void write(Path file, Map<String, Object> datasets, DatasetCreationOptions frameOptions) {
		Map<String, DatasetCreationOptions> options = new HashMap<>();
		for (Map.Entry<String, Object> e : datasets.entrySet())
			if (e.getValue() instanceof byte[][][]) options.put(e.getKey(), frameOptions);
		write(file, datasets, options, Map.of());
	}

	/**
	 * The general case: options per dataset path (others are written with jhdf's defaults, byte[][][]
	 * unsigned), and soft links (link path -> absolute target path), made as LatentJ's writer makes them.
	 */
	static void write(Path file, Map<String, Object> datasets, Map<String, DatasetCreationOptions> options,
			Map<String, String> softLinks) {
		List<String> linked = new ArrayList<>();
		try (WritableHdfFile f = HdfFile.write(file)) {
			Map<String, WritableGroup> groups = new HashMap<>();
			for (Map.Entry<String, Object> e : datasets.entrySet()) {
				String path = e.getKey();
				int slash = path.lastIndexOf('/');
				WritableGroup parent = group(f, groups, path.substring(0, slash));
				Object data = e.getValue();
				Map<String, Object> attributes = Map.of();
				if (data instanceof Attributed) {
					attributes = ((Attributed) data).attributes();
					data = ((Attributed) data).data();
				}
				DatasetCreationOptions o = options.get(path);
				if (o == null && data instanceof byte[][][]) o = DatasetCreationOptions.builder().unsigned().build();
				WritableDataset d = o == null ? parent.putDataset(path.substring(slash + 1), data)
						: parent.putDataset(path.substring(slash + 1), data, o);
				for (Map.Entry<String, Object> a : attributes.entrySet())
					d.putAttribute(a.getKey(), a.getValue());
			}
			for (Map.Entry<String, String> e : softLinks.entrySet()) {
				String path = e.getKey();
				int slash = path.lastIndexOf('/');
				String parent = path.substring(0, slash);
				Hdf5SoftLinks.reserve(group(f, groups, parent), path.substring(slash + 1), e.getValue());
				if (!linked.contains(parent.isEmpty() ? "/" : parent)) linked.add(parent.isEmpty() ? "/" : parent);
			}
		}
		if (linked.isEmpty()) return;
		try {
			Hdf5SoftLinks.convert(file, linked);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static WritableGroup group(WritableHdfFile f, Map<String, WritableGroup> groups, String path) {
		if (path.isEmpty()) return f;
		WritableGroup g = groups.get(path);
		if (g != null) return g;
		int slash = path.lastIndexOf('/');
		WritableGroup parent = group(f, groups, path.substring(0, slash));
		g = parent.putGroup(path.substring(slash + 1));
		groups.put(path, g);
		return g;
	}
}
