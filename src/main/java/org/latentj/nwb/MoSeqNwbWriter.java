package org.latentj.nwb;

import org.latentj.io.AtomicOutput;
import org.latentj.nwb.jhdf.ChildOrder;
import org.latentj.nwb.jhdf.Hdf5SoftLinks;
import org.latentj.nwb.jhdf.Hdf5VlenStrings;

import static org.latentj.nwb.MoSeqLayout.FRAMES;
import static org.latentj.nwb.MoSeqLayout.IMAGES;
import static org.latentj.nwb.MoSeqLayout.LABELS_CLEAN;
import static org.latentj.nwb.MoSeqLayout.LABELS_GROUP;
import static org.latentj.nwb.MoSeqLayout.LABELS_RAW;
import static org.latentj.nwb.MoSeqLayout.MASKS;
import static org.latentj.nwb.MoSeqLayout.MODULE;
import static org.latentj.nwb.MoSeqLayout.PCS_CLEAN;
import static org.latentj.nwb.MoSeqLayout.PCS_GROUP;
import static org.latentj.nwb.MoSeqLayout.PCS_RAW;
import static org.latentj.nwb.MoSeqLayout.SCALARS;
import static org.latentj.nwb.MoSeqLayout.TIMESTAMPS_HOME;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;

/**
 * Writes a MoSeq session as an NWB 2.6 file in the layout pynwb gives the STATS320 ARHMM lab's sessions
 * (see {@link MoSeqLayout}): the NWBFile root datasets and attributes, a ProcessingModule "MoSeq"
 * with BehavioralTimeSeries Images / PCs / Labels / Scalars, each series typed (namespace,
 * neurodata_type, object_id) with pynwb's default attributes, timestamps stored once under
 * Scalars/angle and soft-linked from every other series, frames_masks soft-linked to the frames.
 * Every data array is chunked (100 frames) and deflate-compressed (level 4, as pynwb's gzip 4).
 * <p>
 * Strings (attributes and datasets) are variable-length UTF-8, as pynwb writes them: jhdf writes
 * fixed-length ones, which {@link Hdf5VlenStrings} turns into variable-length ones once the file is
 * closed (pynwb 2.3.1 cannot open a file whose {@code nwb_version} is fixed-length; pynwb 2.8.3's
 * validator rejects a fixed-length {@code file_create_date}). Differences from pynwb that readers
 * do not see: there is no cached specification (no /specifications, no .specloc: pynwb reads these
 * files with the core schema it ships, and the check in tools/pynwb-check passes without one), and
 * the root carries jhdf's "_jHDF" attribute. The file is written under a temporary name and
 * renamed when complete. Object ids are name-based UUIDs of the identifier and the object's path,
 * so a session written twice has the same ids.
 */
public final class MoSeqNwbWriter {
	private MoSeqNwbWriter() {
	}

	public static final String NWB_VERSION = "2.6.0";
	/** Frames per chunk in every written dataset (the shared sessions use 100). */
	public static final int CHUNK_FRAMES = 100;
	public static final int DEFLATE_LEVEL = 4;

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
	private static final DateTimeFormatter MICROSECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

	/** Writes {@code session} to {@code target} (replacing it only once complete). */
	public static void write(Path target, MoSeqSessionData session) throws IOException {
		AtomicOutput.writeFile(target, tmp -> writeTo(tmp, session));
	}

	private static void writeTo(Path file, MoSeqSessionData s) throws IOException {
		List<String> linkedGroups = writeWithPlaceholders(file, s);
		Hdf5SoftLinks.convert(file, linkedGroups);
		Hdf5VlenStrings.convert(file);
	}

	/** The jhdf part of writing: everything but the soft links, whose groups are returned. */
	static List<String> writeWithPlaceholders(Path file, MoSeqSessionData s) {
		List<String> linkedGroups = new ArrayList<>();
		try (WritableHdfFile f = HdfFile.write(file)) {
			new Layout(s, linkedGroups).write(f);
			Hdf5VlenStrings.reserveAll(f); // jhdf 0.13.0 writes fixed-length strings only (see nwb.jhdf)
			ChildOrder.datasetsLast(f); // jhdf 0.13.0 would corrupt the file otherwise (see nwb.jhdf)
		}
		return linkedGroups;
	}

	/** One file's worth of writing: knows the session and collects the groups that get soft links. */
	private static final class Layout {
		private final MoSeqSessionData s;
		private final List<String> linkedGroups;
		private final int chunk;

		Layout(MoSeqSessionData s, List<String> linkedGroups) {
			this.s = s;
			this.linkedGroups = linkedGroups;
			this.chunk = Math.min(CHUNK_FRAMES, s.frames);
		}

		void write(WritableHdfFile f) {
			typed(f, "/", "NWBFile");
			f.putAttribute("nwb_version", NWB_VERSION);
			f.putDataset("file_create_date", new String[] { MICROSECONDS.format(OffsetDateTime.now()) });
			f.putDataset("identifier", s.identifier);
			f.putDataset("session_description", s.description);
			f.putDataset("session_start_time", SECONDS.format(s.startTime));
			f.putDataset("timestamps_reference_time", SECONDS.format(s.startTime));
			f.putGroup("acquisition");
			f.putGroup("analysis");
			f.putGroup("general");
			WritableGroup stimulus = f.putGroup("stimulus");
			stimulus.putGroup("presentation");
			stimulus.putGroup("templates");

			WritableGroup module = f.putGroup("processing").putGroup("MoSeq");
			module.putAttribute("description", "all MoSeq derived data");
			typed(module, MODULE, "ProcessingModule");

			WritableGroup images = behavioral(module, IMAGES);
			byte[][][] depth = frames3d(s.depth);
			DatasetCreationOptions frameOptions = DatasetCreationOptions.builder().unsigned()
					.chunkDimensions(chunk, s.height, s.width).deflate(DEFLATE_LEVEL).build();
			WritableGroup frames = series(images, FRAMES, "ImageSeries", depth, frameOptions, "mm");
			frames.putDataset("format", "raw");
			WritableGroup masks = series(images, MASKS, "ImageMaskSeries", frames3d(s.masks), frameOptions, "n.a.");
			masks.putDataset("format", "raw");
			Hdf5SoftLinks.reserve(masks, "masked_imageseries", FRAMES);

			WritableGroup pcs = behavioral(module, PCS_GROUP);
			DatasetCreationOptions pcOptions = chunked(chunk, s.pcs);
			series(pcs, PCS_RAW, "TimeSeries", rows(s.pcsRaw, s.pcs), pcOptions, "n.a.");
			series(pcs, PCS_CLEAN, "TimeSeries", rows(s.pcsClean, s.pcs), pcOptions, "n.a.");

			WritableGroup labels = behavioral(module, LABELS_GROUP);
			series(labels, LABELS_RAW, "TimeSeries", longs(s.labelsRaw), chunked(chunk), "n.a.");
			series(labels, LABELS_CLEAN, "TimeSeries", longs(s.labelsClean), chunked(chunk), "n.a.");

			WritableGroup scalars = behavioral(module, SCALARS);
			for (Map.Entry<String, float[]> e : s.scalars.entrySet()) {
				String unit = MoSeqLayout.SCALAR_UNITS.getOrDefault(e.getKey(), "n.a.");
				series(scalars, MoSeqLayout.scalar(e.getKey()), "TimeSeries", e.getValue(), chunked(chunk), unit);
			}
		}

		private DatasetCreationOptions chunked(int... dims) {
			return DatasetCreationOptions.builder().chunkDimensions(dims).deflate(DEFLATE_LEVEL).build();
		}

		private WritableGroup behavioral(WritableGroup module, String path) {
			WritableGroup g = module.putGroup(name(path));
			typed(g, path, "BehavioralTimeSeries");
			return g;
		}

		/** A TimeSeries group with pynwb's default attributes, its data, and its timestamps. */
		private WritableGroup series(WritableGroup parent, String path, String type, Object data,
				DatasetCreationOptions options, String unit) {
			WritableGroup g = parent.putGroup(name(path));
			g.putAttribute("comments", "no comments");
			g.putAttribute("description", "no description");
			typed(g, path, type);
			WritableDataset d = g.putDataset("data", data, options);
			d.putAttribute("conversion", 1.0);
			d.putAttribute("offset", 0.0);
			d.putAttribute("resolution", -1.0);
			d.putAttribute("unit", unit);
			if (MoSeqLayout.timestampsOf(path).equals(TIMESTAMPS_HOME)) {
				WritableDataset ts = g.putDataset("timestamps", s.timestamps);
				ts.putAttribute("interval", 1L);
				ts.putAttribute("unit", "seconds");
			} else {
				Hdf5SoftLinks.reserve(g, "timestamps", TIMESTAMPS_HOME);
				linkedGroups.add(path);
			}
			return g;
		}

		private void typed(WritableNode node, String path, String type) {
			node.putAttribute("namespace", "core");
			node.putAttribute("neurodata_type", type);
			node.putAttribute("object_id", objectId(path));
		}

		private String objectId(String path) {
			return UUID.nameUUIDFromBytes((s.identifier + ":" + path).getBytes(StandardCharsets.UTF_8)).toString();
		}

		private byte[][][] frames3d(byte[] flat) {
			byte[][][] out = new byte[s.frames][s.height][s.width];
			int i = 0;
			for (int t = 0; t < s.frames; t++)
				for (int y = 0; y < s.height; y++, i += s.width)
					System.arraycopy(flat, i, out[t][y], 0, s.width);
			return out;
		}
	}

	private static String name(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static float[][] rows(float[] flat, int columns) {
		float[][] out = new float[flat.length / columns][columns];
		for (int t = 0; t < out.length; t++)
			System.arraycopy(flat, t * columns, out[t], 0, columns);
		return out;
	}

	private static long[] longs(int[] v) {
		long[] out = new long[v.length];
		for (int i = 0; i < v.length; i++)
			out[i] = v[i];
		return out;
	}
}
