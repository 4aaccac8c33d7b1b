package org.latentj.hmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.latentj.hmm.FitSettings.TransitionMode;
import org.latentj.io.AtomicOutput;
import org.latentj.io.CsvWriter;
import org.latentj.io.Outputs;
import org.latentj.util.BadInputException;
import org.latentj.util.CancelledException;
import org.latentj.util.Median;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Scan Models without ImageJ: fits Fit HMM's model over a grid of state counts and transition settings
 * (kappa when transitions are learned, stickiness when fixed), each point from {@code restarts} starts,
 * scores each on the held-out frames, and recommends one (see {@link Recommendation}). The work shared
 * across the grid: the sessions are read and standardized once ({@link FitData}), the changepoint
 * interval computed once, and each K and restart clusters once ({@link KMeansCache}); every E-step runs
 * the sessions in parallel. Restart r of a point starts from the seed Fit HMM gives its restart r, so
 * a point's best restart is the model Fit HMM fits with those settings, bit for bit; {@code fit=best}
 * writes that model's Fit HMM output into best/.
 * <p>
 * Writes into {@code output} (whole, or not at all): scan.csv (one row per point), recommendation.txt,
 * best/ (with fit=best), then the caller's {@link FitHmm.Extra} (the command: scan.png). A scan stopped early by
 * Esc or by one point's refusal still writes the points done (no best/), recommendation.txt beginning with
 * "Partial scan: ...", and then ends as it would have, cancelled or refused, its message saying where they went.
 */
public final class ScanModels {

	private ScanModels() {
	}

	/** The {@code fit} key: none, or best (write the recommended model's Fit HMM output). */
	public enum FitChoice {
		NONE, BEST
	}

	/**
	 * @param base Fit HMM's settings for every point, except states, kappa and stickiness (the grid) and
	 *        restarts (per point, at least 2, the spread of the held-out log-likelihood)
	 * @param states the numbers of states
	 * @param transitionValues kappa values (learned transitions) or stickiness values (fixed)
	 */
	public record Settings(List<Path> sessions, FitSettings base, int[] states, double[] transitionValues, FitChoice fit,
			Path output) {
		public Settings {
			sessions = List.copyOf(sessions);
			if (states.length == 0 || transitionValues.length == 0) throw new BadInputException("The scan needs at least one point.");
			if (base.restarts() < 2)
				throw new BadInputException("restarts must be at least 2 for a scan (the spread of the held-out log-likelihood).");
			if (!(base.trainFraction() < 1))
				throw new BadInputException("train_fraction must be below 1 for a scan: the scan scores held-out frames.");
			for (double v : transitionValues) point(base, states[0], v); // each value checked before any work
		}

		/**
		 * Settings from macro values: Fit HMM's settings by key ({@code fitValues}, every key; states, kappa and
		 * stickiness there are replaced) and the grid texts ({@link ScanGrid}): with learned transitions
		 * {@code kappa} may list several values and {@code stickiness} (the start) one; with fixed transitions the
		 * reverse.
		 */
		public static Settings parse(List<Path> sessions, Map<String, Object> fitValues, String states, String kappa,
				String stickiness, FitChoice fit, Path output) {
			Map<String, Object> m = new java.util.LinkedHashMap<>(fitValues);
			int[] k = ScanGrid.wholeNumbers("states", states, 1);
			boolean learned = FitSettings.of(withPoint(m, k[0], 0, 0.5)).transitions() == TransitionMode.LEARNED;
			double[] kappas = ScanGrid.nonNegative("kappa", kappa), stick = ScanGrid.probabilities("stickiness", stickiness);
			double[] scanned = learned ? kappas : stick, other = learned ? stick : kappas;
			if (other.length != 1)
				throw new BadInputException((learned ? "stickiness" : "kappa") + " takes one value with transitions="
						+ (learned ? "learned" : "fixed") + " (the scan varies " + (learned ? "kappa" : "stickiness") + "); got '"
						+ (learned ? stickiness : kappa) + "'.");
			FitSettings base = FitSettings.of(withPoint(m, k[0], learned ? scanned[0] : other[0], learned ? other[0] : scanned[0]));
			return new Settings(sessions, base, k, scanned, fit, output);
		}

		private static Map<String, Object> withPoint(Map<String, Object> m, int states, double kappa, double stickiness) {
			m.put("states", states);
			m.put("kappa", kappa);
			m.put("stickiness", stickiness);
			return m;
		}

		boolean learned() {
			return base.transitions() == TransitionMode.LEARNED;
		}
	}

	/** One grid point: the settings, held-out and training scores, and the best restart's labels summarized. */
	public record Point(FitSettings settings, double heldoutMean, double heldoutSd, double trainLl, double bic,
			int statesUsed, double medianDurationFrames, double meanDurationFrames, double medianDurationMs,
			double shortRunShare, double stabilityAri, boolean recommended) {
		Point recommend() {
			return new Point(settings, heldoutMean, heldoutSd, trainLl, bic, statesUsed, medianDurationFrames,
					meanDurationFrames, medianDurationMs, shortRunShare, stabilityAri, true);
		}
	}

	/**
	 * @param changepointFrames median interval between the PCs' changepoints ({@link Changepoints}), frames
	 * @param frameMs the median frame interval in ms (NaN without timestamps)
	 * @param rule the recommendation's rule, in words; @param choice the recommended point
	 * @param best the recommended model's fit (fit=best), or null
	 * @param partial null for a whole scan; for a scan stopped early (Esc, or a point's refusal) with points done, the
	 *        line that says so (recommendation.txt begins with it; the run then ends with the stop's exception)
	 */
	public record Result(List<Point> points, Point choice, String rule, double changepointFrames, double frameMs,
			FitHmm.Result best, Path output, double seconds, String partial) {
	}

	public static Result run(Settings s, Progress progress) {
		return run(s, progress, r -> dir -> { }, r -> dir -> { });
	}

	/**
	 * As {@link #run(Settings, Progress)}, with the files the caller draws: {@code bestExtra} for the best/
	 * folder (as Fit HMM's command adds), {@code extra} for the scan's own folder.
	 */
	public static Result run(Settings s, Progress progress, Function<FitHmm.Result, FitHmm.Extra> bestExtra,
			Function<Result, FitHmm.Extra> extra) {
		long start = System.nanoTime();
		if (s.output() != null) Outputs.check(s.output(), Outputs.Kind.FOLDER, s.sessions());
		List<String> notes = new ArrayList<>();
		List<SessionData> sessions = FitHmm.readSessions(s.sessions(), s.base().pcs(), notes, progress.stage(0, 0.02));
		return scan(sessions, s, notes, start, progress.stage(0.02, 1), bestExtra, extra);
	}

	/** The steps after reading, on sessions in memory (tests, scripts). */
	public static Result scan(List<SessionData> sessions, Settings s, Progress progress) {
		if (s.output() != null) Outputs.check(s.output(), Outputs.Kind.FOLDER);
		return scan(sessions, s, List.of(), System.nanoTime(), progress, r -> dir -> { }, r -> dir -> { });
	}

	private static Result scan(List<SessionData> sessions, Settings s, List<String> notes, long start, Progress progress,
			Function<FitHmm.Result, FitHmm.Extra> bestExtra, Function<Result, FitHmm.Extra> extra) {
		int maxK = Arrays.stream(s.states()).max().orElseThrow();
		// the largest K bounds every point's E-step and decoding; the scan keeps its k-means, labels and runs besides
		FitSettings largest = point(s.base(), maxK, s.transitionValues()[0]);
		HmmMemory.requireScan(sessions, largest, (int) Arrays.stream(s.states()).distinct().count(),
				s.states().length * s.transitionValues().length);
		FitData data = new FitData(sessions, largest);
		if (data.testFrames == 0)
			throw new BadInputException("No held-out frames to score: train_fraction " + s.base().trainFraction()
					+ " leaves none in any session.");
		int[] intervals = Changepoints.intervals(sessions, s.base().pcs());
		double changepoint = Median.of(intervals);
		double frameMs = frameMs(sessions);
		KMeansCache kmeans = new KMeansCache();
		long[] seeds = HmmFitter.restartSeeds(s.base().seed(), s.base().restarts());
		int n = s.states().length * s.transitionValues().length, done = 0;
		List<Point> points = new ArrayList<>();
		List<HmmFitter.Best> bests = new ArrayList<>();
		String at = null; // the point being fitted, in words
		RuntimeException stop = null; // Esc, or a point's refusal: the points done before it are still saved
		try {
			for (int k : s.states())
				for (double v : s.transitionValues()) {
					FitSettings fs = point(s.base(), k, v);
					at = "K = " + k + " (" + (s.learned() ? "kappa " : "stickiness ") + v + ")";
					Progress p = progress.stage(0.9 * done / n, 0.9 * (done + 1) / n);
					Fitted f = fitPoint(data, fs, seeds, kmeans, p, String.format("K=%d %s=%s: ", k, s.learned() ? "kappa" : "stickiness", v));
					Point point = summarize(f, fs, data, frameMs);
					points.add(point); // a point counts as done only here, whole (the grid runs one point at a time)
					bests.add(f.best);
					done++;
				}
		} catch (CancelledException | BadInputException e) {
			if (points.isEmpty() || s.output() == null) throw e;
			stop = e;
		}
		String partial = stop == null ? null : partialLine(s, points.size(), n, at, stop);
		boolean scanStates = stop == null ? s.states().length > 1 : points.stream().map(p -> p.settings().states()).distinct().count() > 1;
		boolean scanValues = stop == null ? s.transitionValues().length > 1 : points.size() > 1 && s.transitionValues().length > 1;
		Recommendation rec = Recommendation.of(points, scanStates, scanValues, s.learned() ? "kappa" : "stickiness", changepoint);
		int chosen = points.indexOf(rec.choice());
		points.set(chosen, points.get(chosen).recommend());
		Point choice = points.get(chosen);
		FitHmm.Result best = null;
		if (s.fit() == FitChoice.BEST && stop == null) { // a partial scan decodes nothing more: Esc means stop now
			progress.update(0.92, "decoding the recommended model");
			HmmFitter fitter = new HmmFitter(choice.settings());
			FitResult fr = fitter.decode(sessions, data, bests.get(chosen), progress.stage(0.92, 0.96));
			HmmModel model = HmmModel.of(fr, sessions.stream().map(d -> d.name).toList());
			Path bestDir = s.output() == null ? null : s.output().resolve("best");
			best = new FitHmm.Result(fr, sessions, model, List.copyOf(notes), bestDir, (System.nanoTime() - start) * 1e-9);
		}
		Result r = new Result(List.copyOf(points), choice, rec.rule(), changepoint, frameMs, best, s.output(),
				(System.nanoTime() - start) * 1e-9, partial);
		FitHmm.Extra bestFiles = best == null ? null : bestExtra.apply(best);
		FitHmm.Extra more = extra.apply(r);
		if (s.output() != null) {
			progress.update(0.98, "writing " + s.output());
			write(r, more, bestFiles);
		}
		if (stop instanceof CancelledException)
			throw new CancelledException("Cancelled by the user after " + points.size() + " of " + n + " points; the partial scan ("
					+ doneText(s, points.size()) + ") was saved to " + s.output() + ".");
		if (stop != null)
			throw new BadInputException("At " + at + ": " + stop.getMessage() + " The partial scan of the " + points.size()
					+ " points done (" + doneText(s, points.size()) + ") was saved to " + s.output() + ".", stop);
		progress.update(1, null);
		return r;
	}

	/** The first line of a partial scan's report: why it stopped, what it holds. */
	static String partialLine(Settings s, int done, int n, String at, RuntimeException stop) {
		String why = stop instanceof CancelledException ? "cancelled after " : "stopped at " + at + ": " + stop.getMessage() + " ";
		return "Partial scan: " + why + done + " of " + n + " points done (" + doneText(s, done)
				+ "); the recommendation covers those only" + (s.fit() == FitChoice.BEST ? " and best/ was not fitted." : ".");
	}

	/**
	 * The points done, in words: the grid runs K by K, every transition value of a K before the next K, so the first
	 * {@code done} points are whole Ks and then some values of one more.
	 */
	static String doneText(Settings s, int done) {
		int nv = s.transitionValues().length, whole = done / nv, rest = done % nv;
		StringBuilder b = new StringBuilder();
		if (whole > 0) {
			int[] ks = Arrays.copyOf(s.states(), whole);
			boolean run = whole > 2;
			for (int i = 1; i < whole; i++) run &= ks[i] == ks[i - 1] + 1;
			b.append("K = ").append(run ? ks[0] + ".." + ks[whole - 1]
					: String.join(", ", Arrays.stream(ks).mapToObj(Integer::toString).toList()));
		}
		if (rest > 0) b.append(whole > 0 ? ", and " : "").append("K = ").append(s.states()[whole]).append(" at ").append(rest)
				.append(" of ").append(nv).append(s.learned() ? " kappa values" : " stickiness values");
		return b.toString();
	}

	/** The base settings at one grid point. */
	static FitSettings point(FitSettings base, int states, double transitionValue) {
		Map<String, Object> m = base.toMap();
		m.put("states", states);
		m.put(base.transitions() == TransitionMode.LEARNED ? "kappa" : "stickiness", transitionValue);
		return FitSettings.of(m);
	}

	/** Every restart of one point: its run and its labels of every session. */
	private record Fitted(List<HmmFitter.Run> runs, List<List<int[]>> labels, HmmFitter.Best best) {
	}

	private static Fitted fitPoint(FitData data, FitSettings fs, long[] seeds, KMeansCache kmeans, Progress progress,
			String label) {
		HmmFitter fitter = new HmmFitter(fs, kmeans);
		List<HmmFitter.Run> runs = new ArrayList<>();
		List<List<int[]>> labels = new ArrayList<>();
		List<Double> scores = new ArrayList<>();
		HmmFitter.Run best = null;
		for (int r = 0; r < seeds.length; r++) {
			HmmFitter.Run run = fitter.fitOnce(data, new KMeansCache.SeedRandom(seeds[r]),
					progress.stage((double) r / seeds.length, (r + 1.0) / seeds.length),
					label + "restart " + (r + 1) + "/" + seeds.length + ", ");
			runs.add(run);
			scores.add(run.finalTrain());
			if (best == null || run.finalTrain() > best.finalTrain()) best = run; // as HmmFitter.fit keeps it
			Hmm hmm = run.hmm;
			int[][] l = new int[data.data.size()][];
			Parallel.forEach(l.length, i -> l[i] = Decoding.of(hmm, "", data.data.get(i), Decoding.Mode.POSTERIOR).labels);
			labels.add(List.of(l));
		}
		return new Fitted(runs, labels, new HmmFitter.Best(best, scores));
	}

	private static Point summarize(Fitted f, FitSettings fs, FitData data, double frameMs) {
		int r = f.runs().size();
		double[] heldout = new double[r];
		double train = 0;
		int bestIndex = f.runs().indexOf(f.best().run());
		for (int i = 0; i < r; i++) {
			HmmFitter.Run run = f.runs().get(i);
			heldout[i] = run.test.get(run.test.size() - 1);
			train += run.finalTrain() / r;
		}
		double mean = Arrays.stream(heldout).average().orElseThrow(), ss = 0;
		for (double h : heldout) ss += (h - mean) * (h - mean);
		double sd = Math.sqrt(ss / (r - 1));
		double ari = 0;
		int pairs = 0;
		for (int i = 0; i < r; i++)
			for (int j = i + 1; j < r; j++, pairs++)
				ari += StateRuns.adjustedRandIndex(f.labels().get(i), f.labels().get(j));
		StateRuns runs = new StateRuns(f.labels().get(bestIndex), fs.states());
		double bic = -2 * train * data.trainFrames + parameters(fs) * Math.log(data.trainFrames);
		return new Point(fs, mean, sd, train, bic, runs.used(), runs.medianRun(), runs.meanRun(),
				runs.medianRun() * frameMs, runs.shortRunShare(), ari / pairs, false);
	}

	/** Free parameters of a model: per state a weight matrix with intercept and a covariance; learned transitions and initial. */
	static long parameters(FitSettings s) {
		long k = s.states(), d = s.pcs();
		long perState = d * (s.lags() * d + 1) + d * (d + 1) / 2;
		long n = k * perState;
		if (s.transitions() == TransitionMode.LEARNED) n += k * (k - 1);
		if (s.initial() == FitSettings.Initial.LEARNED) n += k - 1;
		return n;
	}

	/** The median interval between frames over all sessions, in ms; NaN when no session has timestamps. */
	static double frameMs(List<SessionData> sessions) {
		List<Double> dt = new ArrayList<>();
		for (SessionData s : sessions)
			for (int t = 1; t < s.frames; t++) {
				double d = s.time(t) - s.time(t - 1);
				if (d > 0) dt.add(d);
			}
		if (dt.isEmpty()) return Double.NaN;
		return 1000 * Median.of(dt.stream().mapToDouble(Double::doubleValue).toArray());
	}

	/** The columns of scan.csv. */
	public static final String[] COLUMNS = { "states", "transitions", "kappa", "stickiness", "heldout_ll_mean",
			"heldout_ll_sd", "train_ll", "bic", "states_used", "median_duration_frames", "median_duration_ms",
			"short_run_share", "stability_ari", "recommended" };

	private static void write(Result r, FitHmm.Extra extra, FitHmm.Extra bestFiles) {
		try (AtomicOutput.Staging out = AtomicOutput.stageFolder(r.output())) {
			Path dir = out.dir();
			try (CsvWriter w = new CsvWriter(dir.resolve("scan.csv"), COLUMNS)) {
				for (Point p : r.points()) {
					FitSettings fs = p.settings();
					w.row(fs.states(), fs.transitions().name().toLowerCase(java.util.Locale.ROOT), fs.kappa(), fs.stickiness(),
							p.heldoutMean(), p.heldoutSd(), p.trainLl(), p.bic(), p.statesUsed(), p.medianDurationFrames(),
							p.medianDurationMs(), p.shortRunShare(), p.stabilityAri(), p.recommended() ? 1 : 0);
				}
				w.commit();
			}
			Files.writeString(dir.resolve("recommendation.txt"), report(r));
			if (r.best() != null) FitHmm.writeInto(dir.resolve("best"), r.best(), bestFiles);
			extra.write(dir);
			out.commit();
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(r.output(), e);
		}
	}

	/** recommendation.txt: the rule, the choice, and the settings that fit it with Fit HMM. */
	public static String report(Result r) {
		FitSettings c = r.choice().settings();
		StringBuilder b = new StringBuilder();
		if (r.partial() != null) b.append(r.partial()).append('\n');
		b.append("Rule: ").append(r.rule()).append('\n');
		b.append("Changepoint interval of the PCs (median): ").append(changepoint(r.changepointFrames(), r.frameMs())).append('\n');
		b.append(String.format(java.util.Locale.ROOT,
				"Choice: states=%d transitions=%s %s (held-out LL/frame %.4f +- %.4f, %d states used, median syllable %s frames, mean %.1f, stability ARI %.3f)%n",
				c.states(), c.transitions().name().toLowerCase(java.util.Locale.ROOT),
				c.transitions() == TransitionMode.LEARNED ? "kappa=" + c.kappa() + " stickiness=" + c.stickiness()
						: "stickiness=" + c.stickiness(),
				r.choice().heldoutMean(), r.choice().heldoutSd(), r.choice().statesUsed(), fmt(r.choice().medianDurationFrames()),
				r.choice().meanDurationFrames(), r.choice().stabilityAri()));
		return b.toString();
	}

	/** The changepoint interval in frames and ms, or why there is none (no changepoints: NaN frames). */
	static String changepoint(double frames, double frameMs) {
		if (Double.isNaN(frames)) return "none (the PCs have no changepoints)";
		return fmt(frames) + " frames" + (Double.isNaN(frameMs) ? " (no timestamps)"
				: String.format(java.util.Locale.ROOT, " = %.0f ms", frames * frameMs));
	}

	static String fmt(double v) {
		return Double.isNaN(v) ? "none" : v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
	}
}
