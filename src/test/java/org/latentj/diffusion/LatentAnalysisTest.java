package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.latentj.testing.SyntheticLatents;

class LatentAnalysisTest {

	private static int expression(String name) {
		for (int e = 0; e < LatentAnalysis.EXPRESSIONS.size(); e++)
			if (LatentAnalysis.EXPRESSIONS.get(e).name().equals(name)) return e;
		throw new AssertionError(name);
	}

	/** {@link SyntheticLatents}: neurons 1 and 4 informative, the rest switched off. */
	@Test
	void findsTheInformativeNeuronsAndTheirExpressions() {
		int T = 400, Z = SyntheticLatents.LATENTS;
		LatentAnalysis.Result a = LatentAnalysis.analyze(SyntheticLatents.twoInformative(T, 20, 1), T);
		boolean[] expected = { false, true, false, false, true, false };
		for (int j = 0; j < Z; j++) assertEquals(expected[j], a.informative[j], "neuron " + j);
		assertEquals(2, a.informativeCount());
		assertEquals(expression("log(alpha D T^(alpha-1))"), a.best(1));
		assertEquals(expression("log(alpha D T^(1-alpha))"), a.best(4));
		LatentAnalysis.LineFit f1 = a.fits[a.best(1)][1], f2 = a.fits[a.best(4)][4];
		assertEquals(0.3, f1.slope(), 0.005);
		assertEquals(2, f1.intercept(), 0.05);
		assertEquals(-0.4, f2.slope(), 0.005);
		assertTrue(f1.r2() > 0.99 && f2.r2() > 0.98, f1.r2() + " " + f2.r2());
		assertEquals(-6.5, a.meanLogVar[1], 1e-9);
		int[] order = a.byVariance();
		java.util.Arrays.sort(order, 0, 2);
		assertArrayEquals(new int[] { 1, 4 }, java.util.Arrays.copyOf(order, 2));
		// alpha and alpha log T are the same candidate when T is fixed
		assertEquals(a.fits[expression("alpha")][4].r2(), a.fits[expression("alpha log T")][4].r2(), 1e-12);
		// a plane in (alpha, log D) cannot beat an expression with log alpha by much, and is >= any linear one
		assertTrue(a.planeR2[4] >= a.fits[expression("alpha")][4].r2());
		// 20 rows per cell: the cell means explain all but the added noise (0.05^2 of 0.3^2 * Var f1)
		assertTrue(a.cellCeiling[1] > f1.r2() && a.cellCeiling[1] < 1, "ceiling " + a.cellCeiling[1]);
		assertEquals(0, a.cellCeiling[0], 0.2); // pure noise: cell means explain ~ cells / rows = 5%
	}

	/** mu = log(alpha D t0^(alpha-1)) (or its mirror), scaled and shifted: the scan gives back t0. */
	@Test
	void bestTimesGiveBackTheTimeOfTheExpression() {
		int T = 400;
		SbmGrid g = SbmGrid.SPIVAE;
		int n = g.cells() * 3;
		double[] alpha = new double[n], d = new double[n];
		for (int i = 0; i < n; i++) {
			alpha[i] = g.alphaOfCell(i / 3);
			d[i] = g.dOfCell(i / 3);
		}
		int steps = (int) Math.ceil(Math.log(T) / 0.05); // the scan's grid in ln t
		double onGrid = Math.exp(83 * Math.log(T) / steps), offGrid = 57.3;
		for (double t0 : new double[] { onGrid, offGrid, 1, T }) {
			double[] mu = new double[n], mirror = new double[n];
			for (int i = 0; i < n; i++) {
				mu[i] = 0.7 * (Math.log(alpha[i] * d[i]) + (alpha[i] - 1) * Math.log(t0)) - 3;
				mirror[i] = -1.3 * (Math.log(alpha[i] * d[i]) + (1 - alpha[i]) * Math.log(t0)) + 0.5;
			}
			double[] b = LatentAnalysis.bestTimes(alpha, d, T, mu), m = LatentAnalysis.bestTimes(alpha, d, T, mirror);
			double half = 0.5 * Math.log(T) / steps;
			assertEquals(Math.log(t0), Math.log(b[0]), t0 == offGrid ? half : 1e-9, "t0 " + t0);
			assertEquals(Math.log(t0), Math.log(m[2]), t0 == offGrid ? half : 1e-9, "mirror t0 " + t0);
			assertEquals(1, b[1], t0 == offGrid ? 1e-4 : 1e-12);
			assertEquals(1, m[3], t0 == offGrid ? 1e-4 : 1e-12);
			if (t0 > 1) assertTrue(b[3] < b[1] && m[1] < m[3], "the other family fits worse"); // at t = 1 both are log(alpha D)
		}
		// through analyze, per neuron
		double t0 = onGrid;
		double[] mu = new double[n * 2], lv = new double[n * 2];
		for (int i = 0; i < n; i++) {
			mu[2 * i] = Math.log(alpha[i] * d[i]) + (1 - alpha[i]) * Math.log(t0);
			mu[2 * i + 1] = Math.log(alpha[i] * d[i]) + (alpha[i] - 1) * Math.log(t0);
		}
		LatentAnalysis.Result r = LatentAnalysis.analyze(new Latents(2, alpha, d, mu, lv), T);
		assertEquals(t0, r.bestTimes[0][2], 1e-9 * t0);
		assertEquals(t0, r.bestTimes[1][0], 1e-9 * t0);
	}

	@Test
	void theResultKeepsTheFittedValuesOfEveryExpression() {
		int T = 400;
		Latents l = SyntheticLatents.twoInformative(T, 2, 5);
		LatentAnalysis.Result r = LatentAnalysis.analyze(l, T);
		assertEquals(LatentAnalysis.logCentroid(T), r.times.logCentroid(), 0);
		assertEquals(Math.log(T), r.times.logT(), 0);
		int star = expression("log(alpha D t*^(alpha-1))"), atT = expression("log(D T^alpha)");
		for (int i = 0; i < l.count(); i += 37) {
			double a = l.alphas()[i], d = l.ds()[i];
			assertEquals(Math.log(a * d) + (a - 1) * LatentAnalysis.logCentroid(T), r.values(star)[i], 1e-12);
			assertEquals(Math.log(d) + a * Math.log(T), r.values(atT)[i], 1e-12);
		}
		// the values are those fitted: refitting them gives the stored fit
		for (int j = 0; j < r.latents; j++) {
			int b = r.best(j);
			assertEquals(r.fits[b][j].r2(), LatentAnalysis.line(r.values(b), l.muOf(j)).r2(), 0);
		}
	}

	@Test
	void lineFitByHand() {
		LatentAnalysis.LineFit f = LatentAnalysis.line(new double[] { 0, 1, 2, 3 }, new double[] { 1, 3, 2, 5 });
		// Sxy = 5.5, Sxx = 5, Syy = 8.75: slope 1.1, intercept 2.75 - 1.1 * 1.5, R^2 = 5.5^2 / (5 * 8.75)
		assertEquals(1.1, f.slope(), 1e-12);
		assertEquals(1.1, f.intercept(), 1e-12);
		assertEquals(5.5 * 5.5 / (5 * 8.75), f.r2(), 1e-12);
		// constant predictor or response: nothing explained
		assertEquals(0, LatentAnalysis.line(new double[] { 1, 1, 1 }, new double[] { 1, 2, 3 }).r2(), 0);
		assertEquals(0, LatentAnalysis.line(new double[] { 1, 2, 3 }, new double[] { 4, 4, 4 }).r2(), 0);
	}

	@Test
	void planeFitIsExactOnAPlane() {
		double[] u = { 0, 1, 0, 1, 2 }, v = { 0, 0, 1, 1, 3 }, y = new double[5];
		for (int i = 0; i < 5; i++) y[i] = 1 + 2 * u[i] - 3 * v[i];
		double[] p = LatentAnalysis.plane(u, v, y);
		assertArrayEquals(new double[] { 1, 2, -3, 1 }, p, 1e-12);
	}

	@Test
	void logCentroidIsTheMeanLogTime() {
		assertEquals((Math.log(2) + Math.log(3)) / 3, LatentAnalysis.logCentroid(3), 1e-15);
		// Stirling: ln(T!) / T ~ ln T - 1 + ln(2 pi T) / (2T)
		assertEquals(Math.log(400) - 1 + Math.log(2 * Math.PI * 400) / 800, LatentAnalysis.logCentroid(400), 1e-6);
	}

	@Test
	void informativeRule() {
		assertTrue(LatentAnalysis.isInformative(0.9, -2));
		assertFalse(LatentAnalysis.isInformative(0.3, Math.log(0.67))); // a half-encoded noise feature
		assertFalse(LatentAnalysis.isInformative(0.001, 0));
	}

	@Test
	void cellMeansAndHistograms() {
		double[] x = { 0.2, 0.2, 1.0, 1.0, 1.8 }, y = { -5, -5, -5, -3, -3 }, v = { 1, 3, 5, 7, 9 };
		LabelAxis ax = LabelAxis.of(x, 64, 10), ay = LabelAxis.of(y, 64, 10);
		assertTrue(ax.categorical());
		assertEquals(3, ax.size());
		double[][] m = LatentMaps.cellMeans(x, ax, y, ay, v);
		assertEquals(2, m[0][0], 0); // (0.2, -5): mean of 1 and 3
		assertEquals(5, m[0][1], 0);
		assertEquals(7, m[1][1], 0);
		assertTrue(Double.isNaN(m[0][2])); // nothing at (1.8, -5)
		int[][] h = LatentMaps.histogram(x, ax, y, ay);
		assertEquals(2, h[0][0]);
		assertEquals(1, h[1][2]);
		// many distinct values: equal bins, the maximum in the last bin
		double[] many = new double[100];
		for (int i = 0; i < 100; i++) many[i] = i;
		LabelAxis b = LabelAxis.of(many, 64, 10);
		assertFalse(b.categorical());
		assertEquals(0, b.index(0));
		assertEquals(9, b.index(99));
		assertEquals(4.95, b.center(0), 1e-12);
	}

	/** Issue 14: each neuron's KL from the prior, hand-computed, and best times at the ends of the scan flagged. */
	@Test
	void klPerNeuronAndBestTimesAtTheEdge() {
		int T = 100;
		double[] alphas = { 0.5, 1.0, 1.5, 0.5, 1.0, 1.5 }, ds = { 1e-3, 1e-3, 1e-3, 1e-2, 1e-2, 1e-2 };
		int n = alphas.length;
		double[] mu = new double[3 * n], lv = new double[3 * n];
		for (int i = 0; i < n; i++) {
			mu[3 * i] = Math.log(alphas[i] * ds[i]); // best t = 1: the lower end of the scan
			mu[3 * i + 1] = Math.log(alphas[i] * ds[i]) + (alphas[i] - 1) * Math.log(T); // best t = T: the upper end
			mu[3 * i + 2] = i % 2 == 0 ? 1 : 0;
			lv[3 * i + 2] = i % 2 == 0 ? 0 : Math.log(2);
		}
		LatentAnalysis.Result r = LatentAnalysis.analyze(new Latents(3, alphas, ds, mu, lv), T);
		// KL of N(1, 1) is 0.5, of N(0, 2) 0.5 (2 - 1 - ln 2)
		assertEquals((0.5 + 0.5 * (1 - Math.log(2))) / 2, r.kl[2], 1e-12);
		double kl0 = 0;
		for (int i = 0; i < n; i++) kl0 += 0.5 * (mu[3 * i] * mu[3 * i]) / n;
		assertEquals(kl0, r.kl[0], 1e-12); // log variance 0: only the means cost
		assertEquals(1, r.bestTimes[0][0], 1e-9);
		assertTrue(r.bestTimeAtEdge(0, false));
		assertEquals(T, r.bestTimes[1][0], 1e-6);
		assertTrue(r.bestTimeAtEdge(1, false));
		Object[] row = LatentTables.neuronRows(r)[1];
		assertEquals(LatentTables.NEURON_COLUMNS.length, row.length);
		assertEquals(1, row[java.util.Arrays.asList(LatentTables.NEURON_COLUMNS).indexOf("d_alpha_best_t_at_edge")]);
		assertEquals(r.kl[1], row[java.util.Arrays.asList(LatentTables.NEURON_COLUMNS).indexOf("kl")]);
	}
}
