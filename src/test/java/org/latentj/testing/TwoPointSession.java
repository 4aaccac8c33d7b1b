package org.latentj.testing;

import java.util.Random;

import org.latentj.hmm.SessionData;

/**
 * A session whose frames all sit exactly on one of two points far apart (sticky runs, 2 PCs): the
 * case that empties states. Fitted with more than two Gaussian states, k-means initialisation and
 * standardize=none, k-means can place only two distinct centers, so every other state starts with
 * no frames at the defaults (mean 0, identity covariance); thousands of standard deviations from
 * both points, its posterior underflows to exactly 0 and it stays empty through EM.
 */
public final class TwoPointSession {
	private TwoPointSession() {
	}

	public static SessionData session(String name, int frames, long seed) {
		Random r = new Random(seed);
		double[] pcs = new double[frames * 2];
		int z = 0;
		for (int t = 0; t < frames; t++) {
			if (r.nextDouble() < 0.05) z = 1 - z;
			pcs[2 * t] = z == 0 ? -40 : 40;
			pcs[2 * t + 1] = z == 0 ? 25 : -25;
		}
		return new SessionData(name, pcs, 2, null);
	}
}
