package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.latentj.util.Progress;

class SbmSimulatorTest {

	@Test
	void defaultGridIsSpivaes() {
		// ds_args printed in SPIVAE's analysis notebook (seeds/004): D and alpha of its training grid
		double[] d = { 1.00000000e-05, 2.15443469e-05, 4.64158883e-05, 1.00000000e-04, 2.15443469e-04, 4.64158883e-04, 1.00000000e-03,
				2.15443469e-03, 4.64158883e-03, 1.00000000e-02 };
		double[] got = SbmGrid.SPIVAE.ds();
		for (int j = 0; j < d.length; j++) assertEquals(d[j], got[j], 1e-8 * d[j], "D " + j);
		double[] a = SbmGrid.SPIVAE.alphas();
		assertEquals(21, a.length);
		for (int i = 0; i < a.length; i++) assertEquals(0.2 + 0.08 * i, a[i], 1e-12, "alpha " + i);
		assertEquals(1.8, a[20], 0);
		assertEquals(1e-2, got[9], 0);
		// cells are alpha-major, as SPIVAE's loops (for alpha: for D:)
		assertEquals(a[1], SbmGrid.SPIVAE.alphaOfCell(10), 0);
		assertEquals(d[0], SbmGrid.SPIVAE.dOfCell(10), 1e-20);
	}

	@Test
	void stepScalesFollowTheDefinition() {
		double[] s = SbmSimulator.stepScales(0.5, 1e-3, 4);
		for (int t = 1; t <= 4; t++)
			assertEquals(Math.sqrt(2e-3 * (Math.sqrt(t) - Math.sqrt(t - 1))), s[t - 1], 1e-15);
		// Brownian motion: every step has variance 2 D
		for (double v : SbmSimulator.stepScales(1, 0.25, 10)) assertEquals(Math.sqrt(0.5), v, 1e-15);
	}

	@Test
	void displacementVariancesAndMsdMatchTheory() {
		int n = 20_000, length = 50;
		double alpha = 1.4, d = 3e-3;
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(alpha, alpha, 1, d, d, 1), n, length, 7, Trajectories.Kind.DISPLACEMENTS,
				Progress.NONE);
		Trajectories x = t.positions();
		for (int step : new int[] { 1, 2, 10, 50 }) {
			double var = 0, msd = 0;
			for (int i = 0; i < n; i++) {
				var += t.value(i, step - 1) * t.value(i, step - 1);
				msd += x.value(i, step - 1) * x.value(i, step - 1);
			}
			var /= n;
			msd /= n;
			double expectedVar = 2 * d * (Math.pow(step, alpha) - Math.pow(step - 1, alpha));
			double expectedMsd = 2 * d * Math.pow(step, alpha);
			// a mean of n squared Gaussians has relative sd sqrt(2 / n) = 1%: allow 5 sd
			assertEquals(expectedVar, var, 0.05 * expectedVar, "Var dx_" + step);
			assertEquals(expectedMsd, msd, 0.05 * expectedMsd, "MSD(" + step + ")");
		}
	}

	@Test
	void positionsAreCumulativeSumsFromZero() {
		Trajectories dx = SbmSimulator.simulate(SbmGrid.of(0.7, 0.7, 1, 1e-3, 1e-3, 1), 3, 5, 1, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		Trajectories x = SbmSimulator.simulate(SbmGrid.of(0.7, 0.7, 1, 1e-3, 1e-3, 1), 3, 5, 1, Trajectories.Kind.POSITIONS, Progress.NONE);
		for (int i = 0; i < 3; i++) {
			double sum = 0;
			for (int t = 0; t < 5; t++) {
				sum += dx.value(i, t);
				assertEquals(sum, x.value(i, t), 0);
			}
		}
		assertArrayEquals(dx.values(), x.displacements().values(), 1e-15); // differences of sums: last bits
		assertArrayEquals(x.values(), dx.positions().values(), 0);
	}

	@Test
	void sameSeedSameDataWhateverTheThreadCount() {
		SbmGrid g = SbmGrid.of(0.3, 1.7, 5, 1e-4, 1e-2, 4);
		String saved = System.getProperty("latentj.threads");
		try {
			System.setProperty("latentj.threads", "1");
			Trajectories one = SbmSimulator.simulate(g, 7, 30, 42, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
			System.setProperty("latentj.threads", "3");
			Trajectories three = SbmSimulator.simulate(g, 7, 30, 42, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
			assertArrayEquals(one.values(), three.values(), 0);
			assertArrayEquals(one.alphas(), three.alphas(), 0);
			Trajectories other = SbmSimulator.simulate(g, 7, 30, 43, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
			assertFalse(Arrays.equals(one.values(), other.values()));
		} finally {
			if (saved == null) System.clearProperty("latentj.threads");
			else System.setProperty("latentj.threads", saved);
		}
	}

	@Test
	void rowsAreOrderedCellByCell() {
		SbmGrid g = SbmGrid.of(0.5, 1.5, 3, 1e-4, 1e-3, 2);
		Trajectories t = SbmSimulator.simulate(g, 4, 10, 1, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		assertEquals(24, t.count());
		for (int i = 0; i < t.count(); i++) {
			int cell = i / 4;
			assertEquals(g.alphaOfCell(cell), t.alpha(i), 0);
			assertEquals(g.dOfCell(cell), t.d(i), 0);
		}
		assertTrue(t.toString().contains("24 trajectories"));
	}
}
