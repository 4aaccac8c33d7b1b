package org.latentj.diffusion.ui;

import org.latentj.ui.Present;

import org.latentj.diffusion.DiffusionInputs;

import java.io.File;
import java.io.IOException;

import org.latentj.diffusion.LatentCsv;
import org.latentj.diffusion.LatentModelFile;
import org.latentj.diffusion.TrajectoryCsv;
import org.latentj.diffusion.LatentEncoder;
import org.latentj.diffusion.LatentVae;
import org.latentj.diffusion.Latents;
import org.latentj.diffusion.Trajectories;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Encodes trajectories with a trained latent model: the latent CSV has one row per trajectory with
 * columns alpha,D,mu_0..mu_{Z-1},logvar_0..logvar_{Z-1} (the layout SPIVAE exports), ready for
 * Latent Analysis.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Diffusion>Encode Trajectories", headless = true)
public class EncodeTrajectoriesCommand implements Command {

	public static final String LABEL = "Encode Trajectories";

	@Parameter(label = "Model file", persist = false)
	public File model;
	@Parameter(label = "Trajectory CSV", persist = false)
	public File data;
	@Parameter(label = "Values", choices = { "auto", "displacements", "positions" }, persist = false)
	public String what = "auto";
	@Parameter(label = "Latent CSV", style = "save", persist = false)
	public File output;

	/** The latents of the last run (for callers in Java). */
	public Latents result;

	@Override
	public void run() {
		DiffusionInputs.existingFile(model, "model");
		DiffusionInputs.existingFile(data, "data");
		DiffusionInputs.outputFile(output, "output", model, data);
		LatentVae vae = LatentModelFile.read(model.toPath()).model();
		int length = TrajectoryCsv.length(data.toPath(), DiffusionInputs.kind(what, true)); // from the header: before reading the rows
		if (length != vae.length())
			throw new BadInputException("The model file " + model + " was trained on trajectories of " + vae.length()
					+ " steps, but the trajectory file " + data + " has " + length + ".");
		Progress progress = Present.progress(LABEL);
		TrajectoryCsv.Loaded read = DiffusionInputs.readTrajectories(data, what, progress.stage(0, 0.6));
		Trajectories t = read.trajectories().displacements();
		DiffusionInputs.requireMoving(read, data);
		Latents l = LatentEncoder.encode(vae, t, progress.stage(0.6, 0.9));
		try {
			LatentCsv.write(output.toPath(), l);
		} catch (IOException e) {
			throw new BadInputException("Cannot write the latent file " + output + " (" + e.getMessage() + ").", e);
		}
		result = l;
		progress.update(1, null);
		Present.status(String.format("Encoded %d trajectories into %d latents: %s%s.", l.count(), l.latents(), output.getName(),
				DiffusionInputs.readAs(what, read.trajectories())));
	}
}
