package org.latentj.diffusion.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.diffusion.AnalyzeLatents;
import org.latentj.diffusion.FigureWriter;
import org.latentj.diffusion.LatentAnalysis;
import org.latentj.diffusion.LatentMaps;
import org.latentj.diffusion.Latents;
import org.latentj.ui.Png;
import org.latentj.ui.Present;

import ij.ImagePlus;
import ij.gui.Plot;

/**
 * The pictures of a latent analysis, made once: mu_vs_alpha, mu_vs_logD and mean_mu for every
 * analysis; for each informative neuron j its plot against its best expression and its three 2D
 * histograms. Saved into the output (PNG plots, calibrated TIFF images) and shown.
 */
final class LatentFigures implements FigureWriter<AnalyzeLatents.Result> {

	private record Named<T>(String name, T value) {
	}

	private final List<Named<Plot>> plots = new ArrayList<>();
	private final List<Named<ImagePlus>> images = new ArrayList<>();

	private void make(AnalyzeLatents.Result result) {
		if (!plots.isEmpty()) return;
		Latents l = result.latents();
		LatentAnalysis.Result r = result.analysis();
		plots.add(new Named<>("mu_vs_alpha", LatentViews.muAgainst(l, r, l.alphas(), "alpha", "mu vs alpha")));
		plots.add(new Named<>("mu_vs_logD", LatentViews.muAgainst(l, r, LatentMaps.log10(l.ds()), "log10 D", "mu vs log10 D")));
		images.add(new Named<>("mean_mu", LatentViews.meanMuMap(l, r)));
		for (int j = 0; j < r.latents; j++) {
			if (!r.informative[j]) continue;
			int best = r.best(j);
			LatentAnalysis.Expression e = LatentAnalysis.EXPRESSIONS.get(best);
			plots.add(new Named<>("mu" + j + "_vs_best", LatentViews.muAgainstExpression(l, r, j, best)));
			double[] mu = l.muOf(j);
			images.add(new Named<>("hist_mu" + j + "_alpha", LatentViews.histogram(l.alphas(), "alpha", mu, "mu_" + j + " vs alpha")));
			images.add(new Named<>("hist_mu" + j + "_logD", LatentViews.histogram(LatentMaps.log10(l.ds()), "log10 D", mu, "mu_" + j + " vs log10 D")));
			images.add(new Named<>("hist_mu" + j + "_best", LatentViews.histogram(r.values(best), e.name(), mu, "mu_" + j + " vs " + e.name())));
		}
	}

	@Override
	public void write(AnalyzeLatents.Result result, Path folder) throws IOException {
		make(result);
		for (Named<Plot> p : plots) Png.save(p.value.getImagePlus(), folder.resolve(p.name + ".png"));
		for (Named<ImagePlus> i : images) {
			Path tif = folder.resolve(i.name + ".tif");
			org.latentj.ui.Tiff.save(i.value, tif); // ImageJ's FileSaver hides the cause of a failure
		}
	}

	/**
	 * Shows two windows: the plots as one ({@link Present#plots}) and the mean-mu map (a slice per
	 * neuron); the 2D histograms are only saved, so that Latent Analysis opens at most three windows
	 * with its neurons table, however many neurons are informative.
	 */
	void show(AnalyzeLatents.Result result) {
		make(result);
		List<Plot> shown = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (Named<Plot> p : plots) {
			shown.add(p.value);
			names.add(p.name);
		}
		Present.plots("Latent Analysis plots", shown, names);
		Present.image(images.get(0).value);
	}
}
