package org.latentj.ij1;

import java.lang.reflect.Field;

import ij.macro.Interpreter;

/**
 * The line of a macro that is running or has just failed. {@link Interpreter#getLineNumber()}
 * reads the line of the interpreter's position, which after an error is past the failing line
 * (ImageJ 1.54p re-reads the line to quote it, leaving the position on the next one); ImageJ's own
 * error message uses its private field {@code lineNumber}, set when the error is reported, so this
 * class reads that field once the interpreter has failed.
 */
public final class MacroLine {

	private static final Field ERROR_LINE = errorLineField();

	private MacroLine() {
	}

	/** The line the current macro is at, or -1 when no macro is running. */
	public static int current() {
		Interpreter interp = Interpreter.getInstance();
		return interp == null ? -1 : of(interp);
	}

	/** The failing line once {@code interp} has failed, else the line it is at; -1 if unknown. */
	public static int of(Interpreter interp) {
		if (interp.getErrorMessage() != null && ERROR_LINE != null) {
			try {
				int line = ERROR_LINE.getInt(interp);
				if (line > 0) return line;
			} catch (IllegalAccessException e) {
				// fall back on the interpreter's position below
			}
		}
		try {
			return interp.getLineNumber();
		} catch (RuntimeException noProgram) { // before the program is tokenized, or after it is released
			return -1;
		}
	}

	/** " (macro line N)" for a refusal while a macro runs, else "". */
	public static String suffix() {
		int line = current();
		return line > 0 ? " (macro line " + line + ")" : "";
	}

	private static Field errorLineField() {
		try {
			Field f = Interpreter.class.getDeclaredField("lineNumber");
			f.setAccessible(true);
			return f;
		} catch (ReflectiveOperationException | RuntimeException otherImageJ) {
			return null; // another ImageJ version: the interpreter's position is the best there is
		}
	}
}
