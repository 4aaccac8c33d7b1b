package org.latentj.nwb.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/** Simulate MoSeq Session's entry point: outputs refused before anything is simulated (issue 12, item 13). */
class SessionSimulationTest {

	@TempDir
	Path tmp;

	/** The largest session the command makes: refusing it must not cost its simulation. */
	private static final MoSeqSimulationSettings LARGEST = MoSeqSimulationSettings.of(MoSeqSimulationSettings.MAX_FRAMES, 6, 10, 2,
			0.92, 1, 1);

	@Test
	void anExistingFolderIsRefusedAndNothingIsWrittenBesideIt() throws Exception {
		Path folder = Files.createDirectories(tmp.resolve("sessions"));
		assertEquals("output " + folder + " is a folder; give a file name ending in .nwb.",
				assertThrows(BadInputException.class, () -> new SessionSimulation.Settings(folder, LARGEST, "")).getMessage());
		assertFalse(Files.exists(tmp.resolve("sessions.nwb")));
	}

	@Test
	void devicesAndOtherNonRegularFilesAreRefused() {
		Path devNull = Path.of("/dev/null");
		if (!Files.exists(devNull)) return; // not a Unix system
		assertEquals("output /dev/null exists and is not a regular file; give a file name ending in .nwb.",
				assertThrows(BadInputException.class, () -> new SessionSimulation.Settings(devNull, LARGEST, "")).getMessage());
		assertFalse(Files.exists(Path.of("/dev/null.nwb")));
	}

	@Test
	void anUnwritableFolderIsRefusedBeforeSimulating() throws Exception {
		Path file = Files.writeString(tmp.resolve("a-file"), "x");
		List<String> steps = new ArrayList<>();
		Progress watch = (fraction, message) -> steps.add(message);
		long start = System.nanoTime();
		BadInputException e = assertThrows(BadInputException.class,
				() -> SessionSimulation.run(new SessionSimulation.Settings(file.resolve("s.nwb"), LARGEST, ""), watch));
		assertTrue(e.getMessage().startsWith("Cannot create the output folder " + file), e.getMessage());
		assertEquals(List.of(), steps, "nothing was simulated");
		assertTrue(System.nanoTime() - start < 2e9, "refused at once");
	}

	@Test
	void aNameWithoutExtensionGetsNwbAndTheIdentifierIsItsStem() throws Exception {
		SessionSimulation.Result r = SessionSimulation.run(new SessionSimulation.Settings(tmp.resolve("mouse 3"),
				MoSeqSimulationSettings.of(40, 2, 3, 1, 0.9, 4, 1), " "), Progress.NONE);
		assertEquals(tmp.resolve("mouse 3.nwb"), r.written());
		try (MoSeqNwb nwb = MoSeqNwb.open(r.written())) {
			assertEquals("mouse 3", nwb.sessionName());
			assertArrayEquals(r.session().states, nwb.labels(false));
		}
		assertEquals("output must be a .nwb file (got " + tmp.resolve("x.h5") + ").", assertThrows(BadInputException.class,
				() -> new SessionSimulation.Settings(tmp.resolve("x.h5"), LARGEST, "")).getMessage());
	}
}
