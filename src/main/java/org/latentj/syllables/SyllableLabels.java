package org.latentj.syllables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.hmm.LabelsFile;
import org.latentj.hmm.ModelFile;
import org.latentj.nwb.MoSeqLayout;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.util.BadInputException;

/**
 * The {@code labels} key of the syllable views: where each session's syllable labels come from.
 * <ul>
 * <li>{@code nwb}: the session file's own {@code Labels/labels_clean};
 * <li>a folder written by Fit HMM or Apply Model: {@code <folder>/labels/<session>.csv} (or
 * {@code <folder>/<session>.csv}, the labels folder itself);
 * <li>one labels CSV ({@code frame,time,label,probability}): for a single session, or for the session
 * named like the file.
 * </ul>
 * Labels must have one row per frame of the session, in frame order. When a model.json sits in the
 * folder (a Fit HMM output, or an Apply Model output, which carries a copy of its model), or beside
 * the labels folder given, the number of syllables is the model's and labels outside it are refused;
 * otherwise it is the largest label + 1 over all sessions.
 * <p>
 * Labels are syllable ids, and the views size their tables by the largest (a k x k transition
 * matrix, one movie or plot per id): ids above {@link #MAX_SYLLABLE_ID} are refused, naming the
 * session, frame and value, rather than mapped to a dense range, so that the ids a user reads in
 * every view and file are the ids of the labels. (MoSeq models have up to 100 syllables.)
 */
public final class SyllableLabels {

	public static final String NWB = "nwb";

	/** The largest syllable id the views accept (so at most 1000 syllables: 8 MB a transition matrix). */
	public static final int MAX_SYLLABLE_ID = 999;

	/** Each session's labels (-1 = unscored) and the number of syllables. */
	public record Resolved(List<int[]> labels, int syllables, String source) {
	}

	private SyllableLabels() {
	}

	public static Resolved resolve(String key, List<MoSeqNwb> sessions) {
		if (key == null || key.isBlank())
			throw new BadInputException("labels is empty; give 'nwb' (the files' own labels_clean), a labels CSV, or a folder written by Fit HMM or Apply Model.");
		key = key.trim();
		FITS.get().clear();
		List<int[]> out = new ArrayList<>();
		Integer modelStates = null;
		Path modelPath = null;
		if (key.equalsIgnoreCase(NWB)) {
			for (MoSeqNwb s : sessions) {
				if (!s.hasLabels(false))
					throw new BadInputException("The NWB file " + s.file() + " has no " + MoSeqLayout.data(MoSeqLayout.LABELS_CLEAN)
							+ "; give the labels written by Fit HMM or Apply Model instead (labels=<folder>).");
				int[] l = s.labels(false);
				for (int t = 0; t < l.length; t++)
					if (l[t] < 0)
						throw new BadInputException("The NWB file " + s.file() + ": " + MoSeqLayout.data(MoSeqLayout.LABELS_CLEAN)
								+ " holds the label " + l[t] + " at frame " + t + "; clean labels are 0 or more.");
				out.add(l);
			}
		} else {
			Path p = Path.of(key);
			if (Files.isDirectory(p)) {
				for (MoSeqNwb s : sessions) {
					Path a = p.resolve("labels").resolve(s.sessionName() + ".csv"), b = p.resolve(s.sessionName() + ".csv");
					Path f = Files.isRegularFile(a) ? a : Files.isRegularFile(b) ? b : null;
					if (f == null)
						throw new BadInputException("No labels for session " + s.sessionName() + " in " + p + " (looked for " + a
								+ " and " + b + ").");
					out.add(read(f, s));
				}
				modelPath = modelBeside(p);
			} else if (Files.isRegularFile(p)) {
				String base = p.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
				for (MoSeqNwb s : sessions) {
					if (sessions.size() > 1 && !base.equals(s.sessionName()))
						throw new BadInputException("The labels file " + p + " is for one session; with several sessions give the folder of labels files (labels/<session>.csv).");
					out.add(read(p, s));
				}
				Path dir = p.toAbsolutePath().getParent();
				if (dir != null) modelPath = modelBeside(dir);
			} else throw new BadInputException("The labels " + p + " do not exist (labels: 'nwb', a labels CSV, or a folder).");
		}
		String modelFit = null;
		if (modelPath != null) {
			ModelFile.Data model = ModelFile.read(modelPath);
			modelStates = model.states;
			modelFit = model.fitId;
		}
		requireOneFit(modelFit, modelPath);
		if (modelStates != null && modelStates > MAX_SYLLABLE_ID + 1)
			throw new BadInputException("The model " + modelPath + " has " + modelStates + " states; the syllable views take at most "
					+ (MAX_SYLLABLE_ID + 1) + " (ids 0.." + MAX_SYLLABLE_ID + ").");
		int max = -1;
		for (int i = 0; i < out.size(); i++)
			for (int t = 0; t < out.get(i).length; t++) {
				int l = out.get(i)[t];
				if (l > MAX_SYLLABLE_ID)
					throw new BadInputException("Session " + sessions.get(i).sessionName() + ": frame " + t + " has the label " + l + " ("
							+ source(key) + "), but syllable ids go up to " + MAX_SYLLABLE_ID + " (number the syllables from 0).");
				if (modelStates != null && l >= modelStates)
					throw new BadInputException("Session " + sessions.get(i).sessionName() + ": frame " + t + " has syllable " + l
							+ ", which the model " + modelPath + " does not have (it has " + modelStates + " states, 0.."
							+ (modelStates - 1) + ").");
				max = Math.max(max, l);
			}
		if (max < 0) throw new BadInputException("The labels (" + key + ") score no frame of any session.");
		int k = modelStates != null ? modelStates : max + 1;
		return new Resolved(out, k, key);
	}

	private static String source(String key) {
		return key.equalsIgnoreCase(NWB) ? MoSeqLayout.data(MoSeqLayout.LABELS_CLEAN) : key;
	}

	/**
	 * The model.json of a folder of labels: in the folder itself (a Fit HMM or Apply Model output), or
	 * one level up when the folder is that output's {@code labels} folder; null when there is none.
	 */
	private static Path modelBeside(Path folder) {
		Path f = org.latentj.io.ResolvedPath.of(folder);
		Path here = f.resolve("model.json");
		if (Files.isRegularFile(here)) return here;
		if (f.getFileName() != null && f.getFileName().toString().equals("labels") && f.getParent() != null) {
			Path up = f.getParent().resolve("model.json");
			if (Files.isRegularFile(up)) return up;
		}
		return null;
	}

	/** The fit of each labels file read by this thread's resolve (file to fit id), to refuse mixtures. */
	private static final ThreadLocal<java.util.Map<Path, String>> FITS = ThreadLocal.withInitial(java.util.LinkedHashMap::new);

	/**
	 * Refuses labels files from different fits, or from another fit than the model.json beside them:
	 * statistics would silently pool two models' syllables.
	 */
	private static void requireOneFit(String modelFit, Path modelPath) {
		java.util.Map<Path, String> fits = FITS.get();
		try {
			Path firstFile = null;
			String first = modelFit;
			for (java.util.Map.Entry<Path, String> e : fits.entrySet()) {
				if (e.getValue() == null) continue;
				if (first == null) {
					first = e.getValue();
					firstFile = e.getKey();
				} else if (!first.equals(e.getValue()))
					throw new BadInputException("The labels file " + e.getKey() + " comes from fit " + e.getValue() + " but "
							+ (firstFile == null ? "the model " + modelPath + " is fit " : firstFile + " from fit ") + first
							+ "; labels and model must come from one Fit HMM or Apply Model run.");
			}
		} finally {
			fits.clear();
		}
	}

	private static int[] read(Path file, MoSeqNwb s) {
		LabelsFile.Labels l = LabelsFile.read(file);
		FITS.get().put(file, l.fitId);
		if (l.size() != s.frameCount())
			throw new BadInputException("The labels file " + file + " has " + l.size() + " rows but the session "
					+ s.sessionName() + " has " + s.frameCount() + " frames.");
		for (int i = 0; i < l.size(); i++)
			if (l.frames[i] != i)
				throw new BadInputException("The labels file " + file + ": row " + (i + 2) + " is frame " + l.frames[i] + ", expected "
						+ i + " (one row a frame, in order).");
		return l.labels.clone();
	}

	/**
	 * The syllable ids a {@code syllable} key names: an id in {@code 0..k-1}, several separated by
	 * commas, or {@code all}.
	 */
	public static int[] syllables(String key, int k) {
		if (key == null || key.isBlank() || key.trim().equalsIgnoreCase("all")) {
			int[] all = new int[k];
			for (int i = 0; i < k; i++) all[i] = i;
			return all;
		}
		String[] parts = key.trim().split("\\s*,\\s*");
		int[] ids = new int[parts.length];
		java.util.BitSet seen = new java.util.BitSet();
		for (int i = 0; i < parts.length; i++) {
			try {
				ids[i] = Integer.parseInt(parts[i]);
			} catch (NumberFormatException e) {
				throw new BadInputException("syllable is '" + key + "'; give a syllable id (0.." + (k - 1)
						+ "), several separated by commas, or 'all'.");
			}
			if (ids[i] < 0 || ids[i] >= k)
				throw new BadInputException("syllable " + ids[i] + " is out of range: the labels have syllables 0.." + (k - 1) + ".");
			if (seen.get(ids[i])) throw new BadInputException("syllable " + ids[i] + " is named twice in '" + key + "'.");
			seen.set(ids[i]);
		}
		return ids;
	}
}
