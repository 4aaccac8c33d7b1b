package org.latentj.symbolic.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.latentj.io.PathText;
import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.io.CsvWriter;
import org.latentj.symbolic.CriticFile;
import org.latentj.symbolic.CriticTrainer;
import org.latentj.symbolic.SymbolicStudy;
import org.latentj.symbolic.FunctionLibrary;
import org.latentj.ui.Png;
import org.latentj.ui.Present;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
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
public class TrainSymbolicDiscriminatorCommand extends CriticCommand {

	public static final String LABEL = "Train Symbolic Discriminator";

	{
		library = new File("lib1");
	}

	@Parameter(label = "Extensions", choices = { "gradient", "none", "input", "input+gradient" }, description = "what the critic reads besides each value")
	public String extensions = "gradient";
	@Parameter(label = "Smoothing window (epochs)", min = "1", description = "epochs averaged in the accuracy plot; a window longer than the training (epochs) averages all epochs")
	public int window = 50;
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
		CriticTrainer.Settings s = critic(FunctionLibrary.load(PathText.of(library)), CriticTrainer.Extensions.parse(extensions));
		int used = SymbolicStudy.window(window, s.epochs());
		Progress progress = Present.progress(LABEL);
		CriticTrainer.Result r = CriticTrainer.train(s, progress);
		result = r;
		Plot plot = SymbolicViews.accuracyPlot(r, used);
		gallery = SymbolicViews.gallery(r, 5);
		write(output.toPath(), r, plot, gallery, used);
		saved = output;
		Present.plot(plot);
		Present.image(gallery);
		Present.status(String.format("Symbolic discriminator: held-out accuracy %.3f (threshold %.3g), %.3f with score > 0; %.0f s%s.",
				r.calibratedAccuracy(), r.threshold(), r.signAccuracy(), r.seconds(), SymbolicStudy.windowNote(window, s.epochs())));
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
