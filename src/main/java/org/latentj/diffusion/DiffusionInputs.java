package org.latentj.diffusion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.latentj.io.Outputs;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * Checks the settings records of the Diffusion entry points share (files, numeric keys), and the
 * reading of a trajectory file with what it may warn about. Messages name the key.
 */
final class DiffusionInputs {

	private DiffusionInputs() {
	}

	static Path existingFile(Path f, String key) {
		if (f == null || f.toString().isBlank()) throw new BadInputException("The key '" + key + "' (input file) is not set.");
		org.latentj.io.Inputs.requireRegularFile(f, key + " file");
		return f;
	}

	/**
	 * Checks an output file before any work: set, not a folder, and its folder can be created and
	 * written (a mistyped path must not cost a whole training run).
	 */
	static Path outputFile(Path f, String key, Object... inputs) {
		if (f == null || f.toString().isBlank()) throw new BadInputException("The key '" + key + "' (output file) is not set.");
		if (Files.isDirectory(f)) throw new BadInputException("The " + key + " " + f + " is a folder, not a file.");
		Outputs.check(f, Outputs.Kind.FILE, inputs);
		return f;
	}

	/**
	 * Checks an output folder before any work: not a file, its parent can be created and written
	 * (the outputs are staged there), and the folder itself can be written when it exists.
	 */
	static Path outputFolder(Path f, String what, Object... inputs) {
		if (Files.isRegularFile(f)) throw new BadInputException("The output " + f + " is a file; 'output' names a folder for " + what + ".");
		Outputs.check(f, Outputs.Kind.FOLDER, inputs);
		return f;
	}

	static void atLeast(String key, double value, double min) {
		if (!(value >= min)) throw new BadInputException("The key '" + key + "' is " + value + "; it must be at least " + min + ".");
	}

	static void positive(String key, double value) {
		if (!(value > 0) || Double.isInfinite(value))
			throw new BadInputException("The key '" + key + "' is " + value + "; it must be a finite number > 0.");
	}

	static void alphaRange(String key, double value) {
		if (!(value > 0 && value <= 2)) throw new BadInputException("The key '" + key + "' is " + value + "; alpha must be in (0, 2].");
	}

	/** Reads a trajectory CSV as 'what' says, keeping each trajectory's file row. */
	static TrajectoryCsv.Loaded read(Path data, What what, Progress progress) {
		return TrajectoryCsv.load(data, what.kind(), progress);
	}

	/**
	 * A warning when 'what' forced a kind that the values contradict (positions read as
	 * displacements have a lag-1 autocorrelation near 1, displacements of SBM near 0): the same
	 * thresholds that what=auto decides by.
	 */
	static void warnIfKindLooksWrong(What what, Trajectories t, List<String> warnings) {
		if (what == What.AUTO) return;
		warnIfKindLooksWrong(what, Trajectories.lagOneAutocorrelation(t.values(), t.count(), t.length()), warnings);
	}

	/** {@link #warnIfKindLooksWrong(What, Trajectories, List)} for a lag-1 autocorrelation already measured. */
	static void warnIfKindLooksWrong(What what, double r, List<String> warnings) {
		if (what == What.AUTO) return;
		Trajectories.Kind looks = Trajectories.kindOf(r);
		if (looks != null && looks != what.kind())
			warnings.add(String.format(java.util.Locale.ROOT, "what=%s was given, but the values look like %s (lag-1 autocorrelation %.2f);"
					+ " check 'what' (auto tells them apart).", what.word(), looks.word, r));
	}

	/**
	 * Rejects trajectories that never move (the latent model has no scale for them), naming the file
	 * row. All displacements are 0 exactly when all values are, whichever kind was read (x_0 = 0).
	 */
	static void requireMoving(TrajectoryCsv.Loaded read, Path source) {
		Trajectories t = read.trajectories();
		int length = t.length();
		for (int i = 0; i < t.count(); i++)
			if (LatentVae.isStill(t.values(), i * length, length))
				throw new BadInputException("The trajectory file " + source + ": row " + read.row(i)
						+ " never moves (all displacements are 0), so the latent model cannot scale it.");
	}
}
