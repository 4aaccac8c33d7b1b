package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.nwb.simulate.MoSeqSimulationSettings;
import org.latentj.nwb.simulate.MoSeqSimulator;
import org.latentj.testing.SharedData;
import org.latentj.util.Progress;

/**
 * Issue 16: every NWB file LatentJ writes opens in pynwb 2.3.1 and 2.8.3 with the values h5py
 * reads, and pynwb 2.8.3's validator reports 0 errors. Runs tools/pynwb-check on a freshly written
 * session and on test-data/*.nwb when the pynwb sources are present (LATENTJ_PYNWB_SOURCES, else
 * ../shared/pynwb-sources; make them with {@code tools/pynwb-check prepare MIRRORS DIR}); skips
 * with the reason otherwise.
 */
class PynwbCheckTest {

	@TempDir
	Path dir;

	@Test
	void filesLatentJWritesOpenInPynwbAndValidate() throws Exception {
		String env = System.getenv("LATENTJ_PYNWB_SOURCES");
		Path sources = env != null ? Path.of(env) : SharedData.root().resolve("pynwb-sources");
		assumeTrue(Files.isDirectory(sources.resolve("pynwb-2.3.1")) && Files.isDirectory(sources.resolve("pynwb-2.8.3")),
				"pynwb sources not found at " + sources + " (tools/pynwb-check prepare MIRRORS DIR, then set LATENTJ_PYNWB_SOURCES)");
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3 (Debian's python3-h5py and friends)");
		Path written = dir.resolve("written.nwb");
		MoSeqNwbWriter.write(written, MoSeqSimulator.simulate(MoSeqSimulationSettings.of(120, 4, 10, 2, 0.9, 5),
				"pynwb-check", Progress.NONE).data);
		List<String> cmd = new ArrayList<>(List.of("tools/pynwb-check", sources.toString(), written.toString()));
		try (var files = Files.list(SharedData.testData(""))) {
			files.filter(f -> f.toString().endsWith(".nwb")).sorted().forEach(f -> cmd.add(f.toString()));
		}
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(300, TimeUnit.SECONDS)) p.destroyForcibly();
		assertEquals(0, p.exitValue(), out);
	}
}
