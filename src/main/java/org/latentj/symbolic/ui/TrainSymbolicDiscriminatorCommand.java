package org.latentj.symbolic.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.latentj.io.PathText;
import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.io.CsvWriter;
import org.latentj.symbolic.Critic;
import org.latentj.symbolic.CriticFile;
import org.latentj.symbolic.CriticTrainer;
import org.latentj.symbolic.FunctionLibrary;
import org.latentj.symbolic.CurveGenerator;
import org.latentj.ui.Png;
import org.latentj.ui.Present;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;

/**
 * Trains a symbolic discriminator (see {@link CriticTrainer}) and writes, in {@code output}: critic.json,
 * accuracy.csv (per epoch loss, penalty, training accuracy and its running mean), accuracy.png and gallery.png
 * (held-out curves judged right and wrong). The defaults were chosen by measurement on lib1 (docs/symbolic.md).
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Symbolic>Train Symbolic Discriminator", headless = true)
public class TrainSymbolicDiscriminatorCommand extends LatentJCommand {

	public static final String LABEL = "Train Symbolic Discriminator";

	@Parameter(label = "Function library", style = "open,extensions:lib", required = false, description = "a .lib file, or a built-in library: lib1, lib2, lib4, lib8, lib16, lib32, diffusion, two-inputs (functions of x0, x1)")
	public File library = new File("lib1");
	@Parameter(label = "Input from", description = "smallest x of the curves (of every input)")
	public double x_min = -1;
	@Parameter(label = "Input to", description = "largest x of the curves (of every input)")
	public double x_max = 1;
	@Parameter(label = "Points per curve", min = "2", description = "number of x values per curve; for a library of d inputs (x0, x1, ...) about this many in all, on a grid of floor(points^(1/d)) values per input")
	public int points = 700;
	@Parameter(label = "Non-symbolic curves", choices = { "mlp", "gp" }, description = "mlp: untrained networks x -> 32 -> 32 -> 1 (the seed's); gp: smooth Gaussian-process samples (squared-exponential kernel, a product of one per input for several inputs)")
	public String generator = "mlp";
	@Parameter(label = "GP length scale", min = "1e-6", description = "with generator=gp: the kernel's length scale, in units of x")
	public double gp_length = 0.3;
	@Parameter(label = "GP scale", min = "1e-6", description = "with generator=gp: the samples' standard deviation")
	public double gp_scale = 0.15;
	@Parameter(label = "Loss", choices = { "logistic", "wgan-gp" }, description = "logistic: a classifier (0 is its natural threshold); wgan-gp: the seed's Wasserstein critic")
	public String loss = "logistic";
	@Parameter(label = "Extensions", choices = { "gradient", "none", "input", "input+gradient" }, description = "what the critic reads besides each value")
	public String extensions = "gradient";
	@Parameter(label = "Extension type", choices = { "embed", "stack" }, description = "embed: a small network per point; stack: channels side by side")
	public String ext_type = "embed";
	@Parameter(label = "Embedding layers", min = "0", description = "hidden layers of the embedding network")
	public int embed_layers = 2;
	@Parameter(label = "Embedding width", min = "1", description = "neurons per layer of the embedding network")
	public int embed_width = 16;
	@Parameter(label = "Layers", min = "0", description = "hidden layers of the critic")
	public int layers = 2;
	@Parameter(label = "Width", min = "1", description = "neurons per hidden layer of the critic")
	public int width = 128;
	@Parameter(label = "Gradient penalty", min = "0", description = "weight of the gradient penalty (0: none)")
	public double gp = 0;
	@Parameter(label = "Learning rate (Adam)", min = "0", description = "step size of the Adam optimizer")
	public double lr = 1e-3;
	@Parameter(label = "Weight decay", min = "0", description = "L2 weight decay of the critic")
	public double weight_decay = 1e-7;
	@Parameter(label = "Steps per epoch", min = "1", description = "gradient steps per epoch")
	public int iters = 1;
	@Parameter(label = "Curves of each kind per epoch", min = "1", description = "symbolic and non-symbolic curves per epoch")
	public int batch = 64;
	@Parameter(label = "Epochs", min = "1", description = "training epochs")
	public int epochs = 500;
	@Parameter(label = "Held-out curves of each kind", min = "10", description = "symbolic and non-symbolic curves held out to measure accuracy")
	public int held_out = 500;
	@Parameter(label = "Smoothing window (epochs)", min = "1", description = "epochs averaged in the accuracy plot")
	public int window = 50;
	@Parameter(label = "Seed", description = "random seed; the same seed gives the same critic")
	public long seed = 0;
	@Parameter(label = "Output folder", style = "directory", description = "folder for critic.json, the accuracy plot and the gallery")
	public File output;

	/** The training run of the last call (for callers in Java). */
	@Parameter(type = ItemIO.OUTPUT, label = "Training")
	public CriticTrainer.Result result;
	@Parameter(type = ItemIO.OUTPUT, label = "Gallery")
	public ImagePlus gallery;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		if (output == null) throw new BadInputException("The key 'output' (a folder) is missing.");
		Outputs.check(output.toPath(), Outputs.Kind.FOLDER, PathText.of(library)); // a library given as a file is an input
		CriticTrainer.Settings s = new CriticTrainer.Settings(FunctionLibrary.load(PathText.of(library)), x_min, x_max, points, CurveGenerator.of(generator, gp_length, gp_scale),
				CriticTrainer.Extensions.parse(extensions), embedded(ext_type), embed_layers, embed_width, layers, width, Critic.Loss.parse(loss), gp,
				lr, weight_decay, iters, batch, epochs, held_out, seed);
		if (window < 1) throw new BadInputException("The key 'window' is " + window + "; it must be at least 1.");
		Progress progress = Present.progress(LABEL);
		CriticTrainer.Result r = CriticTrainer.train(s, progress);
		result = r;
		Plot plot = SymbolicViews.accuracyPlot(r, window);
		gallery = SymbolicViews.gallery(r, 5);
		write(output.toPath(), r, plot, gallery, window);
		saved = output;
		Present.plot(plot);
		Present.image(gallery);
		Present.status(String.format("Symbolic discriminator: held-out accuracy %.3f (threshold %.3g), %.3f with score > 0; %.0f s.",
				r.calibratedAccuracy(), r.threshold(), r.signAccuracy(), r.seconds()));
	}

	static boolean embedded(String extType) {
		if (extType.equals("embed")) return true;
		if (extType.equals("stack")) return false;
		throw new BadInputException("The key 'ext_type' is '" + extType + "'; it must be embed or stack.");
	}

	private static void write(Path folder, CriticTrainer.Result r, Plot plot, ImagePlus gallery, int window) {
		try (AtomicOutput.Staging st = AtomicOutput.stageFolder(folder)) {
			CriticFile.write(st.dir().resolve("critic.json"), r);
			double[] smooth = SymbolicViews.smoothed(r.accuracy(), window);
			try (CsvWriter w = new CsvWriter(st.dir().resolve("accuracy.csv"), "epoch", "loss", "penalty", "accuracy", "accuracy_mean_" + window)) {
				for (int e = 0; e < r.accuracy().length; e++) w.row(new double[] { e + 1, r.loss()[e], r.penalty()[e], r.accuracy()[e], smooth[e] });
				w.commit();
			}
			Png.save(plot.getImagePlus(), st.dir().resolve("accuracy.png"));
			Png.save(gallery, st.dir().resolve("gallery.png"));
			st.commit();
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(folder, e);
		}
	}
}
