package org.latentj.symbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.diffusion.AnalyzeLatents;
import org.latentj.diffusion.LatentCsv;
import org.latentj.diffusion.LatentCurves;
import org.latentj.diffusion.Latents;
import org.latentj.diffusion.NeuronVerdicts;
import org.latentj.diffusion.ui.LatentAnalysisCommand;
import org.latentj.ij1.CommandRunner;
import org.latentj.ij1.CommandSpec;
import org.latentj.io.CsvTable;
import org.latentj.testing.SyntheticLatents;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * Latent Analysis's symbolic verdict column (issue 11): the same scores as Score Curves on the same curves, written to
 * latent_neurons.csv by the entry point and by the command from macro options; the critic's curve gradient (used by
 * Train Latent Model's regularization) against finite differences.
 */
class LatentVerdictTest {

	@TempDir
	Path dir;

	/** A critic of the diffusion library on SPIVAE's 21 alphas (0.2..1.8), briefly trained, written and read back. */
	private Path alphaCritic() throws Exception {
		CriticTrainer.Settings s = new CriticTrainer.Settings(FunctionLibrary.load("diffusion"), 0.2, 1.8, 21, MlpGenerator.seed(),
				CriticTrainer.Extensions.GRADIENT, true, 1, 8, 2, 32, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 16, 20, 50, 4);
		Path file = dir.resolve("critic.json");
		CriticFile.write(file, CriticTrainer.train(s, Progress.NONE));
		return file;
	}

	@Test
	void verdictColumnAgreesWithScoreCurves() throws Exception {
		Path critic = alphaCritic();
		Latents l = SyntheticLatents.twoInformative(400, 2, 3);
		Path latents = dir.resolve("latents.csv");
		LatentCsv.write(latents, l);
		CriticFile.Loaded c = CriticFile.read(critic);
		AnalyzeLatents.Result r = AnalyzeLatents.run(new AnalyzeLatents.Settings(latents, 400, dir.resolve("analysis"), c), Progress.NONE, null);
		NeuronVerdicts v = r.verdicts();
		// the critic reads 0.2..1.8: the alpha curves cover it, log10 D (-5..-2) does not
		assertEquals(List.of(LatentCurves.Along.ALPHA), v.axes());
		CurveScoring.Result informative = CurveScoring.scoreLatents(c, latents, LatentCurves.Along.ALPHA);
		for (int k = 0; k < SyntheticLatents.INFORMATIVE.length; k++) {
			int j = SyntheticLatents.INFORMATIVE[k];
			assertEquals(informative.scores()[k], v.scores()[0][j], 0);
			assertEquals(informative.symbolic()[k], v.symbolic()[0][j]);
		}
		// every neuron is scored: an off neuron's curve (its per-cell means) scored by hand
		double[] curve = new double[21];
		double[] alphas = LatentCurves.x(l, LatentCurves.Along.ALPHA);
		double[] ds = LatentCurves.x(l, LatentCurves.Along.LOG10_D);
		int[] count = new int[21];
		for (int i = 0; i < l.count(); i++)
			if (Math.log10(l.ds()[i]) == ds[ds.length / 2]) {
				int a = Arrays.binarySearch(alphas, l.alphas()[i]);
				curve[a] += l.mu(i, 0);
				count[a]++;
			}
		for (int a = 0; a < 21; a++) curve[a] /= count[a];
		assertEquals(c.score(new double[][] { curve })[0], v.scores()[0][0], 1e-12);

		CsvTable t = CsvTable.read(dir.resolve("analysis/latent_neurons.csv"));
		List<String> header = Arrays.asList(t.header());
		int score = header.indexOf("symbolic_score_alpha"), verdict = header.indexOf("symbolic_verdict_alpha");
		assertEquals(header.size() - 2, score);
		assertEquals(header.size() - 1, verdict);
		for (int j = 0; j < l.latents(); j++) {
			assertEquals(v.scores()[0][j], t.number(j, score), 0);
			assertEquals(v.scores()[0][j] > c.threshold() ? "symbolic" : "non-symbolic", t.text(j, verdict));
		}
	}

	@Test
	void commandTakesTheCriticKeyAndRefusesARangeNoCurveCovers() throws Exception {
		Path critic = alphaCritic();
		Path latents = dir.resolve("latents.csv");
		LatentCsv.write(latents, SyntheticLatents.twoInformative(400, 1, 5));
		CommandRunner.run(CommandSpec.of(LatentAnalysisCommand.class),
				Map.of("data", latents.toString(), "length", "400", "output", dir.resolve("out").toString(), "critic", critic.toString()));
		CsvTable t = CsvTable.read(dir.resolve("out/latent_neurons.csv"));
		assertTrue(Arrays.asList(t.header()).contains("symbolic_verdict_alpha"), Arrays.toString(t.header()));
		// without the key the table is as before
		CommandRunner.run(CommandSpec.of(LatentAnalysisCommand.class),
				Map.of("data", latents.toString(), "length", "400", "output", dir.resolve("plain").toString()));
		assertTrue(Arrays.asList(CsvTable.read(dir.resolve("plain/latent_neurons.csv")).header()).stream().noneMatch(h -> h.startsWith("symbolic")));

		CriticFile.Loaded c = CriticFile.read(critic);
		CriticFile.Loaded wide = new CriticFile.Loaded(c.critic(), 0.1, 1.9, c.extensions(), c.threshold(), c.library(), "wide.json");
		BadInputException e = assertThrows(BadInputException.class,
				() -> AnalyzeLatents.run(new AnalyzeLatents.Settings(latents, 400, null, wide), Progress.NONE, null));
		assertTrue(e.getMessage().startsWith("The critic wide.json reads x = 0.1..1.9, which neither the latents' alpha nor their log10 D"), e.getMessage());
	}

	/** d score / d curve through resampling, the gradient channel's central differences, the scales and both networks. */
	@Test
	void curveGradientMatchesFiniteDifferences() {
		Random random = new Random(3);
		for (boolean resampled : new boolean[] { false, true }) {
			Critic net = new Critic(9, 2, true, new int[] { 5, 4 }, new int[] { 7, 5 }, random);
			net.setScales(new double[] { 0.7, 1.9 });
			CriticFile.Loaded c = new CriticFile.Loaded(net, 0.2, 1.8, CriticTrainer.Extensions.GRADIENT, 0, "test", "test");
			double[] x = resampled ? new double[] { 0.1, 0.35, 0.5, 0.9, 1.1, 1.4, 1.9 } : c.grid();
			double[][] y = new double[2][x.length];
			for (double[] row : y)
				for (int k = 0; k < row.length; k++) row[k] = random.nextGaussian();
			double[][] g = new double[2][x.length];
			double[] s = c.scores(x, y, g);
			assertArrayEquals(c.scores(x, y, null), s, 0);
			double h = 1e-6;
			for (int curve = 0; curve < 2; curve++)
				for (int k = 0; k < x.length; k++) {
					double keep = y[curve][k];
					y[curve][k] = keep + h;
					double up = c.scores(x, y, null)[curve];
					y[curve][k] = keep - h;
					double down = c.scores(x, y, null)[curve];
					y[curve][k] = keep;
					assertEquals((up - down) / (2 * h), g[curve][k], 1e-6 * Math.max(1, Math.abs(g[curve][k])), "resampled " + resampled + " point " + k);
				}
		}
	}
}
