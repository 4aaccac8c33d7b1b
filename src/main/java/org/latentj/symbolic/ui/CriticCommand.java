package org.latentj.symbolic.ui;

import java.io.File;

import org.latentj.ij1.LatentJCommand;
import org.latentj.symbolic.Critic;
import org.latentj.symbolic.CriticTrainer;
import org.latentj.symbolic.CurveGenerator;
import org.latentj.symbolic.FunctionLibrary;
import org.latentj.util.BadInputException;
import org.scijava.plugin.Parameter;

/**
 * The inputs that Train Symbolic Discriminator and Symbolic Study share, declared once: the library, the curves, the
 * critic and its training. SciJava and the headless runner both read inherited inputs, these first, so every dialog
 * starts with the library; each command adds its own extensions, window and output after them.
 */
public abstract class CriticCommand extends LatentJCommand {

	/** Each command sets its own default library (Train: lib1; the study: lib32, whose prefixes it studies). */
	@Parameter(label = "Function library", style = "open,extensions:lib", required = false, description = "a .lib file, or a built-in library: lib1, lib2, lib4 ... lib32, diffusion, two-inputs (functions of x0, x1)")
	public File library;
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
	@Parameter(label = "Extension type", choices = { "embed", "stack" }, description = "how the extension channels enter the critic: embed, a small network per point; stack, channels side by side")
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
	@Parameter(label = "Epochs (of each critic)", min = "1", description = "training epochs (of each critic, in a study)")
	public int epochs = 500;
	@Parameter(label = "Held-out curves of each kind", min = "10", description = "symbolic and non-symbolic curves held out to measure accuracy")
	public int held_out = 500;
	@Parameter(label = "Seed", description = "random seed; the same seed gives the same critic (or study)")
	public long seed = 0;

	/** The critic's settings from these inputs, for one library and extension set. */
	protected CriticTrainer.Settings critic(FunctionLibrary lib, CriticTrainer.Extensions extensions) {
		return new CriticTrainer.Settings(lib, x_min, x_max, points, CurveGenerator.of(generator, gp_length, gp_scale), extensions,
				embedded(ext_type), embed_layers, embed_width, layers, width, Critic.Loss.parse(loss), gp, lr, weight_decay, iters, batch,
				epochs, held_out, seed);
	}

	static boolean embedded(String extType) {
		if (extType.equals("embed")) return true;
		if (extType.equals("stack")) return false;
		throw new BadInputException("The key 'ext_type' is '" + extType + "'; it must be embed or stack.");
	}
}
