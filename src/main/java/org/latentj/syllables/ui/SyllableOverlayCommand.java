package org.latentj.syllables.ui;

import org.latentj.io.PathText;
import org.latentj.ui.Present;

import org.latentj.nwb.SessionFiles;
import org.latentj.syllables.SyllableLabels;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.latentj.util.BadInputException;
import org.latentj.syllables.SyllableOverlaySettings;
import org.latentj.ij1.DefaultsToOpenSession;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * A session's depth video with its syllables: a band in the syllable's color on every frame with
 * the syllable id (and, for RGB, the time and frame number). Opens at once whatever the session's
 * length (frames are read as they are shown), calibrated in mm and seconds. With an output file the
 * frames {@code first_frame..last_frame} are saved as TIFF (.tif) or AVI (.avi, always the RGB
 * rendering, JPEG-compressed at the session's frame rate). The key is {@code session}, singular: the
 * overlay is one video of one recording (Crowd Movie and Syllable Statistics, which pool several,
 * take {@code sessions}). The work is {@link SyllableOverlays#run}, in this package as it makes an
 * ImageJ stack.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Syllable Overlay", headless = true)
public class SyllableOverlayCommand extends LatentJCommand {

	public static final String LABEL = "Syllable Overlay";

	@DefaultsToOpenSession
	@Parameter(label = "Session (NWB file)", style = "both,extensions:nwb", required = false,
			description = "the MoSeq NWB session (.nwb, or a folder holding one) to draw on; the open session by default")
	public File session;

	@Parameter(label = "Labels (nwb, a labels CSV, or a Fit HMM / Apply Model folder)", style = "both,extensions:csv", required = false, description = "where the syllables come from: nwb (the labels stored in the session), a labels CSV, or a Fit HMM / Apply Model output folder")
	public File labels = new File(SyllableLabels.NWB);

	@Parameter(label = "Rendering", choices = { "rgb", "overlay" }, description = "RGB frames with the syllable burnt in, or the 8-bit frames with an overlay")
	public String render = "rgb";

	@Parameter(label = "Zoom (RGB)", min = "1", max = "16", description = "magnification of the RGB frames")
	public int zoom = 4;

	@Parameter(label = "First frame", min = "0", description = "first frame drawn (0 is the first of the session)")
	public int first_frame = 0;

	@Parameter(label = "Last frame (-1: the last)", min = "-1", description = "last frame drawn; -1 is the last of the session")
	public int last_frame = -1;

	@Parameter(label = "Output file (.tif or .avi)", required = false, style = "save", description = "TIFF or AVI file written; leave empty to only show the overlay")
	public File output;

	/** The image made, for callers in Java (null until run). */
	@Parameter(type = ItemIO.OUTPUT, label = "Overlay")
	public ImagePlus image;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	/** The settings these fields stand for (checked). */
	public SyllableOverlaySettings settings() {
		List<Path> files = SessionFiles.resolve(session == null ? "" : session.getPath(), "session");
		if (files.size() != 1)
			throw new BadInputException("session names " + files.size() + " NWB files; the syllable overlay shows one session.");
		return new SyllableOverlaySettings(files.get(0), PathText.of(labels), SyllableOverlaySettings.Render.parse(render), zoom, first_frame,
				last_frame, output == null ? null : output.toPath());
	}

	@Override
	protected void execute() {
		SyllableOverlaySettings s = settings();
		image = SyllableOverlays.run(s).image();
		saved = output;
		Present.image(image);
		Present.status(String.format("%s: %s, frames %d to %d (%s)%s", LABEL, image.getTitle(), first_frame,
				first_frame + image.getStackSize() - 1, s.rgb() ? "RGB" : "8-bit with overlay",
				output == null ? "" : ", saved to " + output));
	}
}
