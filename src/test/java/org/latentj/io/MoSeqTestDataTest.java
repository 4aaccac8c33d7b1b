package org.latentj.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentj.model.simulate.SimulatedSession;
import org.latentj.testing.MoSeqTestData;
import org.latentj.testing.SharedData;

/** test-data/ holds exactly what MoSeqTestData generates (so the documented regeneration is true). */
class MoSeqTestDataTest {

	@ParameterizedTest
	@ValueSource(ints = { 0, 1 })
	void committedSessionsAreWhatTheGeneratorMakes(int i) {
		Path file = SharedData.testData(MoSeqTestData.FILES[i]);
		assertTrue(Files.exists(file), file + " is missing; regenerate it as docs/test-data.md says");
		SimulatedSession sim = MoSeqTestData.simulate(i);
		MoSeqSessionData d = sim.data;
		try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
			assertEquals(d.identifier, nwb.identifier());
			assertEquals(d.frames, nwb.frameCount());
			byte[] frames = new byte[d.depth.length];
			nwb.readFrames(0, d.frames, frames, 0);
			assertArrayEquals(d.depth, frames);
			double[] pcs = nwb.pcs(d.pcs).values();
			for (int k = 0; k < pcs.length; k++)
				assertEquals(d.pcsClean[k], pcs[k]);
			assertArrayEquals(d.labelsClean, nwb.labels());
			assertArrayEquals(d.labelsRaw, nwb.labels(true));
			for (String name : d.scalars.keySet()) {
				double[] v = nwb.scalar(name);
				for (int t = 0; t < v.length; t++)
					assertEquals(d.scalars.get(name)[t], v[t], name);
			}
		}
	}
}
