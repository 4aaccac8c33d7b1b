package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.Headless;

/**
 * Same macro, same result: the demo macro (every command the README's pipeline uses) run headless
 * through the ImageJ 1.x bridge and through Fiji's route (every LatentJ label overridden by its
 * SciJava command, run as a module with a UI-less headless Context, the macro options read by
 * {@link FijiMacroPreprocessor} then {@link LatentJPreprocessor}) writes the same files, byte for
 * byte, except the wall-clock times some tables record.
 */
class FijiMacrosTest {

	@TempDir
	Path dir;

	@Test
	void theDemoMacroWritesTheSameFilesThroughBothPaths() throws IOException {
		String demo = Files.readString(Path.of("macros/demo.ijm"));
		Path bridge = dir.resolve("bridge"), fiji = dir.resolve("fiji");
		assertEquals(0, Headless.runMacro(demo, bridge.toString(), "demo.ijm"), "bridge");
		Map<String, String> before = FijiRun.install();
		try {
			assertEquals(0, Headless.runMacro(demo, fiji.toString(), "demo.ijm"), "SciJava path");
		} finally {
			FijiRun.uninstall(before);
		}
		assertSameFiles(bridge, fiji);
	}

	/** Every file of {@code a} is in {@code b} with the same bytes (times masked), and nothing more. */
	static void assertSameFiles(Path a, Path b) throws IOException {
		Map<String, Path> fa = files(a), fb = files(b);
		assertEquals(fa.keySet(), fb.keySet(), "the same files");
		assertTrue(fa.size() > 20, "the demo writes dozens of files: " + fa.keySet());
		List<String> differ = new ArrayList<>();
		for (String name : fa.keySet())
			if (!Arrays.equals(masked(name, bytes(fa.get(name))), masked(name, bytes(fb.get(name))))) differ.add(name);
		assertEquals(List.of(), differ, "files that differ between the bridge and the SciJava path");
	}

	/**
	 * The bytes with wall-clock times blanked: the "seconds" of critic.json and the seconds column of
	 * study.csv (its last column), which differ between any two runs.
	 */
	static byte[] masked(String name, byte[] content) {
		if (!name.endsWith("critic.json") && !name.endsWith("study.csv")) return content;
		String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
		if (name.endsWith(".json")) text = text.replaceAll("\"seconds\"\\s*:\\s*[-+0-9.eE]+", "\"seconds\": T");
		else text = text.replaceAll("(?m),[-+0-9.eE]+$", ",T");
		return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static Map<String, Path> files(Path root) throws IOException {
		Map<String, Path> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(root)) {
			s.filter(Files::isRegularFile).forEach(p -> m.put(root.relativize(p).toString(), p));
		}
		return m;
	}

	private static byte[] bytes(Path p) {
		try {
			return Files.readAllBytes(p);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
