package org.latentj.symbolic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.latentj.util.BadInputException;

/**
 * A library of symbolic functions: a text file, one function per line, an {@link Expression} in x (or in the inputs
 * x0, x1, ...) with random coefficients N0.. ~ N(0, 1) and U0.. ~ U(0, 1) drawn afresh for every sample, optionally
 * followed by {@code ;} and its derivatives, one per input of the library in order ({@code f ; df/dx0 ; df/dx1}).
 * The library reads as many inputs as its widest line; a line may read fewer (it is constant in the others).
 * Blank lines and lines starting with # are skipped.
 * Built-in libraries ship as resources: lib1, lib2, lib4, lib8, lib16, lib32 (each the first lines of the
 * next), diffusion (the forms Latent Analysis fits, in x = alpha or x = log10 D) and two-inputs (16 functions of
 * x0, x1 on [-1, 1], ordered for the study's first 1, 2, 4, ... lines).
 */
public final class FunctionLibrary {

	/** One line: its function, its derivatives (one per input, or none given), and where it came from. */
	public record Entry(Expression function, List<Expression> derivatives, String source, int line) {
		/** The derivative with respect to the first input, or null if none is given. */
		public Expression derivative() {
			return derivatives.isEmpty() ? null : derivatives.get(0);
		}
	}

	public static final List<String> BUILT_IN = List.of("lib1", "lib2", "lib4", "lib8", "lib16", "lib32", "diffusion", "two-inputs");

	private final String name;
	private final List<Entry> entries;
	private final int inputs;

	private FunctionLibrary(String name, List<Entry> entries) {
		this.name = name;
		this.entries = List.copyOf(entries);
		int d = 1;
		for (Entry e : entries) d = Math.max(d, e.function.inputs());
		this.inputs = d;
	}

	/** How many inputs its curves have (x0, x1, ...): the most any line reads. */
	public int inputs() {
		return inputs;
	}

	public String name() {
		return name;
	}

	public List<Entry> entries() {
		return entries;
	}

	public int size() {
		return entries.size();
	}

	/** The first {@code n} functions of this library. */
	public FunctionLibrary first(int n) {
		if (n < 1 || n > entries.size()) throw new IllegalArgumentException("n = " + n + " outside 1.." + entries.size());
		return new FunctionLibrary(name + "[1.." + n + "]", entries.subList(0, n));
	}

	/** A built-in library's name or a path to a .lib file. */
	public static FunctionLibrary load(String nameOrPath) {
		if (nameOrPath == null || nameOrPath.isBlank()) throw new BadInputException("The key 'library' is empty; give a .lib file or one of " + BUILT_IN + ".");
		String s = nameOrPath.trim();
		if (BUILT_IN.contains(s)) return builtIn(s);
		Path p = Path.of(s);
		if (!Files.isRegularFile(p))
			throw new BadInputException("The library " + s + " is neither a file nor a built-in library (" + String.join(", ", BUILT_IN) + ").");
		try {
			return parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new BadInputException("Cannot read the library " + p + " (" + e.getMessage() + ").", e);
		}
	}

	public static FunctionLibrary builtIn(String name) {
		try (InputStream in = FunctionLibrary.class.getResourceAsStream(name + ".lib")) {
			if (in == null) throw new IllegalStateException("missing resource " + name + ".lib");
			return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Parses library text; {@code source} names it in error messages. */
	public static FunctionLibrary parse(String source, String text) {
		List<Entry> entries = new ArrayList<>();
		String[] lines = text.split("\r?\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
			String[] parts = line.split(";", -1);
			Expression f = compile(source, i + 1, parts[0], 0);
			List<Expression> d = new ArrayList<>();
			for (int k = 1, offset = parts[0].length() + 1; k < parts.length; offset += parts[k].length() + 1, k++)
				d.add(compile(source, i + 1, parts[k], offset));
			entries.add(new Entry(f, d, source, i + 1));
		}
		if (entries.isEmpty()) throw new BadInputException("The library " + source + " has no function (one expression in x per line).");
		FunctionLibrary lib = new FunctionLibrary(source, entries);
		// derivatives: none, or one per input of the library, so that a line's k-th is d/dx_k wherever it is used
		for (Entry e : entries)
			if (!e.derivatives.isEmpty() && e.derivatives.size() != lib.inputs) {
				String row = lines[e.line - 1];
				int column = e.derivatives.size() > lib.inputs ? nthSemicolon(row, lib.inputs + 1) + 1 : row.stripTrailing().length() + 1;
				throw new BadInputException(where(source, e.line, column) + ": " + e.derivatives.size() + " derivative"
						+ (e.derivatives.size() == 1 ? "" : "s") + " after ';' but the library has " + lib.inputs + " input" + (lib.inputs == 1 ? "" : "s")
						+ " (give one derivative per input, d/dx0 first, or none).");
			}
		return lib;
	}

	private static Expression compile(String source, int line, String text, int offset) {
		try {
			if (text.isBlank()) throw new Expression.SyntaxError("empty expression", 0);
			return Expression.compile(text);
		} catch (Expression.SyntaxError e) {
			throw new BadInputException(where(source, line, offset + e.index + 1) + ": " + e.getMessage() + ".");
		}
	}

	private static int nthSemicolon(String text, int n) {
		int at = -1;
		for (int k = 0; k < n; k++) at = text.indexOf(';', at + 1);
		return at;
	}

	static String where(String source, int line, int column) {
		return "The library " + source + ", line " + line + ", column " + column;
	}

	/**
	 * Draws a sample: a function chosen uniformly, fresh coefficients, its values on the grid into {@code y} and,
	 * when {@code dy} is not null, its derivative (the given one, else central differences on the grid).
	 * A non-finite value is refused with the line, x and coefficients.
	 */
	public void sample(Random random, double[] grid, double[] y, double[] dy) {
		if (inputs != 1)
			throw new BadInputException("The library " + name + " reads " + inputs + " inputs (x0..x" + (inputs - 1) + "); this use takes curves in one input x.");
		sample(random, new double[][] { grid }, y, dy == null ? null : new double[][] { dy }, true);
	}

	/**
	 * Draws a sample at points in several inputs ({@code points[k][i]}: input x_k of point i, one row per input of the
	 * library): its values into {@code y} and, when {@code dy} is not null, its partial derivatives, dy[k][i] = d/dx_k
	 * at point i (the given ones, else central differences of the function itself with a step of 1e-5 times the
	 * input's range). A non-finite value is refused with the line, the point and the coefficients.
	 */
	public void sample(Random random, double[][] points, double[] y, double[][] dy) {
		if (points.length != inputs)
			throw new IllegalArgumentException("the library " + name + " reads " + inputs + " inputs, points have " + points.length);
		sample(random, points, y, dy, false);
	}

	private void sample(Random random, double[][] points, double[] y, double[][] dy, boolean onGrid) {
		Entry e = entries.get(entries.size() == 1 ? 0 : random.nextInt(entries.size()));
		int nn = e.function.normals(), nu = e.function.uniforms();
		for (Expression d : e.derivatives) {
			nn = Math.max(nn, d.normals());
			nu = Math.max(nu, d.uniforms());
		}
		double[] n = new double[nn], u = new double[nu];
		for (int i = 0; i < nn; i++) n[i] = random.nextGaussian();
		for (int i = 0; i < nu; i++) u[i] = random.nextDouble();
		e.function.evaluate(points, n, u, y);
		check(e, e.function, points, y, n, u);
		if (dy == null) return;
		if (!e.derivatives.isEmpty()) {
			for (int k = 0; k < dy.length; k++) {
				e.derivatives.get(k).evaluate(points, n, u, dy[k]);
				check(e, e.derivatives.get(k), points, dy[k], n, u);
			}
		} else if (onGrid) Curves.gradient(points[0], y, dy[0]);
		else differences(e, points, n, u, dy);
	}

	/** Central differences of the function itself in each input (scattered points have no grid to difference on). */
	private static void differences(Entry e, double[][] points, double[] n, double[] u, double[][] dy) {
		int m = points[0].length;
		double[] plus = new double[m], minus = new double[m];
		for (int k = 0; k < dy.length; k++) {
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (double v : points[k]) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
			double h = 1e-5 * Math.max(hi - lo, 1e-300 + Math.abs(hi));
			double[][] shifted = points.clone();
			double[] col = points[k].clone();
			shifted[k] = col;
			for (int i = 0; i < m; i++) col[i] = points[k][i] + h;
			e.function.evaluate(shifted, n, u, plus);
			for (int i = 0; i < m; i++) col[i] = points[k][i] - h;
			e.function.evaluate(shifted, n, u, minus);
			for (int i = 0; i < m; i++) dy[k][i] = (plus[i] - minus[i]) / (2 * h);
			check(e, e.function, points, dy[k], n, u);
		}
	}

	private static void check(Entry e, Expression f, double[][] points, double[] y, double[] n, double[] u) {
		for (int i = 0; i < y.length; i++)
			if (!Double.isFinite(y[i]))
				throw new BadInputException("The library " + e.source + ", line " + e.line + ": '" + f.text() + "' is " + y[i] + " at " + at(points, i)
						+ (n.length > 0 ? " with N = " + Arrays.toString(n) : "") + (u.length > 0 ? " with U = " + Arrays.toString(u) : "")
						+ " (check the input range x_min..x_max).");
	}

	private static String at(double[][] points, int i) {
		if (points.length == 1) return "x = " + points[0][i];
		StringBuilder b = new StringBuilder();
		for (int k = 0; k < points.length; k++) b.append(k > 0 ? ", " : "").append('x').append(k).append(" = ").append(points[k][i]);
		return b.toString();
	}
}
