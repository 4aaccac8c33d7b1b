package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.Standardization;

/**
 * Issue 13 item 8: Fit SLDS's progress counts the EM work done: when EM converges in a few of its 200
 * allowed iterations the bar reaches the end of the EM stage (95%) before decoding, instead of
 * stopping near 30% + 65% x iterations / 200.
 */
class SldsProgressTest {

	@Test
	void emStageEndsWhenEmConverges() {
		SldsParameters truth = SldsTestModels.random(2, 2, 2, 41, false);
		for (int s = 0; s < 2; s++) truth.weights[s][2 * 5 - 1] = truth.weights[s][4] = s == 0 ? 0.6 : -0.6;
		truth = new SldsParameters(truth.weights, truth.covs, truth.noise, 1, truth.transitions, truth.initial, 2);
		int frames = 800;
		double[] y = SldsTestModels.sample(truth, frames, 17, new int[frames], new double[frames * 2], new int[0]);
		SessionData session = SessionData.withDroppedFrames("syn", y, 2, null);
		SldsSettings settings = new SldsSettings(2, 2, 2, SldsSettings.Emissions.IDENTITY, 0, false, 0.9, 0, 1, 200, 30,
				1e-4, 1, 0, 0.8, Standardization.Kind.NONE);
		List<Double> em = new ArrayList<>(); // the SLDS's own EM steps (the starting AR-HMM reports other messages)
		SldsResult r = SldsFitter.fit(List.of(session), settings, (f, m) -> {
			if (m != null && m.startsWith("EM iteration")) em.add(f);
		});
		assertTrue(r.converged() && r.trainHistory().size() < 100, "EM converged in " + r.trainHistory().size() + " of 200");
		assertEquals(r.trainHistory().size(), em.size());
		assertEquals(0.95, em.get(em.size() - 1), 1e-9, "the last EM step ends the EM stage: " + em);
		for (int i = 1; i < em.size(); i++) assertTrue(em.get(i) >= em.get(i - 1) - 1e-12, "never goes back: " + em);
	}
}
