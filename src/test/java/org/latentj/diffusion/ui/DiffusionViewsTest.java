package org.latentj.diffusion.ui;

import org.latentj.ui.ResultsTables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentj.diffusion.LatentAnalysis;
import org.latentj.diffusion.Latents;
import org.latentj.diffusion.MsdAnalysis;
import org.latentj.diffusion.SbmGrid;
import org.latentj.diffusion.SbmSimulator;
import org.latentj.diffusion.Trajectories;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

class DiffusionViewsTest {

	@Test
	void trajectoryImageRoundTrip() {
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(0.5, 1.5, 2, 1e-3, 1e-2, 2), 3, 7, 1, Trajectories.Kind.POSITIONS, Progress.NONE);
		ImagePlus imp = TrajectoryImages.image(t, "SBM positions");
		assertEquals(7, imp.getWidth());
		assertEquals(12, imp.getHeight());
		assertEquals(32, imp.getBitDepth());
		assertEquals("positions", imp.getProperty(TrajectoryImages.KIND_PROPERTY));
		assertEquals(1, imp.getCalibration().getX(0), 0); // column 0 is step 1
		ResultsTable table = TrajectoryImages.parameterTable(t);
		Trajectories back = TrajectoryImages.fromImage(imp, table, null);
		assertEquals(Trajectories.Kind.POSITIONS, back.kind());
		for (int i = 0; i < t.count(); i++) {
			assertEquals(t.alpha(i), back.alpha(i), 0);
			assertEquals(t.d(i), back.d(i), 0);
			for (int s = 0; s < 7; s++) assertEquals((float) t.value(i, s), back.value(i, s), 0);
		}
		ResultsTable shortTable = new ResultsTable(2);
		shortTable.setValue("alpha", 0, 1);
		shortTable.setValue("D", 0, 1);
		assertTrue(assertThrows(BadInputException.class, () -> TrajectoryImages.fromImage(imp, shortTable, null)).getMessage()
				.contains("has 2 rows but the image has 12"));
		table.setValue("D", 4, -1);
		assertTrue(assertThrows(BadInputException.class, () -> TrajectoryImages.fromImage(imp, table, null)).getMessage().contains("row 5: D"));
	}

	@Test
	void anImageWithoutItsKindIsReadLikeACsvFile() {
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(0.5, 1.5, 2, 1e-3, 1e-2, 2), 20, 100, 1, Trajectories.Kind.POSITIONS, Progress.NONE);
		ImagePlus imp = TrajectoryImages.image(t, "positions from elsewhere");
		imp.getProperties().remove(TrajectoryImages.KIND_PROPERTY); // e.g. opened from a TIFF written by another tool
		assertEquals(null, imp.getProperty(TrajectoryImages.KIND_PROPERTY));
		ResultsTable table = TrajectoryImages.parameterTable(t);
		assertEquals(Trajectories.Kind.POSITIONS, TrajectoryImages.fromImage(imp, table, null).kind());
		ImagePlus steps = TrajectoryImages.image(t.displacements(), "steps from elsewhere");
		steps.getProperties().remove(TrajectoryImages.KIND_PROPERTY);
		assertEquals(Trajectories.Kind.DISPLACEMENTS, TrajectoryImages.fromImage(steps, table, null).kind());
		// 3 steps: the values cannot tell; 'what' must be given
		Trajectories shortOnes = SbmSimulator.simulate(SbmGrid.of(1.8, 1.8, 1, 1e-3, 1e-3, 1), 500, 3, 1, Trajectories.Kind.POSITIONS,
				Progress.NONE);
		ImagePlus s = TrajectoryImages.image(shortOnes, "short");
		s.getProperties().remove(TrajectoryImages.KIND_PROPERTY);
		String m = assertThrows(BadInputException.class, () -> TrajectoryImages.fromImage(s, TrajectoryImages.parameterTable(shortOnes), null))
				.getMessage();
		assertTrue(m.startsWith("The image 'short': cannot tell displacements from positions (lag-1 autocorrelation 0.") && m.endsWith("set 'what'."),
				m);
		assertEquals(Trajectories.Kind.POSITIONS,
				TrajectoryImages.fromImage(s, TrajectoryImages.parameterTable(shortOnes), Trajectories.Kind.POSITIONS).kind());
	}

	@Test
	void meanMuMapIsCalibratedInAlphaAndLog10D() {
		// mu_0 = alpha + log10 D exactly, so every pixel can be checked against its calibrated position
		SbmGrid g = SbmGrid.of(0.2, 1.8, 5, 1e-5, 1e-2, 4);
		int n = g.cells() * 3;
		double[] alpha = new double[n], d = new double[n], mu = new double[n], lv = new double[n];
		for (int i = 0; i < n; i++) {
			alpha[i] = g.alphaOfCell(i / 3);
			d[i] = g.dOfCell(i / 3);
			mu[i] = alpha[i] + Math.log10(d[i]);
			lv[i] = -5;
		}
		Latents l = new Latents(1, alpha, d, mu, lv);
		LatentAnalysis.Result r = LatentAnalysis.analyze(l, 400);
		ImagePlus map = LatentViews.meanMuMap(l, r);
		assertEquals(5, map.getWidth());
		assertEquals(4, map.getHeight());
		Calibration cal = map.getCalibration();
		for (int x = 0; x < 5; x++)
			for (int y = 0; y < 4; y++) {
				double a = cal.getX(x), logD = cal.getY(y, map.getHeight());
				assertEquals(a + logD, map.getProcessor().getPixelValue(x, y), 1e-5, "pixel " + x + "," + y);
			}
		assertEquals(0.2, cal.getX(0), 1e-12);
		assertEquals(-2, cal.getY(0, 4), 1e-9); // top row: largest D
		assertEquals(-5, cal.getY(3, 4), 1e-9);

		ImagePlus h = LatentViews.histogram(alpha, "alpha", mu, "hist");
		double total = 0;
		float[] px = (float[]) h.getProcessor().getPixels();
		for (float v : px) total += Math.pow(10, v) - 1;
		assertEquals(n, total, 1e-3);
		assertEquals(5, h.getWidth());
		assertEquals(125, h.getHeight());
	}

	@Test
	void msdPlotAndTables() {
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(0.5, 1.5, 2, 1e-3, 1e-3, 1), 50, 40, 1, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		MsdAnalysis.Result r = MsdAnalysis.analyze(t, 40, 4, Progress.NONE);
		double[][] rows = org.latentj.diffusion.MsdTables.cellRows(r);
		assertEquals(2, rows.length);
		assertEquals(org.latentj.diffusion.MsdTables.CELL_COLUMNS.length, rows[0].length);
		assertEquals(0.5, rows[0][0], 0);
		assertEquals(50, rows[0][2], 0);
		assertEquals(rows[0][3] - 0.5, rows[0][4], 1e-15);
		ResultsTable table = ResultsTables.of(org.latentj.diffusion.MsdTables.CELL_COLUMNS, rows);
		assertEquals(rows[1][3], table.getValue("alpha_ea", 1), 0);
		assertEquals(2, table.size());
		// mixed rows (the latent neuron table): text stays text, numbers numbers
		ResultsTable mixed = ResultsTables.of(new String[] { "neuron", "best_expression", "r2" },
				new Object[][] { { 0, "log D", 0.25 }, { 1, "alpha", 0.5 } });
		assertEquals("alpha", mixed.getStringValue("best_expression", 1));
		assertEquals(0.25, mixed.getValue("r2", 0), 0);
		assertEquals(1, mixed.getValue("neuron", 1), 0);
		Plot plot = MsdViews.eaPlot(r);
		ImagePlus img = plot.getImagePlus();
		assertTrue(img.getWidth() > 100);
	}
}
