package org.latentj.symbolic;

import java.util.ArrayList;
import java.util.List;

import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * The seed's steps 15.4-15.6: trains a critic per library (growing) and per extension set, and reports where
 * classification fails: the final training accuracy (mean over the last {@code window} epochs, as the seed
 * smooths it; a window longer than the training is reduced to all its epochs) and the held-out accuracy with the
 * calibrated threshold.
 */
public final class SymbolicStudy {

	/**
	 * @param base the training settings (its library is replaced by each of {@code libraries}, its extensions by
	 *             each of {@code variants})
	 */
	public record Settings(CriticTrainer.Settings base, List<FunctionLibrary> libraries, List<CriticTrainer.Extensions> variants, int window) {
		public Settings {
			if (libraries.isEmpty()) throw new BadInputException("The study has no library.");
			if (variants.isEmpty()) throw new BadInputException("The key 'extensions' names no extension set.");
			window = SymbolicStudy.window(window, base.epochs());
			libraries = List.copyOf(libraries);
			variants = List.copyOf(variants);
		}
	}

	/**
	 * The smoothing window both Symbolic commands use: at least 1, at most the epochs trained (the
	 * default 50 with fewer epochs averages them all rather than being refused).
	 */
	public static int window(int window, int epochs) {
		if (window < 1) throw new BadInputException("The key 'window' is " + window + "; it must be at least 1.");
		return Math.min(window, epochs);
	}

	/** The status's note when {@link #window} reduced the window, else "". */
	public static String windowNote(int asked, int epochs) {
		return asked > epochs ? "; window " + asked + " reduced to the " + epochs + " epochs trained" : "";
	}

	/** One trained critic of the study. */
	public record Row(String library, int size, CriticTrainer.Extensions extensions, double finalAccuracy, double signAccuracy,
			double calibratedAccuracy, double seconds) {
	}

	public record Result(List<Row> rows) {
	}

	private SymbolicStudy() {
	}

	/** Libraries of the first 1, 2, 4, ... lines of {@code library} (and all of it last). */
	public static List<FunctionLibrary> prefixes(FunctionLibrary library, int max) {
		List<FunctionLibrary> out = new ArrayList<>();
		int n = Math.min(max, library.size());
		for (int k = 1; k < n; k *= 2) out.add(library.first(k));
		out.add(library.first(n));
		return out;
	}

	public static Result run(Settings st, Progress progress) {
		List<Row> rows = new ArrayList<>();
		int total = st.libraries.size() * st.variants.size(), done = 0;
		for (CriticTrainer.Extensions ext : st.variants) {
			for (FunctionLibrary lib : st.libraries) {
				CriticTrainer.Settings s = st.base.with(lib, ext);
				CriticTrainer.Result r = CriticTrainer.train(s, progress.stage(done / (double) total, (done + 1) / (double) total));
				double[] acc = r.accuracy();
				double fin = 0;
				for (int e = acc.length - st.window; e < acc.length; e++) fin += acc[e] / st.window;
				rows.add(new Row(lib.name(), lib.size(), ext, fin, r.signAccuracy(), r.calibratedAccuracy(), r.seconds()));
				done++;
			}
		}
		return new Result(rows);
	}
}
