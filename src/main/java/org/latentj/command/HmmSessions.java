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
			String name = sessionName(abs);
			Path before = names.putIfAbsent(name, abs);
			if (before == null) unique.add(abs);
			else if (!before.equals(abs))
				throw new BadInputException("Two sessions are both named " + name + " (" + before + " and " + abs
						+ "); their labels files would collide — rename one.");
		}
		return unique;
	}

	static String sessionName(Path file) {
		String n = file.getFileName().toString();
		return n.toLowerCase().endsWith(".nwb") ? n.substring(0, n.length() - 4) : n;
	}

	/** Each session's PCs (pcs_clean, or the raw PCs where there is no clean set) and timestamps. */
	static List<SessionData> read(List<Path> files, Progress progress) {
		List<SessionData> out = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			progress.checkCancelled();
			progress.update((double) i / files.size(), "reading " + files.get(i).getFileName());
			try (MoSeqNwb nwb = MoSeqNwb.open(files.get(i))) {
				int stored = nwb.storedPcs();
				if (nwb.hasPcs(false))
					out.add(new SessionData(nwb.sessionName(), nwb.pcs(stored).values(), stored, nwb.timestamps()));
				else { // only raw PCs: their NaN rows are dropped frames, left unlabelled (-1)
					org.latentj.io.Pcs pcs = nwb.pcs(stored, true);
					out.add(SessionData.withDroppedFrames(nwb.sessionName(), pcs.values(), stored, nwb.timestamps()));
					if (pcs.droppedFrames().length > 0)
						Present.status(nwb.sessionName() + ": no cleaned PCs; " + pcs.droppedFrames().length
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

	static int statesUsed(int[] labels) {
		java.util.BitSet used = new java.util.BitSet();
		for (int l : labels)
			if (l >= 0) used.set(l);
		return used.cardinality();
	}
}
