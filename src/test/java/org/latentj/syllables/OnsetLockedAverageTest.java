package org.latentj.syllables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OnsetLockedAverageTest {

	@Test
	void meanAndPopulationSdOfAlignedWindows() {
		// one channel, x[t] = t; A onset 5 length 2, B onset 10 length 3; pad 2
		double[] x = new double[20];
		for (int t = 0; t < 20; t++) x[t] = t;
		OnsetLockedAverage a = OnsetLockedAverage.of(
				List.of(new SyllableInstance(0, 5, 2), new SyllableInstance(0, 10, 3)), List.of(x), 1, 2);
		assertEquals(7, a.length());
		assertEquals(-2, a.frameOffset(0));
		// A covers frames 3..8 (offsets 0..5), B frames 8..14 (offsets 0..6)
		for (int i = 0; i < 6; i++) {
			assertEquals(2, a.count(i, 0));
			double va = 3 + i, vb = 8 + i;
			assertEquals((va + vb) / 2, a.mean(i, 0), 1e-12);
			assertEquals(2.5, a.sd(i, 0), 1e-12);
		}
		assertEquals(1, a.count(6, 0));
		assertEquals(14, a.mean(6, 0), 0);
		assertEquals(0, a.sd(6, 0), 0);
	}

	@Test
	void nanSamplesAreSkippedAndWindowsAreClippedAtTheRecordingStart() {
		// two channels; instance at onset 1 with pad 3 only has one frame before its onset
		double[] x = { 10, -1, 20, -2, Double.NaN, Double.NaN, 40, -4, 50, -5, 60, -6 };
		double[] y = { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7 };
		OnsetLockedAverage a = OnsetLockedAverage.of(
				List.of(new SyllableInstance(0, 1, 2), new SyllableInstance(1, 4, 1)), List.of(x, y), 2, 3);
		assertEquals(8, a.length());
		// offset index 3 = onset: session 0 frame 1 (20, -2) and session 1 frame 4 (4, 4)
		assertEquals(12, a.mean(3, 0), 1e-12);
		assertEquals(1, a.mean(3, 1), 1e-12);
		assertEquals(8, a.sd(3, 0), 1e-12);
		// offset index 4 (onset + 1): session 0 frame 2 is NaN, session 1 frame 5 = 5
		assertEquals(1, a.count(4, 0));
		assertEquals(5, a.mean(4, 0), 0);
		// offset index 0 (onset - 3): session 0 has no frame -2; session 1 frame 1
		assertEquals(1, a.count(0, 0));
		assertEquals(1, a.mean(0, 0), 0);
		// offset index 7 (onset + 4): session 0 frame 5 (its window ends at 1 + 2 + 3 = 6 = T); session 1's window
		// ends at onset + 1 + 3 = 8, offset index 6
		assertEquals(1, a.count(7, 1));
		assertEquals(-6, a.mean(7, 1), 0);
		assertEquals(2, a.count(6, 1));
		assertEquals((-5 + 7) / 2.0, a.mean(6, 1), 1e-12);
	}

	@Test
	void uncoveredOffsetsHaveZeroCountAndNaN() {
		double[] x = { 1, 2, 3 };
		OnsetLockedAverage a = OnsetLockedAverage.of(List.of(new SyllableInstance(0, 1, 1)), List.of(x), 1, 2);
		assertEquals(0, a.count(0, 0));
		assertTrue(Double.isNaN(a.mean(0, 0)));
		assertEquals(1, a.mean(1, 0), 0);
	}

	@Test
	void columnScalingStandardisesAndSkipsNaN() {
		double[] a = { 1, 10, Double.NaN, Double.NaN, 3, 10 };
		double[] b = { 5, 10 };
		ColumnScaling s = ColumnScaling.of(List.of(a, b), 2);
		assertEquals(3, s.mean(0), 1e-12);
		assertEquals(Math.sqrt(8 / 3.0), s.scale(0), 1e-12);
		assertEquals(10, s.mean(1), 0);
		assertEquals(1, s.scale(1), 0); // constant column
		double[] z = s.apply(a);
		assertEquals(-2 / Math.sqrt(8 / 3.0), z[0], 1e-12);
		assertEquals(0, z[1], 0);
		assertTrue(Double.isNaN(z[2]));
	}
}
