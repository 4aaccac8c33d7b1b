package org.latentj.ij1;

import java.awt.Button;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.latentj.syllables.SyllableAnalysis;
import org.latentj.syllables.TransitionNormalization;
import org.latentj.syllables.ui.SyllableStatisticsReport;
import org.latentj.testing.SharedData;
import org.latentj.ui.Present;
import org.latentj.util.CancelledException;
import org.latentj.util.Progress;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Plot;
import ij.gui.PlotWindow;

/**
 * The screenshots in docs/images/views (referred to from docs/views.md): the plain-ImageJ dialogs of
 * four commands and the figures of Syllable Statistics and Crowd Movie, as ImageJ shows them; then two
 * checks unit tests cannot make headless (Esc leaves no stale status text; Latent Analysis opens three
 * windows). Needs a display; run it under Xvfb from the repository root (exit code 1 when a check fails):
 * <pre>
 * mvn -B -q test-compile &amp;&amp; xvfb-run -a -s "-screen 0 1600x1200x24" java -cp "target/test-classes:target/classes:target/lib/*" org.latentj.ij1.Screenshots
 * </pre>
 */
public final class Screenshots {

	private static final Path OUT = Path.of("docs", "images", "views");
	private static Robot robot;

	public static void main(String[] args) throws Exception {
		Files.createDirectories(OUT);
		robot = new Robot();
		new ImageJ(ImageJ.NO_SHOW);
		CommandTable.install();
		Path s1 = SharedData.testData("sim_session_1.nwb"), s2 = SharedData.testData("sim_session_2.nwb");
		for (String label : List.of("Open MoSeq NWB", "Fit HMM", "Syllable Statistics", "Crowd Movie")) {
			IJ.doCommand(label);
			GenericDialog gd = (GenericDialog) waitFor("LatentJ: " + label);
			shoot(gd, "dialog_" + label.toLowerCase().replace(' ', '_'));
			Button cancel = gd.getButtons()[1];
			gd.actionPerformed(new ActionEvent(cancel, ActionEvent.ACTION_PERFORMED, cancel.getLabel()));
			Thread.sleep(500);
		}
		SyllableAnalysis.Result r = SyllableAnalysis.run(new SyllableAnalysis.Settings(List.of(s1, s2), "nwb",
				TransitionNormalization.ROW, 6, 10, 20, 3, 60, 30), Progress.NONE);
		SyllableStatisticsReport report = SyllableStatisticsReport.of(r);
		shoot(show(report.averagePlots.get(0)), "average_pcs");
		shoot(show(report.statesPlots.get(0)), "data_and_states");
		report.matrix.show();
		shoot(waitFor(report.matrix.getTitle()), "transition_matrix");
		IJ.runMacro("run('Crowd Movie', 'sessions=[" + s1 + "] syllable=2 max_examples=10 crop');");
		ImagePlus movie = WindowManager.getCurrentImage();
		movie.setT(movie.getNFrames() / 2);
		shoot(movie.getWindow(), "crowd_movie");
		System.out.println("screenshots in " + OUT.toAbsolutePath());
		boolean pass = escLeavesNoStatus() & latentAnalysisOpensAtMostThreeWindows();
		System.out.println(pass ? "GUI view checks passed" : "GUI view checks FAILED");
		System.exit(pass ? 0 : 1);
	}

	/** Esc during long work: the run ends (CancelledException) and the status line is empty, the bar gone. */
	private static boolean escLeavesNoStatus() {
		Progress p = Present.progress("Fit HMM");
		p.update(0.3, "iteration 5/100");
		boolean before = ImageJ.getStatusBarText().contains("iteration 5/100");
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		boolean stopped = false;
		try {
			p.checkCancelled();
		} catch (CancelledException expected) {
			stopped = true;
		}
		IJ.resetEscape();
		String after = ImageJ.getStatusBarText();
		boolean ok = before && stopped && after.isEmpty();
		System.out.println("Esc: status before '" + (before ? "iteration 5/100" : "?") + "', after '" + after + "': " + (ok ? "ok" : "FAILED"));
		return ok;
	}

	/** Latent Analysis in the GUI: its neurons table and two image windows, whatever it saved. */
	private static boolean latentAnalysisOpensAtMostThreeWindows() throws Exception {
		Path dir = Files.createTempDirectory("latentj-views"), csv = dir.resolve("latents.csv");
		org.latentj.diffusion.LatentCsv.write(csv, org.latentj.testing.SyntheticLatents.twoInformative(400, 10, 2));
		WindowManager.closeAllWindows();
		IJ.runMacro("run('Latent Analysis', 'data=[" + csv + "] length=400 output=[" + dir.resolve("out") + "]');");
		Thread.sleep(1500);
		int opened = 0;
		StringBuilder titles = new StringBuilder();
		for (Window w : Window.getWindows())
			if (w.isShowing() && w instanceof java.awt.Frame f && !(w instanceof ImageJ)) {
				opened++;
				titles.append(" '").append(f.getTitle()).append('\'');
			}
		boolean ok = opened == 3;
		System.out.println("Latent Analysis windows:" + titles + " (" + opened + "): " + (ok ? "ok" : "FAILED"));
		return ok;
	}

	private static Window show(Plot plot) throws InterruptedException {
		PlotWindow w = plot.show();
		return w;
	}

	/** The window on screen, as the user sees it (frame and title bar included). */
	private static void shoot(Window w, String name) throws Exception {
		w.toFront();
		Thread.sleep(1500);
		// without a window manager a dialog is first placed at 0,0 and then centered: wait until it stays put
		Rectangle b = new Rectangle(w.getLocationOnScreen(), w.getSize());
		for (int i = 0; i < 50; i++) {
			Thread.sleep(200);
			Rectangle now = new Rectangle(w.getLocationOnScreen(), w.getSize());
			if (now.equals(b) && (b.x > 0 || b.y > 0)) break;
			b = now;
		}
		Thread.sleep(300);
		BufferedImage shot = robot.createScreenCapture(b);
		ImageIO.write(shot, "png", OUT.resolve(name + ".png").toFile());
		System.out.println(name + ": " + b.width + "x" + b.height);
	}

	private static Window waitFor(String title) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < deadline) {
			for (Window w : Window.getWindows()) {
				String t = w instanceof java.awt.Dialog d ? d.getTitle() : w instanceof java.awt.Frame f ? f.getTitle() : null;
				if (w.isShowing() && t != null && t.startsWith(title)) return w;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("no window titled " + title);
	}
}
