package org.latentj.ij1;

import java.io.PrintStream;

import ij.macro.Interpreter;

/**
 * Standard output for the headless runner that notices ImageJ built-in commands failing. ImageJ's
 * Executer catches any exception a command throws, logs its stack trace (to stdout when there is no
 * Log window) and lets the macro carry on; headless, that is typically a HeadlessException from a
 * command that builds a dialog. This stream moves such traces to stderr, records the failure and
 * stops the macro, so the runner exits non-zero instead of producing wrong results silently.
 */
public final class CommandErrorWatcher extends PrintStream {

	private final PrintStream err;

	public CommandErrorWatcher(PrintStream out, PrintStream err) {
		super(out, true);
		this.err = err;
	}

	@Override
	public void println(String s) {
		if (s != null && s.contains("\tat ij.Executer.run")) report(s);
		else super.println(s);
	}

	private void report(String trace) {
		String first = trace.lines().findFirst().orElse(trace).trim();
		Interpreter interp = Interpreter.getInstance();
		String where = interp == null ? "" : " (macro line " + interp.getLineNumber() + ")";
		String message = first.startsWith("java.awt.HeadlessException")
				? "an ImageJ command" + where + " needs a window or dialog, which cannot exist headless"
				: "an ImageJ command" + where + " failed: " + first;
		err.println("LatentJ headless: " + message);
		err.println(trace);
		CommandFailures.record("ImageJ", message);
		if (interp != null) try {
			interp.abort(message);
		} catch (RuntimeException headlessDialog) {
			// the interpreter is stopped; its error dialog cannot open headless
		}
	}
}
