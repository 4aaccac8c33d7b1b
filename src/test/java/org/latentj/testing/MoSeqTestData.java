package org.latentj.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.latentj.nwb.MoSeqNwbWriter;
import org.latentj.nwb.simulate.MoSeqSimulationSettings;
import org.latentj.nwb.simulate.MoSeqSimulator;
import org.latentj.nwb.simulate.SimulatedSession;
import org.latentj.util.Progress;

/**
 * The simulated MoSeq sessions in test-data/ (used by the demo and by tests), and how to make them
 * again: run this class's main on the test class path, as docs/test-data.md shows. Two sessions of one
 * experiment: same syllable library (model seed 1), different sampling seeds.
 */
public final class MoSeqTestData {
	private MoSeqTestData() {
	}

	/** File names in test-data/, and the seed each was simulated with. */
	public static final String[] FILES = { "sim_session_1.nwb", "sim_session_2.nwb" };
	public static final long[] SEEDS = { 1, 2 };

	public static MoSeqSimulationSettings settings(int i) {
		return MoSeqSimulationSettings.of(3000, 6, 10, 2, 0.92, SEEDS[i], 1);
	}

	public static SimulatedSession simulate(int i) {
		String name = FILES[i].substring(0, FILES[i].length() - 4);
		return MoSeqSimulator.simulate(settings(i), name, Progress.NONE);
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args.length > 0 ? args[0] : "test-data");
		Files.createDirectories(dir);
		for (int i = 0; i < FILES.length; i++) {
			Path file = dir.resolve(FILES[i]);
			MoSeqNwbWriter.write(file, simulate(i).data);
			System.out.printf("%s: %d bytes%n", file, Files.size(file));
		}
	}
}
