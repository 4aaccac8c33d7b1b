package org.latentj.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.opentest4j.TestAbortedException;

/**
 * The read-only material in ../shared (CI has it). Tests that need it call {@link #require(String)},
 * which skips the test with a visible reason where the folder is absent. Override the location with
 * the system property or environment variable LATENTJ_SHARED.
 */
public final class SharedData {
	private SharedData() {
	}

	public static Path root() {
		String override = System.getProperty("LATENTJ_SHARED", System.getenv("LATENTJ_SHARED"));
		if (override != null) return Path.of(override);
		return Path.of(System.getProperty("user.dir")).resolve("../shared").normalize();
	}

	/** A path under the shared folder (e.g. "data/moseq/session_a.nwb"); skips the test when absent. */
	public static Path require(String relative) {
		Path p = root().resolve(relative);
		if (Files.exists(p)) return p;
		String reason = "shared test material not found: " + p + " (set LATENTJ_SHARED to run this test)";
		// Surefire shows no reason for a class skipped in @BeforeAll ("Tests run: 0"): say it on the console too
		System.out.println("SKIPPED " + StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
				.getCallerClass().getSimpleName() + ": " + reason);
		throw new TestAbortedException(reason);
	}

	/** A path under this project's test-data/ folder (always present in a clone). */
	public static Path testData(String relative) {
		return Path.of(System.getProperty("user.dir")).resolve("test-data").resolve(relative);
	}
}
