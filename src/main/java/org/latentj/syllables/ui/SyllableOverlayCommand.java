package org.latentj.syllables.ui;

import org.latentj.ui.Present;

import org.latentj.nwb.SessionFiles;
import org.latentj.syllables.SyllableLabels;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.util.BadInputException;
import org.latentj.syllables.NwbFrameSource;
import org.latentj.syllables.ui.SyllableOverlay;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.plugin.filter.AVI_Writer;

/**
 * A session's depth video with its syllables: a band in the syllable's colour on every frame with
 * the syllable id (and, for RGB, the time and frame number). Opens at once whatever the session's
 * length (frames are read as they are shown), calibrated in mm and seconds. With an output file the
 * frames {@code first_frame..last_frame} are saved as TIFF (.tif) or AVI (.avi, always the RGB
 * rendering, JPEG-compressed at the session's frame rate).
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Syllable Overlay", headless = true)
public class SyllableOverlayCommand implements Command {

	public static final String LABEL = "Syllable Overlay";

	@Parameter(label = "Session (NWB file)", persist = false)
	public String session = "";

	@Parameter(label = "Labels (nwb, a labels CSV, or a Fit HMM / Apply Model folder)", persist = false)
	public String labels = SyllableLabels.NWB;

	@Parameter(label = "Rendering", choices = { "rgb", "overlay" }, persist = false)
	public String render = "rgb";

	@Parameter(label = "Zoom (RGB)", min = "1", max = "16", persist = false)
	public int zoom = 4;

	@Parameter(label = "First frame", min = "0", persist = false)
	public int first_frame = 0;

	@Parameter(label = "Last frame (-1: the last)", min = "-1", persist = false)
	public int last_frame = -1;

	@Parameter(label = "Output file (.tif or .avi)", required = false, style = "save", persist = false)
	public File output;

	/** The image made, for callers in Java (null until run). */
	public ImagePlus image;

	@Override
	public void run() {
		boolean rgb;
		if (render.equalsIgnoreCase("rgb")) rgb = true;
		else if (render.equalsIgnoreCase("overlay")) rgb = false;
		else throw new BadInputException("render must be rgb or overlay (got '" + render + "').");
		if (zoom < 1 || zoom > 16) throw new BadInputException("zoom must be in 1..16 (got " + zoom + ").");
		String format = null;
		if (output != null) {
			String n = output.getName().toLowerCase();
			format = n.endsWith(".avi") ? "avi" : n.endsWith(".tif") || n.endsWith(".tiff") ? "tif" : null;
			if (format == null) throw new BadInputException("output " + output + " must end in .tif or .avi.");
			if (output.isDirectory()) throw new BadInputException("output " + output + " is a folder; give a file name ending in .tif or .avi.");
		}
		List<Path> files = SessionFiles.resolve(session, "session");
		Outputs.checkFile(output, files, labels);
		if (files.size() != 1)
			throw new BadInputException("session names " + files.size() + " NWB files; the syllable overlay shows one session.");
		MoSeqNwb nwb = MoSeqNwb.open(files.get(0));
		boolean done = false; // from then on the image owns the session (closed with it)
		try {
			int frames = nwb.frameCount();
			int last = last_frame < 0 ? frames - 1 : last_frame;
			if (first_frame < 0 || first_frame >= frames)
				throw new BadInputException("first_frame " + first_frame + " is outside the session's frames 0.." + (frames - 1) + ".");
			if (last < first_frame || last >= frames)
				throw new BadInputException("last_frame " + last_frame + " must be -1 or in " + first_frame + ".." + (frames - 1) + ".");
			int[] l = SyllableLabels.resolve(labels, List.of(nwb)).labels().get(0);
			double[] times = nwb.timestamps();
			double t0 = times[0];
			for (int t = 0; t < times.length; t++) times[t] -= t0;
			NwbFrameSource source = new NwbFrameSource(nwb);
			int count = last - first_frame + 1;
			if ("tif".equals(format)) // uncompressed: 3 bytes a pixel in RGB, 1 with an overlay (zoom=16 on 600 frames is 14.7 GB)
				Outputs.requireSpace(output.toPath(), org.latentj.util.Memory.product(count, source.frameWidth(), source.frameHeight(),
						zoom, zoom, rgb ? 3 : 1), count + " frames at zoom " + zoom);
			image = SyllableOverlay.create(source, l, times, first_frame, count, rgb, zoom, nwb.mmPerPixel(), nwb);
			if (output != null) {
				ImagePlus toSave = format.equals("avi") && !rgb
						? SyllableOverlay.create(source, l, times, first_frame, count, true, zoom, nwb.mmPerPixel(), null)
						: image;
				save(toSave, format);
			}
			done = true;
		} finally {
			if (!done) { // nothing is shown, so nothing else will close the session
				image = null;
				nwb.close();
			}
		}
		Present.image(image);
		Present.status(String.format("%s: %s, frames %d to %d (%s)%s", LABEL, image.getTitle(), first_frame,
				first_frame + image.getStackSize() - 1, rgb ? "RGB" : "8-bit with overlay",
				output == null ? "" : ", saved to " + output));
	}

	private void save(ImagePlus imp, String format) {
		Present.status(LABEL + ": writing " + output + " (" + imp.getStackSize() + " frames)");
		try {
			AtomicOutput.writeFile(output.toPath(), tmp -> {
				if (format.equals("avi")) new AVI_Writer().writeImage(imp, tmp.toString(), AVI_Writer.JPEG_COMPRESSION, 90);
				else org.latentj.ui.Tiff.save(imp, tmp);
			});
		} catch (IOException e) {
			throw new BadInputException("Cannot write " + output + " (" + e.getMessage() + ").", e);
		}
	}
}
