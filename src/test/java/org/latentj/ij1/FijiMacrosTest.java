package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import java.io.File;
import org.scijava.command.CommandModule;
import org.scijava.module.ModuleItem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.Headless;

/**
 * Same macro, same result: the demo macro (every command the README's pipeline uses) run headless
 * through the ImageJ 1.x bridge and through Fiji's route (every LatentJ label overridden by its
 * SciJava command, run as a module with a UI-less headless Context, the macro options read by
 * {@link FijiMacroPreprocessor} then {@link LatentJPreprocessor}) writes the same files, byte for
 * byte, except the wall-clock times some files record (masked: {@link #masked}).
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
		FijiRun.RAN.clear();
		try {
			assertEquals(0, Headless.runMacro(demo, fiji.toString(), "demo.ijm"), "SciJava path");
		} finally {
			FijiRun.uninstall(before);
		}
		assertSameFiles(bridge, fiji);
		assertOutputs(FijiRun.RAN, 16);
	}

	/**
	 * The two commands the demo leaves out, as docs/test-data.md and docs/slds.md call them (the
	 * SLDS fit made small: a test, not a study): a simulated session and an SLDS fit of it.
	 */
	@Test
	void theDocsSimulationAndSldsWriteTheSameFilesThroughBothPaths() throws IOException {
		String macro = "out = getArgument(); File.makeDirectory(out);\n"
				+ "run('Simulate MoSeq Session', 'output=[' + out + '/sim_session_1.nwb] frames=3000 states=6 pcs=10 lags=2 stickiness=0.92 seed=1 model_seed=1');\n"
				+ "run('Fit SLDS', 'sessions=[' + out + '/sim_session_1.nwb] states=3 lags=1 pcs=3 iterations=3 restarts=1 figure_frames=200 output=[' + out + '/slds]');\n";
		Path bridge = dir.resolve("bridge"), fiji = dir.resolve("fiji");
		assertEquals(0, Headless.runMacro(macro, bridge.toString(), "docs.ijm"), "bridge");
		Map<String, String> before = FijiRun.install();
		FijiRun.RAN.clear();
		try {
			assertEquals(0, Headless.runMacro(macro, fiji.toString(), "docs.ijm"), "SciJava path");
		} finally {
			FijiRun.uninstall(before);
		}
		assertSameFiles(bridge, fiji);
		assertOutputs(FijiRun.RAN, 2);
	}

	/**
	 * What a script gets back from each module: every declared output set, and "saved" naming the
	 * output the macro gave, which exists.
	 */
	static void assertOutputs(List<CommandModule> modules, int commands) {
		Set<String> seen = new TreeSet<>();
		for (CommandModule m : modules) {
			String label = m.getInfo().getMenuPath().getLeaf().getName();
			seen.add(label);
			assertFalse(m.isCanceled(), label + ": " + m.getCancelReason());
			for (ModuleItem<?> out : m.getInfo().outputs()) {
				if (out.getName().equals("image") && Boolean.FALSE.equals(m.getInput("open"))) continue; // not asked for
				assertNotNull(m.getOutput(out.getName()), label + " › " + out.getName());
			}
			File saved = (File) m.getOutput("saved");
			assertEquals(m.getInput("output"), saved, label);
			assertTrue(saved.exists(), label + ": " + saved);
		}
		assertEquals(commands, seen.size(), "commands run: " + seen);
	}

	/**
	 * Errors, for every command: an unknown key (refused before the command runs) and an input file
	 * that does not exist (refused by the command) give the same one sentence on stderr through the
	 * bridge and through Fiji's route, exit code 1 and no stack trace.
	 */
	@Test
	void everyCommandFailsWithTheSameSentenceThroughBothPaths() throws Exception {
		int commands = 0;
		for (CommandTable.Entry e : CommandTable.pluginsConfigEntries()) {
			if (!e.argument().startsWith("org.latentj.") || e.argument().startsWith("org.latentj.ij1.")) continue;
			CommandSpec spec = CommandSpec.forName(e.argument());
			commands++;
			String missing = "";
			for (CommandSpec.Input in : spec.inputs())
				if (!in.key().equals("output") && (in.isFile() || in.defaultsToOpenSession() || in.key().equals("runs"))) {
					missing = in.key() + "=[" + dir.resolve("no such file.csv") + "] ";
					break;
				}
			// without an input file to miss, the output is refused: a folder LatentJ did not write (this test's)
			Path out = missing.isEmpty() ? dir : dir.resolve("out-" + commands);
			Files.writeString(dir.resolve("not LatentJ's.txt"), "x");
			String output = spec.input("output") == null ? "" : "output=[" + out + "]";
			for (String options : new String[] { "bogus_key=1", missing + output }) {
				String macro = "run('" + e.label + "', '" + options.replace("\\", "\\\\") + "');";
				String bridge = stderr(macro, false), fiji = stderr(macro, true);
				assertEquals(bridge, fiji, e.label + " with " + options);
				assertTrue(bridge.startsWith("LatentJ: " + e.label + ": "), e.label + " with " + options + ": " + bridge);
				SciJavaPathTest.assertNoTrace(fiji);
			}
		}
		assertTrue(commands >= 18, "commands: " + commands);
	}

	/** Runs a one-line macro headless through the bridge or Fiji's route; asserts it fails; returns its stderr. */
	private static String stderr(String macro, boolean fiji) {
		java.io.PrintStream err = System.err;
		java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
		System.setErr(new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
		Map<String, String> before = fiji ? FijiRun.install() : null;
		try {
			assertEquals(1, Headless.runMacro(macro, "", "t.ijm"), macro);
		} finally {
			if (fiji) FijiRun.uninstall(before);
			System.setErr(err);
		}
		return buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
	}

	/** Every file of {@code a} is in {@code b} with the same bytes (times masked), and nothing more. */
	static void assertSameFiles(Path a, Path b) throws IOException {
		Map<String, Path> fa = files(a), fb = files(b);
		assertEquals(fa.keySet(), fb.keySet(), "the same files");
		assertTrue(fa.size() > 5, "files written: " + fa.keySet());
		List<String> differ = new ArrayList<>();
		for (String name : fa.keySet())
			if (!Arrays.equals(masked(name, bytes(fa.get(name))), masked(name, bytes(fb.get(name))))) differ.add(name);
		assertEquals(List.of(), differ, "files that differ between the bridge and the SciJava path");
	}

	/**
	 * The bytes with wall-clock times blanked: the "seconds" of critic.json, the seconds column of
	 * study.csv (its last column) and an NWB file's file_create_date, which differ between any two runs.
	 */
	static byte[] masked(String name, byte[] content) {
		if (name.endsWith(".nwb")) { // file_create_date, written as "yyyy-MM-ddTHH:mm:ss.SSSSSS..." (same length each run)
			String latin = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
			return latin.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}", "yyyy-MM-ddTHH:mm:ss.SSSSSS")
					.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		}
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
