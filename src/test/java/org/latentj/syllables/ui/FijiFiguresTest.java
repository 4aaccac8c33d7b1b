package org.latentj.syllables.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.Headless;
import org.latentj.ij1.CommandFailures;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.syllables.OnsetLockedAverage;
import org.latentj.syllables.SyllableAnalysis;
import org.latentj.syllables.TransitionNormalization;
import org.latentj.testing.SharedData;
import org.latentj.util.Progress;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

/**
 * Issue 13 item 8: Syllable Statistics' figures are data a Fiji user keeps working with (plots whose
 * series are the numbers, a calibrated matrix), its tables read as integers and decimals, and crowd
 * movies are calibrated like the session.
 */
class FijiFiguresTest {

	static final Path S1 = SharedData.testData("sim_session_1.nwb");
	static SyllableAnalysis.Result result;
	static SyllableStatisticsReport report;

	@TempDir
	Path tmp;

	@BeforeAll
	static void analyze() {
		result = SyllableAnalysis.run(new SyllableAnalysis.Settings(List.of(S1), "nwb", TransitionNormalization.ROW, 4, 0, 20, 3,
				60, 30), Progress.NONE);
		report = SyllableStatisticsReport.of(result);
	}

	@Test
	void averagePcPlotsAreDataSeriesOfTheAverages() {
		assertEquals(result.averages().size(), report.averagePlots.size());
		assertTrue(report.averagePlots.size() >= 2);
		for (int p = 0; p < report.averagePlots.size(); p++) {
			Plot plot = report.averagePlots.get(p);
			SyllableAnalysis.Average avg = result.averages().get(p);
			OnsetLockedAverage a = avg.average();
			assertTrue(plot.getTitle().endsWith("syllable " + avg.syllable()), plot.getTitle());
			List<String> series = Arrays.asList(plot.getDataObjectDesignations());
			int dims = a.dims();
			for (int d = 0; d < dims; d++)
				for (String kind : new String[] { "mean", "+2SD", "-2SD" }) {
					int index = series.indexOf(seriesName(series, "PC" + (d + 1) + " " + kind));
					assertTrue(index >= 0, "series PC" + (d + 1) + " " + kind + " in " + series);
					float[][] xy = plot.getDataObjectArrays(index);
					double sign = kind.equals("mean") ? 0 : kind.equals("+2SD") ? 2 : -2;
					for (int i = 0; i < a.length(); i++) {
						assertEquals(a.frameOffset(i) * result.pooledInterval(), xy[0][i], 1e-5);
						double expected = dims - 1 - d + (a.mean(i, d) + sign * a.sd(i, d)) / SyllablePlots.SPACING;
						if (a.count(i, d) == 0) assertTrue(Float.isNaN(xy[1][i]));
						else assertEquals(expected, xy[1][i], 1e-5, "PC" + (d + 1) + " " + kind + " at " + i);
					}
				}
			// the plot names its syllable in the syllable's color: that color is drawn in the top left
			ImagePlus picture = plot.getImagePlus();
			int color = SyllablePalette.rgb(avg.syllable()), found = 0;
			for (int y = 0; y < picture.getHeight() / 5; y++)
				for (int x = 0; x < picture.getWidth() / 3; x++)
					if ((picture.getProcessor().getPixel(x, y) & 0xffffff) == color) found++;
			assertTrue(found >= 5, "syllable " + avg.syllable() + " named in its color (" + found + " pixels)");
		}
	}

	/** The series name as ImageJ lists it (it may prefix the shape). */
	private static String seriesName(List<String> series, String label) {
		return series.stream().filter(s -> s.endsWith(label)).findFirst().orElse(label);
	}

	@Test
	void dataAndStatesPlotHoldsTheScaledPcs() {
		Plot plot = report.statesPlots.get(0);
		List<String> series = Arrays.asList(plot.getDataObjectDesignations());
		SyllableAnalysis.Window w = result.windows().get(0);
		double[] pcs = result.scaledPcs().get(0);
		int dims = 4;
		for (int d = 0; d < dims; d++) {
			float[][] xy = plot.getDataObjectArrays(series.indexOf(seriesName(series, "PC" + (d + 1))));
			assertEquals(w.to() - w.from(), xy[1].length);
			for (int t = w.from(); t < w.to(); t += 37)
				assertEquals(dims - 1 - d + pcs[t * dims + d] / SyllablePlots.SPACING, xy[1][t - w.from()], 1e-5);
		}
	}

	@Test
	void transitionMatrixPixelsAreThePooledMatrix() {
		double[] expected = result.pooled().transitions(TransitionNormalization.ROW);
		int k = result.syllables();
		TransitionMatrixImage.Layout l = TransitionMatrixImage.layout(k);
		for (int f = 0; f < k; f++)
			for (int t = 0; t < k; t++)
				assertEquals(expected[f * k + t], report.matrix.getProcessor().getPixelValue(l.left() + t * l.cell() + 1,
						l.top() + f * l.cell() + 1), 1e-7);
	}

	@Test
	void tablesShowIntegersAsIntegers() {
		ResultsTable usage = report.usage;
		for (int r = 0; r < usage.size(); r++) {
			for (String integer : new String[] { "syllable", "rank", "onsets", "frames" })
				assertTrue(usage.getStringValue(integer, r).matches("\\d+"), integer + ": " + usage.getStringValue(integer, r));
			assertTrue(usage.getStringValue("frame_usage", r).matches("0\\.\\d{3,6}|1\\.0+"), usage.getStringValue("frame_usage", r));
		}
		for (String integer : new String[] { "from", "to", "count" })
			assertTrue(report.transitions.getStringValue(integer, 3).matches("\\d+"), integer);
		assertTrue(report.durations.getStringValue("duration_frames", 0).matches("\\d+"));
		assertTrue(report.averages.getStringValue("offset_frames", 0).matches("-\\d+"), report.averages.getStringValue("offset_frames", 0));
	}

	@Test
	void crowdMovieTiffIsCalibratedLikeTheSession() {
		Path out = tmp.resolve("crowd");
		int code = Headless.runMacro("run('Crowd Movie', 'sessions=[" + S1 + "] syllable=0 max_examples=5 output=[" + out + "]');", "",
				"crowd.ijm");
		assertEquals(0, code, "first failure: " + CommandFailures.first());
		ImagePlus movie = IJ.openImage(out.resolve("crowd_0.tif").toString());
		Calibration cal = movie.getCalibration();
		double mm;
		double dt;
		try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
			mm = nwb.mmPerPixel().getAsDouble();
			dt = nwb.frameInterval();
		}
		assertEquals(mm, cal.pixelWidth, 1e-5); // TIFF keeps it as a rational
		assertEquals(mm, cal.pixelHeight, 1e-5);
		assertEquals("mm", cal.getUnit());
		assertEquals("mm", cal.getValueUnit());
		assertEquals(dt, cal.frameInterval, 1e-9);
		assertEquals("s", cal.getTimeUnit());
	}
}
