package org.latentj.symbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

class CriticTrainerTest {

	private static CriticTrainer.Settings small(String library, CriticTrainer.Extensions ext, Critic.Loss loss, double gp, int epochs, long seed) {
		return new CriticTrainer.Settings(FunctionLibrary.load(library), -1, 1, 40, MlpGenerator.seed(), ext, true, 1, 8, 2, 32, loss, gp, 3e-3,
				1e-7, 2, 16, epochs, 100, seed);
	}

	/** Same seed, same bits: the history, the threshold and every weight. */
	@Test
	void seededRunsAreReproducible() {
		CriticTrainer.Settings s = small("lib4", CriticTrainer.Extensions.BOTH, Critic.Loss.WGAN_GP, 1e-2, 15, 7);
		CriticTrainer.Result a = CriticTrainer.train(s, Progress.NONE), b = CriticTrainer.train(s, Progress.NONE);
		assertArrayEquals(a.loss(), b.loss());
		assertArrayEquals(a.accuracy(), b.accuracy());
		assertEquals(a.threshold(), b.threshold());
		assertArrayEquals(a.test().scores(), b.test().scores());
		for (int l = 0; l < a.critic().head().layers(); l++) assertArrayEquals(a.critic().head().weights(l), b.critic().head().weights(l));
		assertArrayEquals(a.critic().scales(), b.critic().scales());
		CriticTrainer.Result c = CriticTrainer.train(small("lib4", CriticTrainer.Extensions.BOTH, Critic.Loss.WGAN_GP, 1e-2, 15, 8), Progress.NONE);
		assertTrue(c.loss()[14] != a.loss()[14]);
	}

	/** The calibrated threshold maximizes the right answers (by hand: library 3, 5, 6; generated 1, 4, 2). */
	@Test
	void calibrationPicksTheBestCut() {
		double[] scores = { 3, 5, 6, 1, 4, 2 };
		double t = CriticTrainer.calibrate(scores, 3);
		assertEquals(2.5, t); // 5 of 6 right: only the generated 4 above it
		assertEquals(5 / 6.0, CriticTrainer.accuracy(new CriticTrainer.HeldOut(new double[6][], scores, 3), t), 1e-15);
		assertEquals(4.5, CriticTrainer.calibrate(new double[] { 5, 6, 1, 4 }, 2)); // perfectly separable
	}

	/** A small critic with the gradient channel learns lib1 against untrained networks well above chance. */
	@Test
	void learnsTheSeedLibrary() {
		CriticTrainer.Result r = CriticTrainer.train(small("lib1", CriticTrainer.Extensions.GRADIENT, Critic.Loss.LOGISTIC, 0, 150, 1), Progress.NONE);
		assertTrue(r.calibratedAccuracy() > 0.8, "held-out accuracy " + r.calibratedAccuracy());
	}

	/** critic.json round trip: the same scores on the grid; curves on another grid resampled; outside refused. */
	@Test
	void criticFileAndScoring(@TempDir Path dir) throws Exception {
		CriticTrainer.Result r = CriticTrainer.train(small("lib2", CriticTrainer.Extensions.GRADIENT, Critic.Loss.LOGISTIC, 0, 5, 3), Progress.NONE);
		Path file = dir.resolve("critic.json");
		CriticFile.write(file, r);
		CriticFile.Loaded back = CriticFile.read(file);
		assertEquals(r.threshold(), back.threshold());
		double[][] curves = new double[4][];
		for (int i = 0; i < 4; i++) curves[i] = r.test().curves()[i * 50];
		double[] direct = back.score(curves);
		// the held-out scores used exact derivatives, these central differences: close, not equal
		for (int i = 0; i < 4; i++) assertEquals(r.test().scores()[i * 50], direct[i], 0.05 * (1 + Math.abs(direct[i])));
		double[] grid = back.grid();
		StringBuilder csv = new StringBuilder("x,a,b\n");
		for (int i = 0; i < grid.length; i++) csv.append(grid[i]).append(',').append(curves[0][i]).append(',').append(curves[1][i]).append('\n');
		Path same = dir.resolve("same.csv");
		Files.writeString(same, csv);
		CurveScoring.Result s = CurveScoring.score(back, same);
		assertEquals(direct[0], s.scores()[0]);
		assertEquals(direct[1], s.scores()[1]);
		assertEquals(direct[0] > back.threshold(), s.symbolic()[0]);
		// a line on a finer grid: resampled (exactly linear between points on the critic's grid)
		StringBuilder fine = new StringBuilder("x,q\n");
		for (int i = 0; i <= 400; i++) {
			double x = -1 + i / 200.0;
			fine.append(x).append(',').append(0.1 * x).append('\n');
		}
		Path finer = dir.resolve("fine.csv");
		Files.writeString(finer, fine);
		double[] line = new double[grid.length];
		for (int i = 0; i < grid.length; i++) line[i] = 0.1 * grid[i];
		CurveScoring.Result f = CurveScoring.score(back, finer);
		assertTrue(f.resampled());
		assertEquals(back.score(new double[][] { line })[0], f.scores()[0], 1e-9);
		Path narrow = dir.resolve("narrow.csv");
		Files.writeString(narrow, "x,q\n-0.5,1\n0,2\n1,3\n");
		BadInputException e = assertThrows(BadInputException.class, () -> CurveScoring.score(back, narrow));
		assertTrue(e.getMessage().contains("cover x = -0.5..1.0 but the critic reads x = -1.0..1.0"), e.getMessage());
	}

	@Test
	void badSettingsNameTheKey() {
		BadInputException e = assertThrows(BadInputException.class, () -> small("lib1", CriticTrainer.Extensions.NONE, Critic.Loss.LOGISTIC, -1, 5, 1));
		assertEquals("The key 'gp' is -1.0; it must be 0 or more.", e.getMessage());
		e = assertThrows(BadInputException.class, () -> CriticTrainer.Extensions.parse("curvature"));
		assertTrue(e.getMessage().startsWith("The key 'extensions' is 'curvature'"));
	}

	/**
	 * The products are cut into pieces per thread; every number is still computed by one piece in one order, so 1 and
	 * 3 threads train to the same bits (sizes such that the embedding's 24 x 24 layer, 3,600 rows, and the head's first
	 * layer, 300 x 96, are above Kernels.PARALLEL_WORK and cut into pieces).
	 */
	@Test
	void threadCountDoesNotChangeTheBits() {
		double[][][][] weights = new double[2][][][];
		String keep = System.getProperty("latentj.threads");
		try {
			for (int run = 0; run < 2; run++) {
				System.setProperty("latentj.threads", run == 0 ? "1" : "3");
				java.util.Random r = new java.util.Random(3);
				Critic c = new Critic(300, 2, true, new int[] { 24, 24 }, new int[] { 96, 96 }, r);
				org.latentj.nn.Adam adam = c.optimizer(1e-3, 1e-7);
				int count = 6;
				double[] x = new double[2 * count * 300 * 2];
				for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
				for (int step = 0; step < 3; step++) c.step(x, count, Critic.Loss.WGAN_GP, 0.5, r, adam);
				java.util.List<double[][]> all = new java.util.ArrayList<>();
				for (org.latentj.nn.Mlp net : new org.latentj.nn.Mlp[] { c.embedding(), c.head() })
					for (int l = 0; l < net.layers(); l++) {
						all.add(net.weights(l));
						all.add(new double[][] { net.biases(l) });
					}
				weights[run] = all.toArray(new double[0][][]);
			}
		} finally {
			if (keep == null) System.clearProperty("latentj.threads");
			else System.setProperty("latentj.threads", keep);
		}
		assertTrue(java.util.Arrays.deepEquals(weights[0], weights[1]));
	}
}
