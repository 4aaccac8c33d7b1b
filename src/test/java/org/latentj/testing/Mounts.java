package org.latentj.testing;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** tmpfs mounts for the resource tests (root only: disk full, read-only parents). */
public final class Mounts {

	private Mounts() {
	}

	/** Mounts a tmpfs with the given options at {@code at}; false when this process may not mount. */
	public static boolean mount(Path at, String options) {
		return run("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString());
	}

	public static boolean remount(Path at, String options) {
		return run("mount", "-o", "remount," + options, at.toString());
	}

	public static void unmount(Path at) {
		run("umount", at.toString());
	}

	/** The names in a folder, sorted (hidden ones too: leftovers are what the resource tests look for). */
	public static java.util.List<String> names(Path dir) throws java.io.IOException {
		try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	private static boolean run(String... command) {
		if (!"root".equals(System.getProperty("user.name"))) return false;
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
		} catch (Exception e) {
			return false;
		}
	}
}
