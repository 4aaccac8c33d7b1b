package org.latentj.diffusion.ui;

import java.io.File;

import org.latentj.diffusion.EncodeTrajectories;
import org.latentj.diffusion.Latents;
import org.latentj.diffusion.What;
import org.latentj.ui.Present;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Encodes trajectories with a trained latent model ({@link EncodeTrajectories}): the latent CSV has
 * one row per trajectory with columns alpha,D,mu_0..mu_{Z-1},logvar_0..logvar_{Z-1} (the layout
 * SPIVAE exports), ready for Latent Analysis.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Diffusion>Encode Trajectories", headless = true)
public class EncodeTrajectoriesCommand extends LatentJCommand {

	public static final String LABEL = "Encode Trajectories";

	@Parameter(label = "Model file", description = "model.json written by Train Latent Model", style = "open,extensions:json")
	public File model;
	@Parameter(label = "Trajectory CSV", description = "trajectories to encode: a CSV with one trajectory per row (as Simulate SBM writes)", style = "open,extensions:csv")
	public File data;
	@Parameter(label = "Values", choices = { "auto", "displacements", "positions" }, description = "whether the CSV holds positions or displacements; auto reads the CSV header")
	public String what = "auto";
	@Parameter(label = "Latent CSV", style = "save", description = "CSV written: the latent means of each trajectory, one row per trajectory")
	public File output;


	/** The settings these fields hold. */
	public EncodeTrajectories.Settings settings() {
		return new EncodeTrajectories.Settings(DiffusionCommands.path(model), DiffusionCommands.path(data), What.parse(what),
				DiffusionCommands.path(output));
	}

	@Parameter(type = ItemIO.OUTPUT, label = "Encoding")
	public EncodeTrajectories.Result result;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		EncodeTrajectories.Settings s = settings();
		EncodeTrajectories.Result r = EncodeTrajectories.run(s, Present.progress(LABEL));
		this.result = r;
		saved = r.output().toFile();
		Latents result = r.latents();
		Warnings.show(LABEL, r.warnings());
		Present.status(String.format("Encoded %d trajectories into %d latents: %s%s.", result.count(), result.latents(),
				r.output().getFileName(), DiffusionCommands.readAs(s.what(), r.read())));
	}
}
