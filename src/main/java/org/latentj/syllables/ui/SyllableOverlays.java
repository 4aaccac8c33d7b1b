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
import ij.io.FileSaver;
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
		if (s.output() != null) AtomicOutput.ensureWritableFolder(s.output().toAbsolutePath().getParent());
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
			ImagePlus image = SyllableOverlay.create(source, labels, times, s.firstFrame(), count, s.rgb(), s.zoom(),
					nwb.mmPerPixel(), nwb);
			if (s.output() != null) {
				boolean avi = s.format() == SyllableOverlaySettings.Format.AVI;
				ImagePlus toSave = avi && !s.rgb()
						? SyllableOverlay.create(source, labels, times, s.firstFrame(), count, true, s.zoom(), nwb.mmPerPixel(), null)
						: image;
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
				else if (!new FileSaver(imp).saveAsTiff(tmp.toString())) throw new IOException("the TIFF writer failed");
			});
		} catch (IOException e) {
			throw new BadInputException("Cannot write " + output + " (" + e.getMessage() + ").", e);
		}
	}
}
