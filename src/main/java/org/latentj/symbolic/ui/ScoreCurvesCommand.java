package org.latentj.symbolic.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.io.CsvWriter;
import org.latentj.symbolic.CriticFile;
import org.latentj.symbolic.CurveScoring;
import org.latentj.diffusion.LatentCurves;
import org.latentj.ui.Present;
import org.latentj.ui.ResultsTables;
import org.latentj.util.BadInputException;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import ij.measure.ResultsTable;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Applies a trained critic to curves from a CSV (first column x, or x0.. for a critic of several inputs, then one column per curve), or to the mean curves of
 * the informative neurons of a latents CSV along alpha or log10 D ({@link LatentCurves}), and writes scores.csv
 * (curve, score, verdict) in {@code output}; see {@link CurveScoring}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Symbolic>Score Curves", headless = true)
public class ScoreCurvesCommand extends LatentJCommand {

	public static final String LABEL = "Score Curves";

	@Parameter(label = "Critic file (critic.json)", description = "critic.json written by Train Symbolic Discriminator", style = "open,extensions:json")
	public File critic;
	@Parameter(label = "Curves CSV (x, then one column per curve)", required = false, description = "your curves: a CSV with x in the first column, then one column per curve; for a critic of d inputs the first d columns are x0, x1, ... and the rows the critic's grid points, in any order", style = "open,extensions:csv")
	public File curves;
	@Parameter(label = "Or: latents CSV (Encode Trajectories)", required = false, description = "score the informative neurons' mean curves of a latent model instead of 'curves'", style = "open,extensions:csv")
	public File latents;
	@Parameter(label = "Latent curves along", choices = { "alpha", "log10_d" }, description = "with 'latents': each neuron's mean along alpha at the middle D, or along log10 D at the middle alpha")
	public String along = "alpha";
	@Parameter(label = "Output folder", style = "directory", description = "folder for scores.csv")
	public File output;

	/** The scores of the last call (for callers in Java). */
	@Parameter(type = ItemIO.OUTPUT, label = "Scores")
	public CurveScoring.Result result;
	@Parameter(type = ItemIO.OUTPUT, label = "Curve scores")
	public ResultsTable scores;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	@Override
	protected void execute() {
		if (critic == null) throw new BadInputException("The key 'critic' (a critic.json) is missing.");
		if ((curves == null) == (latents == null)) throw new BadInputException("Give exactly one of the keys 'curves' (a CSV of curves) and 'latents' (a latents CSV).");
		if (output == null) throw new BadInputException("The key 'output' (a folder) is missing.");
		Outputs.check(output.toPath(), Outputs.Kind.FOLDER, critic, curves, latents);
		CriticFile.Loaded c = CriticFile.read(critic.toPath());
		CurveScoring.Result r = curves != null ? CurveScoring.score(c, curves.toPath())
				: CurveScoring.scoreLatents(c, latents.toPath(), LatentCurves.Along.parse(along));
		result = r;
		Object[][] rows = new Object[r.names().length][];
		for (int i = 0; i < rows.length; i++) rows[i] = new Object[] { r.names()[i], r.scores()[i], verdict(r.symbolic()[i]) };
		Path folder = output.toPath();
		try (AtomicOutput.Staging st = AtomicOutput.stageFolder(folder)) {
			try (CsvWriter w = new CsvWriter(st.dir().resolve("scores.csv"), "curve", "score", "verdict")) {
				for (Object[] row : rows) w.row(row);
				w.commit();
			}
			st.commit();
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(folder, e);
		}
		scores = ResultsTables.of(new String[] { "curve", "score", "verdict" }, rows);
		saved = output;
		Present.table(scores, "Curve scores");
		Present.status(String.format("%d of %d curves judged symbolic (score > %.3g)%s.", r.symbolicCount(), rows.length, r.threshold(),
				r.resampled() ? "; curves resampled to the critic's grid" : ""));
	}

	public static String verdict(boolean symbolic) {
		return symbolic ? "symbolic" : "non-symbolic";
	}
}
