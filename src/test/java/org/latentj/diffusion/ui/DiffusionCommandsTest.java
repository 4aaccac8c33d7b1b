package org.latentj.diffusion.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.io.CsvTable;
import org.latentj.diffusion.BetaSchedule;
import org.latentj.diffusion.LatentCsv;
import org.latentj.diffusion.TrainingLength;
import org.latentj.diffusion.TrajectoryCsv;
import org.latentj.diffusion.Latents;
import org.latentj.diffusion.SbmGrid;
import org.latentj.diffusion.SbmSimulator;
import org.latentj.diffusion.Trajectories;
import org.latentj.util.BadInputException;
import org.latentj.testing.SyntheticLatents;
import org.latentj.util.Progress;

import ij.IJ;
import ij.ImagePlus;

/** The five Diffusion commands run as the headless runner runs them: fields set, run() called. */
class DiffusionCommandsTest {

	@TempDir
	Path dir;

	private SimulateSbmCommand smallSimulation(String name) {
		SimulateSbmCommand c = new SimulateSbmCommand();
		c.alpha_steps = 3;
		c.d_steps = 2;
		c.n = 20;
		c.length = 40;
		c.seed = 5;
		c.output = dir.resolve(name).toFile();
		return c;
	}

	/** Runs {@code sim}, then a 3-latent training on its output, batch 32, to {@code output} (not run). */
	private TrainLatentModelCommand smallTraining(SimulateSbmCommand sim, int epochs, String output) {
		sim.run();
		TrainLatentModelCommand train = new TrainLatentModelCommand();
		train.data = sim.output;
		train.latents = 3;
		train.epochs = epochs;
		train.batch = 32;
		train.output = dir.resolve(output).toFile();
		return train;
	}

	@Test
	void simulateDefaultsAreSpivaesGrid() {
		SimulateSbmCommand c = new SimulateSbmCommand();
		assertEquals(0.2, c.alpha_min, 0);
		assertEquals(1.8, c.alpha_max, 0);
		assertEquals(21, c.alpha_steps);
		assertEquals(1e-5, c.d_min, 0);
		assertEquals(1e-2, c.d_max, 0);
		assertEquals(10, c.d_steps);
		assertEquals(400, c.length);
		assertEquals(476, c.n);
		assertEquals("displacements", c.what);
	}

	/** Issue 14: batch and epochs default to auto (LatentDefaultsSlowTest checks what auto gives). */
	@Test
	void trainDefaultsChooseBatchAndEpochsFromTheDataSize() {
		TrainLatentModelCommand c = new TrainLatentModelCommand();
		assertEquals(TrainingLength.AUTO, c.batch);
		assertEquals(TrainingLength.AUTO, c.epochs);
		assertEquals(6, c.latents);
		assertEquals(1e-3, c.learning_rate, 0);
		assertEquals(BetaSchedule.SPIVAE, c.beta);
		assertEquals(0.2, c.validation, 0);
	}

	@Test
	void simulateWritesTheSameCsvForTheSameSeed() throws IOException {
		SimulateSbmCommand c = smallSimulation("a.csv");
		c.run();
		smallSimulation("b.csv").run();
		assertArrayEquals(Files.readAllBytes(dir.resolve("a.csv")), Files.readAllBytes(dir.resolve("b.csv")));
		Trajectories t = TrajectoryCsv.read(dir.resolve("a.csv"), null, Progress.NONE);
		Trajectories direct = SbmSimulator.simulate(SbmGrid.of(0.2, 1.8, 3, 1e-5, 1e-2, 2), 20, 40, 5, Trajectories.Kind.DISPLACEMENTS,
				Progress.NONE);
		assertArrayEquals(direct.values(), t.values(), 0);
		SimulateSbmCommand p = smallSimulation("p.csv");
		p.what = "positions";
		p.run();
		assertTrue(Files.readAllLines(dir.resolve("p.csv")).get(0).startsWith("alpha,D,x1,x2"));
	}

	private void badSimulation(String expected, java.util.function.Consumer<SimulateSbmCommand> change) throws IOException {
		SimulateSbmCommand c = smallSimulation("bad.csv");
		change.accept(c);
		String m = assertThrows(BadInputException.class, c::run).getMessage();
		assertTrue(m.contains(expected), m);
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(0, s.filter(q -> q.getFileName().toString().contains("bad")).count(), "nothing written");
		}
	}

	@Test
	void simulateRejectsBadKeys() throws IOException {
		badSimulation("'alpha_max' is 2.5", c -> c.alpha_max = 2.5);
		badSimulation("'alpha_min' is 0.0", c -> c.alpha_min = 0);
		badSimulation("'alpha_max' (0.1) is smaller", c -> c.alpha_max = 0.1);
		badSimulation("'d_min' is -1.0", c -> c.d_min = -1);
		badSimulation("'length' is 1.0", c -> c.length = 1);
		badSimulation("'n' is 0.0", c -> c.n = 0);
		badSimulation("'what' is 'velocities'", c -> c.what = "velocities");
		badSimulation("would hold", c -> {
			c.n = 1_000_000;
			c.length = 4000;
		});
	}

	@Test
	void msdAnalysisWritesItsTables() throws IOException {
		SimulateSbmCommand sim = smallSimulation("traj.csv");
		sim.alpha_min = 0.5;
		sim.alpha_max = 1.5;
		sim.n = 300;
		sim.run();
		MsdAnalysisCommand msd = new MsdAnalysisCommand();
		msd.data = sim.output;
		msd.output = dir.resolve("msd").toFile();
		msd.run();
		Path out = dir.resolve("msd");
		for (String f : List.of("msd_estimates.csv", "msd_trajectories.csv", "msd_curves.csv", "msd_curves.png"))
			assertTrue(Files.isRegularFile(out.resolve(f)), f);
		CsvTable est = CsvTable.read(out.resolve("msd_estimates.csv"));
		assertEquals(6, est.rowCount());
		double[] alpha = est.numbers("alpha"), alphaEa = est.numbers("alpha_ea");
		for (int i = 0; i < 6; i++) assertEquals(alpha[i], alphaEa[i], 0.15, "cell " + i);
		assertEquals(6 * 300, CsvTable.read(out.resolve("msd_trajectories.csv")).rowCount());
		CsvTable curves = CsvTable.read(out.resolve("msd_curves.csv"));
		assertTrue(curves.hasColumn("ea_msd_40"));
		// the mean TA-MSD per cell, lags 1..ta_max_lag, as computed
		assertTrue(curves.hasColumn("mean_ta_msd_4") && !curves.hasColumn("mean_ta_msd_5"));
		org.latentj.diffusion.MsdAnalysis.Result computed = org.latentj.diffusion.AnalyzeMsd.run(
				new org.latentj.diffusion.AnalyzeMsd.Settings(msd.data.toPath(), org.latentj.diffusion.What.AUTO, 0, 0, null), Progress.NONE, null)
				.analysis();
		for (int c = 0; c < 6; c++)
			for (int k = 1; k <= 4; k++) assertEquals(computed.meanTaMsd[c * 4 + k - 1], curves.numbers("mean_ta_msd_" + k)[c], 0);
		assertEquals(40, computed.maxLag);
		assertEquals(4, computed.taMaxLag);

		msd.max_lag = 41;
		assertTrue(assertThrows(BadInputException.class, msd::run).getMessage().contains("'max_lag' is 41"));
		msd.max_lag = 0;
		msd.data = dir.resolve("missing.csv").toFile();
		assertTrue(assertThrows(BadInputException.class, msd::run).getMessage().contains("does not exist"));
	}

	/** The status lines (stdout headless: stderr holds only failures) of a run. */
	private static String statusOf(Runnable command) {
		java.io.PrintStream saved = System.out;
		java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8));
		try {
			command.run();
		} finally {
			System.setOut(saved);
		}
		return text.toString(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void statusLinesSayHowAutoReadTheValues() throws IOException {
		SimulateSbmCommand sim = smallSimulation("pos.csv");
		sim.what = "positions";
		sim.run();
		MsdAnalysisCommand msd = new MsdAnalysisCommand();
		msd.data = sim.output;
		String status = statusOf(msd);
		assertTrue(status.contains("MSD of 120 trajectories in 6 cells; read as positions (what=auto)."), status);
		assertEquals(Trajectories.Kind.POSITIONS, TrajectoryCsv.read(sim.output.toPath(), null, Progress.NONE).kind());
		msd.what = "positions";
		status = statusOf(msd);
		assertTrue(status.contains("MSD of 120 trajectories in 6 cells.") && !status.contains("what=auto"), status);
		TrainLatentModelCommand train = new TrainLatentModelCommand();
		train.data = smallSimulation("dx.csv").output;
		smallSimulation("dx.csv").run();
		train.latents = 2;
		train.epochs = 1;
		train.output = dir.resolve("m.json").toFile();
		status = statusOf(train);
		assertTrue(status.contains("; model written to m.json; read as displacements (what=auto)."), status);
		// batch left at auto: 96 training trajectories give the smallest automatic batch
		assertTrue(status.contains("Trained on 96 trajectories (24 held out), 1 epochs of batch 32, final loss"), status);
		EncodeTrajectoriesCommand enc = new EncodeTrajectoriesCommand();
		enc.model = train.output;
		enc.data = sim.output;
		enc.output = dir.resolve("l.csv").toFile();
		status = statusOf(enc);
		assertTrue(status.contains("Encoded 120 trajectories into 2 latents: l.csv; read as positions (what=auto)."), status);
	}

	@Test
	void trainEncodeAndAnalyse() throws IOException {
		SimulateSbmCommand sim = smallSimulation("train.csv");
		TrainLatentModelCommand train = smallTraining(sim, 2, "model.json");
		train.run();
		assertTrue(Files.isRegularFile(dir.resolve("model.json")));
		org.latentj.diffusion.LatentModelFile.Loaded trained = org.latentj.diffusion.LatentModelFile.read(dir.resolve("model.json"));
		assertEquals(2, trained.history().size());
		assertEquals(24, trained.history().validationCount()); // 120 trajectories, 20% held out

		EncodeTrajectoriesCommand enc = new EncodeTrajectoriesCommand();
		enc.model = train.output;
		enc.data = sim.output;
		enc.output = dir.resolve("latents.csv").toFile();
		enc.run();
		Latents l = LatentCsv.read(dir.resolve("latents.csv"));
		assertEquals(120, l.count());
		assertEquals(3, l.latents());
		assertEquals(Files.readAllLines(dir.resolve("latents.csv")).get(0), "alpha,D,mu_0,mu_1,mu_2,logvar_0,logvar_1,logvar_2");

		LatentAnalysisCommand an = new LatentAnalysisCommand();
		an.data = enc.output;
		an.length = 40;
		an.output = dir.resolve("analysis").toFile();
		an.run();
		CsvTable neurons = CsvTable.read(dir.resolve("analysis/latent_neurons.csv"));
		assertEquals(3, neurons.rowCount());
		CsvTable r2 = CsvTable.read(dir.resolve("analysis/latent_r2.csv"));
		assertTrue(r2.hasColumn("neuron_2"));
		assertTrue(Files.isRegularFile(dir.resolve("analysis/mean_mu.tif")));
		assertTrue(Files.isRegularFile(dir.resolve("analysis/mu_vs_alpha.png")));

		// a model for another length
		SimulateSbmCommand other = smallSimulation("other.csv");
		other.length = 30;
		other.run();
		enc.data = other.output;
		enc.output = dir.resolve("never.csv").toFile();
		String m = assertThrows(BadInputException.class, enc::run).getMessage();
		assertTrue(m.contains("trained on trajectories of 40 steps") && m.contains("has 30"), m);
		assertFalse(Files.exists(dir.resolve("never.csv")));
		// told from the header, before the rows are read (this one's rows are broken)
		enc.data = file("short-header.csv", "alpha,D,x1,x2,x3\n1,1,1,2\n").toFile();
		m = assertThrows(BadInputException.class, enc::run).getMessage();
		assertTrue(m.contains("trained on trajectories of 40 steps") && m.contains("short-header.csv has 3."), m);

		// bad keys
		train.beta = "0, lots";
		{ String bm = assertThrows(BadInputException.class, train::run).getMessage(); assertTrue(bm.contains("'beta'"), bm); }
		train.beta = "0";
		train.validation = 1;
		assertTrue(assertThrows(BadInputException.class, train::run).getMessage().contains("'validation'"));
		an.data = sim.output; // a trajectory file is not a latent file
		assertTrue(assertThrows(BadInputException.class, an::run).getMessage().contains("latent file"));
	}

	/**
	 * Two informative neurons (1 and 4, see {@link SyntheticLatents}): each gets its histograms and
	 * its plot against its best expression, the switched-off neurons none.
	 */
	@Test
	void latentAnalysisWritesThePerNeuronOutputs() throws IOException {
		int T = 400, perCell = 10, n = SbmGrid.SPIVAE.cells() * perCell;
		Path latents = dir.resolve("synthetic.csv");
		LatentCsv.write(latents, SyntheticLatents.twoInformative(T, perCell, 2));
		LatentAnalysisCommand an = new LatentAnalysisCommand();
		an.data = latents.toFile();
		an.length = T;
		an.output = dir.resolve("analysis").toFile();
		an.run();
		Path out = dir.resolve("analysis");
		assertArrayEquals(new boolean[] { false, true, false, false, true, false }, org.latentj.diffusion.LatentAnalysis.analyze(LatentCsv.read(latents), T).informative);
		CsvTable neurons = CsvTable.read(out.resolve("latent_neurons.csv"));
		assertEquals("log(alpha D T^(alpha-1))", neurons.text(1, neurons.column("best_expression")));
		assertEquals("log(alpha D T^(1-alpha))", neurons.text(4, neurons.column("best_expression")));
		for (int j = 0; j < 6; j++) {
			boolean informative = j == 1 || j == 4;
			for (String f : List.of("hist_mu" + j + "_alpha.tif", "hist_mu" + j + "_logD.tif", "hist_mu" + j + "_best.tif", "mu" + j + "_vs_best.png"))
				assertEquals(informative, Files.isRegularFile(out.resolve(f)), f);
		}
		// the histograms: every trajectory counted once, alpha / log10 D columns calibrated, mu upwards
		for (int j : SyntheticLatents.INFORMATIVE) {
			double[] mu = LatentCsv.read(latents).muOf(j);
			ImagePlus alpha = IJ.openImage(out.resolve("hist_mu" + j + "_alpha.tif").toString());
			assertEquals(21, alpha.getWidth());
			assertEquals(125, alpha.getHeight());
			assertEquals(n, totalCount(alpha), 1e-2);
			assertEquals(0.2, alpha.getCalibration().getX(0), 1e-9);
			assertEquals(1.8, alpha.getCalibration().getX(20), 1e-9);
			double muMin = java.util.Arrays.stream(mu).min().getAsDouble(), muMax = java.util.Arrays.stream(mu).max().getAsDouble();
			assertEquals(muMax, alpha.getCalibration().getY(0, 125), (muMax - muMin) / 125); // top row: the largest mu
			ImagePlus logD = IJ.openImage(out.resolve("hist_mu" + j + "_logD.tif").toString());
			assertEquals(10, logD.getWidth());
			assertEquals(n, totalCount(logD), 1e-2);
			assertEquals(-5, logD.getCalibration().getX(0), 1e-9);
			// against its best expression mu is a line: slope +0.3 for neuron 1 (mu rises: rows go up), -0.4 for neuron 4
			ImagePlus best = IJ.openImage(out.resolve("hist_mu" + j + "_best.tif").toString());
			assertEquals(64, best.getWidth());
			assertEquals(n, totalCount(best), 1e-2);
			double first = meanRow(best, 0), last = meanRow(best, best.getWidth() - 1);
			if (j == 1) assertTrue(last < first - 80, "neuron 1 rises: rows " + first + " -> " + last);
			else assertTrue(last > first + 80, "neuron 4 falls: rows " + first + " -> " + last);
			// the plot: the neuron's dots in its color (neuron 1 orange, 4 purple) and the black fitted line
			ImagePlus plot = IJ.openImage(out.resolve("mu" + j + "_vs_best.png").toString());
			assertTrue(plot.getWidth() > 300 && plot.getHeight() > 200, plot.getWidth() + "x" + plot.getHeight());
			int color = j == 1 ? 0xff7f0e : 0x9467bd;
			assertTrue(pixels(plot, color) > 200, "dots of neuron " + j);
		}
	}

	private static double totalCount(ImagePlus histogram) {
		double total = 0;
		for (float v : (float[]) histogram.getProcessor().getPixels()) total += Math.pow(10, v) - 1;
		return total;
	}

	/** Count-weighted mean row of a histogram column (row 0 at the top). */
	private static double meanRow(ImagePlus histogram, int column) {
		double s = 0, w = 0;
		for (int row = 0; row < histogram.getHeight(); row++) {
			double c = Math.pow(10, histogram.getProcessor().getPixelValue(column, row)) - 1;
			s += c * row;
			w += c;
		}
		return s / w;
	}

	private static int pixels(ImagePlus imp, int rgb) {
		int[] px = (int[]) imp.getProcessor().convertToRGB().getPixels();
		int n = 0;
		for (int p : px)
			if ((p & 0xffffff) == rgb) n++;
		return n;
	}

	@Test
	void trainingThatDivergesSaysSoAndWritesNothing() throws IOException {
		SimulateSbmCommand sim = smallSimulation("train.csv");
		TrainLatentModelCommand train = smallTraining(sim, 10, "diverged.json");
		train.learning_rate = 1; // Adam steps of ~1 in every weight: the variance overflows within an epoch
		String m = assertThrows(BadInputException.class, train::run).getMessage();
		assertTrue(m.startsWith("Training diverged at epoch 1 (loss ") && m.endsWith("; lower 'learning_rate' (now 1.0)."), m);
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(0, s.filter(q -> q.getFileName().toString().contains("diverged")).count(), "nothing written");
		}
	}

	/**
	 * An output that cannot be written fails before anything is read or computed: every input here
	 * is broken too, and the message must be about the output.
	 */
	@Test
	void unwritableOutputsFailBeforeAnyWork() throws IOException {
		Path blocker = file("blocker", "a file where a folder is needed\n");
		Path badData = file("bad-data.csv", "alpha,D,x1,x2\n1,1,1,abc\n");
		Path badModel = file("bad-model.json", "not a model\n");
		File out = blocker.resolve("out").toFile(), outFile = blocker.resolve("out.csv").toFile();
		TrainLatentModelCommand train = new TrainLatentModelCommand();
		train.data = badData.toFile();
		train.output = outFile;
		EncodeTrajectoriesCommand enc = new EncodeTrajectoriesCommand();
		enc.model = badModel.toFile();
		enc.data = badData.toFile();
		enc.output = outFile;
		MsdAnalysisCommand msd = new MsdAnalysisCommand();
		msd.data = badData.toFile();
		msd.output = out;
		LatentAnalysisCommand an = new LatentAnalysisCommand();
		an.data = badData.toFile();
		an.output = out;
		SimulateSbmCommand sim = smallSimulation("unused.csv");
		sim.output = outFile;
		for (Runnable c : List.<Runnable>of(train, enc, msd, an, sim)) {
			String m = assertThrows(BadInputException.class, c::run).getMessage();
			assertTrue(m.startsWith("Cannot create the output folder " + blocker.toAbsolutePath()), c.getClass().getSimpleName() + ": " + m);
		}
	}

	private Path file(String name, String text) throws IOException {
		return Files.writeString(dir.resolve(name), text);
	}

	@Test
	void stillTrajectoriesCannotBeEncoded() throws IOException {
		Path p = dir.resolve("still.csv");
		Files.writeString(p, "alpha,D,dx1,dx2,dx3\n1,1,0.1,0.2,0.3\n1,1,0,0,0\n");
		TrainLatentModelCommand train = new TrainLatentModelCommand();
		train.data = p.toFile();
		train.output = new File(dir.toFile(), "m.json");
		assertTrue(assertThrows(BadInputException.class, train::run).getMessage().contains("row 3 never moves"));
		// blank lines count as rows, as a spreadsheet or editor shows the file
		Path blank = dir.resolve("still-after-blank.csv");
		Files.writeString(blank, "alpha,D,dx1,dx2,dx3\n1,1,0.1,0.2,0.3\n\n1,1,0.3,0.2,0.1\n\n1,1,0,0,0\n1,1,0.1,0.2,0.3\n");
		train.data = blank.toFile();
		String m = assertThrows(BadInputException.class, train::run).getMessage();
		assertTrue(m.contains("still-after-blank.csv: row 6 never moves"), m);
		assertFalse(Files.exists(dir.resolve("m.json")));
	}
}
