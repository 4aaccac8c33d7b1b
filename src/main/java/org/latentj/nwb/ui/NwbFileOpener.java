package org.latentj.nwb.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.latentj.ui.Present;
import org.latentj.util.BadInputException;
import org.scijava.io.AbstractIOPlugin;
import org.scijava.io.IOPlugin;
import org.scijava.io.location.FileLocation;
import org.scijava.io.location.Location;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Opens {@code .nwb} files for SciJava's I/O service, which is how Fiji opens files: File &gt; Open,
 * drag and drop onto the Fiji bar and File &gt; Open Recent all go through imagej-legacy's
 * {@code DefaultLegacyOpener}, which first asks the I/O plugins marked {@code eager} (with Fiji's
 * default of SciJava I/O off) or every I/O plugin (with it on). The session opens as
 * {@link SessionOpening#run} opens it for Open MoSeq NWB (every stored PC, the frames as a calibrated
 * virtual stack); the result is the frames image.
 * <p>
 * Who shows it: for those three menu paths Fiji shows nothing that is not an ImageJ2 Dataset ("the
 * hook needs to perform any necessary display operations", ij1-patcher), so when the legacy opener
 * calls us for them the frames and the PCs and scalars tables are shown here, as Open MoSeq NWB
 * shows them. Called from {@code IJ.openImage} (its hook asks for no display), a script's
 * {@code io.open(path)} or Java, the image is only returned. Plain ImageJ 1.x has no such hook for
 * unknown types except a class named {@code HandleExtraFileTypes}, which Fiji also ships (one per
 * class path), so there a session opens with Plugins &gt; LatentJ &gt; Behavior &gt; Open MoSeq NWB.
 */
@Plugin(type = IOPlugin.class, attrs = { @Attr(name = "eager") })
public class NwbFileOpener extends AbstractIOPlugin<ImagePlus> {

	private static final String LEGACY_OPENER = "net.imagej.legacy.plugin.DefaultLegacyOpener";

	@Override
	public Class<ImagePlus> getDataType() {
		return ImagePlus.class;
	}

	@Override
	public boolean supportsOpen(String source) {
		return source != null && source.toLowerCase(Locale.ROOT).endsWith(".nwb") && Files.isRegularFile(Path.of(source));
	}

	@Override
	public boolean supportsOpen(Location source) {
		return source instanceof FileLocation f && supportsOpen(f.getFile().getPath());
	}

	@Override
	public ImagePlus open(Location source) throws IOException {
		if (!(source instanceof FileLocation f)) throw new IOException("Not a file: " + source);
		return open(f.getFile().getPath());
	}

	@Override
	public ImagePlus open(String source) throws IOException {
		boolean show = calledToShow();
		SessionOpening.Result r;
		try {
			r = SessionOpening.run(new SessionOpening.Settings(Path.of(source), 0, false, true, show, null));
		} catch (BadInputException e) {
			throw new IOException(e.getMessage(), e); // the legacy opener reports an IOException
		}
		if (show) {
			Present.table(r.pcsTable(), r.session() + " PCs");
			Present.table(r.scalarsTable(), r.session() + " Scalars");
			Present.image(r.image());
		}
		return r.image();
	}

	/** True when Fiji's legacy opener calls for File &gt; Open, drag and drop or Open Recent (not IJ.openImage). */
	static boolean calledToShow() {
		return StackWalker.getInstance().walk(frames -> {
			boolean legacy = false, openImage = false;
			for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
				legacy |= f.getClassName().equals(LEGACY_OPENER);
				openImage |= f.getMethodName().equals("interceptOpenImage");
			}
			return legacy && !openImage;
		});
	}
}
