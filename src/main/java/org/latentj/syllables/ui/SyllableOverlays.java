package org.latentj.syllables.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.latentj.io.AtomicOutput;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.syllables.NwbFrameSource;
import org.latentj.syllables.SyllableLabels;
import org.latentj.syllables.SyllableOverlaySettings;
import org.latentj.util.BadInputException;

import ij.ImagePlus;
import ij.plugin.filter.AVI_Writer;

/**
 * The work of Syllable Overlay, an entry point in the ui package because the overlay is an ImageJ
 * virtual stack: open the session, check the frame range, resolve the labels, make the stack
 * ({@link SyllableOverlay}), save the frames asked for (TIFF, or AVI of the RGB rendering,
 * JPEG-compressed at the session's frame rate, written under a temporary name and moved in whole).
 */
public final class SyllableOverlays {

	private SyllableOverlays() {
	}

	/** The stack (it owns the session, closed with it) and the file written (null without output). */
	public record Result(ImagePlus image, Path saved) {
	}

	public static Result run(SyllableOverlaySettings s) {
		if (s.output() != null) org.latentj.io.Outputs.check(s.output(), org.latentj.io.Outputs.Kind.FILE, s.session(), s.labels());
		MoSeqNwb nwb = MoSeqNwb.open(s.session());
		boolean done = false; // from then on the image owns the session (closed with it)
		try {
			int frames = nwb.frameCount();
			int last = s.lastFrame() < 0 ? frames - 1 : s.lastFrame();
			if (s.firstFrame() >= frames)
				throw new BadInputException("first_frame " + s.firstFrame() + " is outside the session's frames 0.." + (frames - 1) + ".");
			if (last < s.firstFrame() || last >= frames)
				throw new BadInputException("last_frame " + s.lastFrame() + " must be -1 or in " + s.firstFrame() + ".." + (frames - 1) + ".");
			int[] labels = SyllableLabels.resolve(s.labels(), List.of(nwb)).labels().get(0);
			double[] times = nwb.timestamps();
			double t0 = times[0];
			for (int t = 0; t < times.length; t++) times[t] -= t0;
			NwbFrameSource source = new NwbFrameSource(nwb);
			int count = last - s.firstFrame() + 1;
			if (s.output() != null && s.format() != SyllableOverlaySettings.Format.AVI) // uncompressed: 3 bytes a pixel in RGB, 1 with an overlay
				org.latentj.io.Outputs.requireSpace(s.output(), org.latentj.util.Memory.product(count, source.frameWidth(), source.frameHeight(),
						s.zoom(), s.zoom(), s.rgb() ? 3 : 1), count + " frames at zoom " + s.zoom());
			ImagePlus image = SyllableOverlay.create(source, labels, times, s.firstFrame(), count, s.rgb(), s.zoom(),
					nwb.mmPerPixel(), nwb);
			if (s.output() != null) {
				boolean avi = s.format() == SyllableOverlaySettings.Format.AVI;
				ImagePlus toSave = avi && !s.rgb()
						? SyllableOverlay.create(source, labels, times, s.firstFrame(), count, true, s.zoom(), nwb.mmPerPixel(), null)
						: image;
				org.latentj.ui.Present.status(SyllableOverlayCommand.LABEL + ": writing " + s.output()); // after the frames were checked
				save(toSave, s.output(), avi);
			}
			done = true;
			return new Result(image, s.output());
		} finally {
			if (!done) nwb.close(); // nothing is shown, so nothing else will close the session
		}
	}

	private static void save(ImagePlus imp, Path output, boolean avi) {
		try {
			AtomicOutput.writeFile(output, tmp -> {
				if (avi) new AVI_Writer().writeImage(imp, tmp.toString(), AVI_Writer.JPEG_COMPRESSION, 90);
				else org.latentj.ui.Tiff.save(imp, tmp);
			});
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(output, e);
		}
	}
}
