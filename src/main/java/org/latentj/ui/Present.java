package org.latentj.ui;

import java.awt.GraphicsEnvironment;

import org.latentj.util.Progress;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;

/**
 * How commands show what they made. In the GUI images, plots and tables open in windows; in a
 * batch-mode macro (the headless runner, Fiji --headless) images and plots become the macro's
 * current batch-mode images, so the next macro line (saveAs, selectImage...) finds them; tables
 * cannot be shown without a display, so commands that make tables also write them when given an
 * output. Called from plain Java without a macro, nothing is shown headless.
 */
public final class Present {

	private Present() {
	}

	/** True when no window can be opened. */
	public static boolean headless() {
		return GraphicsEnvironment.isHeadless();
	}

	private static boolean canShowImages() {
		return !headless() || Interpreter.isBatchMode();
	}

	public static void image(ImagePlus imp) {
		if (canShowImages()) imp.show();
	}

	public static void plot(Plot plot) {
		if (headless()) {
			if (Interpreter.isBatchMode()) plot.getImagePlus().show();
		} else plot.show();
	}

	public static void table(ResultsTable table, String title) {
		if (!headless()) table.show(title);
	}

	/** Status-bar text in the GUI; on stderr headless. */
	public static void status(String message) {
		if (headless()) System.err.println("LatentJ: " + message);
		else IJ.showStatus(message);
	}

	/**
	 * Progress for long work: the progress bar and status line in the GUI (Esc cancels), a line on
	 * stderr at most every few seconds headless.
	 */
	public static Progress progress(String task) {
		if (headless()) return new Progress() {
			private long last = System.nanoTime();

			@Override
			public void update(double fraction, String message) {
				long now = System.nanoTime();
				if (now - last < 5_000_000_000L && fraction < 1) return;
				last = now;
				System.err.printf("LatentJ: %s %3.0f%%%s%n", task, 100 * fraction, message == null ? "" : " " + message);
			}
		};
		IJ.resetEscape();
		return new Progress() {
			@Override
			public void update(double fraction, String message) {
				IJ.showProgress(fraction);
				IJ.showStatus(task + (message == null ? "" : ": " + message));
			}

			@Override
			public boolean isCancelled() {
				return IJ.escapePressed();
			}
		};
	}
}
