package org.latentj.diffusion.ui;

import java.io.IOException;
import java.nio.file.Path;

import org.latentj.diffusion.AnalyzeMsd;
import org.latentj.diffusion.FigureWriter;
import org.latentj.ui.Png;

import ij.gui.Plot;

/** The MSD plot, made once: saved as msd_curves.png into the output and shown. */
final class MsdFigures implements FigureWriter<AnalyzeMsd.Result> {

	private Plot plot;

	/** The plot of a result (the one written, when there was an output). */
	Plot plot(AnalyzeMsd.Result r) {
		if (plot == null) plot = MsdViews.eaPlot(r.analysis());
		return plot;
	}

	@Override
	public void write(AnalyzeMsd.Result r, Path folder) throws IOException {
		Png.save(plot(r).getImagePlus(), folder.resolve("msd_curves.png"));
	}
}
