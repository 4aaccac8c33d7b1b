package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentj.util.Progress;

class MsdAnalysisTest {

	@Test
	void timeAveragedMsdByHand() {
		// positions 0 (x_0), 1, 3, 6: increments 1, 2, 3
		Trajectories t = new Trajectories(Trajectories.Kind.POSITIONS, 3, new double[] { 1 }, new double[] { 1 }, new double[] { 1, 3, 6 });
		MsdAnalysis.Result r = MsdAnalysis.analyze(t, 3, 3, Progress.NONE);
		// lag 1: (1 + 4 + 9) / 3; lag 2: (9 + 25) / 2; lag 3: 36 / 1
		double[] ta = r.meanTaMsd;
		assertEquals(14.0 / 3, ta[0], 1e-12);
		assertEquals(17.0, ta[1], 1e-12);
		assertEquals(36.0, ta[2], 1e-12);
		// EA of a single trajectory: x_t^2
		assertEquals(1, r.eaMsd[0], 0);
		assertEquals(9, r.eaMsd[1], 0);
		assertEquals(36, r.eaMsd[2], 0);
		// the same from displacements
		Trajectories dx = new Trajectories(Trajectories.Kind.DISPLACEMENTS, 3, new double[] { 1 }, new double[] { 1 }, new double[] { 1, 2, 3 });
		assertEquals(17.0, MsdAnalysis.analyze(dx, 3, 3, Progress.NONE).meanTaMsd[1], 1e-12);
	}

	@Test
	void powerLawFitsRecoverAnExactPowerLaw() {
		double[] msd = new double[60];
		for (int k = 0; k < msd.length; k++) msd[k] = 2 * 0.3 * Math.pow(k + 1, 0.7);
		for (PowerLawFit f : new PowerLawFit[] { PowerLawFit.ordinary(msd, 0, msd.length), PowerLawFit.ensemble(msd, 0, msd.length) }) {
			assertEquals(0.7, f.alpha(), 1e-12);
			assertEquals(0.3, f.d(), 1e-12);
			assertEquals(1, f.r2(), 1e-12);
			assertEquals(60, f.lagsUsed());
		}
	}

	@Test
	void zeroMsdLagsAreLeftOutAndAnImmobileTrajectoryHasNoFit() {
		double[] msd = { 0, 2, 8 }; // lag 1 unusable
		PowerLawFit f = PowerLawFit.ordinary(msd, 0, 3);
		assertEquals(2, f.lagsUsed());
		assertEquals(Math.log(4) / Math.log(1.5), f.alpha(), 1e-12); // lags 2 and 3 only
		Trajectories still = new Trajectories(Trajectories.Kind.DISPLACEMENTS, 4, new double[] { 1 }, new double[] { 1 }, new double[4]);
		MsdAnalysis.Result r = MsdAnalysis.analyze(still, 4, 4, Progress.NONE);
		assertFalse(r.taFit[0].fitted());
		assertEquals(1, r.unfittedTrajectories());
		assertFalse(r.eaFit[0].fitted());
	}

	/**
	 * The acceptance test: on 1,000 trajectories of T = 400 per alpha, the ensemble estimate
	 * of alpha is within 0.03 of the truth for alpha in [0.2, 1.8] (21 values, default lags).
	 */
	@Test
	void ensembleAlphaWithin003() {
		SbmGrid g = SbmGrid.of(0.2, 1.8, 21, 1e-3, 1e-3, 1);
		Trajectories t = SbmSimulator.simulate(g, 1000, 400, 0, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		MsdAnalysis.Result r = MsdAnalysis.analyze(t, MsdAnalysis.defaultMaxLag(400), MsdAnalysis.defaultTaMaxLag(400), Progress.NONE);
		assertEquals(21, r.cells.count());
		double worst = 0;
		for (int c = 0; c < 21; c++) {
			double error = Math.abs(r.eaFit[c].alpha() - r.cells.alpha(c));
			worst = Math.max(worst, error);
			assertTrue(error < 0.03, "alpha " + r.cells.alpha(c) + " estimated " + r.eaFit[c].alpha());
			// D within 25% (its error is that of the intercept, exp(+-0.2))
			assertEquals(1e-3, r.eaFit[c].d(), 2.5e-4, "D at alpha " + r.cells.alpha(c));
		}
		System.out.println("EA alpha: worst error over 21 alphas " + worst);
	}

	/** SBM is not ergodic: time averages grow about linearly whatever alpha (ageing amplitude). */
	@Test
	void timeAveragedAlphaIsNearOneForSbm() {
		SbmGrid g = SbmGrid.of(0.4, 1.6, 2, 1e-3, 1e-3, 1);
		Trajectories t = SbmSimulator.simulate(g, 300, 400, 1, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		MsdAnalysis.Result r = MsdAnalysis.analyze(t, 400, 40, Progress.NONE);
		for (int c = 0; c < 2; c++) {
			double mean = r.taAlphaMeanSd(c)[0];
			assertEquals(1, mean, 0.15, "mean TA alpha at alpha " + r.cells.alpha(c));
		}
		// and the ageing: the TA amplitude scales as T^(alpha - 1) relative to D
		double d04 = Math.pow(10, r.taLog10DMeanSd(0)[0]), d16 = Math.pow(10, r.taLog10DMeanSd(1)[0]);
		assertTrue(d16 > 10 * d04, "TA amplitude at alpha 1.6 " + d16 + " vs 0.4 " + d04);
	}

	@Test
	void cellsGroupRowsByExactLabels() {
		ParameterCells c = ParameterCells.of(new double[] { 1, 1, 0.5, 1 }, new double[] { 2, 3, 2, 2 });
		assertEquals(3, c.count());
		assertEquals(2, c.rows(0).length);
		assertEquals(3, c.rows(0)[1]);
		assertEquals(0.5, c.alpha(2), 0);
	}
}
