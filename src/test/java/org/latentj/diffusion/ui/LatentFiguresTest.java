package org.latentj.diffusion.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.io.File;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.latentj.diffusion.AnalyzeLatents;
import org.latentj.diffusion.LatentAnalysis;
import org.latentj.diffusion.LatentMaps;
import org.latentj.diffusion.Latents;
import org.latentj.testing.SyntheticLatents;
import org.latentj.util.BadInputException;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

/** Issue 12 item 16: what the latent pictures and MSD Analysis promise a Fiji user. */
class LatentFiguresTest {

	/** Latents on an uneven alpha grid {0.3, 0.7, 1.0, 1.3, 1.7} x D {1e-3, 1e-2}: neuron 0 is alpha, neuron 1 switched off. */
	private static Latents uneven() {
		double[] alphas = { 0.3, 0.7, 1.0, 1.3, 1.7 };
		int per = 40, n = alphas.length * 2 * per;
		double[] a = new double[n], d = new double[n], mu = new double[2 * n], lv = new double[2 * n];
		SplittableRandom r = new SplittableRandom(4);
		for (int i = 0; i < n; i++) {
			a[i] = alphas[i / (2 * per)];
			d[i] = (i / per) % 2 == 0 ? 1e-3 : 1e-2;
			mu[2 * i] = a[i] + 0.01 * r.nextGaussian();
			mu[2 * i + 1] = 0.01 * r.nextGaussian();
			lv[2 * i] = -8;
		}
		return new Latents(2, a, d, mu, lv);
	}

	@Test
	void unevenGridsKeepBothAxesCalibrated() {
		Latents l = uneven();
		ImagePlus hist = LatentViews.histogram(l.alphas(), "alpha", l.muOf(0), "mu_0 vs alpha");
		Calibration cal = hist.getCalibration();
		assertEquals(15, hist.getWidth()); // 0.3..1.7 in steps of 0.1
		assertEquals("alpha", cal.getXUnit());
		assertEquals("mu", cal.getYUnit());
		double[] alphas = { 0.3, 0.7, 1.0, 1.3, 1.7 };
		for (double a : alphas) {
			int column = (int) Math.round(cal.getRawX(a));
			assertEquals(a, cal.getX(column), 1e-9);
			double counted = 0;
			for (int row = 0; row < hist.getHeight(); row++) counted += Math.pow(10, hist.getProcessor().getPixelValue(column, row)) - 1;
			assertEquals(80, counted, 1e-3, "every trajectory of alpha " + a + " in its column");
		}
		// a column between grid values holds nothing; mu upwards, calibrated in mu
		double empty = 0;
		for (int row = 0; row < hist.getHeight(); row++) empty += hist.getProcessor().getPixelValue((int) Math.round(cal.getRawX(0.5)), row);
		assertEquals(0, empty, 0);
		assertTrue(cal.getY(0, hist.getHeight()) > 1.6 && cal.getY(hist.getHeight() - 1, hist.getHeight()) < 0.4);
		assertTrue(hist.getInfoProperty().contains("alpha takes uneven values; the columns are calibrated in steps of 0.1"), hist.getInfoProperty());

		ImagePlus map = LatentViews.meanMuMap(l, LatentAnalysis.analyze(l, 100));
		Calibration mc = map.getCalibration();
		assertEquals("alpha", mc.getXUnit());
		assertEquals("log10 D", mc.getYUnit());
		assertEquals(15, map.getWidth());
		int c07 = (int) Math.round(mc.getRawX(0.7));
		assertEquals(0.7, map.getStack().getProcessor(1).getPixelValue(c07, 0), 0.01); // mean mu_0 of alpha 0.7 is 0.7
		assertTrue(Float.isNaN(map.getStack().getProcessor(1).getPixelValue((int) Math.round(mc.getRawX(0.5)), 0)));
		assertEquals(-2, mc.getY(0, map.getHeight()), 1e-9); // top row: log10 D = -2
	}

	/** The legend of mu_vs_logD (and mu_vs_alpha) used to sit on the top left data. */
	@Test
	void theLegendHidesNoData() {
		Latents l = SyntheticLatents.twoInformative(400, 3, 2);
		LatentAnalysis.Result r = LatentAnalysis.analyze(l, 400);
		for (Plot plot : new Plot[] { LatentViews.muAgainst(l, r, LatentMaps.log10(l.ds()), "log10 D", "mu vs log10 D"),
				LatentViews.muAgainst(l, r, l.alphas(), "alpha", "mu vs alpha") }) {
			ImageProcessor ip = plot.getImagePlus().getProcessor();
			Rectangle frame = plot.getDrawingFrame();
			int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
			for (int y = frame.y + 10; y < frame.y + frame.height - 10; y++)
				for (int x = frame.x + 10; x < frame.x + frame.width - 10; x++)
					if ((ip.getPixel(x, y) & 0xffffff) == 0) { // the legend's black frame: nothing else inside is black
						x0 = Math.min(x0, x);
						x1 = Math.max(x1, x);
						y0 = Math.min(y0, y);
						y1 = Math.max(y1, y);
					}
			assertTrue(x1 > x0 + 50 && y1 > y0 + 50, "a legend box was found");
			double left = plot.descaleX(x0), right = plot.descaleX(x1), top = plot.descaleY(y0), bottom = plot.descaleY(y1);
			int points = 0;
			for (int set = 0; set < 6; set++) {
				float[][] xy = plot.getDataObjectArrays(set);
				for (int i = 0; i < xy[0].length; i++) {
					assertTrue(!(xy[0][i] >= left && xy[0][i] <= right && xy[1][i] <= top && xy[1][i] >= bottom),
							"point " + xy[0][i] + ", " + xy[1][i] + " of neuron " + set + " under the legend");
					points++;
				}
			}
			assertEquals(6 * l.count(), points);
		}
	}

	@Test
	void msdAnalysisWithoutDataHeadlessNamesTheMissingKey() {
		MsdAnalysisCommand msd = new MsdAnalysisCommand();
		String m = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, msd::run).getMessage();
		assertEquals("No trajectory data given ('data'); the parameter table of an open trajectory image exists only in the GUI.", m);
		msd.data = new File("");
		assertEquals(m, org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, msd::run).getMessage());
	}

	@Test
	void figuresAreMadeOnceForWritingAndShowing() throws Exception {
		Latents l = SyntheticLatents.twoInformative(400, 2, 1);
		AnalyzeLatents.Result r = new AnalyzeLatents.Result(l, LatentAnalysis.analyze(l, 400), null);
		LatentFigures f = new LatentFigures();
		java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("figures");
		f.write(r, dir);
		try (var files = java.nio.file.Files.list(dir)) {
			assertEquals(3 + 4 * 2, files.count()); // 2 plots + mean_mu, and per informative neuron 1 plot + 3 histograms
		}
	}
}
