package org.latentj.io;

import java.nio.file.Files;
import java.nio.file.Path;

import org.latentj.util.BadInputException;

/** The one check of an input file before it is opened: there, and a regular file (reading a FIFO hangs, /dev/zero never ends). */
public final class Inputs {

	private Inputs() {
	}

	/** Refuses, in one sentence naming {@code what} and the path, anything but an existing regular file. */
	public static Path requireRegularFile(Path path, String what) {
		if (Files.isRegularFile(path)) return path;
		if (Files.isDirectory(path)) throw new BadInputException("The " + what + " " + path + " is a folder, not a file.");
		if (Files.exists(path))
			throw new BadInputException("The " + what + " " + path + " is a pipe or device, not a file; LatentJ reads regular files only.");
		if (Files.isSymbolicLink(path)) throw new BadInputException("The " + what + " " + path + " is a link to nothing (its target does not exist).");
		throw new BadInputException("The " + what + " " + path + " does not exist.");
	}
}
