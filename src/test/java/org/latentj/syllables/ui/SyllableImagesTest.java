package org.latentj.syllables.ui;

import org.latentj.syllables.CrowdCompositorTest;
import org.latentj.syllables.CrowdMovie;
import org.latentj.syllables.CrowdMovieRenderer;
import org.latentj.syllables.HeadingConvention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentj.syllables.SyllableInstance;
import org.latentj.syllables.TransitionNormalization;
import org.latentj.testing.SyntheticFrameSource;
import org.latentj.util.Progress;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

/** Crowd movie stacks and the transition-matrix picture, pixel by pixel. */
class SyllableImagesTest {

	private static CrowdMovie movie() {
		SyntheticFrameSource a = SyntheticFrameSource.still("a", CrowdCompositorTest.arrow(), 80, 100, 150, 120, 0);
		SyntheticFrameSource b = SyntheticFrameSource.still("b", CrowdCompositorTest.arrow(), 80, 100, 300, 250, Math.PI);
		return new CrowdMovieRenderer(4, 10, 10, 512, 424).render(7,
				List.of(new SyllableInstance(0, 20, 3), new SyllableInstance(1, 30, 6)), List.of(a, b),
				List.of(HeadingConvention.CLOCKWISE, HeadingConvention.CLOCKWISE), Progress.NONE);
	}

	@Test
	void eightBitMovieKeepsHeightsAndDrawsDotsAsOverlay() {
		CrowdMovie m = movie();
		ImagePlus imp = CrowdMovieImage.create(m, false, false);
		assertEquals(8, imp.getBitDepth());
		assertEquals(18, imp.getNFrames());
		assertEquals(1 / 30.0, imp.getCalibration().frameInterval, 1e-12);
		// heights untouched: the nose block (90 mm) of mouse a, 22 px right of its centroid, below the caption strip
		int strip = (int) Math.round(imp.getCalibration().yOrigin);
		assertTrue(strip > 8 && strip < 30);
		assertEquals(90, imp.getStack().getProcessor(5).get(172, 120 + strip));
		assertEquals(0, imp.getCalibration().xOrigin, 0);
		assertEquals(120, imp.getCalibration().getY(120 + strip), 0);
		assertEquals(90, imp.getDisplayRangeMax(), 0);
		int[] dots = new int[19];
		for (Roi r : imp.getOverlay().toArray())
			if (r instanceof OvalRoi) {
				dots[r.getPosition()]++;
				assertEquals(SyllablePalette.rgb(7), r.getFillColor().getRGB() & 0xffffff);
			}
		// slices 5..7 (onset + 0..2): both mice; 8..10: only b (6 frames); before and after: none
		assertEquals(0, dots[4]);
		assertEquals(2, dots[5]);
		assertEquals(2, dots[7]);
		assertEquals(1, dots[8]);
		assertEquals(1, dots[10]);
		assertEquals(0, dots[11]);
		assertTrue(imp.getStack().getSliceLabel(5).contains("+0 frames"));
		assertTrue(imp.getStack().getSliceLabel(4).contains("-1 frames"));
	}

	@Test
	void rgbMovieBurnsDotsInAndCropKeepsArenaCoordinates() {
		CrowdMovie m = movie();
		ImagePlus imp = CrowdMovieImage.create(m, true, true);
		assertEquals(24, imp.getBitDepth());
		int[] b = m.bounds();
		assertEquals(b[2] - b[0] + 1 + 8, imp.getWidth());
		int x0 = b[0] - 4, y0 = b[1] - 4;
		int strip = imp.getHeight() - (b[3] - b[1] + 1 + 8);
		assertTrue(strip > 8 && strip < 30);
		assertEquals(-x0, imp.getCalibration().xOrigin, 0);
		// calibrated coordinates are arena pixels
		assertEquals(150, imp.getCalibration().getX(150 - x0), 0);
		assertEquals(120, imp.getCalibration().getY(120 - y0 + strip), 0);
		y0 -= strip;
		// the dot at mouse a's centroid during its syllable, the plain body after it
		ImageProcessor during = imp.getStack().getProcessor(5), after = imp.getStack().getProcessor(12);
		assertEquals(SyllablePalette.rgb(7), during.get(150 - x0, 120 - y0) & 0xffffff);
		int body = after.get(150 - x0, 120 - y0) & 0xffffff;
		assertEquals(body >> 16 & 255, body & 255); // gray
	}

	@Test
	void transitionMatrixIsACalibratedImageOfTheValuesWithAColorBar() {
		double[] v = { 0, 0.5, 0.25, 0 };
		ImagePlus imp = TransitionMatrixImage.create(v, 2, TransitionNormalization.BIGRAM, "t");
		assertEquals(32, imp.getBitDepth());
		TransitionMatrixImage.Layout l = TransitionMatrixImage.layout(2);
		int cell = 40, left = 24 + 26 + 10, top = 30 + 26 + 10;
		assertEquals(new TransitionMatrixImage.Layout(cell, left, top, l.width(), l.height()), l);
		ImageProcessor ip = imp.getProcessor();
		Calibration cal = imp.getCalibration();
		// every pixel of cell (from, to) holds the value; the cursor reads syllable ids
		for (int f = 0; f < 2; f++)
			for (int t = 0; t < 2; t++)
				for (int[] corner : new int[][] { { 0, 0 }, { cell - 1, cell - 1 } }) {
					int x = left + t * cell + corner[0], y = top + f * cell + corner[1];
					assertEquals(v[f * 2 + t], ip.getPixelValue(x, y), 0);
					assertEquals(t, (int) Math.floor(cal.getX(x)));
					assertEquals(f, (int) Math.floor(cal.getY(y)));
				}
		assertTrue(Float.isNaN(ip.getPixelValue(2, 2)), "margins hold no data");
		assertEquals("syllable", cal.getUnit());
		assertEquals("probability", cal.getValueUnit());
		assertEquals("count", TransitionMatrixImage.create(v, 2, TransitionNormalization.COUNTS, "t").getCalibration().getValueUnit());
		assertEquals(0, imp.getDisplayRangeMin(), 0);
		assertEquals(0.5, imp.getDisplayRangeMax(), 0);
		// the LUT is viridis: the displayed cells look as before
		ImageProcessor shown = imp.flatten().getProcessor();
		assertEquals(TransitionMatrixImage.viridis(0), shown.get(left + cell / 2, top + cell / 2) & 0xffffff);
		assertEquals(TransitionMatrixImage.viridis(1), shown.get(left + cell + cell / 2, top + cell / 2) & 0xffffff);
		assertEquals(TransitionMatrixImage.viridis(0.5), shown.get(left + cell / 2, top + cell + cell / 2) & 0xffffff, 0x030303);
		// palette strips (row 1 on the left, column 0 on top), white margins, and a color bar (top: the largest value)
		assertEquals(SyllablePalette.rgb(1), shown.get(left - 6, top + cell + cell / 2) & 0xffffff);
		assertEquals(SyllablePalette.rgb(0), shown.get(left + cell / 2, top - 6) & 0xffffff);
		assertEquals(0xffffff, shown.get(2, 2) & 0xffffff);
		int bar = left + 2 * cell + 16 + 8;
		assertEquals(TransitionMatrixImage.viridis(1), shown.get(bar, top) & 0xffffff);
		assertEquals(TransitionMatrixImage.viridis(0), shown.get(bar, top + 2 * cell - 1) & 0xffffff);
		assertTrue(java.util.Arrays.stream(imp.getOverlay().toArray()).anyMatch(r -> r instanceof ij.gui.ImageRoi));
		assertEquals(0x440154, TransitionMatrixImage.viridis(0));
		assertEquals(0xfde725, TransitionMatrixImage.viridis(1));
	}

	@Test
	void crowdMovieIsCalibratedInMmWhenTheSessionSaysSo() {
		SyntheticFrameSource a = SyntheticFrameSource.still("a", CrowdCompositorTest.arrow(), 80, 100, 150, 120, 0);
		CrowdMovie m = new CrowdMovieRenderer(4, 10, 10, 512, 424).render(7, List.of(new SyllableInstance(0, 20, 3)),
				List.of(a), List.of(HeadingConvention.CLOCKWISE), Progress.NONE);
		ImagePlus plain = CrowdMovieImage.create(m, false, false);
		assertEquals("pixel", plain.getCalibration().getUnit()); // the synthetic source states no mm per pixel
		assertEquals("mm", plain.getCalibration().getValueUnit());
		assertEquals(1 / 30.0, plain.getCalibration().frameInterval, 1e-12);
		assertEquals("s", plain.getCalibration().getTimeUnit());
	}
}
