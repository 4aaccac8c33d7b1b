package org.latentj.diffusion;

import java.util.Locale;

import org.latentj.util.BadInputException;

/**
 * The 'what' key of the Diffusion commands: what the T values of a trajectory row hold. Parsed from
 * the option string here and nowhere else.
 */
public enum What {
	/** Let the reader decide, from the column names (dx1..) or the values' lag-1 autocorrelation. */
	AUTO(null), DISPLACEMENTS(Trajectories.Kind.DISPLACEMENTS), POSITIONS(Trajectories.Kind.POSITIONS);

	private final Trajectories.Kind kind;

	What(Trajectories.Kind kind) {
		this.kind = kind;
	}

	/** The kind to read as; null for {@link #AUTO}. */
	public Trajectories.Kind kind() {
		return kind;
	}

	/** The word of the option string (auto, displacements, positions). */
	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The value of the key 'what' for reading (case-insensitive; empty means auto). */
	public static What parse(String text) {
		return parse(text, true);
	}

	/** The value of the key 'what'; without auto (for writing) it must name a kind. */
	public static What parse(String text, boolean allowAuto) {
		if (text == null || text.isBlank()) {
			if (allowAuto) return AUTO;
			throw new BadInputException("The key 'what' is empty; use displacements or positions.");
		}
		for (What w : values())
			if (w.word().equalsIgnoreCase(text.trim()) && (allowAuto || w != AUTO)) return w;
		throw new BadInputException("The key 'what' is '" + text + "'; use " + (allowAuto ? "auto, " : "") + "displacements or positions.");
	}

	/** The value of 'what' for a kind. */
	public static What of(Trajectories.Kind kind) {
		return kind == null ? AUTO : kind == Trajectories.Kind.DISPLACEMENTS ? DISPLACEMENTS : POSITIONS;
	}
}
