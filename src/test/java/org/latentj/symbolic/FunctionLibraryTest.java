package org.latentj.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;

class FunctionLibraryTest {

	private static double eval(String text, double x, double[] n, double[] u) throws Exception {
		double[] out = new double[1];
		Expression.compile(text).evaluate(new double[] { x }, n, u, out);
		return out[0];
	}

	@Test
	void evaluatesTheSeedLibraryByHand() throws Exception {
		double[] n = { 0.7, -1.2, 0.3 };
		double x = 0.4;
		double want = 0.7 * 0.05 * Math.pow(x + 0.5 * -1.2, 2) + 0.15 * 0.3;
		assertEquals(want, eval("N0*0.05*(x + 0.5*N1)^2 + 0.15*N2", x, n, new double[0]), 1e-15);
		assertEquals(want, eval("N0*0.05*(x + 0.5*N1)**2 + 0.15*N2", x, n, new double[0]), 1e-15);
		assertEquals(Math.exp(-0.4) * Math.sin(2 * 0.4) / Math.sqrt(0.25) - Math.log(3),
				eval("exp(-x)*sin(2*x)/sqrt(U0) - log(3)", x, new double[0], new double[] { 0.25 }), 1e-15);
		assertEquals(Math.pow(0.4, 1.5) - 2, eval("pow(x, 1.5) - 2", x, new double[0], new double[0]), 1e-15);
		assertEquals(-Math.pow(2, -0.4), eval("-2^(-x)", x, new double[0], new double[0]), 1e-15);
		assertEquals(3 - Math.pow(2, 0.4) * 1e-3, eval("3 + -2^x*1e-3", x, new double[0], new double[0]), 1e-15);
		assertEquals(-0.4 * 0.4 - 2, eval("-x^2 - 2", x, new double[0], new double[0]), 1e-15);
		Expression e = Expression.compile("N3*U1 + x0");
		assertEquals(4, e.normals());
		assertEquals(2, e.uniforms());
	}

	@Test
	void errorsNameFileLineAndColumn() {
		String text = "# comment\nN0*x\n0.1*N0*(x + 2*y)\n";
		BadInputException e = assertThrows(BadInputException.class, () -> FunctionLibrary.parse("my.lib", text));
		assertEquals("The library my.lib, line 3, column 15: unknown symbol 'y' (use x or x0, x1.., N0.., U0.., pi, e or a function).", e.getMessage());
		e = assertThrows(BadInputException.class, () -> FunctionLibrary.parse("a.lib", "x +* 2"));
		assertTrue(e.getMessage().startsWith("The library a.lib, line 1, column 4: "), e.getMessage());
		e = assertThrows(BadInputException.class, () -> FunctionLibrary.parse("b.lib", "x^2 ; 2*x ; 0"));
		assertEquals("The library b.lib, line 1, column 11: 2 derivatives after ';' but the library has 1 input (give one derivative per input, d/dx0 first, or none).",
				e.getMessage());
		e = assertThrows(BadInputException.class, () -> FunctionLibrary.parse("c.lib", "2^-x"));
		assertTrue(e.getMessage().contains("2^(-x)"), e.getMessage());
		e = assertThrows(BadInputException.class, () -> FunctionLibrary.parse("d.lib", "sin x"));
		assertTrue(e.getMessage().startsWith("The library d.lib, line 1, column 5"), e.getMessage());
		e = assertThrows(BadInputException.class, () -> FunctionLibrary.parse("e.lib", "pow(x)"));
		assertTrue(e.getMessage().contains("'pow' takes 2 arguments"), e.getMessage());
	}

	@Test
	void anUnclosedParenthesisAndAnImplicitProductAreExplained() {
		BadInputException e = assertThrows(BadInputException.class, () -> FunctionLibrary.parse("f.lib", "x\n0.5*(1 + sin(x +"));
		assertEquals("The library f.lib, line 2, column 13: this '(' is never closed (mismatched groups).", e.getMessage());
		e = assertThrows(BadInputException.class, () -> FunctionLibrary.parse("g.lib", "N0*2x"));
		assertEquals("The library g.lib, line 1, column 5: a number is followed by a name (write 2*x to multiply).", e.getMessage());
		e = assertThrows(BadInputException.class, () -> FunctionLibrary.parse("h.lib", "1e-3 sin(x)"));
		assertEquals("The library h.lib, line 1, column 6: a number is followed by a name (write 1e-3*sin to multiply).", e.getMessage());
	}

	@Test
	void nonFiniteValuesAreRefused() {
		FunctionLibrary lib = FunctionLibrary.parse("log.lib", "\nlog(x)");
		BadInputException e = assertThrows(BadInputException.class,
				() -> lib.sample(new Random(1), Curves.grid(-1, 1, 5), new double[5], null));
		assertTrue(e.getMessage().startsWith("The library log.lib, line 2: 'log(x)' is NaN at x = -1.0"), e.getMessage());
	}

	/** Every built-in library parses, is finite on its range and its derivatives agree with the curves'. */
	@Test
	void builtInDerivativesMatchFiniteDifferences() {
		for (String name : FunctionLibrary.BUILT_IN) FunctionLibrary.builtIn(name); // all parse; lib1..lib16 are prefixes of lib32
		for (String name : new String[] { "lib32", "diffusion" }) {
			FunctionLibrary lib = FunctionLibrary.builtIn(name);
			boolean diffusion = name.equals("diffusion");
			double[] grid = diffusion ? Curves.grid(0.2, 1.8, 1001) : Curves.grid(-1, 1, 1001);
			double[] y = new double[grid.length], dy = new double[grid.length], fd = new double[grid.length];
			Random r = new Random(3);
			for (FunctionLibrary.Entry entry : lib.entries()) {
				FunctionLibrary one = FunctionLibrary.parse(name, entry.function().text() + " ; " + entry.derivative().text());
				for (int k = 0; k < 10; k++) {
					one.sample(r, grid, y, dy);
					Curves.gradient(grid, y, fd);
					double scale = 0;
					for (double v : dy) scale = Math.max(scale, Math.abs(v));
					int bad = 0;
					for (int i = 1; i < grid.length - 1; i++)
						if (Math.abs(fd[i] - dy[i]) > 4e-3 * Math.max(1, scale)) bad++;
					assertTrue(bad <= 2, name + " line " + entry.line() + ": " + bad + " points disagree"); // abs() has one kink
				}
			}
		}
		assertEquals(32, FunctionLibrary.builtIn("lib32").size());
		assertEquals(FunctionLibrary.builtIn("lib32").entries().get(3).function().text(), FunctionLibrary.builtIn("lib4").entries().get(3).function().text());
	}

	/**
	 * The built-in library of two inputs: every line, with many coefficient draws, is finite on [-1, 1]^2 (corners
	 * included) and its given partial derivatives agree with central differences of the line itself.
	 */
	@Test
	void twoInputLibraryIsFiniteAndItsDerivativesMatch() {
		FunctionLibrary lib = FunctionLibrary.load("two-inputs");
		assertEquals(2, lib.inputs());
		assertEquals(16, lib.size());
		Random r = new Random(11);
		int m = 11 * 11 + 100;
		double[][] p = new double[2][m];
		for (int i = 0; i < m; i++) { // an 11 x 11 grid with its corners, then random points
			p[0][i] = i < 121 ? -1 + 0.2 * (i % 11) : -1 + 2 * r.nextDouble();
			p[1][i] = i < 121 ? -1 + 0.2 * (i / 11) : -1 + 2 * r.nextDouble();
		}
		double h = 1e-5;
		double[] y = new double[m], d = new double[m], plus = new double[m], minus = new double[m];
		for (FunctionLibrary.Entry e : lib.entries()) {
			assertEquals(2, e.derivatives().size(), "line " + e.line());
			int nn = e.function().normals(), nu = e.function().uniforms();
			for (Expression x : e.derivatives()) {
				nn = Math.max(nn, x.normals());
				nu = Math.max(nu, x.uniforms());
			}
			for (int draw = 0; draw < 500; draw++) {
				double[] n = new double[nn], u = new double[nu];
				for (int i = 0; i < nn; i++) n[i] = r.nextGaussian();
				for (int i = 0; i < nu; i++) u[i] = r.nextDouble();
				e.function().evaluate(p, n, u, y);
				for (int k = 0; k < 2; k++) {
					e.derivatives().get(k).evaluate(p, n, u, d);
					double[][] shifted = { p[0].clone(), p[1].clone() };
					for (int i = 0; i < m; i++) shifted[k][i] = p[k][i] + h;
					e.function().evaluate(shifted, n, u, plus);
					for (int i = 0; i < m; i++) shifted[k][i] = p[k][i] - h;
					e.function().evaluate(shifted, n, u, minus);
					for (int i = 0; i < m; i++) {
						assertTrue(Double.isFinite(y[i]) && Double.isFinite(d[i]), "line " + e.line() + " at " + p[0][i] + ", " + p[1][i]);
						double fd = (plus[i] - minus[i]) / (2 * h);
						assertEquals(fd, d[i], 1e-6 * Math.max(1, Math.max(Math.abs(y[i]), Math.abs(d[i]))),
								"line " + e.line() + " d/dx" + k + " at " + p[0][i] + ", " + p[1][i]);
					}
				}
			}
		}
		// the study's prefixes: 1, 2, 4, 8, 16 lines
		assertEquals(List.of(1, 2, 4, 8, 16), SymbolicStudy.prefixes(lib, 32).stream().map(FunctionLibrary::size).toList());
	}

	@Test
	void curvesResampleAndDifferentiate() {
		double[] x = Curves.grid(0, 2, 5);
		assertEquals(0.5, x[1]);
		double[] y = { 0, 0.25, 1, 2.25, 4 }, d = new double[5];
		Curves.gradient(x, y, d);
		assertEquals(2.0, d[2], 1e-12); // central differences are exact for x^2
		double[] r = Curves.resample(x, y, new double[] { 0, 0.25, 1.9, 2 });
		assertEquals(0.125, r[1], 1e-15);
		assertEquals(2.25 + 0.8 * 1.75, r[2], 1e-12);
		assertEquals(4, r[3]);
	}
}
