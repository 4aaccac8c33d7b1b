package org.latentj.diffusion.ui;

import org.latentj.diffusion.DiffusionInputs;
import org.latentj.ui.Present;

import java.io.File;
import java.io.IOException;

import org.latentj.diffusion.LatentModelFile;
import org.latentj.diffusion.TrajectoryCsv;
import org.latentj.diffusion.BetaSchedule;
import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.VaeTrainer;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
import org.latentj.diffusion.ui.TrainingViews;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Trains the latent model (a small VAE after SPIVAE, see
 * {@link org.latentj.diffusion.LatentVae}) on a trajectory CSV and writes it as a model file.
 * A random {@code validation} fraction is held out and evaluated each epoch. Progress shows the
 * epoch and the running loss; Esc cancels (nothing is written). In the GUI the loss curves are shown.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Diffusion>Train Latent Model", headless = true)
public class TrainLatentModelCommand implements Command {

	public static final String LABEL = "Train Latent Model";

	@Parameter(label = "Trajectory CSV", persist = false)
	public File data;
	@Parameter(label = "Values", choices = { "auto", "displacements", "positions" }, persist = false)
	public String what = "auto";
	@Parameter(label = "Latent neurons", min = "1", persist = false)
	public int latents = 6;
	@Parameter(label = "Epochs", min = "1", persist = false)
	public int epochs = 50;
	@Parameter(label = "Batch size", min = "1", persist = false)
	public int batch = 256;
	@Parameter(label = "Learning rate (Adam)", persist = false)
	public double learning_rate = 1e-3;
	@Parameter(label = "Beta schedule (KL weight)", persist = false)
	public String beta = BetaSchedule.SPIVAE;
	@Parameter(label = "Seed", persist = false)
	public long seed = 0;
	@Parameter(label = "Validation fraction", persist = false)
	public double validation = 0.2;
	@Parameter(label = "Model file", style = "save", persist = false)
	public File output;

	/** The training run of the last call (for callers in Java). */
	public VaeTrainer.Result result;

	@Override
	public void run() {
		DiffusionInputs.existingFile(data, "data");
		DiffusionInputs.outputFile(output, "output", data);
		DiffusionInputs.atLeast("latents", latents, 1);
		if (latents > 64) throw new BadInputException("The key 'latents' is " + latents + "; at most 64 latent neurons are supported.");
		DiffusionInputs.atLeast("epochs", epochs, 1);
		DiffusionInputs.atLeast("batch", batch, 1);
		DiffusionInputs.positive("learning_rate", learning_rate);
		if (!(validation >= 0 && validation < 1))
			throw new BadInputException("The key 'validation' is " + validation + "; it must be in [0, 1).");
		BetaSchedule schedule;
		try {
			schedule = BetaSchedule.parse(beta);
		} catch (IllegalArgumentException e) {
			throw new BadInputException("The key 'beta' is not a schedule: " + e.getMessage() + " (e.g. '" + BetaSchedule.SPIVAE
					+ "' or '0@1, 1e-3@10').");
		}
		Progress progress = Present.progress(LABEL);
		TrajectoryCsv.Loaded read = DiffusionInputs.readTrajectories(data, what, progress.stage(0, 0.05));
		DiffusionInputs.requireMoving(read, data);
		Trajectories t = read.trajectories().displacements();
		if (Math.round(t.count() * validation) >= t.count())
			throw new BadInputException("The trajectory file " + data + " has " + t.count() + " trajectories; none would be left for training with validation "
					+ validation + ".");
		VaeTrainer.Settings settings = new VaeTrainer.Settings(latents, epochs, batch, learning_rate, schedule, seed, validation);
		VaeTrainer.Result r = VaeTrainer.train(t, settings, progress.stage(0.05, 0.99));
		try {
			LatentModelFile.write(output.toPath(), r, data.getName());
		} catch (IOException e) {
			throw new BadInputException("Cannot write the model file " + output + " (" + e.getMessage() + ").", e);
		}
		result = r;
		progress.update(1, null);
		Present.plot(TrainingViews.lossPlot(r.history()));
		Present.status(String.format("Trained on %d trajectories (%d held out), %d epochs, final loss %.5g; model written to %s%s.",
				r.trainCount(), r.validationCount(), epochs, r.history().last().trainLoss(), output.getName(), DiffusionInputs.readAs(what, read.trajectories())));
	}
}
