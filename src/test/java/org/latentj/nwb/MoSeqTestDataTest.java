package org.latentj.nwb;

import org.latentj.hmm.ui.FitHmmCommand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentj.hmm.FitResult;
import org.latentj.hmm.HmmFitter;
import org.latentj.hmm.Metrics;
import org.latentj.hmm.SessionData;
import org.latentj.nwb.simulate.SimulatedSession;
import org.latentj.testing.MoSeqTestData;
import org.latentj.testing.SharedData;
import org.latentj.util.Progress;

/**
 * test-data/ holds exactly what MoSeqTestData generates (so the documented regeneration is true),
 * and its syllables are recoverable as docs/test-data.md says.
 */
class MoSeqTestDataTest {

	private static SessionData session(int i) {
		try (MoSeqNwb nwb = MoSeqNwb.open(SharedData.testData(MoSeqTestData.FILES[i]))) {
			return new SessionData(nwb.sessionName(), nwb.pcs(nwb.storedPcs()).values(), nwb.storedPcs(), nwb.timestamps());
		}
	}

	private static int[] truth(int i) {
		try (MoSeqNwb nwb = MoSeqNwb.open(SharedData.testData(MoSeqTestData.FILES[i]))) {
			return nwb.labels();
		}
	}

	/** An AR-HMM with 6 states and otherwise default settings recovers labels_clean: ARI >= 0.99. */
	@ParameterizedTest
	@ValueSource(ints = { 0, 1 })
	void aDefaultFitRecoversTheTrueSyllables(int i) {
		FitHmmCommand s = new FitHmmCommand();
		s.states = 6;
		FitResult r = HmmFitter.fit(List.of(session(i)), s.settings(), Progress.NONE);
		double ari = Metrics.adjustedRandIndex(r.decodings.get(0).labels, truth(i));
		assertTrue(ari >= 0.99, MoSeqTestData.FILES[i] + ": ARI " + ari);
	}

	@Test
	void bothSessionsFittedJointly() {
		FitHmmCommand s = new FitHmmCommand();
		s.states = 6;
		FitResult r = HmmFitter.fit(List.of(session(0), session(1)), s.settings(), Progress.NONE);
		for (int i = 0; i < 2; i++) {
			double ari = Metrics.adjustedRandIndex(r.decodings.get(i).labels, truth(i));
			assertTrue(ari >= 0.99, MoSeqTestData.FILES[i] + ": ARI " + ari);
		}
	}

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
