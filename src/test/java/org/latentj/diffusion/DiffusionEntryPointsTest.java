package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.io.CsvTable;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/** The five Diffusion entry points called as a script calls them: settings in, result out, no ImageJ. */
class DiffusionEntryPointsTest {

	@TempDir
	Path dir;

	private SimulateSbm.Result simulate(String name, double alphaMin, double alphaMax, int alphaSteps, int n, What what) {
		return SimulateSbm.run(new SimulateSbm.Settings(alphaMin, alphaMax, alphaSteps, 1e-3, 1e-2, 2, n, 40, 3, what, dir.resolve(name)),
				Progress.NONE);
	}

	@Test
	void thePipelineRunsWithoutImageJ() throws IOException {
		SimulateSbm.Result sim = simulate("sbm.csv", 0.5, 1.5, 3, 100, What.DISPLACEMENTS);
		assertEquals(600, sim.trajectories().count());
		AnalyzeMsd.Result msd = AnalyzeMsd.run(new AnalyzeMsd.Settings(sim.output(), What.AUTO, 0, 0, dir.resolve("msd")), Progress.NONE, null);
		for (int c = 0; c < 6; c++) assertEquals(msd.analysis().cells.alpha(c), msd.analysis().eaFit[c].alpha(), 0.2, "cell " + c);
		assertEquals(List.of(), msd.warnings());
		assertFalse(Files.exists(dir.resolve("msd/msd_curves.png")), "no figures without a writer");
		TrainLatentModel.Result train = TrainLatentModel.run(new TrainLatentModel.Settings(sim.output(), What.AUTO, 2, 1, 64, 1e-3,
				TrainLatentModel.beta("0"), 1, 0.2, dir.resolve("m.json")), Progress.NONE);
		assertEquals(480, train.training().trainCount());
		EncodeTrajectories.Result enc = EncodeTrajectories.run(new EncodeTrajectories.Settings(train.output(), sim.output(), What.AUTO,
				dir.resolve("latents.csv")), Progress.NONE);
		assertEquals(600, enc.latents().count());
		AnalyzeLatents.Result an = AnalyzeLatents.run(new AnalyzeLatents.Settings(enc.output(), 40, dir.resolve("analysis")), Progress.NONE,
				(r, folder) -> Files.writeString(folder.resolve("figure.txt"), r.analysis().latents + " neurons"));
		assertEquals(2, an.analysis().latents);
		assertEquals("2 neurons", Files.readString(dir.resolve("analysis/figure.txt")), "figures staged with the tables");
		assertEquals(2, CsvTable.read(dir.resolve("analysis/latent_neurons.csv")).rowCount());
	}

	/** Issue 12 item 16: counts and row numbers are whole numbers in the MSD tables ("100", was "100.0"). */
	@Test
	void countsAreWrittenAsWholeNumbers() throws IOException {
		SimulateSbm.Result sim = simulate("sbm.csv", 0.5, 1.5, 3, 100, What.DISPLACEMENTS);
		AnalyzeMsd.run(new AnalyzeMsd.Settings(sim.output(), What.AUTO, 0, 0, dir.resolve("msd")), Progress.NONE, null);
		List<String> est = Files.readAllLines(dir.resolve("msd/msd_estimates.csv"));
		String[] row = est.get(1).split(",");
		assertEquals("100", row[2], est.get(1)); // n
		assertEquals("100", row[11], est.get(1)); // ta_fitted
		assertTrue(Files.readAllLines(dir.resolve("msd/msd_trajectories.csv")).get(1).startsWith("1,0.5,0.001,"));
		assertEquals("100", Files.readAllLines(dir.resolve("msd/msd_curves.csv")).get(1).split(",")[2]);
	}

	/** Issue 12 item 16: labels without rounding noise (0.2 + 5 * 0.08 is 0.6000000000000001 in doubles). */
	@Test
	void simulatedLabelsCarryNoRoundingNoise() throws IOException {
		SbmGrid g = SbmGrid.SPIVAE;
		assertEquals(0.6, g.alphas()[5], 0);
		assertEquals(1e-3, g.ds()[6], 0); // geomspace gives 0.0010000000000000002
		assertEquals(1e-4, g.ds()[3], 0); // and 9.999999999999991E-5
		simulate("labels.csv", 0.2, 1.8, 21, 1, What.DISPLACEMENTS);
		for (String line : Files.readAllLines(dir.resolve("labels.csv")).subList(1, 43)) {
			String[] f = line.split(",", 3);
			assertTrue(f[0].length() <= 4 && f[1].length() <= 5, "labels " + f[0] + ", " + f[1]);
		}
		// the values are those meant: within a few ulps of numpy's
		double[] numpy = SbmGrid.geomspace(1e-5, 1e-2, 10);
		for (int j = 0; j < 10; j++) assertEquals(numpy[j], g.ds()[j], 8 * Math.ulp(numpy[j]));
		assertEquals(0.6, SbmGrid.shortest(0.6000000000000001), 0);
		assertEquals(3.14159265358979, SbmGrid.shortest(Math.PI), 0); // 15 digits are within 8 ulps of pi
		java.util.SplittableRandom random = new java.util.SplittableRandom(1);
		for (int i = 0; i < 1000; i++) {
			double v = Math.exp(random.nextDouble(-20, 5));
			assertEquals(v, SbmGrid.shortest(v), 8 * Math.ulp(v));
		}
	}

	/** Issue 12 item 16: one trajectory per cell fits alpha_ea 0.023 for 0.5 (r2 -1.11) without a word. */
	@Test
	void thinCellsAndUnfitCurvesAreWarnedAbout() {
		SimulateSbm.Result sim = simulate("one.csv", 0.5, 1.5, 3, 1, What.DISPLACEMENTS);
		AnalyzeMsd.Result msd = AnalyzeMsd.run(new AnalyzeMsd.Settings(sim.output(), What.AUTO, 0, 0, null), Progress.NONE, null);
		String all = String.join(" ", msd.warnings());
		assertTrue(all.contains("6 of 6 (alpha, D) cells hold fewer than 10 trajectories (the smallest 1)"), all);
		int below = 0;
		for (PowerLawFit f : msd.analysis().eaFit)
			if (f.r2() < 0) below++;
		assertEquals(below > 0, all.contains("r2_ea below 0"), all);
	}

	/** Issue 12 item 16: positions forced to be read as displacements (lag-1 autocorrelation ~0.96) are warned about. */
	@Test
	void aForcedKindThatTheValuesContradictIsWarnedAbout() {
		SimulateSbm.Result pos = simulate("pos.csv", 0.5, 1.5, 3, 30, What.POSITIONS);
		AnalyzeMsd.Result forced = AnalyzeMsd.run(new AnalyzeMsd.Settings(pos.output(), What.DISPLACEMENTS, 0, 0, null), Progress.NONE, null);
		String w = String.join(" ", forced.warnings());
		assertTrue(w.contains("what=displacements was given, but the values look like positions (lag-1 autocorrelation 0.9"), w);
		AnalyzeMsd.Result right = AnalyzeMsd.run(new AnalyzeMsd.Settings(pos.output(), What.POSITIONS, 0, 0, null), Progress.NONE, null);
		assertEquals(List.of(), right.warnings());
		SimulateSbm.Result dx = simulate("dx.csv", 0.5, 1.5, 3, 30, What.DISPLACEMENTS);
		w = String.join(" ", AnalyzeMsd.run(new AnalyzeMsd.Settings(dx.output(), What.POSITIONS, 0, 0, null), Progress.NONE, null).warnings());
		assertTrue(w.contains("what=positions was given, but the values look like displacements"), w);
	}

	@Test
	void settingsAreCheckedWhereTheyAreMade() {
		assertEquals(What.POSITIONS, What.parse(" Positions "));
		assertEquals(What.AUTO, What.parse(""));
		String m = assertThrows(BadInputException.class, () -> What.parse("auto", false)).getMessage();
		assertEquals("The key 'what' is 'auto'; use displacements or positions.", m);
		m = assertThrows(BadInputException.class, () -> new AnalyzeMsd.Settings(dir.resolve("none.csv"), What.AUTO, 0, 0, null)).getMessage();
		assertTrue(m.contains("does not exist"), m);
		m = assertThrows(BadInputException.class, () -> new AnalyzeMsd.Settings(null, What.AUTO, -1, 0, null)).getMessage();
		assertTrue(m.contains("'max_lag' is -1"), m);
		m = assertThrows(BadInputException.class, () -> TrainLatentModel.beta("0, lots")).getMessage();
		assertTrue(m.startsWith("The key 'beta' is not a schedule"), m);
		SimulateSbm.Result sim = simulate("s.csv", 0.5, 1.5, 3, 5, What.DISPLACEMENTS);
		m = assertThrows(BadInputException.class,
				() -> AnalyzeMsd.run(new AnalyzeMsd.Settings(sim.output(), What.AUTO, 41, 0, null), Progress.NONE, null)).getMessage();
		assertEquals("The key 'max_lag' is 41; it must be 0 (all 40 lags) or in 2..40.", m);
	}

	/**
	 * Issue 14: a model whose latent space has not collapsed to the informative neurons says so; the
	 * warning agrees with Latent Analysis of the same data's encoding.
	 */
	@Test
	void anUncollapsedLatentSpaceIsWarnedAbout() {
		SimulateSbm.Result sim = simulate("sbm.csv", 0.5, 1.5, 3, 40, What.DISPLACEMENTS);
		TrainLatentModel.Result train = TrainLatentModel.run(new TrainLatentModel.Settings(sim.output(), What.AUTO, 4, 40, 16, 3e-3,
				TrainLatentModel.beta("0"), 1, 0.2, dir.resolve("m.json")), Progress.NONE); // no KL weight: nothing pushes neurons off
		EncodeTrajectories.Result enc = EncodeTrajectories.run(new EncodeTrajectories.Settings(train.output(), sim.output(), What.AUTO,
				dir.resolve("l.csv")), Progress.NONE);
		int informative = LatentAnalysis.analyze(enc.latents(), 40).informativeCount();
		String w = String.join(" ", train.warnings());
		assertTrue(informative > 2, "beta 0 leaves the neurons on: " + informative);
		assertTrue(w.startsWith(informative + " of 4 latent neurons stay informative"), w);
		// 240 trajectories, 192 train: 12 batches of 16 per epoch, 480 steps; the suggestion keeps batch 16
		// (auto would be 32) and asks for MIN_STEPS = 6,000 steps, 500 epochs of 12
		assertTrue(w.endsWith("has not collapsed after 480 Adam steps (40 epochs of batch 16 over 192 trajectories); try batch=16"
				+ " epochs=500 (6000 steps)."), w);
	}
}
