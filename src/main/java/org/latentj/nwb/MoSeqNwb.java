package org.latentj.nwb;

import static org.latentj.nwb.MoSeqLayout.FRAMES;
import static org.latentj.nwb.MoSeqLayout.LABELS_CLEAN;
import static org.latentj.nwb.MoSeqLayout.LABELS_RAW;
import static org.latentj.nwb.MoSeqLayout.MASKS;
import static org.latentj.nwb.MoSeqLayout.MODULE;
import static org.latentj.nwb.MoSeqLayout.PCS_CLEAN;
import static org.latentj.nwb.MoSeqLayout.PCS_RAW;
import static org.latentj.nwb.MoSeqLayout.SCALARS;
import static org.latentj.nwb.MoSeqLayout.TIMESTAMPS_HOME;
import static org.latentj.nwb.MoSeqLayout.data;
import static org.latentj.nwb.MoSeqLayout.timestampsOf;

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
import java.util.OptionalDouble;
import java.util.TreeMap;

import org.latentj.nwb.jhdf.BoundedReads;
import org.latentj.util.BadInputException;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;

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

	/** Default budget of chunks kept per session: 64 MiB (about 10,000 80x80 frames, decoded). */
	public static final long DEFAULT_CACHE_BYTES = 64L << 20;
	/** Cache keys of mask chunks start here (frame chunks start at 0). */
	private static final long MASK_KEYS = 1L << 62;

	private final Path file;
	private final HdfFile hdf;
	private final CheckedHdf5 h5;
	private final FileChannel channel;
	private final long userBlock;
	private final ChunkCache<InflatingChunk> chunks;
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
	private volatile Double mmPerPixel;

	private MoSeqNwb(Path file, long cacheBytes) {
		this.file = file;
		this.userBlock = Hdf5FileCheck.requireCompleteHdf5(file, "NWB file");
		HdfFile opened = null;
		try {
			opened = new HdfFile(file);
			BoundedReads.install(opened); // every later read of jhdf's lies inside the file
		} catch (RuntimeException e) {
			if (opened != null) opened.close();
			throw new BadInputException("The NWB file " + file + " cannot be read as HDF5 (" + e.getMessage() + ").", e);
		}
		this.hdf = opened;
		FileChannel ch = null;
		try {
			this.h5 = new CheckedHdf5(file, hdf);
			// before any path is resolved: resolving an external link would open another file
			h5.requireSelfContained();
			h5.requireGroup(MODULE, "has no MoSeq processing module (is it a MoSeq session?)");
			Dataset framesData = h5.requireDataset(data(FRAMES));
			h5.requireUint8Frames(framesData);
			int[] dims = framesData.getDimensions();
			frameCount = dims[0];
			height = dims[1];
			width = dims[2];
			if (frameCount == 0) throw h5.bad(data(FRAMES), "holds no frames");
			Dataset maskData = h5.optionalDataset(data(MASKS));
			if (maskData != null) {
				h5.requireUint8Frames(maskData);
				if (!Arrays.equals(maskData.getDimensions(), dims))
					throw h5.bad(data(MASKS), "has shape " + CheckedHdf5.shape(maskData) + " but " + data(FRAMES) + " has " + CheckedHdf5.shape(framesData));
			}
			// contiguous frames or masks are read with positional reads: one channel serves both
			if (framesData instanceof ContiguousDataset || maskData instanceof ContiguousDataset)
				ch = FileChannel.open(file, StandardOpenOption.READ);
			channel = ch;
			// one budget for frames and masks; a chunk weighs what it holds on the heap (decoded bytes, and
			// compressed ones until it is whole); evicted chunks free zlib's native state at once
			chunks = new ChunkCache<>(cacheBytes, this::loadChunk, InflatingChunk::heapBytes, InflatingChunk::release);
			frames = new FrameDataset(framesData, ch, userBlock, chunks, 0, h5);
			masks = maskData == null ? null : new FrameDataset(maskData, ch, userBlock, chunks, MASK_KEYS, h5);

			pcsClean = h5.optionalDataset(data(PCS_CLEAN));
			pcsRaw = h5.optionalDataset(data(PCS_RAW));
			if (pcsClean == null && pcsRaw == null)
				throw h5.bad(data(PCS_CLEAN), "is missing (and so is " + data(PCS_RAW) + ")");
			for (Dataset d : new Dataset[] { pcsClean, pcsRaw })
				if (d != null) {
					h5.requireRank(d, 2);
					h5.requireFloat(d);
					h5.requireLength(d, frameCount);
				}
			labelsClean = h5.optionalDataset(data(LABELS_CLEAN));
			labelsRaw = h5.optionalDataset(data(LABELS_RAW));
			for (Dataset d : new Dataset[] { labelsClean, labelsRaw })
				if (d != null) {
					h5.requireRank(d, 1);
					h5.requireInteger(d);
					h5.requireLength(d, frameCount);
				}
			Node scalarGroup = h5.optionalNode(SCALARS);
			if (scalarGroup != null) {
				if (!(scalarGroup instanceof Group)) throw h5.bad(SCALARS, "is not a group");
				// sorted by name, as h5py lists them (jhdf's order depends on how the group is stored)
				for (Map.Entry<String, Node> e : new TreeMap<>(((Group) scalarGroup).getChildren()).entrySet()) {
					if (!(e.getValue() instanceof Group)) continue;
					String series = SCALARS + "/" + e.getKey();
					Dataset d = h5.requireDataset(data(series));
					h5.requireRank(d, 1);
					h5.requireNumber(d);
					h5.requireLength(d, frameCount);
					scalars.put(e.getKey(), d);
				}
			}
			double[] rate = { Double.NaN };
			String[] tsPath = new String[1];
			timestamps = readTimestamps(tsPath, rate);
			timestampsPath = tsPath[0];
			frameInterval = Double.isNaN(rate[0]) ? medianStep(timestamps) : 1 / rate[0];
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
	 * @param cacheBytes at most this many bytes of frame and mask chunks are kept (at least one chunk is),
	 *            counting their decoded bytes and the compressed bytes of chunks not yet wholly inflated
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
		return sessionName(file);
	}

	/** The name of the session a file holds, without opening it: the file name without ".nwb". */
	public static String sessionName(Path file) {
		String n = file.getFileName().toString();
		return n.toLowerCase().endsWith(".nwb") ? n.substring(0, n.length() - 4) : n;
	}

	/** The NWB {@code /identifier}, or null if absent. */
	public String identifier() {
		return h5.optionalString("/identifier");
	}

	/** The NWB {@code /session_description}, or null if absent. */
	public String sessionDescription() {
		return h5.optionalString("/session_description");
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
		frames.readRun(first, count, dst, offset);
	}

	/** Copies the mask of frame t (1 where the mouse is) into dst at offset. */
	public void readMask(int t, byte[] dst, int offset) {
		checkOpen();
		if (masks == null) throw h5.bad(data(MASKS), "is missing");
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

	/** Frame chunks read so far (0 right after open: opening reads no frame); masks not counted. */
	long frameChunkLoads() { // tests and benchmarks read it through ReaderCounters (src/test)
		return frames.chunkLoads();
	}

	/**
	 * Bytes of frame and mask chunks held now: their decoded bytes, plus the compressed bytes of
	 * chunks not yet wholly inflated. Never above the budget given at open, or one chunk if larger.
	 * (Not counted: zlib's native state, about 40 KB for each chunk being inflated.)
	 */
	long frameCacheBytes() { // tests and benchmarks read it through ReaderCounters (src/test)
		return chunks.cachedBytes();
	}

	/**
	 * Size of a frame pixel in mm. The egocentric crops keep the depth camera's pixels, and MoSeq
	 * records its own px-to-mm conversion in the scalars: the slope of centroid_*_mm against
	 * centroid_*_px (least squares over x and y together), else the square root of the median
	 * area_mm / area_px. Empty when neither pair of scalars is there. 1.34 mm for the shared sessions.
	 */
	public OptionalDouble mmPerPixel() {
		Double known = mmPerPixel;
		if (known == null) mmPerPixel = known = computeMmPerPixel();
		return known.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(known);
	}

	private double computeMmPerPixel() {
		double sxy = 0, sxx = 0;
		for (String axis : new String[] { "x", "y" }) {
			String px = "centroid_" + axis + "_px", mm = "centroid_" + axis + "_mm";
			if (!hasScalar(px) || !hasScalar(mm)) continue;
			double[] a = scalar(px), b = scalar(mm);
			double ma = 0, mb = 0;
			int n = 0;
			for (int t = 0; t < a.length; t++)
				if (Double.isFinite(a[t]) && Double.isFinite(b[t])) {
					ma += a[t];
					mb += b[t];
					n++;
				}
			if (n < 2) continue;
			ma /= n;
			mb /= n;
			for (int t = 0; t < a.length; t++)
				if (Double.isFinite(a[t]) && Double.isFinite(b[t])) {
					sxy += (a[t] - ma) * (b[t] - mb);
					sxx += (a[t] - ma) * (a[t] - ma);
				}
		}
		if (sxx > 0 && sxy / sxx > 0) return sxy / sxx;
		if (hasScalar("area_px") && hasScalar("area_mm")) {
			double[] a = scalar("area_px"), b = scalar("area_mm");
			double[] ratio = new double[a.length];
			int n = 0;
			for (int t = 0; t < a.length; t++)
				if (a[t] > 0 && b[t] > 0) ratio[n++] = b[t] / a[t];
			if (n > 0) {
				Arrays.sort(ratio, 0, n);
				return Math.sqrt(ratio[n / 2]);
			}
		}
		return Double.NaN;
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

	/**
	 * Seconds between frames: the median step of the timestamps (robust to dropped frames), or 1 /
	 * rate where the frames have NWB's starting_time + rate instead of timestamps. A session of one
	 * frame with timestamps has none, and is refused at open.
	 */
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
		if (d == null) throw h5.bad(path, "is missing");
		int stored = d.getDimensions()[1];
		if (n < 1 || n > stored)
			throw h5.bad(path, "holds " + stored + " PCs, so " + n + " PCs cannot be read");
		// The whole T x stored array is read even for n < stored: jhdf's slice read (getData(offset,
		// shape)) gives the same values but is no faster on chunked PCs (each chunk holds every column
		// and is inflated whole) and far slower on contiguous ones (session_a 1.1 vs 1.1 ms, session_b
		// 0.15 vs 4.3 ms); the array is small (40 bytes a frame for 10 float PCs).
		double[] all = h5.toDoubles(h5.readFlat(d), path);
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
			throw h5.bad(path, "has NaN in " + dropped.size() + " frames (first: frame " + dropped.get(0) + ")");
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
		if (d == null) throw h5.bad(path, "is missing");
		long[] values = h5.toLongs(h5.readFlat(d), path, "frame");
		int[] out = new int[frameCount];
		for (int t = 0; t < frameCount; t++) {
			long v = values[t];
			if (v != (int) v) throw h5.bad(path, "holds the label " + v + " at frame " + t + ", outside the int range");
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
			throw h5.bad(data(MoSeqLayout.scalar(name)), "is missing (scalars here: " + String.join(", ", scalars.keySet()) + ")");
		return h5.toDoubles(h5.readFlat(d), d.getPath());
	}

	/** The NWB {@code unit} attribute of a scalar's data, or "" if absent. */
	public String scalarUnit(String name) {
		Dataset d = scalars.get(name);
		if (d == null) throw h5.bad(data(MoSeqLayout.scalar(name)), "is missing");
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

	@Override
	public void close() {
		if (closed) return;
		closed = true;
		closeQuietly(channel);
		hdf.close();
	}

	// ---------------------------------------------------------------- internals

	private InflatingChunk loadChunk(long key) {
		return key >= MASK_KEYS ? masks.loadChunk(key - MASK_KEYS) : frames.loadChunk(key);
	}

	private void checkOpen() {
		if (closed) throw new IllegalStateException("The NWB file " + file + " has been closed.");
	}

	/**
	 * Timestamps of the frames: the frames' own timestamps (a soft link to the Scalars' array in
	 * pynwb files), else the home array, else NWB's starting_time + rate.
	 *
	 * @param usedPath receives the path read
	 * @param rateUsed receives the rate (frames per second) when the times come from starting_time + rate
	 */
	private double[] readTimestamps(String[] usedPath, double[] rateUsed) {
		for (String p : new String[] { timestampsOf(FRAMES), TIMESTAMPS_HOME }) {
			Dataset d = h5.optionalDataset(p);
			if (d == null) continue;
			h5.requireRank(d, 1);
			h5.requireFloat(d);
			h5.requireLength(d, frameCount);
			usedPath[0] = d.getPath();
			double[] ts = h5.toDoubles(h5.readFlat(d), d.getPath());
			for (int t = 0; t < ts.length; t++)
				if (!Double.isFinite(ts[t])) throw h5.bad(d.getPath(), "holds " + ts[t] + " at frame " + t);
			return ts;
		}
		Dataset start = h5.optionalDataset(FRAMES + "/starting_time");
		if (start != null) {
			Attribute rate = start.getAttribute("rate");
			Object r = rate == null ? null : rate.getData();
			Object s0 = start.getData();
			if (!(r instanceof Number) || !(s0 instanceof Number) || !(((Number) r).doubleValue() > 0))
				throw h5.bad(start.getPath(), "has no positive 'rate' attribute");
			double t0 = ((Number) s0).doubleValue(), rt = ((Number) r).doubleValue();
			double[] ts = new double[frameCount];
			for (int t = 0; t < frameCount; t++)
				ts[t] = t0 + t / rt;
			usedPath[0] = start.getPath();
			rateUsed[0] = rt;
			return ts;
		}
		throw h5.bad(timestampsOf(FRAMES), "is missing (and so are " + TIMESTAMPS_HOME + " and " + FRAMES + "/starting_time)");
	}

	private double medianStep(double[] ts) {
		if (ts.length < 2)
			throw h5.bad(data(FRAMES), "holds only 1 frame, so its frame interval is unknown (" + timestampsPath
					+ " has one timestamp; at least 2 frames are needed)");
		double[] d = new double[ts.length - 1];
		for (int i = 0; i < d.length; i++)
			d[i] = ts[i + 1] - ts[i];
		Arrays.sort(d);
		double m = d[d.length / 2];
		if (!(m > 0)) throw h5.bad(timestampsPath, "does not increase (median step " + m + " s)");
		return m;
	}

	/** Every series' own timestamps (arrays, or links followed) must have one entry a frame. */
	private void checkSeriesTimestamps() {
		List<String> series = new ArrayList<>(List.of(FRAMES, MASKS, PCS_CLEAN, PCS_RAW, LABELS_CLEAN, LABELS_RAW));
		for (String s : scalars.keySet())
			series.add(MoSeqLayout.scalar(s));
		for (String s : series) {
			if (h5.optionalNode(s) == null) continue;
			Node n = h5.optionalNode(timestampsOf(s));
			if (n instanceof Dataset) h5.requireLength((Dataset) n, frameCount);
		}
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
