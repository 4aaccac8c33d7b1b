package org.latentj.diffusion.ui;

import org.latentj.diffusion.DiffusionInputs;
import org.latentj.ui.Png;
import org.latentj.ui.Present;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.io.AtomicOutput;
import org.latentj.io.CsvWriter;
import org.latentj.diffusion.LatentCsv;
import org.latentj.diffusion.LatentAnalysis;
import org.latentj.diffusion.LatentMaps;
import org.latentj.diffusion.Latents;
import org.latentj.util.BadInputException;
import org.latentj.diffusion.ui.LatentViews;
import org.latentj.ui.ResultsTables;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;

/**
 * Which latent neurons carry which physical parameter, on any latent CSV of the layout
 * alpha,D,mu_0..,logvar_0.. (from Encode Trajectories or exported from SPIVAE). See
 * {@link LatentAnalysis} for the statistics, the informative rule and the expressions.
 * <p>
 * With {@code output} (a folder): latent_neurons.csv, latent_r2.csv, mean_mu.tif (mean mu per
 * (alpha, log10 D) cell, one slice per neuron), for each informative neuron j the 2D histograms
 * hist_mu{j}_alpha.tif, hist_mu{j}_logD.tif, hist_mu{j}_best.tif, and the plots mu_vs_alpha.png,
 * mu_vs_logD.png, mu{j}_vs_best.png. In the GUI all of them are shown.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Diffusion>Latent Analysis", headless = true)
public class LatentAnalysisCommand implements Command {

	public static final String LABEL = "Latent Analysis";

	@Parameter(label = "Latent CSV", persist = false)
	public File data;
	@Parameter(label = "Trajectory length T (for the expressions)", min = "2", persist = false)
	public int length = 400;
	@Parameter(label = "Output folder (optional)", style = "directory", required = false, persist = false)
	public File output;

	/** The analysis of the last run (for callers in Java). */
	public LatentAnalysis.Result result;

	@Override
	public void run() {
		DiffusionInputs.existingFile(data, "data");
		DiffusionInputs.atLeast("length", length, 2);
		if (DiffusionInputs.given(output)) DiffusionInputs.outputFolder(output, "the analysis", data);
		Present.status("Latent Analysis: reading " + data.getName());
		Latents l = LatentCsv.read(data.toPath());
		LatentAnalysis.Result r = LatentAnalysis.analyse(l, length);
		result = r;

		Object[][] neurons = LatentViews.neuronRows(r), r2 = LatentViews.r2Rows(r);
		List<Named<Plot>> plots = new ArrayList<>();
		plots.add(new Named<>("mu_vs_alpha", LatentViews.muAgainst(l, r, l.alphas(), "alpha", "mu vs alpha")));
		plots.add(new Named<>("mu_vs_logD", LatentViews.muAgainst(l, r, LatentMaps.log10(l.ds()), "log10 D", "mu vs log10 D")));
		List<Named<ImagePlus>> images = new ArrayList<>();
		images.add(new Named<>("mean_mu", LatentViews.meanMuMap(l, r)));
		for (int j = 0; j < r.latents; j++) {
			if (!r.informative[j]) continue;
			int best = r.best(j);
			LatentAnalysis.Expression e = LatentAnalysis.EXPRESSIONS.get(best);
			plots.add(new Named<>("mu" + j + "_vs_best", LatentViews.muAgainstExpression(l, r, j, best)));
			double[] mu = l.muOf(j);
			images.add(new Named<>("hist_mu" + j + "_alpha", LatentViews.histogram(l.alphas(), "alpha", mu, "mu_" + j + " vs alpha")));
			images.add(new Named<>("hist_mu" + j + "_logD", LatentViews.histogram(LatentMaps.log10(l.ds()), "log10 D", mu, "mu_" + j + " vs log10 D")));
			images.add(new Named<>("hist_mu" + j + "_best", LatentViews.histogram(r.values(best), e.name(), mu,
					"mu_" + j + " vs " + e.name())));
		}
		if (DiffusionInputs.given(output)) write(output.toPath(), r, neurons, r2, plots, images);

		Present.table(ResultsTables.of(LatentViews.NEURON_COLUMNS, neurons), "Latent neurons");
		Present.table(ResultsTables.of(LatentViews.r2Columns(r.latents), r2), "Latent R^2");
		for (Named<Plot> p : plots) Present.plot(p.value);
		for (Named<ImagePlus> i : images) Present.image(i.value);
		Present.status(String.format("Latent Analysis: %d of %d neurons informative (%d trajectories).", r.informativeCount(), r.latents, l.count()));
	}

	private record Named<T>(String name, T value) {
	}

	private static void write(Path folder, LatentAnalysis.Result r, Object[][] neurons, Object[][] r2, List<Named<Plot>> plots,
			List<Named<ImagePlus>> images) {
		try (AtomicOutput.Staging s = AtomicOutput.stageFolder(folder)) {
			try (CsvWriter w = new CsvWriter(s.dir().resolve("latent_neurons.csv"), LatentViews.NEURON_COLUMNS)) {
				for (Object[] row : neurons) w.row(row);
				w.commit();
			}
			try (CsvWriter w = new CsvWriter(s.dir().resolve("latent_r2.csv"), LatentViews.r2Columns(r.latents))) {
				for (Object[] row : r2) w.row(row);
				w.commit();
			}
			for (Named<Plot> p : plots) {
				Path png = s.dir().resolve(p.name + ".png");
				Png.save(p.value.getImagePlus(), png);
			}
			for (Named<ImagePlus> i : images) {
				Path tif = s.dir().resolve(i.name + ".tif");
				try {
					org.latentj.ui.Tiff.save(i.value, tif);
				} catch (IOException e) {
					throw AtomicOutput.writeFailure(tif, e);
				}
			}
			s.commit();
		} catch (IOException e) {
			throw new BadInputException("Cannot write the output folder " + folder + " (" + e.getMessage() + ").", e);
		}
	}
}
