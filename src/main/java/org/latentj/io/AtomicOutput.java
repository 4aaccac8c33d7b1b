package org.latentj.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.latentj.util.BadInputException;

/**
 * Writes outputs so that nothing is ever half-written: a file is written under a temporary name in
 * its own folder and renamed when complete; a folder of outputs is staged next to its destination
 * and moved in only when every file in it is complete.
 */
public final class AtomicOutput {

	private AtomicOutput() {
	}

	/** Writes what {@code writer} produces into {@code target}, replacing it only once complete. */
	public static void writeFile(Path target, IoWriter writer) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		ensureWritableFolder(dir);
		Path tmp = temporarySibling(target);
		try {
			writer.write(tmp);
			move(tmp, target);
		} finally {
			Files.deleteIfExists(tmp);
		}
	}

	/**
	 * Stages a folder of outputs: write into {@link Staging#dir()}, then {@link Staging#commit()}.
	 * Closing without commit deletes everything staged.
	 */
	public static Staging stageFolder(Path destination) throws IOException {
		Path abs = destination.toAbsolutePath();
		checkFolderDestination(abs);
		Path dir = temporarySibling(abs);
		Files.createDirectory(dir);
		return new Staging(dir, abs);
	}

	/**
	 * Checks, before any work, that {@link #stageFolder} will accept {@code destination}: not an
	 * existing file, and in a folder that exists (created if needed) and can be written.
	 */
	public static void checkFolderDestination(Path destination) {
		Path abs = destination.toAbsolutePath();
		if (Files.exists(abs) && !Files.isDirectory(abs))
			throw new BadInputException("The output " + abs + " is a file, not a folder.");
		ensureWritableFolder(abs.getParent());
	}

	/** Creates the folder if needed and checks that it can be written, with a message naming it. */
	public static void ensureWritableFolder(Path dir) {
		try {
			Files.createDirectories(dir);
		} catch (IOException e) {
			throw new BadInputException("Cannot create the output folder " + dir + " (" + e.getMessage() + ").", e);
		}
		if (!Files.isWritable(dir))
			throw new BadInputException("The output folder " + dir + " cannot be written.");
	}

	/**
	 * A fresh hidden name next to {@code target}. Not Files.createTemp*, which makes owner-only
	 * files: outputs get the permissions the user's umask gives any new file.
	 */
	static Path temporarySibling(Path target) {
		Path abs = target.toAbsolutePath();
		long nonce = System.nanoTime() ^ ((long) System.identityHashCode(Thread.currentThread()) << 32);
		return abs.getParent().resolve("." + abs.getFileName() + "." + Long.toHexString(nonce) + ".partial");
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Something that writes one file at the given (temporary) path. */
	@FunctionalInterface
	public interface IoWriter {
		void write(Path path) throws IOException;
	}

	/** A folder being written; see {@link AtomicOutput#stageFolder(Path)}. */
	public static final class Staging implements AutoCloseable {
		private final Path dir;
		private final Path destination;
		private boolean committed;

		private Staging(Path dir, Path destination) {
			this.dir = dir;
			this.destination = destination;
		}

		/** The folder to write into; mirrors the layout the destination will have. */
		public Path dir() {
			return dir;
		}

		/** Moves the staged outputs into the destination (replacing files of the same name). */
		public void commit() throws IOException {
			if (!Files.exists(destination)) {
				try {
					Files.move(dir, destination, StandardCopyOption.ATOMIC_MOVE);
					committed = true;
					return;
				} catch (IOException e) {
					// destination appeared meanwhile, or another file system: merge below
				}
			}
			mergeInto(dir, destination);
			committed = true;
			deleteTree(dir);
		}

		private static void mergeInto(Path from, Path to) throws IOException {
			Files.createDirectories(to);
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
				for (Path entry : entries) {
					Path target = to.resolve(entry.getFileName().toString());
					if (Files.isDirectory(entry)) mergeInto(entry, target);
					else move(entry, target);
				}
			}
		}

		@Override
		public void close() throws IOException {
			if (!committed) deleteTree(dir);
		}

		private static void deleteTree(Path root) throws IOException {
			if (!Files.exists(root)) return;
			try (Stream<Path> walk = Files.walk(root)) {
				for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator)
					Files.deleteIfExists(p);
			}
		}
	}
}
