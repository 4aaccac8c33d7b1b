package org.latentj.io;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.latentj.util.BadInputException;
import org.latentj.util.Texts;

/**
 * The one check every command makes on its output before any work (docs/promises.md): the output
 * is refused when it is, contains or lies inside one of the command's inputs (compared as the system resolves
 * them, {@link ResolvedPath}), when it is an odd place (the root, a name too long, a virtual
 * file system such as /proc, a read-only mount), and when the folder that will receive it cannot be
 * written; an existing output folder is replaced whole only when LatentJ wrote it (or it is empty).
 * Each refusal is one sentence naming the output (and the input).
 */
public final class Outputs {

	/** File systems that hold no files of the user's (writing there fails in odd ways, or worse, does something). */
	private static final Set<String> VIRTUAL = Set.of("proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
			"debugfs", "tracefs", "securityfs", "configfs", "pstore", "bpf", "mqueue", "hugetlbfs", "fusectl");

	/** Longest file name (one path element) Linux, macOS and Windows all accept, in bytes. */
	static final int MAX_NAME_BYTES = 255;

	public enum Kind {
		FILE("file"), FOLDER("folder");

		final String word;

		Kind(String word) {
			this.word = word;
		}
	}

	private Outputs() {
	}

	/** {@link #check} for an output file; {@code output} null (no output asked for) passes. */
	public static void checkFile(File output, Object... inputs) {
		if (output != null) check(output.toPath(), Kind.FILE, inputs);
	}

	/** {@link #check} for an output folder; {@code output} null (no output asked for) passes. */
	public static void checkFolder(File output, Object... inputs) {
		if (output != null) check(output.toPath(), Kind.FOLDER, inputs);
	}

	/**
	 * Checks {@code output} before any work. {@code inputs} are what the command reads: File, Path,
	 * a String (one path or a ';' list; words that name no file, such as {@code nwb}, are skipped),
	 * or a Collection of these; nulls are skipped.
	 */
	public static void check(Path output, Kind kind, Object... inputs) {
		if (output.toString().isBlank()) throw new BadInputException("The output " + kind.word + " is not set.");
		Path abs = ResolvedPath.of(output); // where the write will land: links followed as the system follows them
		if (abs.getFileName() == null)
			throw new BadInputException("The output " + output + " is the root of the file system; name a " + kind.word + " inside a folder you own.");
		for (Path element : abs) {
			int bytes = element.toString().getBytes(StandardCharsets.UTF_8).length;
			if (bytes > MAX_NAME_BYTES)
				throw new BadInputException("The output " + kind.word + " name '" + Texts.cut(element.toString(), 40) + "' is " + bytes
						+ " bytes long; file systems accept names of at most " + MAX_NAME_BYTES + ".");
		}
		for (Path in : expand(inputs)) {
			Path inReal = ResolvedPath.of(in);
			String what = null;
			if (inReal.equals(abs) || sameFile(in, abs)) what = "is";
			else if (inReal.startsWith(abs)) what = "contains";
			else if (abs.startsWith(inReal)) what = "lies inside";
			if (what != null)
				throw new BadInputException("The output " + output + " " + what + " the input " + in
						+ "; outputs never replace inputs: choose another output " + kind.word + ".");
		}
		if (Files.exists(abs)) {
			if (kind != Kind.FILE && !Files.isDirectory(abs))
				throw new BadInputException("The output " + output + " is a file, not a folder.");
			if (kind == Kind.FILE && Files.isDirectory(abs))
				throw new BadInputException("The output " + output + " is a folder, not a file.");
			if (kind == Kind.FILE && !Files.isRegularFile(abs))
				throw new BadInputException("The output " + output + " is a device or pipe, not a file; name a regular file.");
			// the rename that replaces a file ignores its own mode: a write-protected file would be replaced anyway
			if (kind == Kind.FILE && writeProtected(abs))
				throw new BadInputException("The output " + output + " is write-protected; LatentJ does not replace it: choose another name, or make it writable first.");
			if (kind == Kind.FOLDER) AtomicOutput.requireReplaceable(abs);
		}
		Path ancestor = nearestExisting(abs.getParent()); // the folder that will receive the output, or its nearest existing ancestor
		if (!Files.isDirectory(ancestor))
			throw new BadInputException("Cannot create the output folder " + abs.getParent() + " (" + ancestor + " is a file, not a folder).");
		requireStorage(output, kind != Kind.FILE && Files.isDirectory(abs) ? abs : ancestor);
		// a folder that exists is written in place when its parent cannot be written (a cluster's /scratch/$USER)
		Path writeIn = abs.getParent() != null && Files.isDirectory(abs.getParent()) ? abs.getParent() : ancestor;
		String failure = probe(writeIn);
		if (failure != null && kind != Kind.FILE && Files.isDirectory(abs) && probe(abs) == null) failure = null;
		if (failure != null)
			throw new BadInputException("The output " + kind.word + " " + output + " cannot be written: " + writeIn + " refuses new files ("
					+ failure + ").");
	}

	/** The paths named by a command's inputs (see {@link #check}); existing ones only. */
	static List<Path> expand(Object... inputs) {
		List<Path> out = new ArrayList<>();
		for (Object o : inputs) add(out, o);
		return out;
	}

	private static void add(List<Path> out, Object o) {
		if (o == null) return;
		if (o instanceof Collection<?> c) {
			for (Object e : c) add(out, e);
			return;
		}
		if (o instanceof Object[] a) {
			for (Object e : a) add(out, e);
			return;
		}
		List<String> names = new ArrayList<>();
		if (o instanceof File f) names.add(f.getPath());
		else if (o instanceof Path p) names.add(p.toString());
		else for (String s : o.toString().split(";")) names.add(s.trim());
		for (String name : names) {
			if (name.isEmpty()) continue;
			try {
				Path p = Path.of(name);
				if (Files.exists(p)) out.add(p);
			} catch (InvalidPathException e) {
				// not a path (the command itself reports it)
			}
		}
	}

	/**
	 * Not writable by this user, or its owner's write bit off: the second catches the mode a user set to protect a
	 * file when LatentJ runs as root (a container, a cluster job), for whom every file is writable.
	 */
	static boolean writeProtected(Path file) {
		if (!Files.isWritable(file)) return true;
		try {
			return !Files.getPosixFilePermissions(file).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
		} catch (UnsupportedOperationException | IOException e) {
			return false; // no POSIX modes (Windows): isWritable read the read-only attribute
		}
	}

	static Path nearestExisting(Path abs) {
		Path p = abs;
		while (p.getParent() != null && !Files.exists(p)) p = p.getParent();
		return p;
	}

	private static boolean sameFile(Path a, Path b) {
		try {
			return Files.exists(b) && Files.isSameFile(a, b); // hard links
		} catch (IOException e) {
			return false;
		}
	}

	private static void requireStorage(Path output, Path ancestor) {
		try {
			FileStore store = Files.getFileStore(ancestor);
			if (VIRTUAL.contains(store.type()))
				throw new BadInputException("The output " + output + " is on the " + store.type()
						+ " file system, which shows system state and holds no files; choose a folder on a disk.");
			if (store.isReadOnly())
				throw new BadInputException("The output " + output + " is on a read-only file system (" + store + ").");
		} catch (IOException e) {
			// no file store information: the probe below decides
		}
	}

	/** Creates and removes a hidden folder in {@code dir}; null when that works, else the reason. */
	static String probe(Path dir) {
		Path p = dir.resolve(".latentj-probe-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()));
		try {
			Files.createDirectory(p);
			Files.delete(p);
			return null;
		} catch (FileSystemException e) {
			return e.getReason() != null ? e.getReason().toLowerCase(java.util.Locale.ROOT) : e.getClass().getSimpleName();
		} catch (IOException | SecurityException e) {
			return String.valueOf(e.getMessage());
		}
	}

	/**
	 * Checks that {@code bytes} fit on the file system that will hold {@code output} (before the
	 * work), with a one-sentence refusal naming the size.
	 */
	public static void requireSpace(Path output, long bytes, String what) {
		Path ancestor = nearestExisting(ResolvedPath.of(output));
		long free;
		try {
			free = Files.getFileStore(ancestor).getUsableSpace();
		} catch (IOException e) {
			return; // unknown: the write itself will say
		}
		if (bytes > free)
			throw new BadInputException("The output " + output + " (" + what + ") needs about " + Texts.bytes(bytes) + " but "
					+ ancestor + " has " + Texts.bytes(free) + " free; free some space or make the output smaller.");
	}
}
