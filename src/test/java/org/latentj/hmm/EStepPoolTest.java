package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.ui.FitHmmCommand;
import org.latentj.util.Progress;

/**
 * The E-step's buffer pool: split moves and partial EM leave many small buffers in it, and full E-steps
 * must not grow each of them in turn to T x K (what HmmMemory counts is one per session worked on at once).
 */
class EStepPoolTest {

	private static FitSettings settings(int states, boolean splitMerge) {
		FitHmmCommand c = new FitHmmCommand();
		c.states = states;
		c.pcs = 2;
		c.restarts = 1;
		c.iterations = 30;
		c.split_merge = splitMerge;
		return c.settings();
	}

	@Test
	void aSplitMergeFitKeepsNoMoreFullSizeBuffersThanSessions() {
		String old = System.getProperty("latentj.threads");
		System.setProperty("latentj.threads", "8");
		try {
			List<SessionData> sessions = Synthetic.sessions(2, 4, 2, new int[] { 3000, 2600 }, 5);
			FitSettings s = settings(4, true);
			HmmFitter fitter = new HmmFitter(s);
			fitter.fit(sessions, Progress.NONE);
			FitData data = new FitData(sessions, s);
			int shortest = Integer.MAX_VALUE;
			for (FitData.Stretch st : data.train) shortest = Math.min(shortest, st.frames() * s.states());
			int[] sizes = fitter.eStep().pooledSizes();
			int full = 0;
			for (int n : sizes) if (n >= shortest) full++;
			String all = Arrays.toString(sizes) + " (full size from " + shortest + ")";
			assertTrue(sizes.length > data.train.size(), "the splits left small buffers too: " + all);
			assertTrue(full <= data.train.size(), "at most one full-size buffer per training stretch: " + all);
		} finally {
			if (old == null) System.clearProperty("latentj.threads");
			else System.setProperty("latentj.threads", old);
		}
	}

	/** Every buffer is overwritten before it is read: pooled buffers full of NaN or of an earlier E-step change nothing. */
	@Test
	void resultsDoNotDependOnWhatAPooledBufferHeld() {
		List<SessionData> sessions = Synthetic.sessions(2, 3, 2, new int[] { 3000, 1200 }, 7);
		FitSettings s = settings(3, false);
		FitData data = new FitData(sessions, s);
		Hmm hmm = new HmmFitter(s).initialModel(data, new Random(3)), other = new HmmFitter(s).initialModel(data, new Random(4));
		List<FitData.Stretch> runs = new ArrayList<>(data.train);
		FitData.Stretch st = data.train.get(0);
		for (int t = st.from; t + 20 <= st.to; t += 97) runs.add(new FitData.Stretch(st.x, t, t + 20 + t % 13));
		EStep fresh = new EStep(), used = new EStep();
		for (double fill : new double[] { Double.NaN, 1e300 }) {
			used.expectations(other, runs);
			EStep.Expectations a = fresh.expectations(hmm, runs);
			used.fillPooled(fill);
			EStep.Expectations b = used.expectations(hmm, runs);
			assertEquals(a.logLik, b.logLik, 0);
			assertArrayEquals(a.observations, b.observations, 0);
			assertArrayEquals(a.transitions, b.transitions, 0);
			assertArrayEquals(a.initial, b.initial, 0);
			used.fillPooled(fill);
			assertEquals(fresh.logLikelihood(hmm, runs), used.logLikelihood(hmm, runs), 0);
			used.fillPooled(fill);
			assertArrayEquals(fresh.mostProbableStates(hmm, runs), used.mostProbableStates(hmm, runs));
		}
	}
}
