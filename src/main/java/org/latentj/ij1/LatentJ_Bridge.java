package org.latentj.ij1;

import java.awt.GraphicsEnvironment;
import java.util.Map;

import org.latentj.util.BadInputException;
import org.latentj.util.CancelledException;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;

/**
 * The ImageJ 1.x face of every LatentJ command. plugins.config maps each menu label to this class
 * with the command's class name as argument, so that {@code run("Fit HMM", "states=6 ...")} works in
 * plain ImageJ, in Fiji and in the headless runner, and a click on the menu shows a dialog and is
 * recorded by the macro recorder.
 */
public class LatentJ_Bridge implements PlugIn {

	@Override
	public void run(String className) {
		CommandSpec spec;
		try {
			spec = CommandSpec.forName(className);
		} catch (IllegalArgumentException e) {
			IJ.error("LatentJ", e.getMessage());
			return;
		}
		// Macro options are only visible on the thread that runs the macro's run(...) call: read them now.
		String options = Macro.getOptions();
		Map<String, String> values;
		boolean fromDialog = false;
		try {
			if (options != null || GraphicsEnvironment.isHeadless()) values = MacroOptions.parse(options);
			else {
				values = ParameterDialog.show(spec);
				if (values == null) return; // cancelled
				fromDialog = true;
			}
			CommandRunner.run(spec, values);
			if (fromDialog) {
				record(spec, values);
				Remembered.save(spec, values);
			}
		} catch (Throwable e) {
			fail(spec.label(), e);
		}
	}

	/** Writes the options of a dialog-driven run so the recorder produces run("Label", "key=value ..."). */
	private static void record(CommandSpec spec, Map<String, String> values) {
		if (!Recorder.record) return;
		// GenericDialog recorded its fields under keys made from their labels; ours are the parameter names
		Recorder.resetCommandOptions();
		for (Map.Entry<String, String> e : values.entrySet()) {
			CommandSpec.Input in = spec.input(e.getKey());
			if (in.isFile()) Recorder.recordPath(e.getKey(), e.getValue());
			else if ((in.type() == boolean.class || in.type() == Boolean.class) && e.getValue().equals("true"))
				Recorder.recordOption(e.getKey());
			else Recorder.recordOption(e.getKey(), e.getValue());
		}
	}

	/**
	 * Reports a failed command: a dialog in the GUI (which also aborts a running macro with the
	 * message and line), one line on stderr headless followed by an abort of the macro, so that the
	 * headless runner exits non-zero. Unexpected errors (bugs) also print their stack trace.
	 */
	static void fail(String label, Throwable e) {
		// messages from commands and from CommandRunner often start with the label already
		String message = withoutLabel(label, messageOf(e));
		boolean expected = expected(e);
		if (GraphicsEnvironment.isHeadless()) {
			CommandFailures.recordPrinted(label, message);
			System.err.println("LatentJ: " + label + ": " + message + MacroLine.suffix());
			if (!expected) e.printStackTrace();
			stopMacro(label + ": " + message);
		} else {
			org.latentj.ui.Present.clearProgress(); // no stale "iteration 5/100" after a failure or Esc
			CommandFailures.record(label, message);
			if (Recorder.record) Recorder.disableCommandRecording(); // a failed run is not worth replaying
			if (!expected) IJ.handleException(e);
			IJ.error("LatentJ: " + label, message);
		}
	}

	/** A failure the user can fix (one sentence), as opposed to a bug (reported with its stack trace). */
	static boolean expected(Throwable e) {
		return e instanceof BadInputException || e instanceof CancelledException || e instanceof java.io.UncheckedIOException
				|| e instanceof OutOfMemoryError;
	}

	/**
	 * Reports an expected failure of a command run by SciJava and returns the module's cancel reason,
	 * "Label: sentence". Fiji shows a cancel reason in a warning dialog; headless no dialog opens, so
	 * the sentence goes to stderr exactly as the bridge writes it, and a running macro stops.
	 */
	static String failInSciJava(String label, Throwable e) {
		String message = withoutLabel(label, messageOf(e));
		if (GraphicsEnvironment.isHeadless()) {
			CommandFailures.recordPrinted(label, message);
			System.err.println("LatentJ: " + label + ": " + message + MacroLine.suffix());
			if (Interpreter.getInstance() != null) stopMacro(label + ": " + message);
		} else {
			org.latentj.ui.Present.clearProgress(); // as fail(): no stale status after a failure in Fiji either
			CommandFailures.record(label, message);
		}
		return label + ": " + message;
	}

	/**
	 * Stops the running macro headless. ImageJ's interpreter ends a macro by showing an error dialog,
	 * which throws HeadlessException after the interpreter has marked itself done and kept the
	 * message; the runner reads that state.
	 */
	private static void stopMacro(String message) {
		Interpreter interp = Interpreter.getInstance();
		if (interp == null) {
			Macro.abort();
			return;
		}
		try {
			interp.abort(message);
		} catch (RuntimeException expectedHeadless) {
			// the dialog cannot open headless; the macro is stopped all the same
		}
	}

	static String withoutLabel(String label, String message) {
		String prefix = label + ": ";
		return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
	}

	static String messageOf(Throwable e) {
		if (e instanceof BadInputException || e instanceof CancelledException) return e.getMessage();
		if (e instanceof OutOfMemoryError) return "Out of memory; " + org.latentj.util.Memory.HOW + ", or use a smaller input.";
		if (e instanceof java.io.UncheckedIOException) return e.getMessage() + (e.getMessage().endsWith(".") ? "" : ".");
		return "Internal error (" + e + "); please report it with the stack trace.";
	}
}
