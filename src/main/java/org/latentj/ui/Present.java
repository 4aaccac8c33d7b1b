package org.latentj.ui;

import java.awt.GraphicsEnvironment;
import java.util.List;

import org.latentj.util.Progress;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.process.ImageProcessor;

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

	/**
	 * A group of plots in one window: a single plot as a live ImageJ plot (List, zoom, Plot.getValues),
	 * several as one stack of their pictures with a labeled slice each, so that fifty syllables are one
	 * window and not fifty. Callers keep the live plots for scripts and save them.
	 */
	public static void plots(String title, List<Plot> plots, List<String> labels) {
		if (plots.size() == 1) plot(plots.get(0));
		else if (!plots.isEmpty()) image(plotStack(title, plots, labels));
	}

	/**
	 * At most this many plots of a group (sessions, syllables) open as live plot windows in the GUI;
	 * beyond that one window of pictures stays usable where ten or fifty windows would not.
	 */
	public static final int MAX_LIVE_PLOTS = 6;

	/**
	 * Whether a group of {@code count} plots opens as live plot windows (List and Plot.getValues give
	 * the numbers) rather than as one stack of pictures: one plot always; up to {@link #MAX_LIVE_PLOTS}
	 * when a person works in the GUI. A macro (batch mode or not) keeps the one stack window, so its
	 * selectImage and saveAs lines find the same images as before.
	 */
	public static boolean livePlots(int count, boolean interactive) {
		return count == 1 || interactive && count >= 1 && count <= MAX_LIVE_PLOTS;
	}

	/** True when a person runs the command from the GUI: windows can open and no macro drives it. */
	public static boolean interactive() {
		return !headless() && !IJ.isMacro() && !Interpreter.isBatchMode() && ij.Macro.getOptions() == null;
	}

	/**
	 * A group of plots as {@link #livePlots} decides: each in its own live window, or one window
	 * ({@link #plots}: a stack of their pictures).
	 */
	public static void livePlotsOrStack(String title, List<Plot> plots, List<String> labels) {
		if (livePlots(plots.size(), interactive())) for (Plot p : plots) plot(p);
		else plots(title, plots, labels);
	}

	/** Plots as a stack of their pictures (RGB, sized as the first), one labeled slice each. */
	public static ImagePlus plotStack(String title, List<Plot> plots, List<String> labels) {
		ImageProcessor first = plots.get(0).getProcessor();
		ImageStack stack = new ImageStack(first.getWidth(), first.getHeight());
		for (int i = 0; i < plots.size(); i++) {
			ImageProcessor ip = plots.get(i).getProcessor().convertToRGB();
			if (ip.getWidth() != first.getWidth() || ip.getHeight() != first.getHeight())
				ip = ip.resize(first.getWidth(), first.getHeight());
			stack.addSlice(labels.get(i), ip);
		}
		return new ImagePlus(title, stack);
	}

	/** Shows a table in the GUI, its numbers formatted by {@link ResultsTables#format}. */
	public static void table(ResultsTable table, String title) {
		if (!headless()) ResultsTables.format(table).show(title);
	}

	/** The end of a command's status line: where its outputs went, or that nothing was saved. */
	public static String savedSuffix(Object output) {
		return output == null ? " (no output folder: nothing saved)" : ", saved to " + output;
	}

	/** Status-bar text in the GUI; on stdout headless (stderr holds only failures there). */
	public static void status(String message) {
		if (headless()) System.out.println("LatentJ: " + message);
		else IJ.showStatus(message);
	}

	/**
	 * Progress for long work: the progress bar and status line in the GUI (Esc cancels), a line on
	 * stdout at most every few seconds headless.
	 */
	public static Progress progress(String task) {
		if (headless()) return new Progress() {
			private long last = System.nanoTime();

			@Override
			public void update(double fraction, String message) {
				long now = System.nanoTime();
				if (now - last < 5_000_000_000L && fraction < 1) return;
				last = now;
				System.out.printf("LatentJ: %s %3.0f%%%s%n", task, 100 * fraction, message == null ? "" : " " + message);
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
				if (!IJ.escapePressed()) return false;
				clearProgress(); // the work now ends with CancelledException: leave no "iteration 5/100" behind
				return true;
			}
		};
	}

	/** Hides the progress bar and empties the status line (after a failed or cancelled run). */
	public static void clearProgress() {
		if (headless()) return;
		IJ.showProgress(1.0);
		IJ.showStatus("");
	}
}
