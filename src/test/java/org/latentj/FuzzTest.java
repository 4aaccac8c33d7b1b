package org.latentj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.diffusion.LatentCsv;
import org.latentj.diffusion.LatentModelFile;
import org.latentj.diffusion.TrajectoryCsv;
import org.latentj.diffusion.ui.EncodeTrajectoriesCommand;
import org.latentj.diffusion.ui.LatentAnalysisCommand;
import org.latentj.diffusion.ui.MsdAnalysisCommand;
import org.latentj.hmm.HmmModel;
import org.latentj.hmm.LabelsFile;
import org.latentj.ij1.CommandRunner;
import org.latentj.ij1.CommandSpec;
import org.latentj.ij1.CommandTable;
import org.latentj.ij1.MacroOptions;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * Issue 12's fuzz suite for options, CSV and JSON model files (HDF5 is fuzzed with the NWB reader):
 * seeded mutations of real inputs, read by the real readers and commands. The promise checked: the
 * only failure is a BadInputException of one sentence (no internal error, no stack trace for the
 * user), and inputs are never modified.
 */
class FuzzTest {

	private static final long SEED = 12;
	/** Values that have broken parsers before: Java-only numbers, extremes, brackets, a huge field. */
	private static final String[] NASTY = { "", "-1", "0", "1e309", "-1e309", "NaN", "Infinity", "3d", "1f", "0x1p3", "2000000000",
			"-2147483649", "9223372036854775808", "1.5", "\"x\"", "null", "[]", "{}", "[", "]", "a b", ",", "\"", "\n", "\u0000", "é",
			"/", "/proc/x", "/dev/zero", "1e30", "-0", ".5", "5.", "1e-400", "9".repeat(20_000) };

	@TempDir
	static Path dir;
	static Path trajectories, vae, latents, model, labels;

	@BeforeAll
	static void inputs() throws IOException {
		trajectories = dir.resolve("x.csv");
		vae = dir.resolve("vae.json");
		latents = dir.resolve("latents.csv");
		Path fit = dir.resolve("fit");
		String macro = "run('Simulate SBM', 'alpha_steps=2 d_steps=2 n=8 length=16 seed=3 output=[" + trajectories + "]');"
				+ "run('Train Latent Model', 'data=[" + trajectories + "] latents=2 epochs=1 batch=8 output=[" + vae + "]');"
				+ "run('Encode Trajectories', 'model=[" + vae + "] data=[" + trajectories + "] output=[" + latents + "]');"
				+ "run('Fit HMM', 'sessions=[" + Path.of("test-data/sim_session_1.nwb").toAbsolutePath() + "] observations=gaussian"
				+ " states=3 pcs=2 iterations=2 restarts=1 split_merge=false output=[" + fit + "]');";
		assertEquals(0, Headless.runMacro(macro, "", "fuzz-inputs.ijm"), org.latentj.ij1.CommandFailures.first());
		model = fit.resolve("model.json");
		labels = fit.resolve("labels/sim_session_1.csv");
	}

	/** Runs {@code r}; anything but success or a one-sentence BadInputException fails the test, naming the case. */
	private static boolean expectOnlyBadInput(String what, Runnable r) {
		try {
			r.run();
			return false;
		} catch (BadInputException e) {
			String m = e.getMessage();
			if (m == null || m.isBlank() || m.length() > 2000 || m.contains("Internal error"))
				fail(what + ": not a one-sentence message: " + (m == null ? null : m.substring(0, Math.min(300, m.length()))));
			return true;
		} catch (Throwable t) {
			AssertionError a = new AssertionError(what + ": " + t, t);
			throw a;
		}
	}

	/** One seeded mutation of a text file: bytes deleted, inserted, duplicated, truncated, or a number replaced. */
	static String mutate(String text, Random rnd) {
		StringBuilder s = new StringBuilder(text);
		int ops = 1 + rnd.nextInt(3);
		for (int k = 0; k < ops && s.length() > 0; k++) {
			int at = rnd.nextInt(s.length());
			switch (rnd.nextInt(6)) {
			case 0 -> s.delete(at, Math.min(s.length(), at + 1 + rnd.nextInt(20)));
			case 1 -> s.insert(at, NASTY[rnd.nextInt(NASTY.length)]);
			case 2 -> s.setLength(at);
			case 3 -> {
				int lineStart = s.lastIndexOf("\n", at) + 1, lineEnd = s.indexOf("\n", at);
				if (lineEnd > 0) s.insert(lineEnd + 1, s.substring(lineStart, lineEnd + 1));
			}
			case 4 -> s.setCharAt(at, (char) (rnd.nextInt(2) == 0 ? rnd.nextInt(128) : rnd.nextInt(0xD000)));
			default -> {
				Matcher m = Pattern.compile("-?[0-9][0-9.eE+-]*").matcher(s);
				List<int[]> numbers = new ArrayList<>();
				while (m.find()) numbers.add(new int[] { m.start(), m.end() });
				if (!numbers.isEmpty()) {
					int[] n = numbers.get(rnd.nextInt(numbers.size()));
					s.replace(n[0], n[1], NASTY[rnd.nextInt(NASTY.length)]);
				}
			}
			}
		}
		return s.toString();
	}

	private static void fuzzFile(Path original, int cases, long seed, java.util.function.Consumer<Path> reader) throws IOException {
		String text = Files.readString(original, StandardCharsets.UTF_8);
		Random rnd = new Random(seed);
		String name = original.getFileName().toString();
		Path copy = dir.resolve("mutant-" + name);
		int refused = 0;
		long start = System.nanoTime();
		for (int i = 0; i < cases; i++) {
			byte[] bytes = mutate(text, rnd).getBytes(StandardCharsets.UTF_8);
			Files.write(copy, bytes);
			if (expectOnlyBadInput(name + " mutant " + i + " (seed " + seed + ")", () -> reader.accept(copy))) refused++;
			assertArrayEquals(bytes, Files.readAllBytes(copy), "the reader modified its input");
		}
		// a fuzzer that never reaches an error path tests nothing
		assertTrue(refused > cases / 4, name + ": only " + refused + " of " + cases + " mutants refused");
		System.out.printf("FuzzTest: %s: %d mutants, %d refused, %.1f s%n", name, cases, refused, (System.nanoTime() - start) / 1e9);
	}

	@Test
	void mutatedCsvFilesAreReadOrRefusedInOneSentence() throws IOException {
		fuzzFile(trajectories, 80, SEED, p -> TrajectoryCsv.load(p, null, Progress.NONE));
		fuzzFile(latents, 80, SEED + 1, LatentCsv::read);
		fuzzFile(labels, 60, SEED + 2, LabelsFile::read);
	}

	@Test
	void mutatedJsonModelFilesAreReadOrRefusedInOneSentence() throws IOException {
		fuzzFile(model, 100, SEED + 3, HmmModel::read);
		fuzzFile(vae, 100, SEED + 4, LatentModelFile::read);
	}

	/** Random option strings for every command: parsed and checked, never run (a valid random fit could run for minutes). */
	@Test
	void fuzzedOptionsAreAcceptedOrRefusedInOneSentence() {
		Random rnd = new Random(SEED + 5);
		for (CommandTable.Entry e : CommandTable.pluginsConfigEntries()) {
			if (!e.className.startsWith("org.latentj.ij1.LatentJ_Bridge")) continue;
			CommandSpec spec = CommandSpec.forName(e.argument());
			List<CommandSpec.Input> inputs = spec.inputs();
			for (int i = 0; i < 60; i++) {
				StringBuilder options = new StringBuilder();
				int keys = 1 + rnd.nextInt(4);
				for (int k = 0; k < keys; k++) {
					String key = rnd.nextInt(10) == 0 ? "nokey" + k : inputs.get(rnd.nextInt(inputs.size())).key();
					String value = NASTY[rnd.nextInt(NASTY.length)];
					options.append(' ').append(rnd.nextBoolean() ? MacroOptions.format(key, value) : key + "=" + value);
				}
				String o = options.toString();
				expectOnlyBadInput(spec.label() + " '" + o.substring(0, Math.min(200, o.length())) + "'",
						() -> CommandRunner.prepare(spec, MacroOptions.parse(o)));
			}
		}
	}

	/** Commands that are cheap on small inputs run on mutated files: only BadInputException, inputs unchanged. */
	@Test
	void commandsOnMutatedFilesFailInOneSentenceAndLeaveTheirInputs() throws IOException {
		Random rnd = new Random(SEED + 6);
		String traj = Files.readString(trajectories), lat = Files.readString(latents), json = Files.readString(vae);
		Path t = dir.resolve("cmd-x.csv"), l = dir.resolve("cmd-latents.csv"), m = dir.resolve("cmd-vae.json");
		for (int i = 0; i < 25; i++) {
			byte[] tb = mutate(traj, rnd).getBytes(StandardCharsets.UTF_8), lb = mutate(lat, rnd).getBytes(StandardCharsets.UTF_8),
					mb = mutate(json, rnd).getBytes(StandardCharsets.UTF_8);
			Files.write(t, tb);
			Files.write(l, lb);
			Files.write(m, mb);
			Path out = dir.resolve("out" + i);
			int n = i;
			expectOnlyBadInput("Encode Trajectories case " + n, () -> run(EncodeTrajectoriesCommand.class,
					Map.of("model", m.toString(), "data", t.toString(), "output", out.resolve("e.csv").toString())));
			expectOnlyBadInput("MSD Analysis case " + n, () -> run(MsdAnalysisCommand.class,
					Map.of("data", t.toString(), "output", out.resolve("msd").toString())));
			expectOnlyBadInput("Latent Analysis case " + n, () -> run(LatentAnalysisCommand.class,
					Map.of("data", l.toString(), "length", "16", "output", out.resolve("la").toString())));
			assertArrayEquals(tb, Files.readAllBytes(t));
			assertArrayEquals(lb, Files.readAllBytes(l));
			assertArrayEquals(mb, Files.readAllBytes(m));
			try (var s = Files.list(dir)) {
				assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".partial")), "a .partial left behind");
			}
		}
		assertTrue(Files.isRegularFile(trajectories));
	}

	private static void run(Class<?> command, Map<String, String> options) {
		CommandRunner.run(CommandSpec.of(command), options);
	}

	static File f(Path p) {
		return p.toFile();
	}
}
