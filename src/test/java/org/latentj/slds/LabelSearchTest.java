package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** LabelSearch: its log p(y, z) against the smoother's ELBO, exact move gains, and refine leaving a start SMF keeps. */
class LabelSearchTest {

	/**
	 * With q(z) one-hot on z and q(x) from one x update (the exact p(x | y, z)) the ELBO is log p(y, z); the
	 * Kalman filter's sum of predictive log-likelihoods plus log p(z) must give the same number (two independent
	 * computations: the information-form banded smoother and a covariance-form filter).
	 */
	@Test
	void filterLogJointEqualsTheElboAtHardLabels() {
		for (int g = 1; g <= 2; g++)
			for (boolean linear : new boolean[] { false, true }) {
				SldsParameters m = SldsTestModels.random(3, 2, g, 11 + g, false);
				if (linear) m = SldsTestModels.linear(m, 4, 5);
				int frames = 200;
				int[] z = new int[frames];
				double[] y = SldsTestModels.sample(m, frames, 3, z, 40, 41, 120);
				double elbo = hardElbo(m, y, z), filter = new LabelSearch(m, y, z, null).logJoint();
				assertEquals(elbo, filter, 1e-9 * Math.abs(elbo), "lags " + g + ", linear " + linear);
				// and a labelling that is not the truth's
				for (int t = 60; t < 90; t++) z[t] = (z[t] + 1) % 3;
				elbo = hardElbo(m, y, z);
				assertEquals(elbo, new LabelSearch(m, y, z, null).logJoint(), 1e-9 * Math.abs(elbo));
			}
	}

	/**
	 * As above at sizes where the filter step's blocked loops (four and eight entries at a time, rows in pairs) run
	 * their blocks and their remainders: d = 5, G = 2 (state 10, odd d), identity emissions and 7 linear ones.
	 */
	@Test
	void filterLogJointEqualsTheElboAtLargerStates() {
		for (boolean linear : new boolean[] { false, true }) {
			SldsParameters m = SldsTestModels.random(3, 5, 2, 21, false);
			if (linear) m = SldsTestModels.linear(m, 7, 6);
			int frames = 150;
			int[] z = new int[frames];
			double[] y = SldsTestModels.sample(m, frames, 5, z, 30, 31, 90);
			for (int t = 50; t < 70; t++) z[t] = (z[t] + 2) % 3;
			double elbo = hardElbo(m, y, z);
			assertEquals(elbo, new LabelSearch(m, y, z, null).logJoint(), 1e-9 * Math.abs(elbo), "linear " + linear);
		}
	}

	/** A move's gain (filter re-run from the move until it rejoins the stored one) equals the difference of two whole filters. */
	@Test
	void moveGainsEqualWholeFilterDifferences() {
		SldsParameters m = SldsTestModels.random(3, 2, 2, 4, false);
		int frames = 300;
		int[] z = new int[frames];
		double[] y = SldsTestModels.sample(m, frames, 8, z, 150);
		LabelSearch s = new LabelSearch(m, y, z, null);
		int[][] moves = { { 2, 2, 1 }, { 50, 57, 0 }, { 100, 140, 2 }, { 145, 152, 1 }, { 290, 299, 0 } };
		for (int[] mv : moves) {
			int[] other = s.z.clone();
			java.util.Arrays.fill(other, mv[0], mv[1] + 1, mv[2]);
			double expected = new LabelSearch(m, y, other, null).logJoint() - s.logJoint();
			assertEquals(expected, s.gain(mv[0], mv[1], mv[2], false), 1e-5, "move " + java.util.Arrays.toString(mv));
		}
		for (int[] mv : moves) { // made one after another: the stored filter stays that of the labels
			double before = s.logJoint(), gain = s.gain(mv[0], mv[1], mv[2], true);
			assertEquals(new LabelSearch(m, y, s.z, null).logJoint(), s.logJoint(), 1e-5);
			assertEquals(before + gain, s.logJoint(), 1e-5);
		}
	}

	/**
	 * The screening's shortcuts (steps that a bound on the predictive log-likelihood shows would end the run, screenings
	 * that later sweeps reuse where nothing they read changed) give the same moves, gains and log p(y, z) to the bit as
	 * screening every step of every run again: identity and linear emissions, with and without Student-t weights, from
	 * labels with every third segment wrong under noise large against the dynamics (so that moves are taken).
	 */
	@Test
	void screeningShortcutsChangeNoMove() {
		for (boolean linear : new boolean[] { false, true })
			for (boolean weights : new boolean[] { false, true }) {
				SldsParameters base = SldsTestModels.random(3, 3, 2, 7, false);
				if (linear) base = SldsTestModels.linear(base, 5, 8);
				double[] noise = base.noise();
				for (int i = 0; i < noise.length; i++) noise[i] *= 8;
				SldsParameters m = linear ? new SldsParameters(base.weights, base.covs, noise, 1.0, base.transitions, base.initial, 2, base.emission, base.offset)
						: new SldsParameters(base.weights, base.covs, noise, 1.0, base.transitions, base.initial, 2);
				int frames = 800, k = 3, g = 2;
				int[] truth = new int[frames];
				double[] y = SldsTestModels.sample(m, frames, 12, truth, 300, 301, 302);
				int[] start = truth.clone();
				int segment = 0;
				for (int t = g; t < frames; t++) {
					if (t > g && truth[t] != truth[t - 1]) segment++;
					if (segment % 3 == 1) start[t] = (truth[t] + 1) % k;
				}
				double[] u = null;
				if (weights) {
					java.util.Random r = new java.util.Random(3);
					u = new double[frames];
					for (int t = 0; t < frames; t++) u[t] = 0.5 + r.nextDouble();
				}
				LabelSearch fast = new LabelSearch(m, y, start, u), plain = new LabelSearch(m, y, start, u);
				plain.bounded = plain.reusing = false;
				double gain = fast.sweep(10, org.latentj.util.Progress.NONE), plainGain = plain.sweep(10, org.latentj.util.Progress.NONE);
				String what = "linear " + linear + ", weights " + weights;
				assertTrue(fast.accepted > 5 && fast.killed > 0 && fast.reused > 0, what + ": " + fast.accepted + " moves, " + fast.killed + " steps bounded, "
						+ fast.reused + " screenings reused");
				assertEquals(plainGain, gain, 0, what);
				assertArrayEquals(plain.z, fast.z, what);
				assertEquals(plain.logJoint(), fast.logJoint(), 0, what);
				assertEquals(plain.accepted, fast.accepted, what);
				assertTrue(fast.screened + fast.killed < plain.screened, what);
				// the moves as taken (a kept filter, take) give the stored filter of the labels reached
				assertEquals(new LabelSearch(m, y, fast.z, u).logJoint(), fast.logJoint(), 1e-6, what);
				// the bound is one: every step it would have skipped did end its run (the plain search steps them all)
				assertTrue(plain.boundWrong == 0 && plain.boundRight > 0, what + ": the bound would have ended " + plain.boundRight
						+ " runs rightly and " + plain.boundWrong + " wrongly");
			}
	}

	/**
	 * Noise large against the dynamics' (R 8 x the test models'): structured mean field started one-hot on the true
	 * labels with every third segment given another state keeps many of those wrong segments (q(x) follows them:
	 * agreement 0.61 -> 0.73, ELBO -4571.8 here); refine from the same start reaches a higher ELBO than plain structured
	 * mean field and than structured mean field started from the truth itself (-4451.5 and -4475.7: the truth is not
	 * this posterior's best labelling), and labels closer to the truth (0.81).
	 */
	@Test
	void refineLeavesAStartStructuredMeanFieldKeeps() {
		SldsParameters base = SldsTestModels.random(3, 3, 2, 7, false);
		double[] noise = base.noise();
		for (int i = 0; i < noise.length; i++) noise[i] *= 8;
		SldsParameters m = new SldsParameters(base.weights, base.covs, noise, 1.0, base.transitions, base.initial, 2);
		int frames = 800, k = 3, g = 2;
		int[] truth = new int[frames];
		double[] y = SldsTestModels.sample(m, frames, 12, truth);
		int[] start = truth.clone();
		int segment = 0;
		for (int t = g; t < frames; t++) {
			if (t > g && truth[t] != truth[t - 1]) segment++;
			if (segment % 3 == 1) start[t] = (truth[t] + 1) % k;
		}
		StructuredMeanField plain = new StructuredMeanField(y, 3, 3, g, k, oneHot(start, k, g)),
				refined = new StructuredMeanField(y, 3, 3, g, k, oneHot(start, k, g)),
				fromTruth = new StructuredMeanField(y, 3, 3, g, k, oneHot(truth, k, g));
		double e0 = plain.converge(m, 100, 1e-8, null), eTruth = fromTruth.converge(m, 100, 1e-8, null);
		refined.converge(m, 100, 1e-8, null);
		double e1 = LabelSearch.refine(refined, m, 100, 1e-8, org.latentj.util.Progress.NONE);
		// Esc in the first sweep (the second question asked) stops the search and leaves q as structured mean field left it
		StructuredMeanField stopped = new StructuredMeanField(y, 3, 3, g, k, oneHot(start, k, g));
		double eStopped = stopped.converge(m, 100, 1e-8, null);
		int[] asked = { 0 };
		org.latentj.util.Progress escInSweep = new org.latentj.util.Progress() {
			@Override
			public void update(double fraction, String message) {
			}

			@Override
			public boolean isCancelled() {
				return ++asked[0] > 1;
			}
		};
		assertThrows(org.latentj.util.CancelledException.class, () -> LabelSearch.refine(stopped, m, 100, 1e-8, escInSweep));
		assertEquals(2, asked[0]);
		assertEquals(eStopped, stopped.elbo(m), 0);
		assertArrayEquals(plain.labels(null), stopped.labels(null));
		double a0 = agreement(plain.labels(null), truth), a1 = agreement(refined.labels(null), truth);
		assertEquals(e1, refined.elbo(m), 1e-9 * Math.abs(e1), "refine returns the ELBO of the q it leaves");
		assertTrue(agreement(start, truth) < 0.65 && a0 < 0.75, "plain SMF should keep wrong segments here (agreement " + a0 + ")");
		assertTrue(e1 > e0 + 50, "refine's ELBO " + e1 + " is not clearly above plain SMF's " + e0);
		assertTrue(e1 > eTruth, "refine's ELBO " + e1 + " is below SMF's from the true labels " + eTruth);
		assertTrue(a1 > a0 + 0.05, "refined labels agree with the truth on " + a1 + " of frames, plain SMF's on " + a0);
	}

	/**
	 * What the memory checks count, by hand: the stored filter is 8 (ms^2 + ms + 1) bytes per frame (ms = G d; with the
	 * sweeps' screening records and at most 512 frames of an evaluated move's filter besides), below q's at d = 10 (so refine adds a second q), above it with many lags (G = 4: G^2 d^2 against q's (3 G + 1) d^2); a fit's session holds two q without moves and four with them; overflow gives -1.
	 */
	@Test
	void memoryEstimatesCountTheFilterAndTheSecondDecoding() {
		long q = StructuredMeanField.bytes(2050, 10, 10, 2, 10);
		// the filter; per frame and state 20 bytes of screening records and 80 of a candidate, 7 per frame; 512 frames of a move's filter kept
		assertEquals(8L * 2050 * (20 * 20 + 20 + 1) + 2050L * 1007 + 8L * 512 * (20 * 20 + 20 + 1), LabelSearch.bytes(2050, 20, 10));
		assertEquals(8L * 100 * (20 * 20 + 20 + 1) + 100L * 1007 + 8L * 100 * (20 * 20 + 20 + 1), LabelSearch.bytes(100, 20, 10));
		assertEquals(q, LabelSearch.refineBytes(2050, 10, 10, 2, 10));
		assertEquals(8L * 2050 * (40 * 40 + 40 + 1) + 2050L * 1007 + 8L * 512 * (40 * 40 + 40 + 1), LabelSearch.refineBytes(2050, 10, 10, 4, 10));
		assertTrue(LabelSearch.bytes(2050, 40, 10) > StructuredMeanField.bytes(2050, 10, 10, 4, 10));
		assertEquals(2 * q, SldsFitter.decodingBytes(2050, 1640, 10, 10, 2, 10, false));
		assertEquals(4 * q, SldsFitter.decodingBytes(2050, 1640, 10, 10, 2, 10, true));
		// EM: q, then the training sequence's second q (1,640 frames, above its filter) and the test sequence's filter (410 frames:
		// 8 (421 + 421) + 1007 bytes per frame, above its second q's 8 x 801 and moment blocks), below the decoding's 4 q
		long em = q + StructuredMeanField.bytes(1640, 10, 10, 2, 10) + 410L * (8 * 842 + 1007);
		assertTrue(StructuredMeanField.bytes(410, 10, 10, 2, 10) < 410L * (8 * 842 + 1007) && em < 4 * q);
		assertEquals(LabelSearch.refineBytes(1640, 10, 10, 2, 10) + LabelSearch.refineBytes(410, 10, 10, 2, 10), em - q);
		// with 4 lags the filter is above q: the decoding 3 q + the whole session's filter; EM q + the two filters (kept tails of 512 and 410 frames)
		long q4 = StructuredMeanField.bytes(2050, 10, 10, 4, 10), f4 = 8L * (40 * 40 + 40 + 1);
		assertEquals(Math.max(3 * q4 + 2050 * (f4 + 1007) + 512 * f4, q4 + 2050 * (f4 + 1007) + (512 + 410) * f4), SldsFitter.decodingBytes(2050, 1640, 10, 10, 4, 10, true));
		assertEquals(-1, SldsFitter.decodingBytes(Long.MAX_VALUE / 4, Long.MAX_VALUE / 8, 10, 10, 2, 10, true));
	}

	static double[] oneHot(int[] labels, int k, int g) {
		double[] w = new double[(labels.length - g) * k];
		for (int t = g; t < labels.length; t++) w[(t - g) * k + labels[t]] = 1;
		return w;
	}

	/** log p(z) + E log p(x | z) + E log p(y | x) + H[q(x)] with q(z) one-hot on z, after one x update. */
	static double hardElbo(SldsParameters m, double[] y, int[] z) {
		int frames = z.length, g = m.lags, k = m.k;
		double[] w = new double[(frames - g) * k];
		for (int t = g; t < frames; t++) w[(t - g) * k + z[t]] = 1;
		StructuredMeanField q = new StructuredMeanField(y, m.obs, m.d, g, k, w);
		q.updateX(m);
		double[] ll = q.logLikelihoods(m), tm = m.transitions.matrix().toArray();
		double v = Math.log(m.initial.probabilities()[z[g]]) + q.xTerms(m);
		for (int t = g; t < frames; t++) {
			v += ll[(t - g) * k + z[t]];
			if (t > g) v += Math.log(tm[z[t - 1] * k + z[t]]);
		}
		return v;
	}

	static double agreement(int[] a, int[] b) {
		int same = 0, n = 0;
		for (int t = 0; t < a.length; t++)
			if (b[t] >= 0) {
				n++;
				if (a[t] == b[t]) same++;
			}
		return (double) same / n;
	}
}
