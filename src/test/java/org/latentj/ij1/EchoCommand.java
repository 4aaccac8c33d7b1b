package org.latentj.ij1;

import java.io.File;

import org.latentj.ui.Present;
import org.latentj.util.BadInputException;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.process.ByteProcessor;

/** A test command with one input of every supported kind; remembers what it was run with. */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Test>LatentJ Test Echo", headless = true)
public class EchoCommand implements Command {

	static volatile EchoCommand last;

	@MacroAlias({ "caption", "name" })
	@Parameter(label = "Title", persist = false)
	public String title = "echo";

	@Parameter(label = "Width", min = "1", max = "1000", persist = false)
	public int width = 16;

	@Parameter(label = "Ratio", persist = false)
	public double ratio = 0.5;

	@Parameter(label = "Mode", choices = { "plain", "fancy" }, persist = false)
	public String mode = "plain";

	@Parameter(label = "Flag", persist = false)
	public boolean flag = true;

	@Parameter(label = "File", required = false, persist = false)
	public File path;

	@Override
	public void run() {
		last = this;
		if (title.equals("fail")) throw new BadInputException("Echo: asked to fail.");
		if (title.equals("bug")) throw new IllegalStateException("a bug");
		ByteProcessor ip = new ByteProcessor(width, 8);
		ip.setValue(mode.equals("fancy") ? 200 : 100);
		ip.fill();
		Present.image(new ImagePlus(title, ip));
	}
}
