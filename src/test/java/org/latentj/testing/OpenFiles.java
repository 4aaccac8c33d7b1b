package org.latentj.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** File descriptors this JVM holds open, from /proc/self/fd (Linux; tests using it skip elsewhere). */
public final class OpenFiles {
	private OpenFiles() {
	}

	/** How many descriptors of this process are open on {@code file}. */
	public static long descriptorsOf(Path file) {
		Path fds = Path.of("/proc/self/fd");
		assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
		try {
			Path target = file.toRealPath();
			long n = 0;
			try (DirectoryStream<Path> all = Files.newDirectoryStream(fds)) {
				for (Path fd : all) {
					try {
						if (Files.readSymbolicLink(fd).equals(target)) n++;
					} catch (IOException e) {
						// closed meanwhile (the listing's own descriptor, or another thread's)
					}
				}
			}
			return n;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
