package org.latentj.diffusion;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.latentj.io.Outputs;
import org.latentj.diffusion.TrajectoryCsv;
import org.latentj.diffusion.LatentVae;
import org.latentj.diffusion.Trajectories;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/** Input checks shared by the Diffusion commands: files, the 'what' key, numeric keys. */
public final class DiffusionInputs {

	/** Values of the 'what' key when reading trajectories. */
	public static final String AUTO = "auto";

	private DiffusionInputs() {
	}

	/** The kind named by 'what': null for auto (the reader decides from the column names or the values). */
	public static Trajectories.Kind kind(String what, boolean allowAuto) {
		if (what == null || what.isBlank() || (allowAuto && what.trim().equalsIgnoreCase(AUTO))) {
			if (allowAuto) return null;
			throw new BadInputException("The key 'what' is empty; use displacements or positions.");
		}
		Trajectories.Kind k = Trajectories.Kind.fromWord(what);
		if (k == null)
			throw new BadInputException("The key 'what' is '" + what + "'; use " + (allowAuto ? "auto, " : "") + "displacements or positions.");
		return k;
	}

	public static File existingFile(File f, String key) {
		if (f == null || f.getPath().isBlank()) throw new BadInputException("The key '" + key + "' (input file) is not set.");
		org.latentj.io.Inputs.requireRegularFile(f.toPath(), key + " file");
		return f;
	}

	/**
	 * Checks an output file before any work: set, not a folder, and its folder can be created and
	 * written (a mistyped path must not cost a whole training run).
	 */
	public static File outputFile(File f, String key, Object... inputs) {
		if (f == null || f.getPath().isBlank()) throw new BadInputException("The key '" + key + "' (output file) is not set.");
		if (f.isDirectory()) throw new BadInputException("The " + key + " " + f + " is a folder, not a file.");
		Outputs.checkFile(f, inputs);
		return f;
	}

	/**
	 * Checks an output folder before any work: not a file, its parent can be created and written
	 * (the outputs are staged there), and the folder itself can be written when it exists.
	 */
	public static void outputFolder(File f, String what, Object... inputs) {
		if (f.isFile()) throw new BadInputException("The output " + f + " is a file; 'output' names a folder for " + what + ".");
		Outputs.checkFolder(f, inputs);
	}

	public static boolean given(File f) {
		return f != null && !f.getPath().isBlank();
	}

	/**
	 * For status lines: how the values were read when 'what' left it to the reader ("; read as
	 * positions (what=auto)"), nothing when the user said.
	 */
	public static String readAs(String what, Trajectories read) {
		return kind(what, true) == null ? "; read as " + read.kind().word + " (" + "what=" + AUTO + ")" : "";
	}

	/** Reads a trajectory CSV ('what' = auto, displacements or positions), keeping each trajectory's file row. */
	public static TrajectoryCsv.Loaded readTrajectories(File data, String what, Progress progress) {
		File f = existingFile(data, "data");
		return TrajectoryCsv.load(f.toPath(), kind(what, true), progress);
	}

	/**
	 * Rejects trajectories that never move (the latent model has no scale for them), naming the file
	 * row. All displacements are 0 exactly when all values are, whichever kind was read (x_0 = 0).
	 */
	public static void requireMoving(TrajectoryCsv.Loaded read, File source) {
		Trajectories t = read.trajectories();
		int length = t.length();
		for (int i = 0; i < t.count(); i++)
			if (LatentVae.isStill(t.values(), i * length, length))
				throw new BadInputException("The trajectory file " + source + ": row " + read.row(i)
						+ " never moves (all displacements are 0), so the latent model cannot scale it.");
	}

	public static void atLeast(String key, double value, double min) {
		if (!(value >= min)) throw new BadInputException("The key '" + key + "' is " + value + "; it must be at least " + min + ".");
	}

	public static void positive(String key, double value) {
		if (!(value > 0) || Double.isInfinite(value))
			throw new BadInputException("The key '" + key + "' is " + value + "; it must be a finite number > 0.");
	}

	public static void alphaRange(String key, double value) {
		if (!(value > 0 && value <= 2)) throw new BadInputException("The key '" + key + "' is " + value + "; alpha must be in (0, 2].");
	}
}
