package org.latentj.diffusion.ui;

import java.io.File;
import java.nio.file.Path;

import org.latentj.diffusion.AnalyzeLatents;
import org.latentj.diffusion.LatentAnalysis;
import org.latentj.diffusion.LatentTables;
import org.latentj.symbolic.CriticFile;
import org.latentj.ui.Present;
import org.latentj.ui.ResultsTables;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import ij.measure.ResultsTable;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Which latent neurons carry which physical parameter, on any latent CSV of the layout
 * alpha,D,mu_0..,logvar_0.. (from Encode Trajectories or exported from SPIVAE). See
 * {@link LatentAnalysis} for the statistics, the informative rule and the expressions.
 * <p>
 * With {@code output} (a folder): latent_neurons.csv, latent_r2.csv, mean_mu.tif (mean mu per
 * (alpha, log10 D) cell, one slice per neuron), for each informative neuron j the 2D histograms
 * hist_mu{j}_alpha.tif, hist_mu{j}_logD.tif, hist_mu{j}_best.tif, and the plots mu_vs_alpha.png,
 * mu_vs_logD.png, mu{j}_vs_best.png. In the GUI at most three windows open: the neurons table, the
 * plots (one stack) and the mean-mu map; the R^2 table and the histograms are in the output folder. With
 * {@code critic} (a critic.json of Train Symbolic Discriminator) the neuron table gains each neuron's
 * symbolic score and verdict (issue 11).
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Diffusion>Latent Analysis", headless = true)
public class LatentAnalysisCommand extends LatentJCommand {

	public static final String LABEL = "Latent Analysis";

	@Parameter(label = "Latent CSV", description = "latents CSV written by Encode Trajectories", style = "open,extensions:csv")
	public File data;
	@Parameter(label = "Trajectory length T (for the expressions)", min = "2", description = "number of steps T of the trajectories, used by the expressions that relate latents to alpha and D")
	public int length = 400;
	@Parameter(label = "Output folder (optional)", style = "directory", required = false, description = "folder for the tables and figures; leave empty to only show them")
	public File output;
	@Parameter(label = "Symbolic critic (optional critic.json)", required = false, style = "open,extensions:json", description = "adds each neuron's symbolic score and verdict along alpha and/or log10 D (whichever covers the critic's x range); see docs/symbolic.md")
	public File critic;


	/** The settings these fields hold. */
	public AnalyzeLatents.Settings settings() {
		Path c = DiffusionCommands.path(critic);
		return new AnalyzeLatents.Settings(DiffusionCommands.path(data), length, DiffusionCommands.path(output), c == null ? null : CriticFile.read(c));
	}

	@Parameter(type = ItemIO.OUTPUT, label = "Analysis")
	public AnalyzeLatents.Result result;
	@Parameter(type = ItemIO.OUTPUT, label = "Latent neurons")
	public ResultsTable neurons;
	@Parameter(type = ItemIO.OUTPUT, label = "Latent R^2")
	public ResultsTable r2;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		LatentFigures figures = new LatentFigures();
		AnalyzeLatents.Result r = AnalyzeLatents.run(settings(), Present.progress(LABEL), figures);
		LatentAnalysis.Result a = r.analysis();
		result = r;
		neurons = ResultsTables.of(LatentTables.neuronColumns(r.verdicts()), LatentTables.neuronRows(a, r.verdicts()));
		r2 = ResultsTables.of(LatentTables.r2Columns(a.latents), LatentTables.r2Rows(a));
		saved = output;
		Present.table(neurons, "Latent neurons");
		// r2 is an output for scripts only: at most three windows open (issue 13), the R^2 table is in the output folder
		figures.show(r);
		Present.status(String.format("Latent Analysis: %d of %d neurons informative (%d trajectories).", a.informativeCount(), a.latents,
				r.latents().count()));
	}
}
