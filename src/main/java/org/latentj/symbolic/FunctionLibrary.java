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
 * A library of symbolic functions: a text file, one function per line, an {@link Expression} in x with random
 * coefficients N0.. ~ N(0, 1) and U0.. ~ U(0, 1) drawn afresh for every sample, optionally followed by
 * {@code ;} and its derivative with respect to x. Blank lines and lines starting with # are skipped.
 * Built-in libraries ship as resources: lib1, lib2, lib4, lib8, lib16, lib32 (each the first lines of the
 * next) and diffusion (the forms Latent Analysis fits, in x = alpha or x = log10 D).
 */
public final class FunctionLibrary {

	/** One line: its function, its derivative (null if not given), and where it came from. */
	public record Entry(Expression function, Expression derivative, String source, int line) {
	}

	public static final List<String> BUILT_IN = List.of("lib1", "lib2", "lib4", "lib8", "lib16", "lib32", "diffusion");

	private final String name;
	private final List<Entry> entries;

	private FunctionLibrary(String name, List<Entry> entries) {
		this.name = name;
		this.entries = List.copyOf(entries);
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
			if (parts.length > 2)
				throw new BadInputException(where(source, i + 1, line.indexOf(';', line.indexOf(';') + 1) + 1)
						+ ": only one derivative can follow ';' (one input x).");
			Expression f = compile(source, i + 1, parts[0], 0);
			Expression d = parts.length == 2 ? compile(source, i + 1, parts[1], parts[0].length() + 1) : null;
			entries.add(new Entry(f, d, source, i + 1));
		}
		if (entries.isEmpty()) throw new BadInputException("The library " + source + " has no function (one expression in x per line).");
		return new FunctionLibrary(source, entries);
	}

	private static Expression compile(String source, int line, String text, int offset) {
		try {
			if (text.isBlank()) throw new Expression.SyntaxError("empty expression", 0);
			return Expression.compile(text);
		} catch (Expression.SyntaxError e) {
			throw new BadInputException(where(source, line, offset + e.index + 1) + ": " + e.getMessage() + ".");
		}
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
		Entry e = entries.get(entries.size() == 1 ? 0 : random.nextInt(entries.size()));
		int nn = Math.max(e.function.normals(), e.derivative == null ? 0 : e.derivative.normals());
		int nu = Math.max(e.function.uniforms(), e.derivative == null ? 0 : e.derivative.uniforms());
		double[] n = new double[nn], u = new double[nu];
		for (int i = 0; i < nn; i++) n[i] = random.nextGaussian();
		for (int i = 0; i < nu; i++) u[i] = random.nextDouble();
		e.function.evaluate(grid, n, u, y);
		check(e, e.function, grid, y, n, u);
		if (dy != null) {
			if (e.derivative != null) {
				e.derivative.evaluate(grid, n, u, dy);
				check(e, e.derivative, grid, dy, n, u);
			} else Curves.gradient(grid, y, dy);
		}
	}

	private static void check(Entry e, Expression f, double[] grid, double[] y, double[] n, double[] u) {
		for (int i = 0; i < grid.length; i++)
			if (!Double.isFinite(y[i]))
				throw new BadInputException("The library " + e.source + ", line " + e.line + ": '" + f.text() + "' is " + y[i] + " at x = " + grid[i]
						+ (n.length > 0 ? " with N = " + Arrays.toString(n) : "") + (u.length > 0 ? " with U = " + Arrays.toString(u) : "")
						+ " (check the input range x_min..x_max).");
	}
}
