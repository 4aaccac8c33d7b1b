package org.latentj.symbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.Progress;
import org.latentj.util.BadInputException;

/** Libraries, generators and critics of several inputs x0, x1, ... (issue 11). */
class MultiInputTest {

	@Test
	void expressionInTwoInputsEvaluatesByHand() throws Exception {
		Expression e = Expression.compile("N0*x0*x1^2 + sin(x1) - U0*x");
		assertEquals(2, e.inputs());
		assertEquals(1, Expression.compile("x^2").inputs());
		assertEquals(1, Expression.compile("N0").inputs());
		assertEquals(3, Expression.compile("x2").inputs());
		double[][] points = { { 0.5, -1, 2 }, { 0.25, 3, -0.5 } };
		double[] out = new double[3];
		e.evaluate(points, new double[] { 2 }, new double[] { 0.1 }, out);
		assertEquals(2 * 0.5 * 0.0625 + Math.sin(0.25) - 0.05, out[0], 1e-15);
		assertEquals(2 * -1 * 9 + Math.sin(3) + 0.1, out[1], 1e-15);
		assertEquals(2 * 2 * 0.25 + Math.sin(-0.5) - 0.2, out[2], 1e-15);
		assertThrows(IllegalArgumentException.class, () -> e.evaluate(new double[] { 1 }, new double[] { 1 }, new double[] { 1 }, out));
	}

	private static double[][] randomPoints(Random r, int d, int m) {
		double[][] p = new double[d][m];
		for (int k = 0; k < d; k++)
			for (int i = 0; i < m; i++) p[k][i] = -1 + 2 * r.nextDouble();
		return p;
	}

	/** Given partial derivatives, and those the library takes itself where none are given, against finite differences. */
	@Test
	void partialDerivativesMatchFiniteDifferences() {
		String text = "# two inputs\nN0*exp(0.5*x0)*cos(x1 + N1) ; 0.5*N0*exp(0.5*x0)*cos(x1 + N1) ; -N0*exp(0.5*x0)*sin(x1 + N1)\n"
				+ "U0*x0*x1 + 0.3*x1^3\n";
		FunctionLibrary lib = FunctionLibrary.parse("two.lib", text);
		assertEquals(2, lib.inputs());
		assertEquals(2, lib.entries().get(0).derivatives().size());
		Random r = new Random(5);
		double[][] p = randomPoints(r, 2, 50);
		double[] y = new double[50];
		double[][] dy = new double[2][50];
		double h = 1e-6;
		for (int draw = 0; draw < 20; draw++) {
			long seed = r.nextLong();
			lib.sample(new Random(seed), p, y, dy);
			for (int k = 0; k < 2; k++) {
				double[][] plus = { p[0].clone(), p[1].clone() }, minus = { p[0].clone(), p[1].clone() };
				for (int i = 0; i < 50; i++) {
					plus[k][i] += h;
					minus[k][i] -= h;
				}
				double[] yp = new double[50], ym = new double[50];
				lib.sample(new Random(seed), plus, yp, null); // same seed: same line, same coefficients
				lib.sample(new Random(seed), minus, ym, null);
				for (int i = 0; i < 50; i++) assertEquals((yp[i] - ym[i]) / (2 * h), dy[k][i], 1e-6 * Math.max(1, Math.abs(dy[k][i])));
			}
		}
		BadInputException e = assertThrows(BadInputException.class, () -> FunctionLibrary.parse("bad.lib", "x0*x1 ; x1\n"));
		assertEquals("The library bad.lib, line 1, column 11: 1 derivative after ';' but the library has 2 inputs (give one derivative per input, d/dx0 first, or none).",
				e.getMessage());
		e = assertThrows(BadInputException.class, () -> lib.sample(new Random(1), Curves.grid(-1, 1, 5), new double[5], null));
		assertTrue(e.getMessage().contains("reads 2 inputs"), e.getMessage());
		FunctionLibrary log = FunctionLibrary.parse("log.lib", "log(x0) + x1");
		e = assertThrows(BadInputException.class, () -> log.sample(new Random(1), new double[][] { { 1, -1 }, { 0, 0.5 } }, new double[2], null));
		assertEquals("The library log.lib, line 1: 'log(x0) + x1' is NaN at x0 = -1.0, x1 = 0.5 (check the input range x_min..x_max).", e.getMessage());
	}

	/** The untrained network of two inputs: its exact partial derivatives against finite differences of the same network. */
	@Test
	void generatorPartialDerivativesMatchFiniteDifferences() {
		MlpGenerator gen = MlpGenerator.seed();
		Random r = new Random(8);
		double[][] p = randomPoints(r, 2, 40);
		double[] y = new double[40], yp = new double[40], ym = new double[40];
		double[][] dy = new double[2][40];
		double h = 1e-7;
		long seed = 77;
		gen.sample(new Random(seed), p, y, dy);
		for (int k = 0; k < 2; k++) {
			double[][] plus = { p[0].clone(), p[1].clone() }, minus = { p[0].clone(), p[1].clone() };
			for (int i = 0; i < 40; i++) {
				plus[k][i] += h;
				minus[k][i] -= h;
			}
			gen.sample(new Random(seed), plus, yp, null);
			gen.sample(new Random(seed), minus, ym, null);
			int kinks = 0;
			for (int i = 0; i < 40; i++)
				if (Math.abs((yp[i] - ym[i]) / (2 * h) - dy[k][i]) > 1e-6) kinks++; // a ReLU kink within h of a point: rare
			assertTrue(kinks <= 1, kinks + " points disagree");
		}
		// one input through the several-input path is the one-input curve, bit for bit
		double[] grid = Curves.grid(-1, 1, 30), a = new double[30], b = new double[30], da = new double[30];
		double[][] db = new double[1][30];
		gen.sample(new Random(3), grid, a, da);
		gen.sample(new Random(3), new double[][] { grid }, b, db);
		assertArrayEquals(a, b);
		assertArrayEquals(da, db[0]);
	}

	/** The tensor grid (x0 fastest) and its partial derivatives: exact for x0^2 inside and for 3 x1 everywhere. */
	@Test
	void tensorGridAndItsDifferences() {
		double[][] p = Curves.grid(-1, 1, 3, 2);
		assertArrayEquals(new double[] { -1, 0, 1, -1, 0, 1, -1, 0, 1 }, p[0]);
		assertArrayEquals(new double[] { -1, -1, -1, 0, 0, 0, 1, 1, 1 }, p[1]);
		assertEquals(26, Curves.perInput(700, 2));
		assertEquals(8, Curves.perInput(512, 3));
		double[][] q = Curves.grid(-1, 1, 5, 2);
		double[] y = new double[25];
		for (int i = 0; i < 25; i++) y[i] = q[0][i] * q[0][i] + 3 * q[1][i];
		double[][] dy = new double[2][25];
		Curves.gradient(Curves.grid(-1, 1, 5), 2, y, dy);
		for (int i = 0; i < 25; i++) {
			assertEquals(3, dy[1][i], 1e-12);
			int i0 = i % 5;
			if (i0 > 0 && i0 < 4) assertEquals(2 * q[0][i], dy[0][i], 1e-12);
		}
	}

	static final String TWO = "N0*0.1*(x0 + 0.5*N1)^2 + N2*0.1*(x1 + 0.5*N3)^2 + 0.15*N4 ; 0.2*N0*(x0 + 0.5*N1) ; 0.2*N2*(x1 + 0.5*N3)\n";

	private static CriticTrainer.Settings two(CriticTrainer.Extensions ext, int epochs, long seed) {
		return new CriticTrainer.Settings(FunctionLibrary.parse("two.lib", TWO), -1, 1, 100, MlpGenerator.seed(), ext, true, 1, 8, 2, 32,
				Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 16, epochs, 100, seed);
	}

	/** A small critic learns a library of two inputs against untrained networks of two inputs, on 10 x 10 points. */
	@Test
	void criticLearnsATwoInputLibrary() {
		CriticTrainer.Result r = CriticTrainer.train(two(CriticTrainer.Extensions.GRADIENT, 150, 1), Progress.NONE);
		assertEquals(100, r.critic().points());
		assertEquals(3, r.critic().channels()); // value, d/dx0, d/dx1
		assertTrue(r.calibratedAccuracy() > 0.8, "held-out accuracy " + r.calibratedAccuracy());
		BadInputException e = assertThrows(BadInputException.class, () -> new CriticTrainer.Settings(FunctionLibrary.parse("three.lib", "x0*x1*x2"), -1, 1, 7,
				MlpGenerator.seed(), CriticTrainer.Extensions.NONE, true, 1, 8, 2, 32, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 16, 5, 100, 1));
		assertEquals("The key 'points' is 7; a library of 3 inputs needs at least 2^3 = 8 (a grid of 2 or more values per input).", e.getMessage());
	}

	/** critic.json of two inputs: read back with its grid; curves CSV rows in any order score as on the grid. */
	@Test
	void twoInputCriticFileAndCurvesCsv(@TempDir Path dir) throws Exception {
		CriticTrainer.Result r = CriticTrainer.train(two(CriticTrainer.Extensions.INPUT, 5, 3), Progress.NONE);
		Path file = dir.resolve("critic.json");
		CriticFile.write(file, r);
		CriticFile.Loaded back = CriticFile.read(file);
		assertEquals(2, back.inputs());
		assertEquals(10, back.perInput());
		double[][] curves = { r.test().curves()[0], r.test().curves()[150] };
		double[] direct = back.scoreAtPoints(curves);
		assertEquals(r.test().scores()[0], direct[0], 1e-12); // the input channel needs no derivative: the same score
		assertEquals(r.test().scores()[150], direct[1], 1e-12);
		double[][] p = back.points();
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < 100; i++) order.add(i);
		Collections.shuffle(order, new Random(4));
		StringBuilder csv = new StringBuilder("x0,x1,lib,net\n");
		for (int i : order) csv.append(p[0][i]).append(',').append(p[1][i]).append(',').append(curves[0][i]).append(',').append(curves[1][i]).append('\n');
		Path shuffled = dir.resolve("two.csv");
		Files.writeString(shuffled, csv);
		CurveScoring.Result s = CurveScoring.score(back, shuffled);
		assertArrayEquals(new String[] { "lib", "net" }, s.names());
		assertArrayEquals(direct, s.scores());
		Files.writeString(shuffled, csv.toString().replaceFirst("\n-?[0-9.E-]+,", "\n0.05,"));
		BadInputException e = assertThrows(BadInputException.class, () -> CurveScoring.score(back, shuffled));
		assertTrue(e.getMessage().contains("is 0.05, not one of the critic's 10 grid values of x0"), e.getMessage());
		e = assertThrows(BadInputException.class, () -> back.score(new double[][] { new double[10] }));
		assertTrue(e.getMessage().contains("reads curves of 2 inputs"), e.getMessage());
	}

	/**
	 * One-input critics are unchanged: critic-one-input-v1.json was written by main before several inputs (commit
	 * e84376e, lib2, input+gradient, 40 points, 20 epochs of 8, seed 5); it loads, scores three hand-made curves as main
	 * scored them then (the numbers main printed), and the same settings train to the same weights bit for bit.
	 */
	@Test
	void oneInputCriticFilesLoadAndScoreAsBefore() throws Exception {
		Path file = Path.of(MultiInputTest.class.getResource("critic-one-input-v1.json").toURI());
		CriticFile.Loaded c = CriticFile.read(file);
		assertEquals(1, c.inputs());
		double[] g = c.grid();
		double[][] curves = new double[3][g.length];
		for (int i = 0; i < g.length; i++) {
			curves[0][i] = 0.3 * g[i] * g[i] - 0.1;
			curves[1][i] = 0.2 * Math.sin(2 * g[i]);
			curves[2][i] = 0.1 * Math.abs(g[i] - 0.25);
		}
		assertArrayEquals(new double[] { 0.08896725636165778, 0.030914405734280833, 0.02266503349857618 }, c.score(curves));
		CriticTrainer.Settings s = new CriticTrainer.Settings(FunctionLibrary.load("lib2"), -1, 1, 40, MlpGenerator.seed(), CriticTrainer.Extensions.BOTH,
				true, 1, 8, 2, 16, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 1, 8, 20, 20, 5);
		CriticTrainer.Result r = CriticTrainer.train(s, Progress.NONE);
		assertEquals(c.threshold(), r.threshold());
		assertArrayEquals(c.critic().scales(), r.critic().scales());
		for (int l = 0; l < r.critic().head().layers(); l++) assertArrayEquals(c.critic().head().weights(l), r.critic().head().weights(l));
		for (int l = 0; l < r.critic().embedding().layers(); l++)
			assertArrayEquals(c.critic().embedding().weights(l), r.critic().embedding().weights(l));
	}
}
