package org.latentj;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.latentj.ij1.CommandErrorWatcher;
import org.latentj.ij1.CommandFailures;
import org.latentj.ij1.CommandTable;
import org.latentj.ij1.MacroLine;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;

/**
 * Runs an ImageJ macro without a display:
 * {@code java -cp 'target/lib/*' org.latentj.Headless -batch FILE.ijm [ARG]}.
 * <p>
 * Unlike ImageJ's own -batch, the exit code tells what happened: 0 when the macro ran to its end,
 * 1 when the macro or a command in it failed (the error on stderr), 2 for a usage error. The JVM
 * exits when the macro ends. ImageJ cannot build its menus headless, so the runner installs the
 * command table itself ({@link CommandTable}); images live as batch-mode images.
 */
public final class Headless {

	private Headless() {
	}

	public static void main(String[] args) {
		// No display unless the caller asks for one (-Djava.awt.headless=false under xvfb-run): with a
		// (virtual) display, ImageJ built-ins that build dialogs work too, still without showing them.
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
		quietSlf4j();
		int code;
		try {
			code = run(args);
		} catch (Throwable t) {
			System.err.println("LatentJ headless: " + t);
			t.printStackTrace();
			code = 1;
		}
		System.out.flush();
		System.err.flush();
		System.exit(code);
	}

	/** Runs the macro named in the arguments and returns the exit code (does not exit). */
	public static int run(String... args) throws IOException {
		String usage = "Usage: java -cp 'target/lib/*' org.latentj.Headless -batch FILE.ijm [ARGUMENT]";
		if (args.length < 2 || !(args[0].equals("-batch") || args[0].equals("-macro"))) {
			System.err.println(usage);
			return 2;
		}
		if (args.length > 3) { // the macro would see only the first; a shell split an argument with spaces
			System.err.println(usage + " (" + (args.length - 2) + " arguments given after the file; quote an argument that has spaces).");
			return 2;
		}
		Path file = Path.of(args[1]);
		if (!Files.isRegularFile(file)) {
			System.err.println("LatentJ headless: the macro file " + file + " does not exist.");
			return 2;
		}
		String macro;
		try {
			macro = Files.readString(file, StandardCharsets.UTF_8);
		} catch (java.nio.charset.CharacterCodingException e) {
			System.err.println("LatentJ headless: the macro file " + file + " is not UTF-8 text; save it as UTF-8 (Fiji's script editor does).");
			return 2;
		}
		String argument = args.length > 2 ? args[2] : "";
		return runMacro(macro, argument, file.getFileName().toString());
	}

	/** jhdf logs through slf4j; without a binding slf4j warns on stderr at every run (its stderr is our error channel). */
	private static void quietSlf4j() {
		if (System.getProperty("slf4j.provider") == null)
			System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
		if (System.getProperty("slf4j.internal.verbosity") == null)
			System.setProperty("slf4j.internal.verbosity", "WARN");
	}

	/** Runs macro text headless; returns 0 on success, 1 on failure (message on stderr). */
	public static int runMacro(String macro, String argument, String name) {
		quietSlf4j(); // also for scripts that call this directly, not main
		CommandTable.install();
		CommandFailures.reset();
		CommandErrorWatcher.macro(macro);
		if (!(System.out instanceof CommandErrorWatcher)) System.setOut(new CommandErrorWatcher(System.out, System.err));
		Interpreter.batchMode = true;
		Interpreter interp = new Interpreter();
		CommandErrorWatcher.interpreter(interp);
		Throwable[] thrown = new Throwable[1];
		// ImageJ aborts a macro (File not found, a cancelled dialog...) by throwing from Macro.abort(),
		// which it only does on a thread whose name ends with "Macro$"; "Run$_" makes macro options
		// visible to the commands the macro runs.
		Thread thread = new Thread(() -> {
			try {
				interp.run(macro, argument);
			} catch (Throwable t) {
				thrown[0] = t;
			}
		}, "Run$_Macro$");
		thread.start();
		try {
			thread.join();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 1;
		} finally {
			CommandErrorWatcher.interpreter(null);
		}
		String error = failure(interp, thrown[0], name);
		if (error != null && CommandFailures.printed()) return 1; // said once, where it happened
		if (error != null) {
			System.err.println("LatentJ headless: macro failed: " + error);
			return 1;
		}
		return 0;
	}

	private static String failure(Interpreter interp, Throwable thrown, String name) {
		if (CommandFailures.first() != null) return CommandFailures.first();
		if (interp.getErrorMessage() != null)
			return interp.getErrorMessage() + " (" + name + ", line " + MacroLine.of(interp) + ")";
		// exit() in a macro also throws MACRO_CANCELED, but only after the interpreter has finished
		// up (it is then no longer the current instance); an abort leaves it current.
		boolean cancelled = thrown != null && Macro.MACRO_CANCELED.equals(thrown.getMessage());
		if (cancelled && Interpreter.getInstance() == interp) {
			String last = IJ.getErrorMessage();
			return "the macro was aborted" + (last == null || last.isEmpty() ? "" : ": " + last) + " (" + name + ")";
		}
		// ImageJ reports macro errors through a dialog, which throws headless; anything else is a failure too.
		if (thrown != null && !cancelled) return thrown.toString() + " (" + name + ")";
		return null;
	}
}
