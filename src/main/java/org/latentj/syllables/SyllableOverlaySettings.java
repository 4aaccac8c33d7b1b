package org.latentj.syllables;

import java.nio.file.Files;
import java.nio.file.Path;

import org.latentj.util.BadInputException;
import org.latentj.util.Choices;

/**
 * What Syllable Overlay shows and saves: one session (the key is {@code session}, singular, as the
 * overlay is one video of one recording; the commands that take several use {@code sessions}), its
 * labels, the rendering, the zoom of the RGB rendering, the frames {@code firstFrame..lastFrame}
 * ({@code lastFrame} -1: the last) and an optional output file whose extension picks its
 * {@link Format}. The frame range is checked against the session when it is opened.
 */
public record SyllableOverlaySettings(Path session, String labels, Render render, int zoom, int firstFrame, int lastFrame,
		Path output) {

	/** The {@code render} choices. */
	public enum Render {
		/** Enlarged frames with the band burnt in. */
		RGB,
		/** The 8-bit frames with an ImageJ Overlay. */
		OVERLAY;

		/** The option string ({@link Choices#key}). */
		public final String key = Choices.key(this);

		/** The rendering named by {@code key} (case-insensitive): the one place the key is read. */
		public static Render parse(String key) {
			return Choices.parse(Render.class, "render", key);
		}
	}

	/** The output file's kind, from its extension. */
	public enum Format {
		TIF, AVI;

		static Format of(Path file) {
			String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase();
			return n.endsWith(".avi") ? AVI : n.endsWith(".tif") || n.endsWith(".tiff") ? TIF : null;
		}
	}

	public SyllableOverlaySettings {
		if (session == null) throw new BadInputException("session is empty; give one NWB file.");
		if (render == null) render = Render.RGB;
		if (zoom < 1 || zoom > 16) throw new BadInputException("zoom must be in 1..16 (got " + zoom + ").");
		if (firstFrame < 0) throw new BadInputException("first_frame must be 0 or more (got " + firstFrame + ").");
		if (lastFrame < -1) throw new BadInputException("last_frame must be -1 (the last) or a frame (got " + lastFrame + ").");
		if (output != null) {
			if (Format.of(output) == null) throw new BadInputException("output " + output + " must end in .tif or .avi.");
			if (Files.isDirectory(output))
				throw new BadInputException("output " + output + " is a folder; give a file name ending in .tif or .avi.");
		}
	}

	/** The output's format, or null without output. */
	public Format format() {
		return output == null ? null : Format.of(output);
	}

	/** True for the RGB rendering. */
	public boolean rgb() {
		return render == Render.RGB;
	}
}
