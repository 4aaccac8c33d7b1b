package org.latentj.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.latentj.io.LabelsFile;
import org.latentj.io.MoSeqNwb;
import org.latentj.model.hmm.Decoding;
import org.latentj.model.hmm.SessionData;
import org.latentj.model.stats.SyllableRuns;
import org.latentj.model.stats.SyllableStatistics;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * The {@code sessions} key of Fit HMM and Apply Model: one NWB file, a folder of them (every .nwb
 * inside, by name), or a ';'-separated list of files and folders; read into what the HMM needs.
 */
final class HmmSessions {

	private HmmSessions() {
	}

	/** The NWB files the {@code sessions} key names, in order, each once. */
	static List<Path> resolve(String key) {
		return resolve(key, "sessions");
	}

	/**
	 * The NWB files a key names, in order, each once.
	 * @param keyName the macro key, named in the messages (e.g. {@code session} for the syllable views)
	 */
	static List<Path> resolve(String key, String keyName) {
		if (key == null || key.isBlank())
			throw new BadInputException(keyName + " is empty; give an NWB file, a folder of them or a ';'-separated list.");
		List<Path> out = new ArrayList<>();
		for (String part : key.split(";")) {
			String p = part.trim();
			if (p.isEmpty()) continue;
			Path path = Path.of(p);
			if (Files.isDirectory(path)) {
				try (Stream<Path> s = Files.list(path)) {
					List<Path> found = s.filter(f -> f.getFileName().toString().toLowerCase().endsWith(".nwb"))
							.filter(Files::isRegularFile).sorted().toList();
					if (found.isEmpty()) throw new BadInputException("The folder " + path + " holds no .nwb files (" + keyName + ").");
					out.addAll(found);
				} catch (IOException e) {
					throw new BadInputException("Cannot list the folder " + path + " (" + e.getMessage() + ").", e);
				}
			} else if (Files.isRegularFile(path)) out.add(path);
			else throw new BadInputException("The session " + path + " does not exist (" + keyName + ").");
		}
		if (out.isEmpty()) throw new BadInputException(keyName + " names no NWB file.");
		Map<String, Path> names = new HashMap<>();
		List<Path> unique = new ArrayList<>();
		for (Path p : out) {
			Path abs = p.toAbsolutePath().normalize();
			String name = MoSeqNwb.sessionName(abs);
			Path before = names.putIfAbsent(name, abs);
			if (before == null) unique.add(abs);
			else if (!before.equals(abs))
				throw new BadInputException("Two sessions are both named " + name + " (" + before + " and " + abs
						+ "); their labels files would collide — rename one.");
		}
		return unique;
	}

	/** Each session's stored PCs (pcs_clean, or the raw PCs where there is no clean set) and timestamps. */
	static List<SessionData> read(List<Path> files, Progress progress) {
		return read(files, Integer.MAX_VALUE, progress);
	}

	/**
	 * Each session's first {@code pcs} PCs (all it stores when it stores fewer: the fit then says so,
	 * naming the key) and timestamps.
	 */
	static List<SessionData> read(List<Path> files, int pcs, Progress progress) {
		List<SessionData> out = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			progress.checkCancelled();
			progress.update((double) i / files.size(), "reading " + files.get(i).getFileName());
			try (MoSeqNwb nwb = MoSeqNwb.open(files.get(i))) {
				int n = Math.min(pcs, nwb.storedPcs());
				if (nwb.hasPcs(false))
					out.add(new SessionData(nwb.sessionName(), nwb.pcs(n).values(), n, nwb.timestamps()));
				else { // only raw PCs: their NaN rows are dropped frames, left unlabelled (-1)
					org.latentj.io.Pcs raw = nwb.pcs(n, true);
					out.add(SessionData.withDroppedFrames(nwb.sessionName(), raw.values(), n, nwb.timestamps()));
					if (raw.droppedFrames().length > 0)
						Present.status(nwb.sessionName() + ": no cleaned PCs; " + raw.droppedFrames().length
								+ " dropped frames (NaN rows of the raw PCs) are not scored (label -1).");
				}
			}
		}
		progress.update(1, null);
		return out;
	}

	/** labels/&lt;session&gt;.csv for one decoded session. */
	static void writeLabels(Path folder, SessionData session, Decoding d) throws IOException {
		int n = d.labels.length;
		int[] frames = new int[n];
		double[] times = new double[n];
		for (int t = 0; t < n; t++) {
			frames[t] = t;
			times[t] = session.time(t);
		}
		Files.createDirectories(folder);
		LabelsFile.write(folder.resolve(session.name + ".csv"), new LabelsFile.Labels(frames, times, d.labels, d.probability));
	}

	/** Number of states that label at least one frame. */
	static int statesUsed(int[] labels) {
		SyllableRuns runs = SyllableRuns.of(labels);
		return runs.maxLabel() < 0 ? 0 : statesUsed(SyllableStatistics.of(runs, runs.maxLabel() + 1));
	}

	/** Number of states with at least one run. */
	static int statesUsed(SyllableStatistics s) {
		int n = 0;
		for (int k = 0; k < s.k(); k++)
			if (s.onsets(k) > 0) n++;
		return n;
	}
}
