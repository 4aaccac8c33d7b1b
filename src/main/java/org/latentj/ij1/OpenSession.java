package org.latentj.ij1;

import ij.ImagePlus;
import ij.WindowManager;

/**
 * The MoSeq session behind the active image, if LatentJ opened it: Open MoSeq NWB titles the frames
 * after the session and writes "MoSeq session: name" and "File: path" into the image's Info
 * (Image › Show Info...), which is what this reads (so a session image saved as TIFF and reopened
 * still names its file).
 */
public final class OpenSession {

	static final String HEADER = "MoSeq session: ";
	static final String FILE = "File: ";

	private OpenSession() {
	}

	/** The active session image's NWB file as given in its Info, or null when the active image is no session. */
	public static String path() {
		ImagePlus imp = WindowManager.getCurrentImage();
		return imp == null ? null : path(imp);
	}

	static String path(ImagePlus imp) {
		Object info = imp.getProperty("Info");
		if (!(info instanceof String text) || !text.startsWith(HEADER)) return null;
		for (String line : text.split("\n"))
			if (line.startsWith(FILE)) return line.substring(FILE.length()).trim();
		return null;
	}
}
