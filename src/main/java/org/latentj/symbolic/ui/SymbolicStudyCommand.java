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
import org.latentj.symbolic.CriticTrainer;
import org.latentj.symbolic.FunctionLibrary;
import org.latentj.symbolic.SymbolicStudy;
import org.latentj.ui.Png;
import org.latentj.ui.Present;
import org.latentj.ui.ResultsTables;
import org.latentj.util.BadInputException;
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
public class SymbolicStudyCommand extends CriticCommand {

	public static final String LABEL = "Symbolic Study";

	{
		library = new File("lib32");
	}

	@Parameter(label = "Largest library size", min = "1", description = "with one library: its first 1, 2, 4, ... functions, up to this many, are studied; several libraries separated by ';' in library are studied as they are")
	public int max_size = 32;
	@Parameter(label = "Extension sets", description = "extension sets to compare, separated by ',': none, input, gradient, input+gradient")
	public String extensions = "none,gradient";
	@Parameter(label = "Final-accuracy window (epochs)", min = "1", description = "epochs averaged for the final training accuracy; a window longer than the training (epochs) averages all epochs")
	public int window = 50;
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
		CriticTrainer.Settings base = critic(libs.get(0), CriticTrainer.Extensions.NONE);
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
		Present.status("Symbolic study: " + rows.length + " critics trained" + SymbolicStudy.windowNote(window, base.epochs()) + ".");
	}
}
