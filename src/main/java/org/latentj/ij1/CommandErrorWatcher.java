package org.latentj.ij1;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.Menus;
import ij.macro.Interpreter;

/**
 * Standard output for the headless runner that notices ImageJ built-in commands failing. ImageJ's
 * Executer catches any exception a command throws, logs its stack trace (to stdout when there is no
 * Log window) and lets the macro carry on; headless, that is typically a HeadlessException from a
 * command that builds a dialog. This stream reports such a failure in one line on stderr (the trace
 * too when it is not a missing display), records it and stops the macro, so the runner exits
 * non-zero instead of producing wrong results silently. A misspelled command ({@code run("Fit Hmm")},
 * which ImageJ reports through an error dialog) is named, with the nearest label.
 */
public final class CommandErrorWatcher extends PrintStream {

	private static final Pattern RUN = Pattern.compile("\\brun\\s*\\(\\s*(\"([^\"]*)\"|'([^']*)')");
	private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized command: \"(.*)\"");
	private static volatile String macro = "";
	private static volatile Interpreter running;
	private final PrintStream err;

	public CommandErrorWatcher(PrintStream out, PrintStream err) {
		super(out, true);
		this.err = err;
	}

	/** The text of the macro being run, to name the command of a failing line. */
	public static void macro(String text) {
		macro = text == null ? "" : text;
	}

	/**
	 * The interpreter of the macro being run (null when it has ended). ImageJ reports an unknown
	 * command by aborting the interpreter, which then is no longer {@link Interpreter#getInstance()}
	 * but still holds the failing line and the command's name.
	 */
	public static void interpreter(Interpreter interp) {
		running = interp;
	}

	@Override
	public void println(String s) {
		if (s != null && s.contains("\tat ij.Executer.run")) report(s);
		else super.println(s);
	}

	private void report(String trace) {
		String first = trace.lines().findFirst().orElse(trace).trim();
		Interpreter interp = Interpreter.getInstance();
		if (interp == null) interp = running;
		int line = interp == null ? -1 : MacroLine.of(interp);
		String where = line < 1 ? "" : " (macro line " + line + ")";
		boolean headless = first.startsWith("java.awt.HeadlessException");
		String unknown = headless && trace.contains("at ij.Executer.runCommand") && trace.contains("at ij.IJ.error")
				? unknownCommand(interp == null ? null : interp.getErrorMessage(), line)
				: null;
		String message = unknown != null ? unknown + where
				: headless ? "an ImageJ command" + where + " needs a window or dialog, which cannot exist headless"
						: "an ImageJ command" + where + " failed: " + first;
		// stderr as it is now (the runner may have been started by a caller that redirected it since)
		PrintStream now = System.err == this ? err : System.err;
		now.println("LatentJ headless: " + message);
		if (!headless) now.println(trace);
		CommandFailures.recordPrinted("ImageJ", message);
		if (interp != null) try {
			interp.abort(message);
		} catch (RuntimeException headlessDialog) {
			// the interpreter is stopped; its error dialog cannot open headless
		}
	}

	/**
	 * "Unrecognized command: Fit Hmm (did you mean Fit HMM?)": the name from ImageJ's error message
	 * (also when the macro gave it through a variable), else from the run(...) of that line that names
	 * no command.
	 */
	static String unknownCommand(String imagejMessage, int line) {
		Map<?, ?> table = Menus.getCommands();
		if (table == null) return null;
		Matcher named = UNRECOGNIZED.matcher(imagejMessage == null ? "" : imagejMessage);
		if (named.matches()) return unrecognized(named.group(1), table);
		String[] lines = macro.split("\n", -1);
		// the interpreter has often let go of its line by then: the whole macro, literal names only
		Matcher m = RUN.matcher(line >= 1 && line <= lines.length ? lines[line - 1] : macro);
		while (m.find()) {
			String cmd = m.group(2) != null ? m.group(2) : m.group(3);
			if (!table.containsKey(cmd)) return unrecognized(cmd, table);
		}
		return null;
	}

	private static String unrecognized(String cmd, Map<?, ?> table) {
		String best = nearest(cmd, table.keySet());
		return "Unrecognized command: " + cmd + (best == null ? "" : " (did you mean " + best + "?)");
	}

	static String nearest(String word, Iterable<?> labels) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		String w = word.toLowerCase(Locale.ROOT);
		for (Object o : labels) {
			String label = o.toString();
			int d = distance(w, label.toLowerCase(Locale.ROOT));
			if (d < bestDistance) {
				bestDistance = d;
				best = label;
			}
		}
		return bestDistance <= Math.max(2, word.length() / 3) ? best : null;
	}

	/** Levenshtein distance. */
	static int distance(String a, String b) {
		int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) prev[j] = j;
		for (int i = 1; i <= a.length(); i++) {
			cur[0] = i;
			for (int j = 1; j <= b.length(); j++)
				cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
			int[] t = prev;
			prev = cur;
			cur = t;
		}
		return prev[b.length()];
	}
}
