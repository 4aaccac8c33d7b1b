package org.latentj.diffusion.ui;

import java.io.File;
import java.nio.file.Path;

import org.latentj.diffusion.BetaSchedule;
import org.latentj.diffusion.SymbolicRegularizer;
import org.latentj.diffusion.TrainLatentModel;
import org.latentj.diffusion.TrainingLength;
import org.latentj.diffusion.VaeTrainer;
import org.latentj.diffusion.What;
import org.latentj.symbolic.CriticFile;
import org.latentj.ui.Present;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Trains the latent model (a small VAE after SPIVAE, see
 * {@link org.latentj.diffusion.LatentVae}) on a trajectory CSV and writes it as a model file
 * ({@link TrainLatentModel}). A random {@code validation} fraction is held out and evaluated each
 * epoch. Progress shows the epoch and the running loss; Esc cancels (nothing is written). In the GUI
 * the loss curves are shown.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Diffusion>Train Latent Model", headless = true)
public class TrainLatentModelCommand extends LatentJCommand {

	public static final String LABEL = "Train Latent Model";

	@Parameter(label = "Trajectory CSV", description = "training trajectories: a CSV with one trajectory per row", style = "open,extensions:csv")
	public File data;
	@Parameter(label = "Values", choices = { "auto", "displacements", "positions" }, description = "whether the CSV holds positions or displacements; auto reads the CSV header")
	public String what = "auto";
	@Parameter(label = "Latent neurons", min = "1", description = "number of latent neurons of the model")
	public int latents = 6;
	@Parameter(label = "Epochs (0 = auto)", min = "0", description = "Epochs (0 = auto: at least " + TrainingLength.MIN_EPOCHS + ", and enough for "
			+ TrainingLength.MIN_STEPS + " Adam steps)")
	public int epochs = TrainingLength.AUTO;
	@Parameter(label = "Batch size (0 = auto)", min = "0", description = "Batch size (0 = auto: the training trajectories / " + TrainingLength.BATCHES_PER_EPOCH + ", as a power of 2 in "
			+ TrainingLength.MIN_BATCH + ".." + TrainingLength.MAX_BATCH + ")")
	public int batch = TrainingLength.AUTO;
	@Parameter(label = "Learning rate (Adam)", min = "0", description = "step size of the Adam optimizer")
	public double learning_rate = 1e-3;
	@Parameter(label = "Beta schedule (KL weight)", description = "weight of the KL term over the epochs")
	public String beta = BetaSchedule.SPIVAE;
	@Parameter(label = "Seed", description = "random seed; the same seed gives the same model")
	public long seed = 0;
	@Parameter(label = "Validation fraction", min = "0", max = "1", stepSize = "0.01", description = "fraction of the trajectories held out to report the validation loss")
	public double validation = 0.2;
	@Parameter(label = "Model file", style = "save", description = "model file written (JSON)")
	public File output;
	@Parameter(label = "Symbolic critic (optional critic.json)", required = false, style = "open,extensions:json", description = "adds symbolic_weight x the critic's penalty of the informative neurons' curves to the loss; see docs/symbolic.md")
	public File symbolic;
	@Parameter(label = "Symbolic penalty weight", min = "0", description = "with 'symbolic': the weight of the critic's penalty in the loss")
	public double symbolic_weight = 1;


	/** The settings these fields hold. */
	public TrainLatentModel.Settings settings() {
		return new TrainLatentModel.Settings(DiffusionCommands.path(data), What.parse(what), latents, epochs, batch, learning_rate,
				TrainLatentModel.beta(beta), seed, validation, DiffusionCommands.path(output), symbolic());
	}

	/** The symbolic penalty (issue 11), or null without 'symbolic'. */
	private SymbolicRegularizer.Settings symbolic() {
		Path critic = DiffusionCommands.path(symbolic);
		return critic == null ? null : new SymbolicRegularizer.Settings(CriticFile.read(critic), symbolic_weight);
	}

	@Parameter(type = ItemIO.OUTPUT, label = "Training")
	public TrainLatentModel.Result result;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		TrainLatentModel.Settings s = settings();
		TrainLatentModel.Result r = TrainLatentModel.run(s, Present.progress(LABEL));
		this.result = r;
		saved = r.output().toFile();
		VaeTrainer.Result result = r.training();
		Present.plot(TrainingViews.lossPlot(r.training().history()));
		Warnings.show(LABEL, r.warnings());
		Present.status(String.format("Trained on %d trajectories (%d held out), %d epochs of batch %d, final loss %.5g; model written to %s%s.",
				result.trainCount(), result.validationCount(), result.settings().epochs(), result.settings().batch(),
				result.history().last().trainLoss(), r.output().getFileName(),
				DiffusionCommands.readAs(s.what(), r.read())));
	}
}
