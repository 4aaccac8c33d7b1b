package org.latentj.dynamics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.latentj.hmm.GaussianHmm;
import org.latentj.hmm.Hmm;
import org.latentj.hmm.Posterior;
import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.io.CsvWriter;
import org.latentj.util.BadInputException;
import org.latentj.util.NumpyRandom;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * "Fit Training Phases": Gaussian HMMs over the per-run z-scored metrics of training runs, K = 1..max_states
 * with restarts (hmmlearn's GaussianHMM fit from hmmlearn's own draws, {@link GaussianHmm}, restart r of seed s
 * drawing as random_state = s x restarts + r), runs split into train and test runs; per K
 * the restart with the best held-out log-likelihood is kept, K chosen by BIC (or given), the runs labelled
 * by Viterbi and the transitions characterised ({@link TransitionGradients}).
 */
public final class TrainingPhases {

	/** Everything a fit produced. States are numbered by their mean position in training (0 first). */
	public record Result(List<SweepRow> sweep, int chosen, String rule, PhaseModel model, ZScoredRuns runs,
			List<String> trainRuns, List<String> testRuns, Labels labels, List<TransitionGradients.Transition> transitions,
			TrainingMap map, List<String> messages, Path output, double seconds) {
	}

	/** Viterbi labels of every run with the smoothed probability of each label. */
	public record Labels(List<int[]> paths, List<double[]> probability) {
	}

	/** Writes the pictures (map.png, runs/*.png) into the staged output folder; the ui package draws them. */
	@FunctionalInterface
	public interface Pictures {
		void write(Path dir, PhaseModel model, ZScoredRuns runs, Labels labels, TrainingMap map, List<SweepRow> sweep)
				throws IOException;
	}

	private TrainingPhases() {
	}

	/** Reads the runs named in the settings and fits them. */
	public static Result fit(PhaseSettings s, Progress progress, Pictures pictures) {
		if (s.output() != null) Outputs.check(s.output(), Outputs.Kind.FOLDER, s.runs()); // before reading, and never an input
		TrainingRuns.Read read = TrainingRuns.read(TrainingRuns.files(s.runs()), s.metrics(), s.maxRows(), s.largestK(),
				s.skipBadRuns());
		return fit(s, read.runs(), read.skipped(), progress, pictures);
	}

	/** Fits runs already read (e.g. a table); {@code skipped} are reported with the other messages. */
	public static Result fit(PhaseSettings s, List<TrainingRun> runs, List<String> skipped, Progress progress,
			Pictures pictures) {
		long start = System.nanoTime();
		if (s.output() != null) Outputs.check(s.output(), Outputs.Kind.FOLDER); // runs given in memory: no input files
		for (TrainingRun r : runs) TrainingRuns.checkRows(r, s.largestK()); // runs given in memory were not checked
		List<String> messages = new ArrayList<>(skipped);
		ZScoredRuns z = ZScoredRuns.of(runs);
		messages.addAll(z.dropped);
		int n = runs.size(), d = z.dim();
		// the test runs: a seeded shuffle, at least one when asked for and possible, never all
		List<Integer> idx = new ArrayList<>();
		for (int i = 0; i < n; i++) idx.add(i);
		Collections.shuffle(idx, new Random(s.seed()));
		int nTest = n < 2 || s.testFraction() == 0 ? 0 : Math.max(1, Math.min(n - 1, (int) Math.round(s.testFraction() * n)));
		boolean[] isTest = new boolean[n];
		for (int i = 0; i < nTest; i++) isTest[idx.get(i)] = true;
		List<double[]> train = new ArrayList<>(), test = new ArrayList<>();
		List<String> trainNames = new ArrayList<>(), testNames = new ArrayList<>();
		long trainFrames = 0;
		for (int i = 0; i < n; i++) {
			(isTest[i] ? test : train).add(z.data.get(i));
			(isTest[i] ? testNames : trainNames).add(runs.get(i).name);
			if (!isTest[i]) trainFrames += runs.get(i).frames();
		}
		// the sweep: every (K, restart) fit is one item, so progress and Esc work between fits
		int[] ks = s.states() > 0 ? new int[] { s.states() } : java.util.stream.IntStream.rangeClosed(1, s.maxStates()).toArray();
		int fits = ks.length * s.restarts();
		GaussianHmm.Fit[] fitted = new GaussianHmm.Fit[fits];
		double[] heldout = new double[fits];
		Progress quiet = progress.quiet();
		// the largest K first: the fits cost ~K times as much, so the cheap K = 1 fits fill the cores at the end
		Parallel.forEach(fits, item -> {
			int f = fits - 1 - item, k = ks[f / s.restarts()], r = f % s.restarts();
			GaussianHmm.Settings gs = new GaussianHmm.Settings(k, s.covariance(), s.iterations(), s.tolerance(), GaussianHmm.MIN_COVAR);
			fitted[f] = GaussianHmm.fit(train, d, gs, randomState(s.seed(), s.restarts(), r), quiet);
			heldout[f] = test.isEmpty() ? Double.NaN : GaussianHmm.logLikelihood(fitted[f].hmm(), test);
		}, progress.stage(0, 0.9), "fitting K = 1.." + ks[ks.length - 1] + " x " + s.restarts() + " restarts");
		List<SweepRow> sweep = new ArrayList<>();
		int[] bestOf = new int[ks.length];
		for (int a = 0; a < ks.length; a++) {
			int best = -1;
			for (int r = 0; r < s.restarts(); r++) {
				int f = a * s.restarts() + r;
				double score = test.isEmpty() ? fitted[f].logLik() : heldout[f];
				if (best < 0 || better(score, test.isEmpty() ? fitted[best].logLik() : heldout[best])) best = f;
			}
			bestOf[a] = best;
			double[] spread = meanAndSd(heldout, a * s.restarts(), s.restarts());
			double mean = spread[0], sd = spread[1];
			long p = GaussianHmm.parameters(ks[a], d, s.covariance());
			double ll = fitted[best].logLik();
			sweep.add(new SweepRow(ks[a], heldout[best], mean, sd, ll, SweepRow.aic(ll, p), SweepRow.bic(ll, p, trainFrames), p,
					false));
		}
		int chosenRow = 0;
		String rule;
		if (s.states() > 0) rule = "K = " + s.states() + " as given (states)";
		else {
			for (int a = 1; a < ks.length; a++)
				if (sweep.get(a).bic() < sweep.get(chosenRow).bic()) chosenRow = a;
			rule = "K = " + ks[chosenRow] + ": lowest BIC over K = 1.." + s.maxStates();
		}
		sweep.set(chosenRow, sweep.get(chosenRow).select());
		progress.update(0.9, "labelling runs");
		progress.checkCancelled();
		Ordered ordered = inTrainingOrder(new PhaseModel(fitted[bestOf[chosenRow]].hmm(), z.metrics, s.covariance()), z.data);
		PhaseModel model = ordered.model();
		Labels labels = label(model, z.data, ordered.paths()); // Viterbi once: the paths inTrainingOrder found, renumbered
		TrainingMap map = TrainingMap.of(model.states(), model.transitions(), labels.paths());
		List<TransitionGradients.Transition> transitions = new TransitionGradients(model).characterize(z.data, labels.paths());
		Result result = new Result(sweep, ks[chosenRow], rule, model, z, trainNames, testNames, labels, transitions, map,
				messages, s.output(), (System.nanoTime() - start) * 1e-9);
		if (s.output() != null) {
			progress.update(0.95, "writing " + s.output());
			write(s, result, pictures);
		}
		progress.update(1, null);
		return result;
	}

	/**
	 * Mean and population SD (divided by the count, not count - 1: heldout_ll_sd's convention) of the finite
	 * values among {@code n} from {@code from}; NaN, NaN when there are none. Two passes: log-likelihoods of
	 * -2.4e6 that differ by units lose every digit of their spread in sum(x^2)/n - mean^2.
	 */
	static double[] meanAndSd(double[] v, int from, int n) {
		double sum = 0;
		int finite = 0;
		for (int i = from; i < from + n; i++)
			if (Double.isFinite(v[i])) {
				sum += v[i];
				finite++;
			}
		if (finite == 0) return new double[] { Double.NaN, Double.NaN };
		double mean = sum / finite, sq = 0;
		for (int i = from; i < from + n; i++)
			if (Double.isFinite(v[i])) sq += (v[i] - mean) * (v[i] - mean);
		return new double[] { mean, Math.sqrt(sq / finite) };
	}

	/** NaN and -Inf lose to any finite score. */
	private static boolean better(double a, double b) {
		if (Double.isNaN(b)) return !Double.isNaN(a);
		return a > b;
	}

	/**
	 * hmmlearn's random_state of restart r (0-based) under the user's seed: seed x restarts + r, the same at every K, so
	 * seed 0 draws what the seed notebook's {@code GaussianHMM(K, random_state=r)}, r = 0..restarts-1, draws, and
	 * seed s the next block of restarts (s x restarts .. s x restarts + restarts - 1); independent of the core count.
	 */
	public static long randomState(long seed, int restarts, int restart) {
		if (restart < 0 || restart >= restarts)
			throw new IllegalArgumentException("restart " + restart + " is outside 0.." + (restarts - 1) + ".");
		if (seed < 0 || seed > maxSeed(restarts))
			throw new BadInputException("seed must be between 0 and " + maxSeed(restarts) + " for restarts = " + restarts
					+ " (numpy's seeds end at 2^32 - 1); got " + seed + ".");
		return seed * restarts + restart;
	}

	/** The largest seed whose block of restarts stays within numpy's seeds: floor(2^32 / restarts) - 1. */
	public static long maxSeed(int restarts) {
		return (NumpyRandom.MAX_SEED + 1) / restarts - 1;
	}

	/** A model with its states renumbered and the Viterbi paths of the runs in the new numbering. */
	record Ordered(PhaseModel model, List<int[]> paths) {
	}

	/**
	 * States renumbered by their mean position in training over all runs (never-visited states last). The
	 * Viterbi paths it needs are returned renumbered: permuting the states permutes the Viterbi path, so the
	 * renumbered model need not be decoded again.
	 */
	static Ordered inTrainingOrder(PhaseModel m, List<double[]> data) {
		int k = m.states();
		List<int[]> paths = new ArrayList<>();
		for (double[] x : data) paths.add(m.viterbi(x).path);
		TrainingMap map = TrainingMap.of(k, m.transitions(), paths);
		Integer[] order = new Integer[k];
		for (int s = 0; s < k; s++) order[s] = s;
		double[] pos = map.meanPosition;
		Arrays.sort(order, (a, b) -> {
			double pa = Double.isNaN(pos[a]) ? 2 : pos[a], pb = Double.isNaN(pos[b]) ? 2 : pos[b];
			return pa != pb ? Double.compare(pa, pb) : Integer.compare(a, b);
		});
		int[] newOf = new int[k]; // new number of each old state
		for (int n = 0; n < k; n++) newOf[order[n]] = n;
		for (int[] path : paths)
			for (int t = 0; t < path.length; t++) path[t] = newOf[path[t]];
		Hmm h = m.hmm.permute(Arrays.stream(order).mapToInt(Integer::intValue).toArray());
		return new Ordered(new PhaseModel(h, m.metrics, m.covariance), paths);
	}

	/** Viterbi path of each run and the smoothed probability of each label. */
	public static Labels label(PhaseModel m, List<double[]> data) {
		List<int[]> paths = new ArrayList<>();
		for (double[] x : data) paths.add(m.viterbi(x).path);
		return label(m, data, paths);
	}

	/** The given Viterbi paths with the smoothed probability of each label. */
	static Labels label(PhaseModel m, List<double[]> data, List<int[]> paths) {
		List<double[]> prob = new ArrayList<>();
		int k = m.states();
		for (int r = 0; r < data.size(); r++) {
			int[] path = paths.get(r);
			Posterior post = m.posterior(data.get(r));
			double[] p = new double[path.length];
			for (int t = 0; t < path.length; t++) p[t] = post.smoothed[t * k + path[t]];
			prob.add(p);
		}
		return new Labels(paths, prob);
	}

	// ------------------------------------------------------------------ files

	static void write(PhaseSettings s, Result r, Pictures pictures) {
		try (AtomicOutput.Staging st = AtomicOutput.stageFolder(s.output())) {
			Path dir = st.dir();
			try (CsvWriter w = new CsvWriter(dir.resolve("selection.csv"), SweepRow.COLUMNS)) {
				for (SweepRow row : r.sweep()) w.row(row.cells());
				w.commit();
			}
			r.model().write(dir.resolve("model.json"), r.runs(), r.trainRuns(), r.testRuns(), settingsMap(s));
			PhaseOutputs.write(dir, r.model(), r.runs(), r.labels(), r.transitions(), r.map());
			if (pictures != null) pictures.write(dir, r.model(), r.runs(), r.labels(), r.map(), r.sweep());
			st.commit();
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(s.output(), e);
		}
	}

	static Map<String, Object> settingsMap(PhaseSettings s) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("runs", s.runs() == null ? "(table)" : s.runs());
		m.put("metrics", s.metrics());
		m.put("max_rows", s.maxRows());
		m.put("max_states", s.maxStates());
		m.put("states", s.states());
		m.put("restarts", s.restarts());
		m.put("covariance", s.covariance().key());
		m.put("test_fraction", s.testFraction());
		m.put("seed", s.seed());
		m.put("iterations", s.iterations());
		m.put("tolerance", s.tolerance());
		m.put("min_covar", GaussianHmm.MIN_COVAR);
		return m;
	}

	static void createDirectories(Path p) throws IOException {
		Files.createDirectories(p);
	}
}
