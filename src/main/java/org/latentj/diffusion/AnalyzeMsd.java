package org.latentj.diffusion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latentj.io.AtomicOutput;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * The MSD Analysis entry point (see {@link MsdAnalysis} for the measurement). Steps: read the
 * trajectories, resolve the lag ranges, measure, collect warnings about what the fits cannot carry,
 * write the tables and figures into the output folder (staged, swapped in whole).
 */
public final class AnalyzeMsd {

	/** Below this many trajectories a cell's EA-MSD is too noisy for its alpha to mean much (a warning, not a refusal). */
	public static final int FEW_TRAJECTORIES = 10;

	/**
	 * Validated settings: {@code data} a trajectory CSV (null: the caller passes trajectories, as the
	 * GUI does from the open image), {@code maxLag}/{@code taMaxLag} 0 for the defaults (T, T/10),
	 * {@code output} a folder or null.
	 */
	public record Settings(Path data, What what, int maxLag, int taMaxLag, Path output) {
		public Settings {
			if (what == null) what = What.AUTO;
			if (output != null) DiffusionInputs.outputFolder(output, "the MSD tables", data); // first: a mistyped output costs nothing
			if (data != null) DiffusionInputs.existingFile(data, "data");
			if (maxLag < 0) throw new BadInputException("The key 'max_lag' is " + maxLag + "; it must be 0 (all lags) or at least 2.");
			if (taMaxLag < 0) throw new BadInputException("The key 'ta_max_lag' is " + taMaxLag + "; it must be 0 (T/10) or at least 2.");
		}

		/** The EA-MSD lags for trajectories of T steps. */
		int lags(int length) {
			int lags = maxLag == 0 ? MsdAnalysis.defaultMaxLag(length) : maxLag;
			if (lags < 2 || lags > length)
				throw new BadInputException("The key 'max_lag' is " + maxLag + "; it must be 0 (all " + length + " lags) or in 2.." + length + ".");
			return lags;
		}

		/** The TA-MSD lags for trajectories of T steps. */
		int taLags(int length) {
			int lags = taMaxLag == 0 ? MsdAnalysis.defaultTaMaxLag(length) : taMaxLag;
			if (lags < 2 || lags > length)
				throw new BadInputException("The key 'ta_max_lag' is " + taMaxLag + "; it must be 0 (T/10) or in 2.." + length + ".");
			return lags;
		}
	}

	/**
	 * The measurement, the trajectories it was made on (from {@link #run}: alpha, D and kind only, length 0,
	 * since the file was streamed), the folder written (or null) and warnings (sentences).
	 */
	public record Result(MsdAnalysis.Result analysis, Trajectories trajectories, Path output, List<String> warnings) {
	}

	private AnalyzeMsd() {
	}

	/**
	 * Reads {@code s.data()} and analyzes it, streaming ({@link MsdStream}): the file is read block by
	 * block and each row added to its cell's sums, so memory grows with the rows (alpha, D, one fit
	 * each) and the cells, not with rows x T. When only the values can tell positions from
	 * displacements (what=auto, x1.. columns), a first pass decides. The result's trajectories
	 * carry alpha, D and the kind but no values (length 0).
	 */
	public static Result run(Settings s, Progress progress, FigureWriter<Result> figures) {
		if (s.data() == null) throw new BadInputException("No trajectory data given ('data').");
		Trajectories.Kind kind = s.what().kind();
		int length = TrajectoryCsv.length(s.data(), kind);
		int lags = s.lags(length), taLags = s.taLags(length);
		long rows = Math.max(1, org.latentj.io.CsvSize.estimatedFields(s.data()) / (length + 2));
		// what the pass holds: per row alpha, D, file row, kind score and one TA fit (~128 bytes);
		// one block of values and its TA-MSDs (an 8 MiB text block holds at most 4M numbers: 64 MiB)
		org.latentj.util.Memory.require(org.latentj.util.Memory.product(rows, 128) + (64L << 20), "MSD Analysis of " + s.data());
		if (kind == null && !TrajectoryCsv.headerSaysDisplacements(s.data())) {
			MsdStream.Scores scores = new MsdStream.Scores();
			TrajectoryCsv.stream(s.data(), null, scores, progress.stage(0, 0.3));
			double score = scores.lagOneAutocorrelation();
			kind = Trajectories.kindOf(score);
			if (kind == null) throw new BadInputException("The trajectory file " + s.data() + ": " + Trajectories.cannotTell(score));
			progress = progress.stage(0.3, 1);
		} else if (kind == null) kind = Trajectories.Kind.DISPLACEMENTS;
		MsdStream.Measure measure = new MsdStream.Measure(kind, lags, taLags);
		Trajectories read = TrajectoryCsv.stream(s.data(), kind, measure, progress.stage(0, 0.9)).trajectories();
		MsdAnalysis.Result r = measure.finish(read.alphas(), read.ds());
		Trajectories labels = new Trajectories(kind, 0, read.alphas(), read.ds(), new double[0]);
		List<String> warnings = new ArrayList<>();
		DiffusionInputs.warnIfKindLooksWrong(s.what(), measure.scores.lagOneAutocorrelation(), warnings);
		warnings.addAll(fitWarnings(r));
		Result result = new Result(r, labels, s.output(), List.copyOf(warnings));
		if (s.output() != null) write(result, figures);
		progress.update(1, null);
		return result;
	}

	/** Analyzes trajectories already read (the GUI's open image). */
	public static Result analyze(Settings s, Trajectories t, Progress progress, FigureWriter<Result> figures) {
		int lags = s.lags(t.length()), taLags = s.taLags(t.length());
		MsdAnalysis.Result r = MsdAnalysis.analyze(t, lags, taLags, progress.stage(0, 0.9));
		List<String> warnings = new ArrayList<>();
		DiffusionInputs.warnIfKindLooksWrong(s.what(), t, warnings);
		warnings.addAll(fitWarnings(r));
		Result result = new Result(r, t, s.output(), List.copyOf(warnings));
		if (s.output() != null) write(result, figures);
		progress.update(1, null);
		return result;
	}

	/**
	 * Cells whose EA fit rests on few trajectories, and fits the power law does not describe
	 * (r2_ea below 0: worse than a constant).
	 */
	static List<String> fitWarnings(MsdAnalysis.Result r) {
		List<String> w = new ArrayList<>();
		int few = 0, smallest = Integer.MAX_VALUE, bad = 0;
		double worst = Double.POSITIVE_INFINITY;
		for (int c = 0; c < r.cells.count(); c++) {
			int n = r.cells.rows(c).length;
			if (n < FEW_TRAJECTORIES) few++;
			smallest = Math.min(smallest, n);
			double r2 = r.eaFit[c].r2();
			if (r2 < 0) bad++;
			if (r2 < worst) worst = r2;
		}
		int cells = r.cells.count();
		if (few > 0)
			w.add(String.format(Locale.ROOT, "%d of %d (alpha, D) cells hold fewer than %d trajectories (the smallest %d), so their EA-MSD"
					+ " and alpha_ea are unreliable.", few, cells, FEW_TRAJECTORIES, smallest));
		if (bad > 0)
			w.add(String.format(Locale.ROOT, "%d of %d cells have r2_ea below 0 (lowest %.2f): a power law does not describe their EA-MSD.",
					bad, cells, worst));
		return w;
	}

	private static void write(Result result, FigureWriter<Result> figures) {
		Path folder = result.output();
		try (AtomicOutput.Staging staging = AtomicOutput.stageFolder(folder)) {
			MsdTables.write(staging.dir(), result.analysis(), result.trajectories());
			if (figures != null) figures.write(result, staging.dir());
			staging.commit();
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(folder, e);
		}
	}
}
