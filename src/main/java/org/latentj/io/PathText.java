package org.latentj.io;

import java.io.File;

/**
 * The text of a {@code File} parameter that may hold more than one path or a word (sessions
 * "a.nwb;b.nwb", labels "nwb", library "lib1;lib2"): such inputs are {@code File}s only so SciJava and
 * ImageJ show a Browse button for the common case of one path; the command reads them back as text.
 * {@code new File(text).getPath()} keeps ';' and words as they are (it only drops a trailing or doubled
 * separator, and on Windows writes '/' as '\', which paths accept), so macros give the same results.
 */
public final class PathText {

	private PathText() {
	}

	/** The text given ("" for none). */
	public static String of(File file) {
		return file == null ? "" : file.getPath();
	}
}
