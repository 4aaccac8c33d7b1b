package org.latentj.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.latentj.util.BadInputException;

/**
 * Writes outputs whole or not at all (docs/promises.md). A file is written under a temporary name
 * beside it and renamed when complete; a folder of outputs is staged beside its destination and
 * swapped in whole when every file in it is complete: an existing output folder is replaced, never
 * merged, and only when LatentJ wrote it (it holds {@value #MARKER}, which lists the top-level names the
 * run wrote, and nothing else was added beside them) or it is empty. A lock file
 * ({@code .<name>.lock}, created atomically, holding the process id) makes a second run writing the
 * same output fail at once; temporary files of a run that died ({@code .<name>.*.partial}) are removed
 * by the next run writing that output, and a failed run removes its own. Every write failure is one
 * sentence naming the file and the cause (a {@link BadInputException}).
 */
public final class AtomicOutput {

	/** The file that marks a folder as a LatentJ output, which a later run may replace whole. */
	public static final String MARKER = ".latentj-output";

	/** Staging folders being written, to name the destination (not the temporary name) in messages. */
	private static final Map<Path, Path> STAGED = new ConcurrentHashMap<>();
	/** Lock files this JVM holds (a second run in the same Fiji is refused like one in another process). */
	private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
	private static final String ME = ProcessHandle.current().pid() + "@" + host();

	private AtomicOutput() {
	}

	/** Writes what {@code writer} produces into {@code target}, replacing it only once complete. */
	public static void writeFile(Path target, IoWriter writer) throws IOException {
		Path abs = ResolvedPath.of(target); // where Outputs.check looked
		ensureWritableFolder(abs.getParent());
		try (Lock lock = lock(abs, abs.getParent())) {
			Path tmp = temporarySibling(abs);
			try {
				writer.write(tmp);
				move(tmp, abs);
			} catch (IOException | UncheckedIOException e) {
				throw writeFailure(abs, e);
			} finally {
				Files.deleteIfExists(tmp);
			}
		}
	}

	/**
	 * Stages a folder of outputs: write into {@link Staging#dir()}, then {@link Staging#commit()}.
	 * Closing without commit deletes everything staged.
	 */
	public static Staging stageFolder(Path destination) throws IOException {
		Path abs = ResolvedPath.of(destination);
		Outputs.check(abs, Outputs.Kind.FOLDER); // the rules for an output folder have one owner (the commands checked it before the work too)
		Path parent = abs.getParent();
		// a cluster's /scratch/$USER: the folder can be written, its parent cannot: stage inside it
		boolean inPlace = Files.isDirectory(abs) && Outputs.probe(parent) != null;
		if (!inPlace) ensureWritableFolder(parent);
		Lock lock = lock(abs, inPlace ? abs : parent);
		Path dir = inPlace ? abs.resolve(".latentj." + nonce() + ".partial") : temporarySibling(abs);
		try {
			Files.createDirectory(dir);
			Files.writeString(dir.resolve(MARKER), MARKER_TEXT, StandardCharsets.UTF_8);
		} catch (IOException e) {
			lock.close();
			throw writeFailure(abs, e);
		}
		STAGED.put(dir, abs);
		return new Staging(dir, abs, inPlace, lock);
	}

	/**
	 * Refuses to replace a folder LatentJ did not write: replacing {@code output=~/Desktop} whole
	 * would delete the user's files. Empty folders (but for LatentJ's own leftovers) may be replaced, and
	 * marked ones only while they hold nothing at top level but what the marker's manifest lists: a
	 * notebook the user put beside a fit would be deleted with it (found in review 2026-12-07).
	 */
	static void requireReplaceable(Path folder) {
		try {
			boolean marked = Files.isRegularFile(folder.resolve(MARKER));
			Set<String> written = marked ? manifest(folder.resolve(MARKER)) : null;
			if (marked && written == null) return; // a marker of a LatentJ before the manifest: replaceable, as it was
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
				for (Path e : entries) {
					String n = e.getFileName().toString();
					if (leftover(n, folder) || systemMetadata(n)) continue;
					if (written == null)
						throw new BadInputException("The output folder " + folder + " already holds files that LatentJ did not write (such as "
								+ n + "); LatentJ replaces an output folder whole, so give a new or empty folder.");
					if (!written.contains(n))
						throw new BadInputException("The output folder " + folder + " holds " + n + ", which LatentJ did not write there;"
								+ " LatentJ replaces an output folder whole, so move it or give another folder.");
				}
			}
		} catch (IOException e) {
			throw new BadInputException("The output folder " + folder + " cannot be read (" + reason(e) + ").", e);
		}
	}

	/** The marker's first line; the manifest follows it. */
	private static final String MARKER_TEXT = "A LatentJ output folder: the next LatentJ command that writes here replaces it whole.\n";
	/** Heads the manifest in the marker: the top-level names a commit left, URL-encoded (a name may hold a newline). */
	static final String MANIFEST_HEADER = "# top-level entries written by LatentJ (URL-encoded, one per line):";

	/**
	 * The top-level names the marker lists (the marker itself included), or null for a marker without a manifest,
	 * written by a LatentJ before 2026-12-07.
	 */
	static Set<String> manifest(Path marker) throws IOException {
		List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
		int header = lines.indexOf(MANIFEST_HEADER);
		if (header < 0) return null;
		Set<String> names = new java.util.HashSet<>();
		names.add(MARKER);
		for (String line : lines.subList(header + 1, lines.size()))
			if (!line.isEmpty())
				try {
					names.add(java.net.URLDecoder.decode(line, StandardCharsets.UTF_8));
				} catch (IllegalArgumentException handEdited) {
					names.add(line);
				}
		return names;
	}

	/**
	 * Writes the manifest into the staged folder's marker: its top-level names now, but for LatentJ's leftovers. Only
	 * top-level names: a folder such as labels/ is LatentJ's whole (listing every file of a crowd movie's frames would
	 * make the marker as long as the output).
	 */
	private static void writeManifest(Path staged, Path destination) throws IOException {
		StringBuilder text = new StringBuilder(MARKER_TEXT).append(MANIFEST_HEADER).append('\n');
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(staged)) {
			for (Path e : entries) {
				String n = e.getFileName().toString();
				if (!n.equals(MARKER) && !leftover(n, destination)) names.add(n);
			}
		}
		names.sort(null);
		for (String n : names) text.append(java.net.URLEncoder.encode(n, StandardCharsets.UTF_8)).append('\n');
		Files.writeString(staged.resolve(MARKER), text, StandardCharsets.UTF_8);
	}

	/** A dead run's temporary: {@code .<name>.<pid>-<hex>.partial} or {@code .old} (see {@link #nonce}). */
	private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile("\\..+\\.\\d+-[0-9a-f]+\\.(partial|old)");

	/**
	 * Whether a name in an output folder is LatentJ's own: its marker, probes and in-place temporaries
	 * ({@code .latentj...}), the folder's lock, a dead run's temporary. Only these: a user's notes.old or Pipfile.lock
	 * is the user's (matching any name ending in .old, .lock or .partial let a folder holding only such a file be
	 * replaced whole, found in review 2026-12-07).
	 */
	static boolean leftover(String name, Path folder) {
		return name.startsWith(".latentj") || name.equals("." + folder.getFileName() + ".lock") || TEMPORARY.matcher(name).matches();
	}

	/**
	 * Files a desktop writes into any folder it shows (macOS Finder's .DS_Store and ._ companions, Windows Explorer's
	 * Thumbs.db and desktop.ini, KDE's .directory): not the user's work, and remade when needed. Opening an output
	 * folder to look at it must not block the next run into it; they go with the folder when it is replaced.
	 */
	static boolean systemMetadata(String name) {
		return name.equals(".DS_Store") || name.startsWith("._") || name.equalsIgnoreCase("Thumbs.db") || name.equalsIgnoreCase("desktop.ini")
				|| name.equals(".directory");
	}

	/** Creates the folder if needed and checks that it can be written, with a message naming it. */
	public static void ensureWritableFolder(Path dir) {
		try {
			Files.createDirectories(dir);
		} catch (IOException e) {
			throw new BadInputException("Cannot create the output folder " + display(dir) + " (" + reason(e) + ").", e);
		}
		if (!Files.isWritable(dir)) throw new BadInputException("The output folder " + display(dir) + " cannot be written.");
	}

	/**
	 * A fresh hidden name next to {@code target}, {@code .<name>.<pid>-<nonce>.partial}. Not
	 * Files.createTemp*, which makes owner-only files: outputs get the permissions the user's umask
	 * gives any new file.
	 */
	static Path temporarySibling(Path target) {
		Path abs = target.toAbsolutePath();
		return abs.getParent().resolve("." + abs.getFileName() + "." + nonce() + ".partial");
	}

	private static String nonce() {
		return ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() ^ Thread.currentThread().getId() << 40);
	}

	/**
	 * The one-sentence failure for writing {@code file}: "Cannot write F (no space left on device)."
	 * Names the destination, not the temporary file.
	 */
	public static BadInputException writeFailure(Path file, Throwable e) {
		if (e instanceof BadInputException b) return b;
		return new BadInputException("Cannot write " + display(file) + " (" + reason(e) + ").", e);
	}

	/** The operating system's reason ("no space left on device"), not Java's class names. */
	static String reason(Throwable e) {
		Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
		if (t instanceof FileSystemException f && f.getReason() != null) return f.getReason().toLowerCase(Locale.ROOT);
		if (t instanceof NoSuchFileException) return "no such file or folder";
		String m = t.getMessage();
		if (m == null) return t.getClass().getSimpleName();
		// FileOutputStream: "/x/y (No space left on device)"
		int open = m.lastIndexOf(" ("), close = m.lastIndexOf(')');
		if (open >= 0 && close == m.length() - 1) m = m.substring(open + 2, close);
		return m.toLowerCase(Locale.ROOT);
	}

	/** A path inside a staging folder as the user will know it (its destination). */
	static Path display(Path p) {
		Path abs = p.toAbsolutePath();
		for (Map.Entry<Path, Path> e : STAGED.entrySet())
			if (abs.startsWith(e.getKey())) return e.getValue().resolve(e.getKey().relativize(abs));
		return p;
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Takes the lock of {@code output} ({@code .<name>.lock} in {@code where}), or refuses at once
	 * when a live run holds it; a lock left by a run that died is taken over, and the dead run's
	 * temporary files removed.
	 */
	static Lock lock(Path output, Path where) {
		String name = output.getFileName().toString();
		Path file = where.resolve("." + name + ".lock");
		for (int attempt = 0;; attempt++) {
			try {
				Files.writeString(Files.createFile(file), ME + "\n", StandardCharsets.UTF_8);
				HELD.add(file);
				removeStale(where, name, where.equals(output));
				return new Lock(file);
			} catch (FileAlreadyExistsException e) {
				String owner = owner(file);
				if (attempt == 0 && owner != null && !alive(owner, file)) {
					try {
						Files.deleteIfExists(file);
					} catch (IOException gone) {
						// another run took it over: the next attempt says so
					}
					continue;
				}
				throw new BadInputException("Another LatentJ run (" + (owner == null ? "unknown" : "process " + owner) + ") is writing "
						+ display(output) + " now; wait for it to end, or delete " + display(file) + " if no run is.");
			} catch (IOException e) {
				throw writeFailure(output, e);
			}
		}
	}

	private static String owner(Path lockFile) {
		try {
			String s = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
			return s.isEmpty() ? null : s;
		} catch (IOException e) {
			return null;
		}
	}

	private static boolean alive(String owner, Path lockFile) {
		if (owner.equals(ME)) return HELD.contains(lockFile);
		int at = owner.indexOf('@');
		if (at < 0 || !owner.substring(at + 1).equals(host())) return true; // another machine: cannot tell
		try {
			return ProcessHandle.of(Long.parseLong(owner.substring(0, at))).map(ProcessHandle::isAlive).orElse(false);
		} catch (NumberFormatException e) {
			return true;
		}
	}

	static String host() {
		String h = System.getenv("HOSTNAME");
		if (h == null || h.isEmpty())
			try {
				h = java.net.InetAddress.getLocalHost().getHostName();
			} catch (IOException e) {
				h = "localhost";
			}
		return h;
	}

	/** With the lock held, every temporary of this output in {@code where} is a dead run's: remove it. */
	private static void removeStale(Path where, String name, boolean inPlace) {
		String prefix = "." + name + ".";
		List<Path> stale = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(where)) {
			for (Path e : entries) {
				String n = e.getFileName().toString();
				if ((n.startsWith(prefix) || inPlace && n.startsWith(".latentj.")) && (n.endsWith(".partial") || n.endsWith(".old"))
						&& !STAGED.containsKey(e.toAbsolutePath()))
					stale.add(e);
			}
		} catch (IOException e) {
			return; // best effort: the write itself will report a real problem
		}
		for (Path p : stale)
			try {
				deleteTree(p);
			} catch (IOException e) {
				// best effort
			}
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator)
				Files.deleteIfExists(p);
		}
	}

	/** Something that writes one file at the given (temporary) path. */
	@FunctionalInterface
	public interface IoWriter {
		void write(Path path) throws IOException;
	}

	/** A held output lock; closing releases it. */
	static final class Lock implements AutoCloseable {
		private final Path file;

		Lock(Path file) {
			this.file = file;
		}

		@Override
		public void close() {
			HELD.remove(file);
			try {
				Files.deleteIfExists(file);
			} catch (IOException e) {
				// a lock left behind is taken over by the next run (its process is gone)
			}
		}
	}

	/** A folder being written; see {@link AtomicOutput#stageFolder(Path)}. */
	public static final class Staging implements AutoCloseable {
		private final Path dir;
		private final Path destination;
		private final boolean inPlace;
		private final Lock lock;
		private boolean committed;

		private Staging(Path dir, Path destination, boolean inPlace, Lock lock) {
			this.dir = dir;
			this.destination = destination;
			this.inPlace = inPlace;
			this.lock = lock;
		}

		/** The folder to write into; mirrors the layout the destination will have. */
		public Path dir() {
			return dir;
		}

		/** Swaps the staged outputs in: an existing destination is replaced whole, never merged. */
		public void commit() throws IOException {
			try {
				writeManifest(dir, destination);
				if (inPlace) swapInPlace();
				else if (!Files.exists(destination)) Files.move(dir, destination, StandardCopyOption.ATOMIC_MOVE);
				else {
					requireReplaceable(destination);
					Path old = destination.getParent().resolve("." + destination.getFileName() + "." + nonce() + ".old");
					Files.move(destination, old, StandardCopyOption.ATOMIC_MOVE);
					try {
						Files.move(dir, destination, StandardCopyOption.ATOMIC_MOVE);
					} catch (IOException e) {
						Files.move(old, destination, StandardCopyOption.ATOMIC_MOVE);
						throw e;
					}
					deleteTree(old);
				}
				committed = true;
			} catch (IOException e) {
				throw writeFailure(destination, e);
			}
		}

		/** The parent cannot be written: move the old contents aside inside the folder, then the new ones in. */
		private void swapInPlace() throws IOException {
			requireReplaceable(destination);
			Path old = destination.resolve(".latentj." + nonce() + ".old");
			Files.createDirectory(old);
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(destination)) {
				for (Path e : entries)
					if (!e.equals(dir) && !e.equals(old) && !e.equals(lock.file)) Files.move(e, old.resolve(e.getFileName().toString()));
			}
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
				for (Path e : entries) Files.move(e, destination.resolve(e.getFileName().toString()));
			}
			deleteTree(dir);
			deleteTree(old);
		}

		@Override
		public void close() throws IOException {
			try {
				if (!committed) deleteTree(dir);
			} finally {
				STAGED.remove(dir);
				lock.close();
			}
		}
	}
}
