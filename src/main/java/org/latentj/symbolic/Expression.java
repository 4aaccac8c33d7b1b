package org.latentj.symbolic;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.scijava.parsington.ExpressionParser;
import org.scijava.parsington.Function;
import org.scijava.parsington.Group;
import org.scijava.parsington.Operator;
import org.scijava.parsington.Variable;

/**
 * One formula in x (or in several inputs x0, x1, ...) with random coefficients N0, N1, ... ~ N(0, 1) and U0, U1, ...
 * ~ U(0, 1), parsed by SciJava's parsington into postfix and compiled once into a tree of small nodes that evaluates
 * a whole set of points at a time (sub-expressions free of the inputs are computed once, as scalars).
 * <p>
 * Syntax: numbers, x (the same as x0), x1, x2, ... (further inputs), N#, U#, pi, e; + - * / ^ (also **), unary minus; sin cos tan exp log (natural)
 * log10 sqrt abs tanh sinh cosh atan, pow(a, b). Errors are {@link SyntaxError}s with the 0-based index of the
 * offending character in the text.
 */
public final class Expression {

	/** A problem in the text of an expression at a character index. */
	public static final class SyntaxError extends Exception {
		private static final long serialVersionUID = 1L;
		public final int index;

		SyntaxError(String message, int index) {
			super(message);
			this.index = index;
		}
	}

	private static final Pattern COEFFICIENT = Pattern.compile("([NU])(\\d{1,3})");
	private static final Pattern INPUT = Pattern.compile("x(\\d{1,2})");
	private static final Pattern PARSE_INDEX = Pattern.compile("at index (\\d+)");
	private static final List<String> FUNCTIONS = List.of("sin", "cos", "tan", "exp", "log", "ln", "log10", "sqrt", "abs", "tanh",
			"sinh", "cosh", "atan", "pow");

	private final String text;
	private final Node root;
	private final int normals, uniforms, inputs;

	private Expression(String text, Node root, int normals, int uniforms, int inputs) {
		this.text = text;
		this.root = root;
		this.normals = normals;
		this.uniforms = uniforms;
		this.inputs = inputs;
	}

	/** How many inputs it reads: one more than the highest input index used (x is x0; 1 when it reads none). */
	public int inputs() {
		return inputs;
	}

	public String text() {
		return text;
	}

	/** How many N coefficients a sample draws: one more than the highest N index used (0 if none). */
	public int normals() {
		return normals;
	}

	public int uniforms() {
		return uniforms;
	}

	/** Evaluates on every x of the grid with the given coefficients into {@code out} (one input). */
	public void evaluate(double[] x, double[] n, double[] u, double[] out) {
		evaluate(new double[][] { x }, n, u, out);
	}

	/**
	 * Evaluates at every point with the given coefficients into {@code out}: {@code inputs[k][i]} is input x_k of
	 * point i, for k below {@link #inputs()} (further columns are ignored).
	 */
	public void evaluate(double[][] inputs, double[] n, double[] u, double[] out) {
		if (inputs.length < this.inputs) throw new IllegalArgumentException(text + " reads " + this.inputs + " inputs, " + inputs.length + " given");
		int points = inputs[0].length;
		Value v = root.eval(new Context(inputs, points, n, u));
		if (v.vector == null) java.util.Arrays.fill(out, 0, points, v.scalar);
		else System.arraycopy(v.vector, 0, out, 0, points);
	}

	/**
	 * Parsington's message with a hint for the two slips it words most obscurely: an unclosed '('
	 * ("mismatched groups", placed at the '(' itself) and a number written against a name, 2x
	 * ("invalid character").
	 */
	static SyntaxError hinted(String what, String src, int index) {
		if (what.equals("mismatched groups")) {
			int open = -1, depth = 0;
			for (int i = src.length() - 1; i >= 0 && open < 0; i--) {
				char ch = src.charAt(i);
				if (ch == ')') depth++;
				else if (ch == '(' && depth-- == 0) open = i;
			}
			if (open >= 0) return new SyntaxError("this '(' is never closed (mismatched groups)", open);
		}
		if (what.equals("invalid character") && index < src.length() && Character.isLetter(src.charAt(index))) {
			int end = index, start = index;
			while (start > 0 && src.charAt(start - 1) == ' ') start--;
			int numberStart = start;
			while (numberStart > 0 && (Character.isDigit(src.charAt(numberStart - 1)) || src.charAt(numberStart - 1) == '.')) numberStart--;
			int e = numberStart - 1; // an exponent, 1e-3x: the number is 1e-3
			if (e > 0 && (src.charAt(e) == '+' || src.charAt(e) == '-')) e--;
			if (e > 0 && numberStart < start && (src.charAt(e) == 'e' || src.charAt(e) == 'E') && Character.isDigit(src.charAt(e - 1))) {
				numberStart = e;
				while (numberStart > 0 && (Character.isDigit(src.charAt(numberStart - 1)) || src.charAt(numberStart - 1) == '.')) numberStart--;
			}
			while (end < src.length() && Character.isLetterOrDigit(src.charAt(end))) end++;
			if (numberStart < start && (numberStart == 0 || !Character.isLetter(src.charAt(numberStart - 1))))
				return new SyntaxError("a number is followed by a name (write " + src.substring(numberStart, start) + "*" + src.substring(index, end)
						+ " to multiply)", index);
		}
		return new SyntaxError(what, index);
	}

	/** Parses and compiles {@code text}. */
	public static Expression compile(String text) throws SyntaxError {
		// parsington reads ^ for powers; accept Python's ** too (same length, so indices stay right)
		String src = text.replace("**", "^ ");
		// parsington reads a prefix minus before a digit as part of the number, so -2^x would be (-2)^x; a space
		// after the minus makes it the operator, -(2^x), as in mathematics and Python. at[i]: index i in the text.
		StringBuilder spaced = new StringBuilder();
		int[] at = new int[2 * src.length() + 1];
		char before = '(';
		for (int i = 0; i < src.length(); i++) {
			char ch = src.charAt(i);
			at[spaced.length()] = i;
			spaced.append(ch);
			if (ch == '-' && "(,+-*/^".indexOf(before) >= 0 && i + 1 < src.length() && (Character.isDigit(src.charAt(i + 1)) || src.charAt(i + 1) == '.')) {
				at[spaced.length()] = i + 1;
				spaced.append(' ');
			}
			if (!Character.isWhitespace(ch)) before = ch;
		}
		at[spaced.length()] = src.length();
		List<Object> postfix;
		try {
			postfix = new ExpressionParser().parsePostfix(spaced.toString());
		} catch (IllegalArgumentException e) {
			Matcher m = PARSE_INDEX.matcher(String.valueOf(e.getMessage()));
			int index = m.find() ? Integer.parseInt(m.group(1)) : 0;
			String what = String.valueOf(e.getMessage()).replaceAll(" at index \\d+", "").toLowerCase(Locale.ROOT);
			throw hinted(what, src, at[Math.min(index, spaced.length())]);
		}
		if (postfix.isEmpty()) throw new SyntaxError("empty expression", 0);
		Deque<Node> stack = new ArrayDeque<>();
		int[] counts = new int[3];
		for (Object token : postfix) {
			if (token instanceof Number num) {
				stack.push(new Const(num.doubleValue()));
			} else if (token instanceof Variable v) {
				stack.push(symbol(v.getToken(), src, counts));
			} else if (token instanceof Group g) {
				int n = g.getArity();
				if (stack.size() < n) throw misplaced(src, g.getToken());
				Node[] args = new Node[n];
				for (int i = n - 1; i >= 0; i--) args[i] = value(stack.pop(), src);
				stack.push(n == 1 ? args[0] : new Args(args));
			} else if (token instanceof Function) {
				if (stack.size() < 2) throw misplaced(src, "(");
				Node args = stack.pop();
				Node name = stack.pop();
				if (!(name instanceof Name fn)) throw new SyntaxError("a value is followed by parentheses (write * to multiply)", src.indexOf('('));
				stack.push(call(fn, args instanceof Args a ? a.args : new Node[] { args }, src));
			} else if (token instanceof Operator op) {
				String s = op.getToken();
				int arity = op.getArity();
				if (stack.size() < arity) throw misplaced(src, s);
				if (arity == 1) {
					Node a = value(stack.pop(), src);
					if (s.equals("-")) stack.push(new Unary("neg", a));
					else if (s.equals("+")) stack.push(a);
					else throw unsupported(src, s);
				} else if (arity == 2 && "+-*/^".contains(s) && s.length() == 1) {
					Node b = value(stack.pop(), src), a = value(stack.pop(), src);
					stack.push(new Binary(s.charAt(0), a, b));
				} else throw unsupported(src, s);
			} else throw new SyntaxError("unexpected token " + token, 0);
		}
		if (stack.size() != 1) throw new SyntaxError("cannot read this as one expression (put a negative exponent in parentheses, e.g. 2^(-x))", 0);
		Node root = value(stack.pop(), src);
		return new Expression(text.trim(), root, counts[0], counts[1], Math.max(1, counts[2]));
	}

	private static SyntaxError misplaced(String src, String op) {
		int i = src.indexOf(op);
		return new SyntaxError("operator '" + op + "' is missing an operand (put a negative exponent in parentheses, e.g. 2^(-x))", Math.max(0, i));
	}

	private static SyntaxError unsupported(String src, String op) {
		return new SyntaxError("unsupported operator '" + op + "'", Math.max(0, src.indexOf(op)));
	}

	private static Node value(Node n, String src) throws SyntaxError {
		if (n instanceof Name f) throw new SyntaxError("function '" + f.name + "' needs parentheses", indexOfWord(src, f.name));
		if (n instanceof Args) throw new SyntaxError("a list of values where one value was expected", src.indexOf(','));
		return n;
	}

	private static Node symbol(String name, String src, int[] counts) throws SyntaxError {
		if (name.equals("x")) return new X(0);
		Matcher in = INPUT.matcher(name);
		if (in.matches()) {
			int k = Integer.parseInt(in.group(1));
			counts[2] = Math.max(counts[2], k + 1);
			return new X(k);
		}
		if (name.equals("pi")) return new Const(Math.PI);
		if (name.equals("e")) return new Const(Math.E);
		if (FUNCTIONS.contains(name)) return new Name(name);
		Matcher m = COEFFICIENT.matcher(name);
		if (m.matches()) {
			int index = Integer.parseInt(m.group(2));
			int k = m.group(1).equals("N") ? 0 : 1;
			counts[k] = Math.max(counts[k], index + 1);
			return new Coefficient(k == 0, index);
		}
		String hint = " (use x or x0, x1.., N0.., U0.., pi, e or a function)";
		throw new SyntaxError("unknown symbol '" + name + "'" + hint, indexOfWord(src, name));
	}

	private static int indexOfWord(String src, String word) {
		Matcher m = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])").matcher(src);
		return m.find() ? m.start() : 0;
	}

	private static Node call(Name fn, Node[] args, String src) throws SyntaxError {
		int want = fn.name.equals("pow") ? 2 : 1;
		if (args.length != want)
			throw new SyntaxError("function '" + fn.name + "' takes " + want + " argument" + (want == 1 ? "" : "s"), indexOfWord(src, fn.name));
		if (want == 2) return new Binary('^', args[0], args[1]);
		return new Unary(fn.name, args[0]);
	}

	// ---- evaluation ----

	/** x[k]: input x_k at every point; points: how many. */
	private record Context(double[][] x, int points, double[] n, double[] u) {
	}

	/** A scalar (vector == null) or one value per grid point. */
	private record Value(double scalar, double[] vector) {
	}

	private abstract static class Node {
		abstract Value eval(Context c);
	}

	private static final class Name extends Node {
		final String name;

		Name(String name) {
			this.name = name;
		}

		@Override
		Value eval(Context c) {
			throw new IllegalStateException();
		}
	}

	private static final class Args extends Node {
		final Node[] args;

		Args(Node[] args) {
			this.args = args;
		}

		@Override
		Value eval(Context c) {
			throw new IllegalStateException();
		}
	}

	private static final class Const extends Node {
		final Value v;

		Const(double v) {
			this.v = new Value(v, null);
		}

		@Override
		Value eval(Context c) {
			return v;
		}
	}

	private static final class X extends Node {
		final int index;

		X(int index) {
			this.index = index;
		}

		@Override
		Value eval(Context c) {
			return new Value(0, c.x[index]);
		}
	}

	private static final class Coefficient extends Node {
		final boolean normal;
		final int index;

		Coefficient(boolean normal, int index) {
			this.normal = normal;
			this.index = index;
		}

		@Override
		Value eval(Context c) {
			return new Value(normal ? c.n[index] : c.u[index], null);
		}
	}

	private static final class Unary extends Node {
		final String op;
		final Node a;

		Unary(String op, Node a) {
			this.op = op;
			this.a = a;
		}

		@Override
		Value eval(Context c) {
			Value v = a.eval(c);
			if (v.vector == null) return new Value(apply(v.scalar), null);
			double[] in = v.vector, out = new double[in.length];
			for (int i = 0; i < in.length; i++) out[i] = apply(in[i]);
			return new Value(0, out);
		}

		double apply(double v) {
			return switch (op) {
			case "neg" -> -v;
			case "sin" -> Math.sin(v);
			case "cos" -> Math.cos(v);
			case "tan" -> Math.tan(v);
			case "exp" -> Math.exp(v);
			case "log", "ln" -> Math.log(v);
			case "log10" -> Math.log10(v);
			case "sqrt" -> Math.sqrt(v);
			case "abs" -> Math.abs(v);
			case "tanh" -> Math.tanh(v);
			case "sinh" -> Math.sinh(v);
			case "cosh" -> Math.cosh(v);
			case "atan" -> Math.atan(v);
			default -> throw new IllegalStateException(op);
			};
		}
	}

	private static final class Binary extends Node {
		final char op;
		final Node a, b;

		Binary(char op, Node a, Node b) {
			this.op = op;
			this.a = a;
			this.b = b;
		}

		@Override
		Value eval(Context c) {
			Value va = a.eval(c), vb = b.eval(c);
			if (va.vector == null && vb.vector == null) return new Value(apply(va.scalar, vb.scalar), null);
			int n = c.points;
			double[] out = new double[n];
			if (op == '^' && vb.vector == null && vb.scalar == 2) { // the common square, without Math.pow
				for (int i = 0; i < n; i++) {
					double v = va.vector[i];
					out[i] = v * v;
				}
				return new Value(0, out);
			}
			for (int i = 0; i < n; i++)
				out[i] = apply(va.vector == null ? va.scalar : va.vector[i], vb.vector == null ? vb.scalar : vb.vector[i]);
			return new Value(0, out);
		}

		double apply(double p, double q) {
			return switch (op) {
			case '+' -> p + q;
			case '-' -> p - q;
			case '*' -> p * q;
			case '/' -> p / q;
			case '^' -> Math.pow(p, q);
			default -> throw new IllegalStateException(String.valueOf(op));
			};
		}
	}
}
