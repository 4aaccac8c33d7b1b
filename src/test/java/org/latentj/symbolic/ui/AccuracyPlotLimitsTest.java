package org.latentj.symbolic.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentj.symbolic.CriticTrainer;
import org.latentj.symbolic.SymbolicStudy;

import ij.gui.Plot;

/** The accuracy plots' y range holds every point: 0.4 at the bottom unless an accuracy is lower. */
class AccuracyPlotLimitsTest {

	private static SymbolicStudy.Row row(int size, CriticTrainer.Extensions ext, double accuracy) {
		return new SymbolicStudy.Row("lib" + size, size, ext, accuracy, accuracy, accuracy, 1);
	}

	@Test
	void aLowAccuracyLowersTheStudyPlotsBottom() {
		CriticTrainer.Extensions none = CriticTrainer.Extensions.NONE, gradient = CriticTrainer.Extensions.GRADIENT;
		SymbolicStudy.Result low = new SymbolicStudy.Result(List.of(row(1, none, 0.9), row(2, none, 0.35), row(1, gradient, 1.0), row(2, gradient, 0.6)));
		Plot plot = SymbolicViews.studyPlot(low, List.of(none, gradient));
		plot.getProcessor(); // limits are applied when drawn
		double[] limits = plot.getLimits();
		assertEquals(0.33, limits[2], 1e-12);
		assertEquals(1.02, limits[3], 1e-12);
		assertEquals(3, limits[1], 1e-12);
		SymbolicStudy.Result high = new SymbolicStudy.Result(List.of(row(1, none, 0.9), row(2, none, 0.7)));
		Plot usual = SymbolicViews.studyPlot(high, List.of(none));
		usual.getProcessor();
		assertEquals(0.4, usual.getLimits()[2], 1e-12);
		// the training plot's rule: NaN ignored, the lowest accuracy 0.02 above the bottom
		assertEquals(0.1, SymbolicViews.lowerLimit(new double[] { 0.5, Double.NaN, 0.12, 1 }), 1e-12);
	}
}
