package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.BadInputException;

import io.jhdf.api.DatasetCreationOptions;

/**
 * Seeded byte-level mutations of small valid sessions, each opened and read whole (frames, masks,
 * PCs, labels, scalars, timestamps): the only failure allowed is a one-line BadInputException
 * naming the file; never another exception or error (an OutOfMemoryError included), never a hang
 * (each case has a few seconds). Two bases: libhdf5's oldest format (fixtures/fuzz_base.nwb, no
 * checksums, so mutations reach jhdf's parsers) and a file from jhdf's writer as LatentJ writes
 * them (checksummed headers). A failure names the base, seed and case to replay; with the
 * environment variable LATENTJ_FUZZ_KEEP set to a folder, failing files are copied there.
 */
class MoSeqNwbFuzzTest {

	private static final long SEED = 20261206L;
	private static final int CASES_PER_BASE = 200;
	private static final long CASE_SECONDS = 5;

	@TempDir
	Path dir;

	private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "nwb fuzz");
		t.setDaemon(true); // a hung case must not keep the test JVM alive
		return t;
	});

	@AfterEach
	void stop() {
		pool.shutdownNow();
	}

	@Test
	void mutatedOldFormatSessionsFailOnlyWithOneSentence() throws Exception {
		byte[] base;
		try (InputStream in = getClass().getResourceAsStream("fixtures/fuzz_base.nwb")) {
			base = in.readAllBytes();
		}
		fuzz("fuzz_base.nwb", base);
	}

	@Test
	void mutatedJhdfWrittenSessionsFailOnlyWithOneSentence() throws Exception {
		Path f = dir.resolve("jhdf_base.nwb");
		Map<String, Object> m = TinyHdf5.validMoSeq();
		TinyHdf5.write(f, m, Map.of("/processing/MoSeq/Images/frames/data",
				DatasetCreationOptions.builder().unsigned().chunkDimensions(5, TinyHdf5.H, TinyHdf5.W).deflate().build(),
				"/processing/MoSeq/PCs/pcs_clean/data",
				DatasetCreationOptions.builder().chunkDimensions(8, TinyHdf5.P).deflate().build()), Map.of());
		fuzz("jhdf_base.nwb", Files.readAllBytes(f));
	}

	private void fuzz(String name, byte[] base) throws Exception {
		// the unmutated base reads whole: the harness itself works
		Path ok = dir.resolve("ok-" + name);
		Files.write(ok, base);
		assertEquals(null, runCase(ok), "the unmutated " + name + " reads");

		Random random = new Random(SEED);
		List<String> failures = new ArrayList<>();
		int refused = 0;
		for (int c = 0; c < CASES_PER_BASE && failures.size() < 5; c++) {
			byte[] b = base.clone();
			mutate(b, random);
			Path f = dir.resolve("case" + c + "-" + name);
			Files.write(f, b);
			String failure = runCase(f);
			if (failure == null) continue;
			if (failure.startsWith("refused")) refused++;
			else {
				failures.add(name + " case " + c + " (seed " + SEED + "): " + failure);
				if (System.getenv("LATENTJ_FUZZ_KEEP") != null) Files.copy(f, Path.of(System.getenv("LATENTJ_FUZZ_KEEP"), f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				if (failure.contains("a hang")) break; // the worker is stuck: later cases would queue behind it
				continue; // keep the file to look at
			}
			Files.delete(f);
		}
		assertTrue(failures.isEmpty(), String.join("\n", failures));
		assertTrue(refused > CASES_PER_BASE / 20, "mutations reach the checks: only " + refused + " refused");
	}

	/** Bytes set at random, one to eight, in small runs; now and then a field set to all ones or zeros. */
	private static void mutate(byte[] b, Random random) {
		int edits = 1 + random.nextInt(8);
		for (int e = 0; e < edits; e++) {
			int at = random.nextInt(b.length);
			switch (random.nextInt(4)) {
			case 0 -> b[at] = (byte) random.nextInt(256);
			case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
			case 2 -> {
				for (int i = at; i < Math.min(b.length, at + 1 + random.nextInt(8)); i++)
					b[i] = (byte) 0xff;
			}
			default -> b[at] = (byte) (b[at] + (random.nextBoolean() ? 1 : -1));
			}
		}
	}

	/** Null when the file reads whole, "refused" for a proper refusal, else what went wrong. */
	private String runCase(Path file) throws InterruptedException {
		Future<String> f = pool.submit(() -> readWhole(file));
		try {
			return f.get(CASE_SECONDS, TimeUnit.SECONDS);
		} catch (TimeoutException e) {
			f.cancel(true);
			return "no answer after " + CASE_SECONDS + " s (a hang)";
		} catch (java.util.concurrent.ExecutionException e) {
			Throwable t = e.getCause();
			return t.getClass().getName() + ": " + t.getMessage() + " at " + (t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "?");
		}
	}

	/**
	 * The file read two ways, each from its own fresh session so that a refusal of one does not hide the
	 * other: frame by frame with everything else, and all frames as one run (whole chunks inflated straight
	 * into the array). Null when both read, "refused" when either refused properly, else what went wrong.
	 */
	private static String readWhole(Path file) {
		String byFrame = outcome(file, MoSeqNwbFuzzTest::readEachPart);
		String run = outcome(file, nwb -> nwb.readFrames(0, nwb.frameCount(), new byte[nwb.frameCount() * nwb.width() * nwb.height()], 0));
		for (String s : new String[] { byFrame, run })
			if (s != null && !s.equals("refused")) return s;
		return byFrame != null ? byFrame : run;
	}

	private static String outcome(Path file, java.util.function.Consumer<MoSeqNwb> read) {
		try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
			read.accept(nwb);
			return null;
		} catch (BadInputException e) {
			String m = e.getMessage();
			if (m.contains("\n") || !m.contains(file.toString())) return "a refusal not in one sentence naming the file: " + m;
			return "refused";
		}
	}

	private static void readEachPart(MoSeqNwb nwb) {
		byte[] frame = new byte[nwb.width() * nwb.height()];
		for (int t = 0; t < nwb.frameCount(); t++) {
			nwb.readFrame(t, frame, 0);
			try {
				nwb.readMask(t, frame, 0);
			} catch (BadInputException e) {
				if (!e.getMessage().contains("frames_masks/data is missing")) throw e;
			}
		}
		for (boolean raw : new boolean[] { false, true })
			if (nwb.hasPcs(raw)) nwb.pcs(1, raw);
		for (boolean raw : new boolean[] { false, true })
			if (nwb.hasLabels(raw)) nwb.labels(raw);
		for (String s : nwb.scalarNames())
			nwb.scalar(s);
		nwb.timestamps();
		nwb.identifier();
		nwb.softLinks();
	}
}
