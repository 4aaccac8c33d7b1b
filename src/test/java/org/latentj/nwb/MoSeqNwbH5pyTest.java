package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.nwb.simulate.MoSeqSimulationSettings;
import org.latentj.nwb.simulate.MoSeqSimulator;
import org.latentj.nwb.simulate.SimulatedSession;
import org.latentj.testing.SharedData;
import org.latentj.util.Progress;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Optional: what LatentJ writes, seen through h5py (the reference HDF5 binding pynwb sits on), has
 * the layout of the pynwb-written shared sessions and the values LatentJ wrote. Runs where a
 * python3 with h5py exists (Debian: apt-get install python3-h5py); skips with the reason otherwise.
 */
class MoSeqNwbH5pyTest {

	@TempDir
	static Path dir;
	private static String python;
	private static Path script;

	@BeforeAll
	static void findPython() throws IOException {
		for (String candidate : new String[] { "/usr/bin/python3", "python3" }) {
			if (run(candidate, "-c", "import h5py") != null) {
				python = candidate;
				break;
			}
		}
		assumeTrue(python != null, "no python3 with h5py found (apt-get install python3-h5py to run this check)");
		script = dir.resolve("h5py_layout.py");
		try (InputStream in = MoSeqNwbH5pyTest.class.getResourceAsStream("h5py_layout.py")) {
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static String run(String... command) {
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
			byte[] out = p.getInputStream().readAllBytes();
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				return null;
			}
			return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
		} catch (IOException e) {
			return null;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static JsonObject h5py(Path file) {
		String out = run(python, script.toString(), file.toString());
		if (out == null) throw new AssertionError("h5py could not read " + file);
		return JsonParser.parseString(out).getAsJsonObject();
	}

	private static Path writeSession(SimulatedSession sim) throws IOException {
		Path file = dir.resolve("h5py_check.nwb");
		if (!Files.exists(file)) MoSeqNwbWriter.write(file, sim.data);
		return file;
	}

	private static final SimulatedSession SIM = MoSeqSimulator.simulate(
			MoSeqSimulationSettings.of(300, 6, 10, 2, 0.92, 21), "h5py-check", Progress.NONE);

	/**
	 * hdmf (pynwb's engine; Debian: python3-hdmf) reads the written file into the same builder tree
	 * as the pynwb-written session: same neurodata types, links resolved to the same objects.
	 * pynwb itself is not packaged for Debian, so this is the closest check available here.
	 */
	@Test
	void hdmfBuildsTheSameTreeAsForTheSharedSession() throws IOException {
		assumeTrue(run(python, "-c", "import hdmf") != null, "hdmf not installed (apt-get install python3-hdmf)");
		Path file = writeSession(SIM);
		Path builders = dir.resolve("hdmf_builders.py");
		try (InputStream in = MoSeqNwbH5pyTest.class.getResourceAsStream("hdmf_builders.py")) {
			Files.copy(in, builders, StandardCopyOption.REPLACE_EXISTING);
		}
		String out = run(python, builders.toString(), SharedData.require("data/moseq/session_a.nwb").toString(),
				file.toString());
		if (out == null) throw new AssertionError("hdmf could not read " + file);
		org.junit.jupiter.api.Assertions.assertTrue(out.contains("identical builder trees: True"), out);
	}

	@Test
	void h5pySeesTheSharedLayoutAndTheWrittenValues() throws IOException {
		SimulatedSession sim = SIM;
		Path file = writeSession(sim);
		JsonObject written = h5py(file);
		JsonObject shared = h5py(SharedData.require("data/moseq/session_a.nwb"));
		assertEquals(shared.getAsJsonObject("layout"), written.getAsJsonObject("layout"),
				"h5py sees the same groups, datasets, links, dtypes, chunking and attributes");

		JsonObject v = written.getAsJsonObject("values");
		MoSeqSessionData d = sim.data;
		long frames = 0;
		for (byte b : d.depth)
			frames += b & 0xff;
		assertEquals(frames, v.get("frames").getAsLong());
		assertEquals(sim.droppedFrames.length, v.get("pcs_nan_rows").getAsInt());
		double pcs = 0;
		for (float x : d.pcsClean)
			pcs += x;
		assertEquals(pcs, v.get("pcs_clean").getAsDouble(), 1e-6 * Math.max(1, Math.abs(pcs)));
		long labels = 0;
		for (int x : d.labelsClean)
			labels += x;
		assertEquals(labels, v.get("labels_clean").getAsLong());
		double ts = 0;
		for (double x : d.timestamps)
			ts += x;
		assertEquals(ts, v.get("timestamps_via_frames_link").getAsDouble(), 1e-9 * ts);
		assertEquals("h5py-check", v.get("identifier").getAsString());
		assertEquals("2.6.0", v.get("nwb_version").getAsString());
	}
}
