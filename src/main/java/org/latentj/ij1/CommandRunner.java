package org.latentj.ij1;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.latentj.util.BadInputException;
import org.scijava.command.Command;

/**
 * Runs a LatentJ command from macro-style options without a SciJava Context: creates the command
 * (its field initializers are the defaults), converts and checks every option against its
 * {@code @Parameter} (type, choices, min/max, required), then calls {@code run()} on this thread.
 * Keys left out keep their defaults (a session key left out takes the active image's session,
 * {@link DefaultsToOpenSession}); an unknown key is an error, so a typo in a macro is never
 * silently ignored. A former key declared with {@link MacroAlias} sets its field as the current key does.
 */
public final class CommandRunner {

	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,9})?");

	private CommandRunner() {
	}

	/** Builds the command with the given options applied, or explains in one sentence what is wrong. */
	public static Command prepare(CommandSpec spec, Map<String, String> options) {
		Command command = CommandSpec.newInstance(spec.type());
		// keys by their canonical name: lowercase, a former key (MacroAlias) replaced by the current one
		Map<String, String> normalized = new LinkedHashMap<>();
		Map<String, String> givenAs = new LinkedHashMap<>();
		for (Map.Entry<String, String> o : options.entrySet()) {
			String key = o.getKey().toLowerCase(Locale.ROOT);
			CommandSpec.Input in = spec.input(key);
			if (in == null) throw new BadInputException(spec.label() + ": unknown key '" + key + "' (keys: " + keys(spec) + ").");
			String before = givenAs.put(in.key(), key);
			if (before != null && !before.equals(key))
				throw new BadInputException(spec.label() + ": the keys '" + before + "' and '" + key + "' are the same key ("
						+ in.key() + "); give it once.");
			normalized.put(in.key(), o.getValue());
		}
		for (CommandSpec.Input in : spec.inputs()) {
			String text = normalized.get(in.key());
			if (text == null) text = openSessionFor(in);
			if (text == null) {
				if (in.required() && in.defaultValue() == null)
					throw new BadInputException(spec.label() + ": the key '" + in.key() + "' (" + in.label() + ") is required.");
				continue;
			}
			in.set(command, convert(spec, in, text));
		}
		return command;
	}

	/** Prepares and runs the command on the calling thread. */
	public static Command run(CommandSpec spec, Map<String, String> options) {
		Command command = prepare(spec, options);
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(CommandRunner.class.getClassLoader());
		try {
			command.run();
		} finally {
			thread.setContextClassLoader(previous);
		}
		return command;
	}

	/**
	 * The open session's path for an input that defaults to it ({@link DefaultsToOpenSession}) and has no
	 * default of its own, else null: the one rule for macros, scripts and both dialogs.
	 */
	static String openSessionFor(CommandSpec.Input in) {
		return in.defaultsToOpenSession() && isEmpty(in.defaultValue()) ? OpenSession.path() : null;
	}

	private static boolean isEmpty(Object value) {
		return value == null || value.toString().isEmpty();
	}

	static String text(Object value) {
		if (value instanceof File) return ((File) value).getPath();
		if (value instanceof Double) {
			double d = (Double) value;
			return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
		}
		return String.valueOf(value);
	}

	private static String keys(CommandSpec spec) {
		StringJoiner j = new StringJoiner(", ");
		for (CommandSpec.Input in : spec.inputs()) j.add(in.key());
		return j.toString();
	}

	static Object convert(CommandSpec spec, CommandSpec.Input in, String text) {
		String where = spec.label() + ": the key '" + in.key() + "'";
		Class<?> type = in.type();
		String t = text.trim();
		if (type == String.class) {
			String[] choices = in.choices();
			if (choices.length == 0) return text;
			for (String c : choices)
				if (c.equalsIgnoreCase(t)) return c;
			throw new BadInputException(where + " must be one of " + String.join(", ", choices) + ", not '" + text + "'.");
		}
		if (type == File.class) return t.isEmpty() ? null : new File(t);
		if (type == boolean.class || type == Boolean.class) {
			if (t.equalsIgnoreCase("true") || t.equals("1") || t.equalsIgnoreCase("yes")) return Boolean.TRUE;
			if (t.equalsIgnoreCase("false") || t.equals("0") || t.equalsIgnoreCase("no")) return Boolean.FALSE;
			throw new BadInputException(where + " must be true or false, not '" + text + "'.");
		}
		// decimal numbers as ImageJ users write them: not Java's 3d, 1f, 0x1p3, Infinity or NaN
		if (t.length() > 400 || !DECIMAL.matcher(t).matches()) throw new BadInputException(where + " must be a decimal number, not '" + text + "'.");
		BigDecimal exact = new BigDecimal(t);
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			BigInteger whole;
			boolean isInt = type == int.class || type == Integer.class;
			BigInteger lo = BigInteger.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE), hi = BigInteger.valueOf(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
			if (exact.precision() - exact.scale() > 20) // 1e999999999 would be a billion digits
				throw new BadInputException(where + " must be a whole number from " + lo + " to " + hi + ", not " + t + ".");
			try {
				whole = exact.toBigIntegerExact();
			} catch (ArithmeticException e) {
				throw new BadInputException(where + " must be a whole number, not '" + text + "'.");
			}
			if (whole.compareTo(lo) < 0 || whole.compareTo(hi) > 0)
				throw new BadInputException(where + " must be a whole number from " + lo + " to " + hi + ", not " + t + ".");
			checkBounds(where, in, whole.doubleValue(), text);
			return isInt ? (Object) whole.intValue() : (Object) whole.longValue();
		}
		double v = exact.doubleValue();
		if (!Double.isFinite(v)) throw new BadInputException(where + " is " + t + ", beyond the range of numbers (about 1.8e308).");
		if (type == float.class || type == Float.class) {
			if (!Float.isFinite((float) v)) throw new BadInputException(where + " is " + t + ", beyond the range of this key (about 3.4e38).");
		}
		checkBounds(where, in, v, text);
		if (type == double.class || type == Double.class) return v;
		if (type == float.class || type == Float.class) return (float) v;
		throw new IllegalStateException(spec.type().getName() + "." + in.key() + " has an unsupported type " + type);
	}

	/**
	 * Checks a command's numeric fields against their {@code @Parameter} min and max, as a macro's
	 * values are checked: for callers in Java (scripts, tests) that set the fields themselves.
	 */
	public static void checkBounds(Command command) {
		CommandSpec spec = CommandSpec.of(command.getClass());
		for (CommandSpec.Input in : spec.inputs()) {
			if (in.min().isEmpty() && in.max().isEmpty()) continue;
			Object value = in.get(command);
			if (!(value instanceof Number n)) continue;
			double v = n.doubleValue();
			String where = spec.label() + ": the key '" + in.key() + "'";
			if (Double.isNaN(v)) throw new BadInputException(where + " must be a number, not NaN.");
			checkBounds(where, in, v, String.valueOf(value));
		}
	}

	private static void checkBounds(String where, CommandSpec.Input in, double v, String text) {
		if (!in.min().isEmpty() && v < Double.parseDouble(in.min()))
			throw new BadInputException(where + " must be at least " + in.min() + ", not " + text.trim() + ".");
		if (!in.max().isEmpty() && v > Double.parseDouble(in.max()))
			throw new BadInputException(where + " must be at most " + in.max() + ", not " + text.trim() + ".");
	}
}
