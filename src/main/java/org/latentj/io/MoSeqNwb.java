package org.latentj.io;

import static org.latentj.io.MoSeqLayout.FRAMES;
import static org.latentj.io.MoSeqLayout.LABELS_CLEAN;
import static org.latentj.io.MoSeqLayout.LABELS_RAW;
import static org.latentj.io.MoSeqLayout.MASKS;
import static org.latentj.io.MoSeqLayout.MODULE;
import static org.latentj.io.MoSeqLayout.PCS_CLEAN;
import static org.latentj.io.MoSeqLayout.PCS_RAW;
import static org.latentj.io.MoSeqLayout.SCALARS;
import static org.latentj.io.MoSeqLayout.TIMESTAMPS_HOME;
import static org.latentj.io.MoSeqLayout.data;
import static org.latentj.io.MoSeqLayout.timestampsOf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.latentj.util.BadInputException;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;

/**
 * A MoSeq session in an NWB file, opened read-only (see {@link MoSeqLayout} for the layout).
 * <p>
 * {@link #open(Path)} checks the whole layout up front (every dataset's presence, rank, type and
 * length) without reading any frame, and fails with one sentence naming the file and the HDF5
 * path. Frames are then read on demand through a bounded chunk cache, from any number of threads;
 * PCs, labels and scalars (a few numbers a frame) are read when asked for. Soft-linked timestamps
 * (pynwb) and per-series timestamp arrays (LatentJ's writer) are both accepted.
 */
public final class MoSeqNwb implements AutoCloseable {

	/** Default budget of decoded frame chunks kept per session: 64 MiB (about 10,000 80x80 frames). */
	public static final long DEFAULT_CACHE_BYTES = 64L << 20;

	private final Path file;
	private final HdfFile hdf;
	private final FileChannel channel;
	private final long userBlock;
	private final FrameDataset frames;
	private final FrameDataset masks;
	private final int frameCount;
	private final int height;
	private final int width;
	private final double[] timestamps;
	private final String timestampsPath;
	private final double frameInterval;
	private final Map<String, Dataset> scalars = new LinkedHashMap<>();
	private final Dataset pcsClean;
	private final Dataset pcsRaw;
	private final Dataset labelsClean;
	private final Dataset labelsRaw;
	private volatile boolean closed;

	private MoSeqNwb(Path file, long cacheBytes) {
		this.file = file;
		this.userBlock = Hdf5FileCheck.requireCompleteHdf5(file, "NWB file");
		try {
			this.hdf = new HdfFile(file);
		} catch (RuntimeException e) {
			throw new BadInputException("The NWB file " + file + " cannot be read as HDF5 (" + e.getMessage() + ").", e);
		}
		FileChannel ch = null;
		try {
			requireGroup(MODULE, "has no MoSeq processing module (is it a MoSeq session?)");
			Dataset framesData = requireDataset(data(FRAMES));
			requireUint8Frames(framesData);
			int[] dims = framesData.getDimensions();
			frameCount = dims[0];
			height = dims[1];
			width = dims[2];
			if (framesData instanceof ContiguousDataset) {
				ch = FileChannel.open(file, StandardOpenOption.READ);
				long start = userBlock + ((ContiguousDataset) framesData).getDataAddress();
				long end = start + (long) frameCount * height * width;
				if (start < 0 || end > ch.size())
					throw bad(data(FRAMES), "points outside the file (bytes " + start + " to " + end + " of " + ch.size()
							+ "); the file is damaged");
			}
			channel = ch;
			frames = new FrameDataset(framesData, ch, userBlock, cacheBytes, this::readFailure);

			Dataset maskData = optionalDataset(data(MASKS));
			if (maskData != null) {
				requireUint8Frames(maskData);
				if (!Arrays.equals(maskData.getDimensions(), dims))
					throw bad(data(MASKS), "has shape " + shape(maskData) + " but " + data(FRAMES) + " has " + shape(framesData));
				if (maskData instanceof ContiguousDataset) {
					long start = userBlock + ((ContiguousDataset) maskData).getDataAddress();
					if (ch == null) ch = FileChannel.open(file, StandardOpenOption.READ);
					if (start < 0 || start + (long) frameCount * height * width > ch.size())
						throw bad(data(MASKS), "points outside the file; the file is damaged");
				}
				masks = new FrameDataset(maskData, ch, userBlock, cacheBytes / 4, this::readFailure);
			} else masks = null;

			pcsClean = optionalDataset(data(PCS_CLEAN));
			pcsRaw = optionalDataset(data(PCS_RAW));
			if (pcsClean == null && pcsRaw == null)
				throw bad(data(PCS_CLEAN), "is missing (and so is " + data(PCS_RAW) + ")");
			for (Dataset d : new Dataset[] { pcsClean, pcsRaw })
				if (d != null) {
					requireRank(d, 2);
					requireFloat(d);
					requireLength(d);
				}
			labelsClean = optionalDataset(data(LABELS_CLEAN));
			labelsRaw = optionalDataset(data(LABELS_RAW));
			for (Dataset d : new Dataset[] { labelsClean, labelsRaw })
				if (d != null) {
					requireRank(d, 1);
					requireInteger(d);
					requireLength(d);
				}
			Node scalarGroup = optionalNode(SCALARS);
			if (scalarGroup != null) {
				if (!(scalarGroup instanceof Group)) throw bad(SCALARS, "is not a group");
				// sorted by name, as h5py lists them (jhdf's order depends on how the group is stored)
				for (Map.Entry<String, Node> e : new TreeMap<>(((Group) scalarGroup).getChildren()).entrySet()) {
					if (!(e.getValue() instanceof Group)) continue;
					String series = SCALARS + "/" + e.getKey();
					Dataset d = requireDataset(data(series));
					requireRank(d, 1);
					requireNumber(d);
					requireLength(d);
					scalars.put(e.getKey(), d);
				}
			}
			String[] tsPath = new String[1];
			timestamps = readTimestamps(tsPath);
			timestampsPath = tsPath[0];
			frameInterval = medianStep(timestamps);
			checkSeriesTimestamps();
		} catch (RuntimeException | IOException e) {
			closeQuietly(ch);
			hdf.close();
			if (e instanceof BadInputException) throw (BadInputException) e;
			throw new BadInputException("The NWB file " + file + " cannot be read (" + e + ").", e);
		}
	}

	/** Opens a session with the default frame cache budget. */
	public static MoSeqNwb open(Path file) {
		return open(file, DEFAULT_CACHE_BYTES);
	}

	/**
	 * Opens a session, validating its whole layout; nothing of the frames is read.
	 *
	 * @param cacheBytes at most this many bytes of decoded frame chunks are kept (at least one chunk is)
	 * @throws BadInputException naming the file and the HDF5 path of the first problem found
	 */
	public static MoSeqNwb open(Path file, long cacheBytes) {
		return new MoSeqNwb(file, cacheBytes);
	}

	// ---------------------------------------------------------------- session

	public Path file() {
		return file;
	}

	/** The session name: the file name without ".nwb". */
	public String sessionName() {
		String n = file.getFileName().toString();
		return n.toLowerCase().endsWith(".nwb") ? n.substring(0, n.length() - 4) : n;
	}

	/** The NWB {@code /identifier}, or null if absent. */
	public String identifier() {
		return optionalString("/identifier");
	}

	/** The NWB {@code /session_description}, or null if absent. */
	public String sessionDescription() {
		return optionalString("/session_description");
	}

	// ---------------------------------------------------------------- frames

	public int frameCount() {
		return frameCount;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** Copies frame t (0-based; row-major, width*height bytes of depth in mm, unsigned) into dst at offset. */
	public void readFrame(int t, byte[] dst, int offset) {
		checkOpen();
		frames.read(t, dst, offset);
	}

	/** Frame t as a new array. */
	public byte[] frame(int t) {
		byte[] b = new byte[width * height];
		readFrame(t, b, 0);
		return b;
	}

	/** Copies frames first..first+count-1 one after another into dst at offset. */
	public void readFrames(int first, int count, byte[] dst, int offset) {
		checkOpen();
		if (first < 0 || count < 0 || first + count > frameCount)
			throw new IndexOutOfBoundsException("frames " + first + ".." + (first + count - 1) + " outside 0.." + (frameCount - 1));
		int n = width * height;
		for (int i = 0; i < count; i++)
			frames.read(first + i, dst, offset + i * n);
	}

	public boolean hasMasks() {
		return masks != null;
	}

	/** Copies the mask of frame t (1 where the mouse is) into dst at offset. */
	public void readMask(int t, byte[] dst, int offset) {
		checkOpen();
		if (masks == null) throw bad(data(MASKS), "is missing");
		masks.read(t, dst, offset);
	}

	/** True when frames are stored in compressed or uncompressed chunks (and go through the cache). */
	public boolean framesChunked() {
		return frames.isChunked();
	}

	/** Chunk shape of the frames dataset, or null when contiguous. */
	public int[] frameChunkDimensions() {
		return frames.chunkDimensions();
	}

	/** Frame chunks decoded so far (0 right after open: opening reads no frame). */
	public long frameChunkLoads() {
		return frames.isChunked() ? frames.cache().loads() : 0;
	}

	/** Bytes of decoded frame chunks held now (never above the budget, or one chunk if larger). */
	public long frameCacheBytes() {
		return frames.isChunked() ? frames.cache().cachedBytes() : 0;
	}

	// ---------------------------------------------------------------- time

	/** Frame times in seconds (a copy). */
	public double[] timestamps() {
		return timestamps.clone();
	}

	/** Where the timestamps were read (after soft links were followed). */
	public String timestampsPath() {
		return timestampsPath;
	}

	/** Seconds between frames: the median step of the timestamps (robust to dropped frames). */
	public double frameInterval() {
		return frameInterval;
	}

	/** Frames per second: 1 / {@link #frameInterval()}. */
	public double fps() {
		return 1 / frameInterval;
	}

	// ---------------------------------------------------------------- PCs

	public boolean hasPcs(boolean raw) {
		return (raw ? pcsRaw : pcsClean) != null;
	}

	/** Number of PC columns stored (clean PCs if present, else raw). */
	public int storedPcs() {
		return (pcsClean != null ? pcsClean : pcsRaw).getDimensions()[1];
	}

	/** The first n clean PCs ({@code pcs_clean}). */
	public Pcs pcs(int n) {
		return pcs(n, false);
	}

	/**
	 * The first n PCs, from {@code pcs} (raw, NaN rows at dropped frames) or {@code pcs_clean}.
	 * Rows with a NaN are listed in {@link Pcs#droppedFrames()}; clean PCs with a NaN are refused,
	 * so that no NaN reaches a fit unnoticed.
	 */
	public Pcs pcs(int n, boolean raw) {
		checkOpen();
		String path = data(raw ? PCS_RAW : PCS_CLEAN);
		Dataset d = raw ? pcsRaw : pcsClean;
		if (d == null) throw bad(path, "is missing");
		int stored = d.getDimensions()[1];
		if (n < 1 || n > stored)
			throw bad(path, "holds " + stored + " PCs, so " + n + " PCs cannot be read");
		double[] all = toDoubles(readFlat(d), path);
		double[] values = new double[frameCount * n];
		List<Integer> dropped = new ArrayList<>();
		for (int t = 0; t < frameCount; t++) {
			boolean nan = false;
			for (int k = 0; k < n; k++) {
				double v = all[t * stored + k];
				values[t * n + k] = v;
				if (Double.isNaN(v)) nan = true;
			}
			if (nan) dropped.add(t);
		}
		if (!raw && !dropped.isEmpty())
			throw bad(path, "has NaN in " + dropped.size() + " frames (first: frame " + dropped.get(0) + ")");
		return new Pcs(path, frameCount, n, values, dropped.stream().mapToInt(Integer::intValue).toArray());
	}

	// ---------------------------------------------------------------- labels

	public boolean hasLabels(boolean raw) {
		return (raw ? labelsRaw : labelsClean) != null;
	}

	/** Clean labels ({@code labels_clean}), one a frame. */
	public int[] labels() {
		return labels(false);
	}

	/** Labels from {@code labels} (raw: {@link MoSeqLayout#DROPPED_LABEL} at dropped frames) or {@code labels_clean}. */
	public int[] labels(boolean raw) {
		checkOpen();
		String path = data(raw ? LABELS_RAW : LABELS_CLEAN);
		Dataset d = raw ? labelsRaw : labelsClean;
		if (d == null) throw bad(path, "is missing");
		Object flat = readFlat(d);
		int[] out = new int[frameCount];
		for (int t = 0; t < frameCount; t++) {
			long v = flat instanceof long[] ? ((long[]) flat)[t]
					: flat instanceof int[] ? ((int[]) flat)[t]
					: flat instanceof short[] ? ((short[]) flat)[t] : ((byte[]) flat)[t];
			if (v != (int) v) throw bad(path, "holds the label " + v + " at frame " + t + ", outside the int range");
			out[t] = (int) v;
		}
		return out;
	}

	// ---------------------------------------------------------------- scalars

	/** Names of the scalars in {@code /processing/MoSeq/Scalars}, sorted by name. */
	public List<String> scalarNames() {
		return Collections.unmodifiableList(new ArrayList<>(scalars.keySet()));
	}

	public boolean hasScalar(String name) {
		return scalars.containsKey(name);
	}

	/** One scalar, a value a frame, as doubles. */
	public double[] scalar(String name) {
		checkOpen();
		Dataset d = scalars.get(name);
		if (d == null)
			throw bad(data(MoSeqLayout.scalar(name)), "is missing (scalars here: " + String.join(", ", scalars.keySet()) + ")");
		return toDoubles(readFlat(d), d.getPath());
	}

	/** The NWB {@code unit} attribute of a scalar's data, or "" if absent. */
	public String scalarUnit(String name) {
		Dataset d = scalars.get(name);
		if (d == null) throw bad(data(MoSeqLayout.scalar(name)), "is missing");
		Attribute a = d.getAttribute("unit");
		Object v = a == null ? null : a.getData();
		return v == null ? "" : v.toString();
	}

	// ---------------------------------------------------------------- layout

	/**
	 * The soft links under {@code /processing/MoSeq}: link path to target path (pynwb links every
	 * series' timestamps to one array). Empty for files from LatentJ's writer, which cannot link.
	 */
	public Map<String, String> softLinks() {
		checkOpen();
		Map<String, String> links = new TreeMap<>();
		collectLinks((Group) hdf.getByPath(MODULE), links);
		return links;
	}

	private static void collectLinks(Group g, Map<String, String> links) {
		for (Node n : g.getChildren().values()) {
			if (n instanceof Link) links.put(n.getPath(), ((Link) n).getTargetPath());
			else if (n instanceof Group) collectLinks((Group) n, links);
		}
	}

	/** The underlying jhdf file, for layout inspection (read-only use). */
	public HdfFile hdf() {
		return hdf;
	}

	@Override
	public void close() {
		if (closed) return;
		closed = true;
		closeQuietly(channel);
		hdf.close();
	}

	// ---------------------------------------------------------------- internals

	private void checkOpen() {
		if (closed) throw new IllegalStateException("The NWB file " + file + " has been closed.");
	}

	private BadInputException bad(String hdfPath, String problem) {
		return new BadInputException("In NWB file " + file + ", " + hdfPath + " " + problem + ".");
	}

	private BadInputException readFailure(String what, Throwable cause) {
		return new BadInputException("In NWB file " + file + ", " + what + " cannot be read (" + cause.getMessage()
				+ "); the file may be damaged.", cause);
	}

	private Node optionalNode(String path) {
		try {
			return hdf.getByPath(path);
		} catch (HdfInvalidPathException e) {
			return null;
		} catch (RuntimeException e) {
			throw bad(path, "cannot be read (" + e.getMessage() + ")");
		}
	}

	private void requireGroup(String path, String problemIfMissing) {
		Node n = optionalNode(path);
		if (n == null) throw new BadInputException("The NWB file " + file + " " + problemIfMissing + ": " + path + " is missing.");
		if (!(n instanceof Group)) throw bad(path, "is not a group");
	}

	private Dataset optionalDataset(String path) {
		Node n = optionalNode(path);
		if (n == null) return null;
		if (!(n instanceof Dataset)) throw bad(path, "is a group, not a dataset");
		return (Dataset) n;
	}

	private Dataset requireDataset(String path) {
		Dataset d = optionalDataset(path);
		if (d == null) throw bad(path, "is missing");
		return d;
	}

	private void requireRank(Dataset d, int rank) {
		if (d.getDimensions().length != rank)
			throw bad(d.getPath(), "has shape " + shape(d) + " but should have " + rank + " dimension" + (rank > 1 ? "s" : ""));
	}

	private void requireLength(Dataset d) {
		int n = d.getDimensions()[0];
		if (n != frameCount)
			throw bad(d.getPath(), "has " + n + " rows but " + data(FRAMES) + " has " + frameCount + " frames");
	}

	private void requireUint8Frames(Dataset d) {
		requireRank(d, 3);
		DataType t = d.getDataType();
		if (!(t instanceof FixedPoint) || t.getSize() != 1 || ((FixedPoint) t).isSigned())
			throw bad(d.getPath(), "has type " + typeName(d) + " but depth frames must be uint8");
		int[] dims = d.getDimensions();
		if (dims[1] < 1 || dims[2] < 1) throw bad(d.getPath(), "has empty frames (shape " + shape(d) + ")");
	}

	private void requireFloat(Dataset d) {
		if (!(d.getDataType() instanceof FloatingPoint))
			throw bad(d.getPath(), "has type " + typeName(d) + " but should hold floating-point numbers");
	}

	private void requireInteger(Dataset d) {
		if (!(d.getDataType() instanceof FixedPoint))
			throw bad(d.getPath(), "has type " + typeName(d) + " but labels must be integers");
	}

	private void requireNumber(Dataset d) {
		DataType t = d.getDataType();
		if (!(t instanceof FixedPoint) && !(t instanceof FloatingPoint))
			throw bad(d.getPath(), "has type " + typeName(d) + " but should hold numbers");
	}

	static String typeName(Dataset d) {
		DataType t = d.getDataType();
		if (t instanceof FixedPoint) return (((FixedPoint) t).isSigned() ? "int" : "uint") + 8 * t.getSize();
		if (t instanceof FloatingPoint) return "float" + 8 * t.getSize();
		if (t instanceof StringData || t instanceof VariableLength) return "string";
		return t.getClass().getSimpleName().toLowerCase();
	}

	private static String shape(Dataset d) {
		return Arrays.toString(d.getDimensions()).replace('[', '(').replace(']', ')');
	}

	private Object readFlat(Dataset d) {
		try {
			return d.getDataFlat();
		} catch (RuntimeException e) {
			throw readFailure(d.getPath(), e);
		}
	}

	private double[] toDoubles(Object flat, String path) {
		if (flat instanceof double[]) return (double[]) flat;
		int n = java.lang.reflect.Array.getLength(flat);
		double[] out = new double[n];
		if (flat instanceof float[]) {
			float[] f = (float[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else if (flat instanceof long[]) {
			long[] f = (long[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else if (flat instanceof int[]) {
			int[] f = (int[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else if (flat instanceof short[]) {
			short[] f = (short[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else if (flat instanceof byte[]) {
			byte[] f = (byte[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else throw bad(path, "does not hold numbers");
		return out;
	}

	/**
	 * Timestamps of the frames: the frames' own timestamps (a soft link to the Scalars' array in
	 * pynwb files), else the home array, else NWB's starting_time + rate.
	 */
	private double[] readTimestamps(String[] usedPath) {
		for (String p : new String[] { timestampsOf(FRAMES), TIMESTAMPS_HOME }) {
			Dataset d = optionalDataset(p);
			if (d == null) continue;
			requireRank(d, 1);
			requireFloat(d);
			requireLength(d);
			usedPath[0] = d.getPath();
			double[] ts = toDoubles(readFlat(d), d.getPath());
			for (int t = 0; t < ts.length; t++)
				if (!Double.isFinite(ts[t])) throw bad(d.getPath(), "holds " + ts[t] + " at frame " + t);
			return ts;
		}
		Dataset start = optionalDataset(FRAMES + "/starting_time");
		if (start != null) {
			Attribute rate = start.getAttribute("rate");
			Object r = rate == null ? null : rate.getData();
			Object s0 = start.getData();
			if (!(r instanceof Number) || !(s0 instanceof Number) || !(((Number) r).doubleValue() > 0))
				throw bad(start.getPath(), "has no positive 'rate' attribute");
			double t0 = ((Number) s0).doubleValue(), rt = ((Number) r).doubleValue();
			double[] ts = new double[frameCount];
			for (int t = 0; t < frameCount; t++)
				ts[t] = t0 + t / rt;
			usedPath[0] = start.getPath();
			return ts;
		}
		throw bad(timestampsOf(FRAMES), "is missing (and so are " + TIMESTAMPS_HOME + " and " + FRAMES + "/starting_time)");
	}

	private double medianStep(double[] ts) {
		if (ts.length < 2) return 1.0 / 30;
		double[] d = new double[ts.length - 1];
		for (int i = 0; i < d.length; i++)
			d[i] = ts[i + 1] - ts[i];
		Arrays.sort(d);
		double m = d[d.length / 2];
		if (!(m > 0)) throw bad(timestampsPath, "does not increase (median step " + m + " s)");
		return m;
	}

	/** Every series' own timestamps (arrays, or links followed) must have one entry a frame. */
	private void checkSeriesTimestamps() {
		List<String> series = new ArrayList<>(List.of(FRAMES, MASKS, PCS_CLEAN, PCS_RAW, LABELS_CLEAN, LABELS_RAW));
		for (String s : scalars.keySet())
			series.add(MoSeqLayout.scalar(s));
		for (String s : series) {
			if (optionalNode(s) == null) continue;
			Node n = optionalNode(timestampsOf(s));
			if (n instanceof Dataset) requireLength((Dataset) n);
		}
	}

	private String optionalString(String path) {
		Node n = optionalNode(path);
		if (!(n instanceof Dataset)) return null;
		Object v = ((Dataset) n).getData();
		if (v instanceof String[] && ((String[]) v).length > 0) return ((String[]) v)[0];
		return v == null ? null : v.toString();
	}

	private static void closeQuietly(FileChannel ch) {
		if (ch == null) return;
		try {
			ch.close();
		} catch (IOException e) {
			// read-only channel: nothing to lose
		}
	}
}
