package org.latentj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.ij1.CommandFailures;
import org.latentj.testing.MoSeqSessions;

/**
 * Issue 12's reproductions, run as a user would: headless macros. Inputs are never modified, an
 * output folder is replaced whole (never merged), resource problems are one sentence before the work.
 */
class SafetyCommandsTest {

	@TempDir
	Path tmp;

	/** Runs a macro, returns stderr; asserts the exit code. */
	static String macro(int expectedCode, String macro) {
		PrintStream err = System.err;
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
		int code;
		try {
			code = Headless.runMacro(macro, "", "m.ijm");
		} finally {
			System.setErr(err);
		}
		String text = buf.toString(StandardCharsets.UTF_8);
		assertEquals(expectedCode, code, "stderr: " + text + " first failure: " + CommandFailures.first());
		assertFalse(text.contains("\tat "), "no stack trace: " + text);
		return text;
	}

	@Test
	void anOutputEqualToAnInputIsRefusedAndTheInputKept() throws IOException {
		Path data = tmp.resolve("x.csv"), model = tmp.resolve("m.json");
		macro(0, "run('Simulate SBM', 'alpha_steps=2 d_steps=2 n=10 length=20 seed=1 output=[" + data + "]');"
				+ "run('Train Latent Model', 'data=[" + data + "] latents=2 epochs=1 batch=16 output=[" + model + "]');");
		byte[] dataBytes = Files.readAllBytes(data), modelBytes = Files.readAllBytes(model);
		String err = macro(1, "run('Encode Trajectories', 'model=[" + model + "] data=[" + data + "] output=[" + data + "]');");
		assertTrue(err.contains("The output " + data + " is the input " + data), err);
		err = macro(1, "run('Encode Trajectories', 'model=[" + model + "] data=[" + data + "] output=[" + tmp + "/./m.json]');");
		assertTrue(err.contains("is the input " + model), err);
		err = macro(1, "run('Train Latent Model', 'data=[" + data + "] epochs=1 output=[" + data + "]');");
		assertTrue(err.contains("is the input"), err);
		err = macro(1, "run('MSD Analysis', 'data=[" + data + "] output=[" + tmp + "]');");
		assertTrue(err.contains("contains the input"), err);
		assertArrayEquals(dataBytes, Files.readAllBytes(data));
		assertArrayEquals(modelBytes, Files.readAllBytes(model));
	}

	/** The commands of the newer slices (training dynamics, SLDS, symbolic) keep the same rule. */
	@Test
	void newerSlicesRefuseAnOutputInsideTheirInputs() throws IOException {
		Path runs = Files.createDirectories(tmp.resolve("runs"));
		Files.copy(Path.of("test-data/training-runs/parity_seed0.csv"), runs.resolve("parity_seed0.csv"));
		String err = macro(1, "run('Fit Training Phases', 'runs=[" + runs + "] max_states=2 restarts=1 output=[" + runs.resolve("fit") + "]');");
		assertTrue(err.contains("lies inside the input " + runs), err);
		Path a = Path.of("test-data/sim_session_1.nwb").toAbsolutePath();
		err = macro(1, "run('Fit SLDS', 'sessions=[" + a + "] output=[" + a + "]');");
		assertTrue(err.contains("is the input " + a), err);
		Path curves = Files.writeString(tmp.resolve("curves.csv"), "x,c\n0,1\n1,2\n");
		err = macro(1, "run('Score Curves', 'critic=[" + tmp.resolve("critic.json") + "] curves=[" + curves + "] output=[" + tmp + "]');");
		assertTrue(err.contains("contains the input " + curves), err);
		assertEquals("x,c\n0,1\n1,2\n", Files.readString(curves));
	}

	@Test
	void aSecondFitIntoTheSameFolderReplacesItWhole() throws IOException {
		Path a = MoSeqSessions.path("session_a"), b = MoSeqSessions.path("session_b");
		Path fit = tmp.resolve("F");
		String quick = " observations=gaussian pcs=3 iterations=3 restarts=1 split_merge=false";
		macro(0, "run('Fit HMM', 'sessions=[" + a + ";" + b + "] states=4" + quick + " output=[" + fit + "]');");
		assertTrue(Files.isRegularFile(fit.resolve("labels/session_b.csv")));
		macro(0, "run('Fit HMM', 'sessions=[" + a + "] states=3" + quick + " output=[" + fit + "]');");
		assertFalse(Files.exists(fit.resolve("labels/session_b.csv")), "the first fit's labels were merged into the second");
		assertTrue(Files.isRegularFile(fit.resolve("labels/session_a.csv")));
		// and a fit into the folder of its sessions is refused before the fit
		String err = macro(1, "run('Fit HMM', 'sessions=[" + a + "] output=[" + a.getParent() + "]');");
		assertTrue(err.contains("contains the input"), err);
		err = macro(1, "run('Fit HMM', 'sessions=[" + a + "] output=[/]');");
		assertTrue(err.contains("root of the file system"), err);
	}

	@Test
	void workThatCannotFitInMemoryIsRefusedBeforeItStarts() throws IOException {
		Path a = MoSeqSessions.path("session_a");
		long start = System.nanoTime();
		// more states than frames is said as such, before any estimate (more memory would not help)
		String err = macro(1, "run('Fit HMM', 'sessions=[" + a + "] states=2000000 output=[" + tmp.resolve("F") + "]');");
		assertTrue(err.contains("states = 2000000 is more than the 2998 usable frames of the sessions."), err);
		// a fit the frames allow but memory does not (2 million frames of one PC, 200,000 states)
		org.latentj.hmm.SessionData big = new org.latentj.hmm.SessionData("big", new double[2_000_000], 1, null);
		org.latentj.hmm.ui.FitHmmCommand huge = new org.latentj.hmm.ui.FitHmmCommand();
		huge.states = 200_000;
		huge.pcs = 1;
		String memory = org.junit.jupiter.api.Assertions.assertThrows(org.latentj.util.BadInputException.class,
				() -> org.latentj.hmm.HmmMemory.requireFit(java.util.List.of(big), huge.settings())).getMessage();
		assertTrue(memory.contains("A fit of 1 session (2000000 frames) with 200000 states needs about"), memory);
		assertTrue(memory.contains("-Xmx") && memory.contains("Edit>Options>Memory"), memory);
		err = macro(1, "run('Simulate SBM', 'alpha_steps=1 d_steps=1 n=1 length=2000000000 output=[" + tmp.resolve("s.csv") + "]');");
		assertTrue(err.contains("Simulate SBM (2000000000 values) needs about 32.0 GB of memory"), err);
		assertTrue((System.nanoTime() - start) / 1e9 < 10, "refused at once");
		assertFalse(Files.exists(tmp.resolve("F")) || Files.exists(tmp.resolve("s.csv")));
	}

	@Test
	void aModelFileWithCraftedSizesIsRefusedWithoutAllocating() throws IOException {
		Path a = MoSeqSessions.path("session_a");
		Path fit = tmp.resolve("F");
		macro(0, "run('Fit HMM', 'sessions=[" + a + "] states=3 pcs=3 iterations=2 restarts=1 split_merge=false output=[" + fit + "]');");
		Path crafted = tmp.resolve("crafted.json");
		Files.writeString(crafted, Files.readString(fit.resolve("model.json")).replaceFirst("\"lags\": 2", "\"lags\": 2000000000"));
		String err = macro(1, "run('Apply Model', 'model=[" + crafted + "] sessions=[" + a + "] output=[" + tmp.resolve("A") + "]');");
		assertTrue(err.contains("2000000000 lags, which need") && err.contains(crafted.toString()), err);
	}

	@Test
	void anOutputLargerThanTheFreeSpaceIsRefusedWithItsSize() throws IOException {
		Path a = MoSeqSessions.path("session_a");
		Path disk = Files.createDirectories(tmp.resolve("disk"));
		org.junit.jupiter.api.Assumptions.assumeTrue(org.latentj.testing.Mounts.mount(disk, "size=1m"),
				"cannot mount a 1 MB tmpfs here (not root): output-size case not run");
		try {
			Path tif = disk.resolve("ov.tif");
			String err = macro(1, "run('Syllable Overlay', 'session=[" + a + "] labels=nwb zoom=16 first_frame=0 last_frame=9 output=[" + tif + "]');");
			assertTrue(err.matches("(?s).*The output " + java.util.regex.Pattern.quote(tif.toString())
					+ " \\(10 frames at zoom 16\\) needs about [0-9.]+ MB but " + java.util.regex.Pattern.quote(disk.toString()) + " has 1.0 MB free.*"), err);
			assertFalse(Files.exists(tif));
		} finally {
			org.latentj.testing.Mounts.unmount(disk);
		}
	}

	@Test
	void labelsAndModelFromDifferentFitsAreRefused() throws IOException {
		Path a = MoSeqSessions.path("session_a");
		String quick = " observations=gaussian pcs=3 iterations=2 restarts=1 split_merge=false";
		Path f1 = tmp.resolve("F1"), f2 = tmp.resolve("F2"), applied = tmp.resolve("A");
		macro(0, "run('Fit HMM', 'sessions=[" + a + "] states=4" + quick + " output=[" + f1 + "]');"
				+ "run('Fit HMM', 'sessions=[" + a + "] states=3" + quick + " output=[" + f2 + "]');"
				+ "run('Apply Model', 'model=[" + f1.resolve("model.json") + "] sessions=[" + a + "] output=[" + applied + "]');"
				+ "run('Syllable Statistics', 'sessions=[" + a + "] labels=[" + applied + "]');");
		String id = org.latentj.hmm.ModelFile.read(f1.resolve("model.json")).fitId;
		assertEquals(16, id.length());
		assertEquals(id, org.latentj.hmm.LabelsFile.read(f1.resolve("labels/session_a.csv")).fitId);
		assertEquals(id, org.latentj.hmm.LabelsFile.read(applied.resolve("labels/session_a.csv")).fitId);
		// a labels file copied from the other fit
		Path mixed = Files.createDirectories(tmp.resolve("mixed/labels"));
		Files.copy(f1.resolve("model.json"), mixed.getParent().resolve("model.json"));
		Files.copy(f2.resolve("labels/session_a.csv"), mixed.resolve("session_a.csv"));
		String err = macro(1, "run('Syllable Statistics', 'sessions=[" + a + "] labels=[" + mixed.getParent() + "]');");
		assertTrue(err.contains("comes from fit") && err.contains("must come from one Fit HMM or Apply Model run"), err);
	}

	/** A full disk: every command says which file and why in one sentence, exits non-zero, and leaves nothing. */
	@Test
	void aFullDiskIsOneSentenceAndLeavesNothing() throws IOException {
		Path a = MoSeqSessions.path("session_a");
		Path disk = Files.createDirectories(tmp.resolve("disk"));
		org.junit.jupiter.api.Assumptions.assumeTrue(org.latentj.testing.Mounts.mount(disk, "size=96k"),
				"cannot mount a small tmpfs here (not root): disk-full case not run");
		try {
			String quick = " observations=gaussian pcs=3 iterations=2 restarts=1 split_merge=false";
			String err = macro(1, "run('Fit HMM', 'sessions=[" + a + "] states=3" + quick + " output=[" + disk.resolve("F") + "]');");
			assertTrue(err.matches("LatentJ: Fit HMM: Cannot write " + java.util.regex.Pattern.quote(disk.resolve("F").toString())
					+ "/\\S+ \\(no space left on device\\)\\. \\(macro line 1\\)\n"), err);
			assertEquals(java.util.List.of(), org.latentj.testing.Mounts.names(disk));
			err = macro(1, "run('Crowd Movie', 'session=[" + a + "] labels=nwb syllable=2 max_examples=3 output=[" + disk.resolve("C") + "]');");
			assertTrue(err.contains("Cannot write " + disk.resolve("C")) && err.contains("(no space left on device)."), err);
			assertEquals(java.util.List.of(), org.latentj.testing.Mounts.names(disk));
			// the diffusion commands' failures go through the same helper (AtomicOutput.writeFailure)
			Path sbm = disk.resolve("s.csv");
			err = macro(1, "run('Simulate SBM', 'alpha_steps=2 d_steps=2 n=100 length=200 seed=1 output=[" + sbm + "]');");
			assertEquals("LatentJ: Simulate SBM: Cannot write " + sbm + " (no space left on device). (macro line 1)\n", err);
			assertEquals(java.util.List.of(), org.latentj.testing.Mounts.names(disk));
			Path data = tmp.resolve("x.csv"), msd = disk.resolve("M");
			macro(0, "run('Simulate SBM', 'alpha_steps=2 d_steps=2 n=300 length=100 seed=1 output=[" + data + "]');"); // ~120 kB of tables
			err = macro(1, "run('MSD Analysis', 'data=[" + data + "] output=[" + msd + "]');");
			assertTrue(err.matches("LatentJ: MSD Analysis: Cannot write " + java.util.regex.Pattern.quote(msd.toString())
					+ "(/\\S+)? \\(no space left on device\\)\\. \\(macro line 1\\)\n"), err);
			assertEquals(java.util.List.of(), org.latentj.testing.Mounts.names(disk));
		} finally {
			org.latentj.testing.Mounts.unmount(disk);
		}
	}
}
