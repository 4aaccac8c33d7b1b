package org.latentj.hmm;

import org.latentj.hmm.ui.FitHmmCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentj.testing.MoSeqSessions;
import org.latentj.util.Progress;

/**
 * The shared MoSeq sessions (sticky AR(2)-HMM ground truth, 6 syllables, 10 PCs): an AR-HMM with 6
 * states and otherwise DEFAULT settings recovers labels_clean with adjusted Rand index >= 0.9, on
 * each session alone (where plain EM from k-means stalls near 0.8) and on the three fitted jointly.
 */
class MoSeqRecoveryTest {

	@ParameterizedTest(name = "{0} alone")
	@ValueSource(strings = { "session_a", "session_b", "session_c" })
	void eachSessionAlone(String name) {
		FitHmmCommand s = new FitHmmCommand();
		s.states = 6;
		FitResult r = HmmFitter.fit(List.of(MoSeqSessions.session(name)), s.settings(), Progress.NONE);
		int[] truth = MoSeqSessions.labels(name);
		double ari = Metrics.adjustedRandIndex(r.decodings.get(0).labels, truth);
		assertTrue(ari >= 0.9, name + ": ARI " + ari);
		checkLabels(r.decodings.get(0), truth.length, 2);
	}

	@Test
	void sessionsFittedJointly() {
		List<SessionData> sessions = new ArrayList<>();
		for (String n : MoSeqSessions.NAMES) sessions.add(MoSeqSessions.session(n));
		FitHmmCommand s = new FitHmmCommand();
		s.states = 6;
		FitResult r = HmmFitter.fit(sessions, s.settings(), Progress.NONE);
		for (int i = 0; i < sessions.size(); i++) {
			int[] truth = MoSeqSessions.labels(MoSeqSessions.NAMES[i]);
			double ari = Metrics.adjustedRandIndex(r.decodings.get(i).labels, truth);
			assertTrue(ari >= 0.9, MoSeqSessions.NAMES[i] + ": ARI " + ari);
		}
		// states are numbered by usage, most used first
		for (int k = 1; k < r.usage.length; k++) assertTrue(r.usage[k - 1] >= r.usage[k]);
		// train: first 80 % of each session minus the 2 lag frames; test: the rest
		assertEquals((2400 - 2) + (2400 - 2) + (1920 - 2), r.trainFrames);
		assertEquals(600 + 600 + 480, r.testFrames);
		assertEquals(r.trainHistory.size(), r.testHistory.size());
		assertTrue(r.finalTestLogLik() > 10, "held-out LL/frame " + r.finalTestLogLik());
	}

	/**
	 * Raw PCs with dropped frames (NaN rows): those frames and the lags after each gap get label -1,
	 * the HMM restarts after each gap, and the other frames still match the truth.
	 */
	@Test
	void droppedFramesAreGaps() {
		SessionData raw = MoSeqSessions.rawSession("session_a");
		assertEquals(15, raw.droppedFrames(10)); // h5py: 150 NaN values = 15 rows of 10
		double[] x = raw.firstPcs(10);
		FitHmmCommand s = new FitHmmCommand();
		s.states = 6;
		s.restarts = 1;
		FitResult r = HmmFitter.fit(List.of(raw), s.settings(), Progress.NONE);
		int[] labels = r.decodings.get(0).labels;
		int gaps = 0;
		for (int t = 0; t < labels.length; t++) {
			boolean dropped = Double.isNaN(x[t * 10]);
			boolean afterGap = t < 2 || Double.isNaN(x[(t - 1) * 10]) || Double.isNaN(x[(t - 2) * 10]);
			assertEquals(dropped || afterGap, labels[t] == -1, "frame " + t);
			if (dropped) gaps++;
		}
		assertEquals(15, gaps);
		double ari = Metrics.adjustedRandIndex(labels, MoSeqSessions.labels("session_a"));
		assertTrue(ari >= 0.9, "ARI " + ari);
		// the same session as plain data: NaN is refused with a message naming the frame
		SessionData strict = new SessionData("strict", rawPcs(raw), 10, null);
		org.latentj.util.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
				org.latentj.util.BadInputException.class, () -> HmmFitter.fit(List.of(strict), s.settings(), Progress.NONE));
		assertTrue(e.getMessage().contains("Session strict: PC 1 of frame"), e.getMessage());
	}

	private static double[] rawPcs(SessionData s) {
		return s.firstPcs(10);
	}

	static void checkLabels(Decoding d, int frames, int lags) {
		assertEquals(frames, d.labels.length);
		for (int t = 0; t < lags; t++) {
			assertEquals(-1, d.labels[t]);
			assertTrue(Double.isNaN(d.probability[t]));
		}
		for (int t = lags; t < frames; t++) {
			assertTrue(d.labels[t] >= 0 && d.labels[t] < 6);
			assertTrue(d.probability[t] >= 1.0 / 6 - 1e-12 && d.probability[t] <= 1 + 1e-12);
		}
	}
}
