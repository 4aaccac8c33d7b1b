package org.latentj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.nwb.ui.SessionOpening;
import org.latentj.testing.SharedData;
import org.latentj.util.BadInputException;

/**
 * The output lock across processes (docs/promises.md, "One run per output"): while another JVM
 * writes an output, a command writing the same output here fails at once with one sentence naming
 * that process; once the other process is gone (killed: its lock is stale), the command succeeds and
 * removes what the dead run left.
 */
class OutputLockAcrossProcessesTest {

	@TempDir
	Path tmp;

	@Test
	void aRunInAnotherProcessHoldsTheOutputUntilItIsGone() throws Exception {
		Path out = tmp.resolve("tables");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldOutputLock.class.getName(),
				out.toString(), "30000").redirectErrorStream(true).start();
		try {
			BufferedReader r = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
			assertEquals("held", r.readLine(), "the other process took the lock");
			SessionOpening.Settings open = new SessionOpening.Settings(SharedData.testData("sim_session_1.nwb"), 2, false, false,
					false, out);

			long t0 = System.nanoTime();
			String m = assertThrows(BadInputException.class, () -> SessionOpening.run(open)).getMessage();
			double seconds = (System.nanoTime() - t0) / 1e9;
			assertTrue(other.isAlive(), "refused while the other run still holds the lock, not after waiting for it");
			assertTrue(seconds < 5, "refused at once, took " + seconds + " s");
			assertEquals("Another LatentJ run (process " + other.pid() + "@" + AtomicOutput.host() + ") is writing " + out
					+ " now; wait for it to end, or delete " + tmp.resolve(".tables.lock") + " if no run is.", m);
			assertEquals(1, m.split("\\. ").length, "one sentence");

			// the other run dies without releasing: its lock and staging folder are stale
			other.destroyForcibly();
			assertTrue(other.waitFor(10, TimeUnit.SECONDS));
			assertTrue(names(tmp).contains(".tables.lock"), "a killed run leaves its lock: " + names(tmp));
			SessionOpening.Result done = SessionOpening.run(open);
			assertEquals(List.of(out.resolve("sim_session_1_pcs.csv"), out.resolve("sim_session_1_scalars.csv")), done.written());
			assertEquals(List.of(".latentj-output", "sim_session_1_pcs.csv", "sim_session_1_scalars.csv"), names(out));
			assertEquals(List.of("tables"), names(tmp), "the dead run's lock and staging folder are removed");
		} finally {
			other.destroyForcibly();
		}
	}

	private static List<String> names(Path dir) throws java.io.IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}
