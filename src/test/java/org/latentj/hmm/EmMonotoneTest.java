package org.latentj.hmm;

import org.latentj.hmm.ui.FitHmmCommand;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latentj.util.Progress;

/**
 * EM never lowers the training log-likelihood (beyond 1e-8 relative), for both observation types,
 * both transition modes, both initializations, on data sampled from a known HMM.
 */
class EmMonotoneTest {

	@ParameterizedTest(name = "{0} observations, {1} transitions, {2} init")
	@CsvSource({ "gaussian, fixed, kmeans", "gaussian, learned, random", "ar, fixed, random", "ar, learned, kmeans",
			"gaussian, fixed, random", "ar, learned, random" })
	void trainingLogLikelihoodNeverDrops(String observations, String transitions, String init) {
		List<SessionData> sessions = Synthetic.sessions(observations.equals("ar") ? 2 : 0, 4, 3, new int[] { 1500, 1100 }, 5);
		FitHmmCommand s = new FitHmmCommand();
		s.observations = observations;
		s.transitions = transitions;
		s.init = init;
		s.states = 5; // one more than the truth, so that EM has room to wander
		s.lags = 2;
		s.pcs = 3;
		s.kappa = 0;
		s.initial = "learned";
		s.restarts = 1;
		s.split_merge = false;
		s.tolerance = 0;
		s.iterations = 60;
		FitResult r = HmmFitter.fit(sessions, s.settings(), Progress.NONE);
		List<Double> ll = r.trainHistory;
		assertTrue(ll.size() > 5, "stopped after " + ll.size() + " iterations: " + ll);
		for (int i = 1; i < ll.size(); i++) {
			double prev = ll.get(i - 1), cur = ll.get(i);
			assertTrue(Double.isFinite(cur));
			assertTrue(cur >= prev - 1e-8 * Math.abs(prev),
					"iteration " + (i + 1) + ": " + cur + " < " + prev + " (drop " + (prev - cur) + ")");
		}
		assertTrue(ll.get(ll.size() - 1) > ll.get(0), "EM made no progress");
	}
}
