package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.latentj.diffusion.Trajectories.Kind;
import org.latentj.util.Progress;

class TrajectoriesTest {

	private static Trajectories sbm(double alpha, int n, int length, Kind kind) {
		return SbmSimulator.simulate(SbmGrid.of(alpha, alpha, 1, 1e-3, 1e-3, 1), n, length, 17, kind, Progress.NONE);
	}

	private static Kind guess(Trajectories t) {
		return Trajectories.guessKind(t.values(), t.count(), t.length());
	}

	private static double score(Trajectories t) {
		return Trajectories.lagOneAutocorrelation(t.values(), t.count(), t.length());
	}

	@Test
	void bothKindsAreToldApartAcrossTheAlphaGrid() {
		for (int length : new int[] { 400, 40 })
			for (int k = 0; k <= 8; k++) {
				double alpha = 0.2 + 0.2 * k;
				Trajectories dx = sbm(alpha, 1000, length, Kind.DISPLACEMENTS);
				String where = "alpha " + alpha + ", T " + length;
				assertEquals(0, score(dx), 0.05, where);
				assertEquals(Kind.DISPLACEMENTS, guess(dx), where);
				assertEquals(Kind.POSITIONS, guess(dx.positions()), where + ": " + score(dx.positions()));
			}
	}

	@Test
	void shortPositionsAreNotGuessed() {
		// T = 3: positions of SBM score 0.45 (alpha 1.8) to 0.78, too close to correlated displacements
		for (int k = 0; k <= 8; k++) {
			double alpha = 0.2 + 0.2 * k;
			Trajectories dx = sbm(alpha, 2000, 3, Kind.DISPLACEMENTS);
			assertEquals(Kind.DISPLACEMENTS, guess(dx), "alpha " + alpha);
			assertNull(guess(dx.positions()), "alpha " + alpha + ": " + score(dx.positions()));
		}
		assertEquals(0.44, score(sbm(1.8, 2000, 3, Kind.POSITIONS)), 0.03);
	}

	/** Persistent fractional Gaussian noise (alpha 1.8, lag-1 autocorrelation 2^0.8 - 1 = 0.74) is neither. */
	@Test
	void correlatedDisplacementsAreNotGuessed() {
		int length = 400, n = 200;
		double hurst2 = 1.8; // 2H = alpha
		double[][] cov = new double[length][length];
		for (int i = 0; i < length; i++)
			for (int j = 0; j < length; j++) {
				int lag = Math.abs(i - j);
				cov[i][j] = 0.5 * (Math.pow(lag + 1, hurst2) - 2 * Math.pow(lag, hurst2) + Math.pow(Math.abs(lag - 1), hurst2));
			}
		double[][] chol = cholesky(cov);
		SplittableRandom random = new SplittableRandom(3);
		double[] values = new double[n * length], z = new double[length];
		for (int r = 0; r < n; r++) {
			for (int t = 0; t < length; t++) z[t] = random.nextGaussian();
			for (int t = 0; t < length; t++) {
				double s = 0;
				for (int k = 0; k <= t; k++) s += chol[t][k] * z[k];
				values[r * length + t] = s;
			}
		}
		double score = Trajectories.lagOneAutocorrelation(values, n, length);
		assertEquals(Math.pow(2, 0.8) - 1, score, 0.05);
		assertNull(Trajectories.guessKind(values, n, length));
		assertTrue(Trajectories.cannotTell(score).startsWith("cannot tell displacements from positions (lag-1 autocorrelation 0.7"),
				Trajectories.cannotTell(score));
	}

	@Test
	void theBandEdges() {
		assertEquals(Kind.DISPLACEMENTS, Trajectories.kindOf(0.29));
		assertNull(Trajectories.kindOf(0.3));
		assertNull(Trajectories.kindOf(0.9));
		assertEquals(Kind.POSITIONS, Trajectories.kindOf(0.91));
		assertEquals(Kind.DISPLACEMENTS, Trajectories.kindOf(-0.5)); // anti-persistent steps
		// a hand case: rows (1, 2, 3) and (1, -1, 1)
		double[] v = { 1, 2, 3, 1, -1, 1 };
		assertEquals(((1 * 2 + 2 * 3) / Math.sqrt(5 * 13.0) + (-2 / Math.sqrt(2 * 2.0))) / 2, Trajectories.lagOneAutocorrelation(v, 2, 3), 1e-15);
		assertArrayEquals(new double[] { 1, 1, 1, 1, -2, 2 }, new Trajectories(Kind.POSITIONS, 3, new double[2], new double[2], v).displacements()
				.values(), 0);
	}

	private static double[][] cholesky(double[][] a) {
		int n = a.length;
		double[][] l = new double[n][n];
		for (int i = 0; i < n; i++)
			for (int j = 0; j <= i; j++) {
				double s = a[i][j];
				for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
				l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
			}
		return l;
	}
}
