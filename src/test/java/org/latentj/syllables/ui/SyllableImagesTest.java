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
	void transitionPictureColorsCellsByValueWithPaletteAxes() {
		double[] v = { 0, 0.5, 0.25, 0 };
		ImagePlus imp = TransitionMatrixImage.create(v, 2, TransitionNormalization.BIGRAM, "t");
		assertNotNull(imp.getProcessor());
		ImageProcessor ip = imp.getProcessor();
		// find the cells: cell size 40 for k = 2; top-left cell at (left, top)
		int cell = 40, left = 24 + 26 + 10, top = 30 + 26 + 10;
		assertEquals(TransitionMatrixImage.viridis(0), ip.get(left + cell / 2, top + cell / 2) & 0xffffff);
		assertEquals(TransitionMatrixImage.viridis(1), ip.get(left + cell + cell / 2, top + cell / 2) & 0xffffff);
		assertEquals(TransitionMatrixImage.viridis(0.5), ip.get(left + cell / 2, top + cell + cell / 2) & 0xffffff);
		// palette strips: row 1 on the left, column 0 on top
		assertEquals(SyllablePalette.rgb(1), ip.get(left - 6, top + cell + cell / 2) & 0xffffff);
		assertEquals(SyllablePalette.rgb(0), ip.get(left + cell / 2, top - 6) & 0xffffff);
		assertEquals(0x440154, TransitionMatrixImage.viridis(0));
		assertEquals(0xfde725, TransitionMatrixImage.viridis(1));
	}
}
