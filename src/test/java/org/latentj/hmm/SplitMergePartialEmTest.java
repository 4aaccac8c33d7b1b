package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.ui.FitHmmCommand;
import org.latentj.util.Progress;

/**
 * A split/merge candidate is refined and scored by partial EM on the frames its states own (issue 15).
 * When the candidate involves every state, owns every frame and the model is what the partial EM assumes
 * (uniform start, fixed sticky transitions), the partial EM is full-data EM: the same refined states bit
 * for bit, and a gain equal to full-data EM's log-likelihood gain.
 */
class SplitMergePartialEmTest {

	@Test
	void partialEmOnEveryFrameIsFullEm() {
		List<SessionData> sessions = Synthetic.sessions(2, 3, 2, new int[] { 900, 600 }, 5);
		FitHmmCommand c = new FitHmmCommand();
		c.states = 3;
		c.pcs = 2;
		FitSettings settings = c.settings();
		FitData data = new FitData(sessions, settings);
		HmmFitter fitter = new HmmFitter(settings);
		Hmm current = fitter.initialModel(data, new Random(1));
		SplitMerge.Move move = new SplitMerge.Move();
		move.model = fitter.initialModel(data, new Random(2));
		move.involved = new int[] { 0, 1, 2 };
		int[][] labels = new int[data.train.size()][];
		for (int i = 0; i < labels.length; i++) labels[i] = new int[data.train.get(i).frames()]; // all state 0: one run each
		Hmm candidate = move.model;
		new SplitMerge(fitter, new EStep(), settings).refine(data, current, labels, move);

		HmmFitter.Run full = fitter.em(data, candidate, SplitMerge.CANDIDATE_ITERATIONS, Progress.NONE, "");
		double before = new EStep().logLikelihood(current, data.train);
		assertEquals(full.finalTrain() * data.trainFrames - before, move.partialGain, 1e-9 * Math.abs(before));
		assertTrue(move.partialGain > 0, "gain " + move.partialGain);
		LinearGaussianObservations a = (LinearGaussianObservations) move.model.observations(),
				b = (LinearGaussianObservations) full.hmm.observations();
		for (int s = 0; s < 3; s++) {
			assertArrayEquals(b.weights(s), a.weights(s), 0, "weights of state " + s);
			assertArrayEquals(b.covariance(s), a.covariance(s), 0, "covariance of state " + s);
		}
	}
}
