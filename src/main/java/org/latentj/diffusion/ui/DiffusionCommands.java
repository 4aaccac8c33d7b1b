package org.latentj.diffusion.ui;

import java.io.File;
import java.nio.file.Path;

import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.What;

/** What the Diffusion commands share in turning their fields into settings. */
final class DiffusionCommands {

	private DiffusionCommands() {
	}

	/** An optional file key as a path: null when not set (or blank, as a cleared dialog field). */
	static Path path(File f) {
		return f == null || f.getPath().isBlank() ? null : f.toPath();
	}

	/**
	 * For status lines: how the values were read when 'what' left it to the reader ("; read as
	 * positions (what=auto)"), nothing when the user said.
	 */
	static String readAs(What what, Trajectories read) {
		return what == What.AUTO ? "; read as " + read.kind().word + " (what=auto)" : "";
	}
}
