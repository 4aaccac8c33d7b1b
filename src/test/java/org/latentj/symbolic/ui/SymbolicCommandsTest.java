package org.latentj.symbolic.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.io.CsvTable;
import org.latentj.util.BadInputException;

/** The three Symbolic commands run as the headless runner runs them: fields set, run() called. */
class SymbolicCommandsTest {

	@TempDir
	Path dir;

	private TrainSymbolicDiscriminatorCommand small(String library, Path out) {
		TrainSymbolicDiscriminatorCommand c = new TrainSymbolicDiscriminatorCommand();
		c.library = new java.io.File(library);
		c.points = 30;
		c.embed_width = 4;
		c.width = 16;
		c.epochs = 12;
		c.batch = 8;
		c.held_out = 20;
		c.window = 5;
		c.seed = 2;
		c.output = out.toFile();
		return c;
	}

	@Test
	void trainThenScore() throws Exception {
		TrainSymbolicDiscriminatorCommand t = small("lib2", dir.resolve("critic"));
		t.run();
		for (String f : new String[] { "critic.json", "accuracy.csv", "accuracy.png", "gallery.png" })
			assertTrue(Files.isRegularFile(dir.resolve("critic").resolve(f)), f);
		CsvTable acc = CsvTable.read(dir.resolve("critic/accuracy.csv"));
		assertEquals(12, acc.rowCount());
		double[] a = acc.numbers("accuracy"), m = acc.numbers("accuracy_mean_5");
		assertEquals((a[7] + a[8] + a[9] + a[10] + a[11]) / 5, m[11], 1e-12);

		// two library-shaped curves and one zig-zag on a finer grid than the critic's
		StringBuilder csv = new StringBuilder("x,parabola,line,zigzag\n");
		for (int i = 0; i <= 100; i++) {
			double x = -1 + i / 50.0;
			csv.append(x).append(',').append(0.05 * x * x).append(',').append(0.2 * x).append(',').append(0.1 * Math.abs((i % 20) - 10) / 10.0).append('\n');
		}
		Files.writeString(dir.resolve("curves.csv"), csv);
		ScoreCurvesCommand s = new ScoreCurvesCommand();
		s.critic = dir.resolve("critic/critic.json").toFile();
		s.curves = dir.resolve("curves.csv").toFile();
		s.output = dir.resolve("scores").toFile();
		s.run();
		CsvTable scores = CsvTable.read(dir.resolve("scores/scores.csv"));
		assertEquals(3, scores.rowCount());
		assertEquals("zigzag", scores.text(2, 0));
		for (int r = 0; r < 3; r++)
			assertEquals(scores.number(r, 1) > s.result.threshold() ? "symbolic" : "non-symbolic", scores.text(r, 2));
		assertTrue(s.result.resampled());
	}

	/** A library of two inputs from a file: trained on a 6 x 6 grid, then curves of x0, x1 scored from a CSV. */
	@Test
	void twoInputsTrainThenScore() throws Exception {
		Files.writeString(dir.resolve("two.lib"), "# two inputs\nN0*0.1*(x0 + 0.5*N1)^2 + 0.2*N2*x1 ; 0.2*N0*(x0 + 0.5*N1) ; 0.2*N2\n");
		TrainSymbolicDiscriminatorCommand t = small(dir.resolve("two.lib").toString(), dir.resolve("two"));
		t.points = 40; // 6 per input, 36 in all
		t.run();
		assertTrue(Files.isRegularFile(dir.resolve("two/gallery.png")));
		org.latentj.symbolic.CriticFile.Loaded critic = org.latentj.symbolic.CriticFile.read(dir.resolve("two/critic.json"));
		assertEquals(2, critic.inputs());
		assertEquals(36, critic.critic().points());
		double[][] p = critic.points();
		double[][] curves = new double[1][36];
		StringBuilder csv = new StringBuilder("x0,x1,bowl\n");
		for (int i = 35; i >= 0; i--) { // rows in reverse order
			curves[0][i] = 0.1 * p[0][i] * p[0][i] - 0.05 * p[1][i];
			csv.append(p[0][i]).append(',').append(p[1][i]).append(',').append(curves[0][i]).append('\n');
		}
		Files.writeString(dir.resolve("two.csv"), csv);
		ScoreCurvesCommand s = new ScoreCurvesCommand();
		s.critic = dir.resolve("two/critic.json").toFile();
		s.curves = dir.resolve("two.csv").toFile();
		s.output = dir.resolve("twoscores").toFile();
		s.run();
		CsvTable scores = CsvTable.read(dir.resolve("twoscores/scores.csv"));
		assertEquals("bowl", scores.text(0, 0));
		assertEquals(critic.scoreAtPoints(curves)[0], scores.number(0, 1), 1e-12);
	}

	/** The latent neurons of a (synthetic) latent model scored by a critic of the diffusion library on the alpha grid. */
	@Test
	void scoreLatentNeurons() throws Exception {
		org.latentj.diffusion.LatentCsv.write(dir.resolve("latents.csv"), org.latentj.testing.SyntheticLatents.twoInformative(400, 2, 3));
		TrainSymbolicDiscriminatorCommand t = small("diffusion", dir.resolve("dcritic"));
		t.points = 21;
		t.x_min = 0.2;
		t.x_max = 1.8;
		t.run();
		ScoreCurvesCommand s = new ScoreCurvesCommand();
		s.critic = dir.resolve("dcritic/critic.json").toFile();
		s.latents = dir.resolve("latents.csv").toFile();
		s.output = dir.resolve("lscores").toFile();
		s.run();
		CsvTable scores = CsvTable.read(dir.resolve("lscores/scores.csv"));
		assertEquals(2, scores.rowCount());
		assertTrue(scores.text(0, 0).startsWith("mu_1 along alpha"), scores.text(0, 0));
		assertTrue(!s.result.resampled()); // the SBM alphas are the critic's grid
	}

	@Test
	void studyTableHasOneRowPerLibraryAndExtensionSet() {
		SymbolicStudyCommand c = new SymbolicStudyCommand();
		c.library = new java.io.File("lib4");
		c.max_size = 4;
		c.extensions = "none,gradient";
		c.points = 20;
		c.embed_width = 4;
		c.width = 8;
		c.epochs = 6;
		c.batch = 8;
		c.held_out = 10;
		// window left at its default, 50 > 6 epochs: reduced, not refused
		c.output = dir.resolve("study").toFile();
		c.run();
		CsvTable t = CsvTable.read(dir.resolve("study/study.csv"));
		assertEquals(6, t.rowCount()); // sizes 1, 2, 4 x two extension sets
		assertEquals("4", t.text(2, 1));
		assertEquals("gradient", t.text(5, 2));
		assertTrue(Files.isRegularFile(dir.resolve("study/study.png")));
	}

	@Test
	void aWindowLongerThanTheTrainingAveragesAllEpochs() {
		TrainSymbolicDiscriminatorCommand t = small("lib2", dir.resolve("w"));
		t.epochs = 3;
		t.window = 50; // the default
		t.run();
		CsvTable acc = CsvTable.read(dir.resolve("w/accuracy.csv"));
		double[] a = acc.numbers("accuracy"), m = acc.numbers("accuracy_mean_3");
		assertEquals((a[0] + a[1] + a[2]) / 3, m[2], 1e-12);
	}

	@Test
	void badKeysAreNamed() {
		TrainSymbolicDiscriminatorCommand t = small("nosuch.lib", dir.resolve("x"));
		BadInputException e = assertThrows(BadInputException.class, t::run);
		assertTrue(e.getMessage().startsWith("The library nosuch.lib is neither a file nor a built-in library"), e.getMessage());
		TrainSymbolicDiscriminatorCommand u = small("lib1", dir.resolve("y"));
		u.ext_type = "conv";
		e = assertThrows(BadInputException.class, u::run);
		assertEquals("The key 'ext_type' is 'conv'; it must be embed or stack.", e.getMessage());
	}
}
