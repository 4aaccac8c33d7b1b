package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.ui.FitHmmCommand;

/**
 * Issue 15's speed-ups of split/merge keep its results: a split is a function of its frames alone (so a
 * state whose frames did not change reuses last round's split), and the E-step over many short runs,
 * worked on in groups of stretches, sums the same statistics as stretch by stretch.
 */
class SplitReuseTest {

	@Test
	void groupsFollowTheStretchLengths() {
		double[] x = new double[20000];
		List<FitData.Stretch> stretches = new ArrayList<>();
		int from = 0;
		for (int len : new int[] { 5000, 100, 100, 4000, 3000 }) { // by hand: 5000 | 100 100 | 4000 | 3000
			stretches.add(new FitData.Stretch(x, from, from + len));
			from += len;
		}
		assertArrayEquals(new int[] { 0, 1, 3, 4, 5 }, EStep.groups(stretches));
	}

	@Test
	void groupedExpectationsAreTheSumOverRuns() {
		List<SessionData> sessions = Synthetic.sessions(2, 3, 2, new int[] { 3000 }, 7);
		FitData data = new FitData(sessions, settings(3));
		Hmm hmm = new HmmFitter(settings(3)).initialModel(data, new Random(3));
		List<FitData.Stretch> runs = new ArrayList<>();
		FitData.Stretch st = data.train.get(0);
		for (int t = st.from; t + 20 <= st.to; t += 37) runs.add(new FitData.Stretch(st.x, t, t + 20)); // 64 runs, 1 group
		EStep estep = new EStep();
		EStep.Expectations grouped = estep.expectations(hmm, runs);
		double logLik = 0;
		double[] stats = new double[grouped.observations.length];
		for (FitData.Stretch run : runs) {
			EStep.Expectations one = estep.expectations(hmm, List.of(run));
			logLik += one.logLik;
			for (int i = 0; i < stats.length; i++) stats[i] += one.observations[i];
		}
		assertEquals(logLik, grouped.logLik, 1e-12 * Math.abs(logLik));
		for (int i = 0; i < stats.length; i++) assertEquals(stats[i], grouped.observations[i], 1e-11 * (1 + Math.abs(stats[i])));
		assertEquals(logLik, estep.logLikelihood(hmm, runs), 1e-12 * Math.abs(logLik));
	}

	@Test
	void aSplitDependsOnItsFramesOnly() {
		List<SessionData> sessions = Synthetic.sessions(2, 3, 2, new int[] { 2000, 1500 }, 11);
		FitSettings settings = settings(3);
		FitData data = new FitData(sessions, settings);
		HmmFitter fitter = new HmmFitter(settings);
		Hmm hmm = fitter.initialModel(data, new Random(1));
		// the same frames under two numberings: runs of 60 frames alternate between two states
		int[][] a = new int[data.train.size()][], b = new int[a.length][];
		for (int i = 0; i < a.length; i++) {
			a[i] = new int[data.train.get(i).frames()];
			b[i] = new int[a[i].length];
			for (int t = 0; t < a[i].length; t++) {
				a[i][t] = (t / 60) % 2 == 0 ? 0 : 2;
				b[i][t] = a[i][t] == 0 ? 1 : 0;
			}
		}
		SplitMerge.Owned first = SplitMerge.owned(data, a, new boolean[] { true, false, false });
		SplitMerge.Owned same = SplitMerge.owned(data, b, new boolean[] { false, true, false });
		SplitMerge.Owned other = SplitMerge.owned(data, a, new boolean[] { false, false, true });
		assertEquals(first, same);
		assertNotEquals(first, other);
		SplitMerge sm = new SplitMerge(fitter, new EStep(), settings);
		SplitMerge.Split x = sm.split(data, hmm.observations(), first), y = sm.split(data, hmm.observations(), same);
		assertEquals(x.gain, y.gain, 0);
		LinearGaussianObservations hx = (LinearGaussianObservations) x.halves, hy = (LinearGaussianObservations) y.halves;
		for (int s = 0; s < 2; s++) {
			assertArrayEquals(hx.weights(s), hy.weights(s), 0);
			assertArrayEquals(hx.covariance(s), hy.covariance(s), 0);
		}
	}

	/**
	 * Splits run in parallel, short sessions share E-step groups and k-means assigns in blocks: none of it
	 * may depend on the number of threads. Sessions of mixed lengths (some grouped, some alone), split/merge
	 * on, 1 thread against 3: the same restart scores, history and labels, bit for bit.
	 */
	@Test
	void threadsDoNotChangeTheFit() {
		List<SessionData> sessions = Synthetic.sessions(2, 5, 3, new int[] { 5000, 700, 400, 300, 2500 }, 13);
		FitHmmCommand c = new FitHmmCommand();
		c.states = 6;
		c.pcs = 3;
		c.restarts = 2;
		c.iterations = 30;
		String saved = System.getProperty("latentj.threads");
		FitResult one, three;
		try {
			System.setProperty("latentj.threads", "1");
			one = HmmFitter.fit(sessions, c.settings(), org.latentj.util.Progress.NONE);
			System.setProperty("latentj.threads", "3");
			three = HmmFitter.fit(sessions, c.settings(), org.latentj.util.Progress.NONE);
		} finally {
			if (saved == null) System.clearProperty("latentj.threads");
			else System.setProperty("latentj.threads", saved);
		}
		assertEquals(one.restartScores, three.restartScores);
		assertEquals(one.trainHistory, three.trainHistory);
		for (int i = 0; i < sessions.size(); i++) assertArrayEquals(one.decodings.get(i).labels, three.decodings.get(i).labels);
	}

	private static FitSettings settings(int k) {
		FitHmmCommand c = new FitHmmCommand();
		c.states = k;
		c.pcs = 2;
		return c.settings();
	}
}
