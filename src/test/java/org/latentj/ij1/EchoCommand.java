package org.latentj.ij1;

import java.io.File;

import org.latentj.ui.Present;
import org.latentj.util.BadInputException;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.process.ByteProcessor;

/** A test command with one input of every supported kind; remembers what it was run with. */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Test>LatentJ Test Echo", headless = true)
public class EchoCommand extends LatentJCommand {

	static volatile EchoCommand last;

	@MacroAlias({ "caption", "name" })
	@Parameter(label = "Title")
	public String title = "echo";

	@Parameter(label = "Width", min = "1", max = "1000")
	public int width = 16;

	@Parameter(label = "Ratio")
	public double ratio = 0.5;

	@Parameter(label = "Mode", choices = { "plain", "fancy" })
	public String mode = "plain";

	@Parameter(label = "Flag")
	public boolean flag = true;

	@Parameter(label = "File", required = false)
	public File path;

	@DefaultsToOpenSession
	@Parameter(label = "Sessions", required = false, description = "a session input, for the open-session default")
	public String sessions = "";

	@Parameter(type = ItemIO.OUTPUT, label = "Image")
	public ImagePlus image;

	@Override
	protected void execute() {
		last = this;
		if (title.equals("fail")) throw new BadInputException("Echo: asked to fail.");
		if (title.equals("bug")) throw new IllegalStateException("a bug");
		if (title.equals("esc")) throw new org.latentj.util.CancelledException();
		ByteProcessor ip = new ByteProcessor(width, 8);
		ip.setValue(mode.equals("fancy") ? 200 : 100);
		ip.fill();
		image = new ImagePlus(title, ip);
		Present.image(image);
	}
}
