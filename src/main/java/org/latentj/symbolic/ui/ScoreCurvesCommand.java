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
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Applies a trained critic to curves from a CSV (first column x, one column per curve), or to the mean curves of
 * the informative neurons of a latents CSV along alpha or log10 D ({@link LatentCurves}), and writes scores.csv
 * (curve, score, verdict) in {@code output}; see {@link CurveScoring}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Symbolic>Score Curves", headless = true)
public class ScoreCurvesCommand implements Command {

	public static final String LABEL = "Score Curves";

	@Parameter(label = "Critic file (critic.json)", persist = false)
	public File critic;
	@Parameter(label = "Curves CSV (x, then one column per curve)", required = false, persist = false)
	public File curves;
	@Parameter(label = "Or: latents CSV (Encode Trajectories)", required = false, description = "score the informative neurons' mean curves of a latent model instead of 'curves'", persist = false)
	public File latents;
	@Parameter(label = "Latent curves along", choices = { "alpha", "log10_d" }, description = "with 'latents': each neuron's mean along alpha at the middle D, or along log10 D at the middle alpha", persist = false)
	public String along = "alpha";
	@Parameter(label = "Output folder", style = "directory", persist = false)
	public File output;

	/** The scores of the last call (for callers in Java). */
	public CurveScoring.Result result;

	@Override
	public void run() {
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
		Present.table(ResultsTables.of(new String[] { "curve", "score", "verdict" }, rows), "Curve scores");
		Present.status(String.format("%d of %d curves judged symbolic (score > %.3g)%s.", r.symbolicCount(), rows.length, r.threshold(),
				r.resampled() ? "; curves resampled to the critic's grid" : ""));
	}

	public static String verdict(boolean symbolic) {
		return symbolic ? "symbolic" : "non-symbolic";
	}
}
