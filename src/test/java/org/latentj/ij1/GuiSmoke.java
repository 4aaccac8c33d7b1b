package org.latentj.ij1;

import java.awt.Button;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Vector;

import ij.IJ;
import ij.ImageJ;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

/**
 * A check of the interactive path that unit tests cannot reach (they run headless): ImageJ with its
 * windows, a click on a LatentJ menu item, the dialog filled in and OK pressed, the command's image
 * shown, and the macro recorder's line. Needs a display; run it under Xvfb:
 * <pre>
 * mvn -B -q test-compile &amp;&amp; xvfb-run -a java -cp "target/test-classes:target/classes:target/lib/*" org.latentj.ij1.GuiSmoke
 * </pre>
 * Exits 0 when every step worked, 1 otherwise. With an argument, saves a screenshot of the second
 * dialog (proposing the first one's values) to that PNG file.
 */
public final class GuiSmoke {

	public static void main(String[] args) throws Exception {
		Path out = Files.createTempDirectory("latentj-gui").resolve("clicked.nwb");
		new ImageJ(ImageJ.NO_SHOW);
		CommandTable.install(); // as Fiji/ImageJ would from the jar's plugins.config
		new Recorder(false);
		Recorder.record = true;
		IJ.doCommand("Simulate MoSeq Session"); // what a menu click does: a new thread through Executer
		GenericDialog gd = waitForDialog("LatentJ: Simulate MoSeq Session");
		@SuppressWarnings("unchecked")
		Vector<TextField> strings = gd.getStringFields();
		@SuppressWarnings("unchecked")
		Vector<TextField> numbers = gd.getNumericFields();
		strings.get(0).setText(out.toString()); // output
		numbers.get(0).setText("200"); // frames
		numbers.get(1).setText("3"); // states
		Button ok = gd.getButtons()[0];
		gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));
		long deadline = System.currentTimeMillis() + 60_000;
		while (!Files.exists(out) && System.currentTimeMillis() < deadline) Thread.sleep(100);
		Thread.sleep(1000);
		String recorded = Recorder.getInstance() == null ? "" : Recorder.getInstance().getText();
		boolean ok1 = Files.size(out) > 0;
		boolean ok2 = recorded.contains("run(\"Simulate MoSeq Session\", \"output=" + out) && recorded.contains("frames=200")
				&& recorded.contains("states=3");
		System.out.println("file written: " + ok1 + " (" + Files.size(out) + " bytes)");
		System.out.println("recorded: " + recorded.trim());
		// the recorded line replays through the bridge in a macro, with no dialog
		Path replay = out.resolveSibling("replayed.nwb");
		String line = recorded.trim().lines().filter(l -> l.contains("Simulate MoSeq Session")).findFirst().orElse("");
		IJ.runMacro(line.replace(out.toString(), replay.toString()));
		boolean ok3 = Files.exists(replay) && Files.size(replay) > 0;
		System.out.println("replayed: " + Files.exists(replay));
		// a bad value from the dialog gives an error dialog with one sentence, not a stack trace
		IJ.doCommand("Simulate MoSeq Session");
		GenericDialog gd2 = waitForDialog("LatentJ: Simulate MoSeq Session");
		@SuppressWarnings("unchecked")
		Vector<TextField> strings2 = gd2.getStringFields();
		@SuppressWarnings("unchecked")
		Vector<TextField> numbers2 = gd2.getNumericFields();
		// the second dialog proposes the first dialog's values (Remembered), as Fiji's dialog does
		boolean ok4 = numbers2.get(0).getText().equals("200") && numbers2.get(1).getText().equals("3")
				&& strings2.get(0).getText().equals(out.toString());
		System.out.println("remembered: " + ok4 + " (frames " + numbers2.get(0).getText() + ", states " + numbers2.get(1).getText() + ")");
		if (args.length > 0) { // a screenshot of the dialog, e.g. for docs/images
			Thread.sleep(500);
			javax.imageio.ImageIO.write(new java.awt.Robot().createScreenCapture(gd2.getBounds()), "png", new java.io.File(args[0]));
		}
		strings2.get(0).setText(out.resolveSibling("not-a-session.txt").toString());
		Button ok2b = gd2.getButtons()[0];
		gd2.actionPerformed(new ActionEvent(ok2b, ActionEvent.ACTION_PERFORMED, ok2b.getLabel()));
		Window error = waitForWindow("LatentJ: Simulate MoSeq Session", gd2);
		System.out.println("error window: " + (error != null ? error.getClass().getSimpleName() : "none"));
		boolean pass = ok1 && ok2 && ok3 && ok4 && error != null;
		System.out.println(pass ? "GUI smoke test passed" : "GUI smoke test FAILED");
		System.exit(pass ? 0 : 1);
	}

	private static GenericDialog waitForDialog(String title) throws InterruptedException {
		Window w = waitForWindow(title, null);
		if (!(w instanceof GenericDialog)) throw new IllegalStateException("no dialog titled " + title);
		return (GenericDialog) w;
	}

	private static Window waitForWindow(String title, Window except) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < deadline) {
			for (Window w : Window.getWindows())
				if (w != except && w.isShowing() && w instanceof java.awt.Dialog && title.equals(((java.awt.Dialog) w).getTitle()))
					return w;
			Thread.sleep(100);
		}
		return null;
	}

	static {
		WindowManager.getCurrentImage(); // load ImageJ's window manager early
	}
}
