package org.latentj.nwb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.latentj.util.BadInputException;

/**
 * The {@code sessions} key of the behavior commands: one NWB file, a folder of them (every .nwb inside, by
 * name), or a ';'-separated list of files and folders, resolved to the files, each once.
 */
public final class SessionFiles {

	private SessionFiles() {
	}

	/** The NWB files the {@code sessions} key names, in order, each once. */
	public static List<Path> resolve(String key) {
		return resolve(key, "sessions");
	}

	/**
	 * The NWB files a key names, in order, each once.
	 * @param keyName the macro key, named in the messages (e.g. {@code session} for the syllable views)
	 */
	public static List<Path> resolve(String key, String keyName) {
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
			else if (!Files.exists(path)) throw new BadInputException("The session " + path + " does not exist (" + keyName + ").");
			else org.latentj.io.Inputs.requireRegularFile(path, "session (" + keyName + ")");
		}
		if (out.isEmpty()) throw new BadInputException(keyName + " names no NWB file.");
		Map<String, Path> names = new HashMap<>();
		List<Path> unique = new ArrayList<>();
		for (Path p : out) {
			Path abs = org.latentj.io.ResolvedPath.of(p); // one file named two ways is one session
			String name = MoSeqNwb.sessionName(abs);
			Path before = names.putIfAbsent(name, abs);
			if (before == null) unique.add(abs);
			else if (!before.equals(abs))
				throw new BadInputException("Two sessions are both named " + name + " (" + before + " and " + abs
						+ "); their labels files would collide — rename one.");
		}
		return unique;
	}
}
