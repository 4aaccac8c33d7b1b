package org.latentj.symbolic.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.io.PathText;
import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.io.CsvWriter;
import org.latentj.symbolic.Critic;
import org.latentj.symbolic.CriticTrainer;
import org.latentj.symbolic.FunctionLibrary;
import org.latentj.symbolic.CurveGenerator;
import org.latentj.symbolic.SymbolicStudy;
import org.latentj.ui.Png;
import org.latentj.ui.Present;
import org.latentj.ui.ResultsTables;
import org.latentj.util.BadInputException;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import ij.measure.ResultsTable;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.gui.Plot;

/**
 * Trains critics on libraries of growing size (the first 1, 2, 4, ... lines of one library, or a list of
 * libraries separated by ';') with each extension set, and writes study.csv and study.png in {@code output}:
 * held-out accuracy against library size, where classification fails and how far the extensions move that point.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Symbolic>Symbolic Study", headless = true)
public class SymbolicStudyCommand extends LatentJCommand {

	public static final String LABEL = "Symbolic Study";

	@Parameter(label = "Libraries", style = "open,extensions:lib", required = false, description = "one library (its first 1, 2, 4, ... lines are studied) or several separated by ';'; a .lib file or a built-in library: lib1 ... lib32, diffusion, two-inputs (functions of x0, x1)")
	public File library = new File("lib32");
	@Parameter(label = "Largest library size", min = "1", description = "libraries of 1, 2, 4, ... functions up to this size are studied")
	public int max_size = 32;
	@Parameter(label = "Extension sets", description = "extension sets to compare, separated by ',': none, input, gradient, input+gradient")
	public String extensions = "none,gradient";
	@Parameter(label = "Input from", description = "smallest x of the curves")
	public double x_min = -1;
	@Parameter(label = "Input to", description = "largest x of the curves")
	public double x_max = 1;
	@Parameter(label = "Points per curve", min = "2", description = "number of x values per curve; for a library of d inputs (x0, x1, ...) about this many in all, on a grid of floor(points^(1/d)) values per input")
	public int points = 700;
	@Parameter(label = "Non-symbolic curves", choices = { "mlp", "gp" }, description = "mlp: untrained networks x -> 32 -> 32 -> 1 (the seed's); gp: smooth Gaussian-process samples (squared-exponential kernel, a product of one per input for several inputs)")
	public String generator = "mlp";
	@Parameter(label = "GP length scale", min = "1e-6", description = "with generator=gp: the kernel's length scale, in units of x")
	public double gp_length = 0.3;
	@Parameter(label = "GP scale", min = "1e-6", description = "with generator=gp: the samples' standard deviation")
	public double gp_scale = 0.15;
	@Parameter(label = "Loss", choices = { "logistic", "wgan-gp" }, description = "training loss of the critic")
	public String loss = "logistic";
	@Parameter(label = "Extension type", choices = { "embed", "stack" }, description = "how the extension channels enter the critic")
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
	@Parameter(label = "Epochs per critic", min = "1", description = "training epochs of each critic")
	public int epochs = 500;
	@Parameter(label = "Held-out curves of each kind", min = "10", description = "symbolic and non-symbolic curves held out to measure accuracy")
	public int held_out = 500;
	@Parameter(label = "Final-accuracy window (epochs)", min = "1", description = "epochs averaged for the final training accuracy")
	public int window = 50;
	@Parameter(label = "Seed", description = "random seed; the same seed gives the same study")
	public long seed = 0;
	@Parameter(label = "Output folder", style = "directory", description = "folder for study.csv and study.png")
	public File output;

	@Parameter(type = ItemIO.OUTPUT, label = "Study")
	public SymbolicStudy.Result result;
	@Parameter(type = ItemIO.OUTPUT, label = "Symbolic study")
	public ResultsTable table;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		if (output == null) throw new BadInputException("The key 'output' (a folder) is missing.");
		Outputs.check(output.toPath(), Outputs.Kind.FOLDER, PathText.of(library));
		String[] names = PathText.of(library).split(";");
		List<FunctionLibrary> libs = new ArrayList<>();
		if (names.length == 1) libs.addAll(SymbolicStudy.prefixes(FunctionLibrary.load(names[0]), max_size));
		else for (String n : names) libs.add(FunctionLibrary.load(n));
		List<CriticTrainer.Extensions> variants = new ArrayList<>();
		for (String e : extensions.split(",")) if (!e.isBlank()) variants.add(CriticTrainer.Extensions.parse(e));
		CriticTrainer.Settings base = new CriticTrainer.Settings(libs.get(0), x_min, x_max, points, CurveGenerator.of(generator, gp_length, gp_scale), CriticTrainer.Extensions.NONE,
				TrainSymbolicDiscriminatorCommand.embedded(ext_type), embed_layers, embed_width, layers, width, Critic.Loss.parse(loss), gp, lr,
				weight_decay, iters, batch, epochs, held_out, seed);
		SymbolicStudy.Result r = SymbolicStudy.run(new SymbolicStudy.Settings(base, libs, variants, window), Present.progress(LABEL));
		result = r;
		String[] columns = { "library", "size", "extensions", "final_accuracy", "held_out_accuracy_sign", "held_out_accuracy_calibrated", "seconds" };
		Object[][] rows = new Object[r.rows().size()][];
		for (int i = 0; i < rows.length; i++) {
			SymbolicStudy.Row row = r.rows().get(i);
			rows[i] = new Object[] { row.library(), row.size(), row.extensions().key(), row.finalAccuracy(), row.signAccuracy(), row.calibratedAccuracy(),
					Math.round(row.seconds() * 10) / 10.0 };
		}
		Plot plot = SymbolicViews.studyPlot(r, variants);
		Path folder = output.toPath();
		try (AtomicOutput.Staging st = AtomicOutput.stageFolder(folder)) {
			try (CsvWriter w = new CsvWriter(st.dir().resolve("study.csv"), columns)) {
				for (Object[] row : rows) w.row(row);
				w.commit();
			}
			Png.save(plot.getImagePlus(), st.dir().resolve("study.png"));
			st.commit();
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(folder, e);
		}
		table = ResultsTables.of(columns, rows);
		saved = output;
		Present.table(table, "Symbolic study");
		Present.plot(plot);
		Present.status("Symbolic study: " + rows.length + " critics trained.");
	}
}
