package org.latentj.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.latentj.hmm.FitSettings.Init;
import org.latentj.hmm.FitSettings.Initial;
import org.latentj.hmm.FitSettings.Method;
import org.latentj.hmm.FitSettings.TransitionMode;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Fits an HMM to many sessions by EM (or stochastic EM over sessions), with restarts, and decodes
 * the sessions with the best model, in three steps: standardize ({@link FitData}), fit (restarts,
 * split/merge), decode. Deterministic: the same sessions, settings and seed give the same model
 * bit for bit, whatever the number of cores.
 * <p>
 * EM iteration i: E-step under the current parameters (its training log-likelihood is the one
 * recorded for iteration i, with the test log-likelihood under the same parameters), then the
 * M-step. The loop stops when the training log-likelihood per frame rises by less than the tolerance
 * (the final parameters are then the ones last scored), or after {@code iterations} iterations.
 */
public final class HmmFitter {

	private final FitSettings settings;
	private final EStep estep = new EStep();
	/** k-means clusterings already computed (a scan reuses one per K and restart across transition settings), or null. */
	private final KMeansCache kmeans;

	public HmmFitter(FitSettings settings) {
		this(settings, null);
	}

	HmmFitter(FitSettings settings, KMeansCache kmeans) {
		this.settings = settings;
		this.kmeans = kmeans;
	}

	/** The E-step whose buffer pool every E-step of this fitter shares (for tests). */
	EStep eStep() {
		return estep;
	}

	/** The seed of restart r (0-based) as {@link #fit(FitData, Progress)} draws them: the first is the seed itself. */
	static long[] restartSeeds(long seed, int restarts) {
		Random seeds = new Random(seed);
		long[] out = new long[restarts];
		for (int r = 0; r < restarts; r++) out[r] = r == 0 ? seed : seeds.nextLong();
		return out;
	}

	public static FitResult fit(List<SessionData> sessions, FitSettings settings, Progress progress) {
		return new HmmFitter(settings).fit(sessions, progress);
	}

	/** Standardize, fit, decode. */
	public FitResult fit(List<SessionData> sessions, Progress progress) {
		FitData data = new FitData(sessions, settings);
		Best best = fit(data, progress.stage(0, 0.95));
		return decode(sessions, data, best, progress.stage(0.95, 1));
	}

	/** The best of the restarts, and every restart's final training log-likelihood per frame. */
	record Best(Run run, List<Double> restartScores) {
	}

	/** Fits every restart (each EM or stochastic EM, then split/merge) and keeps the best. */
	Best fit(FitData data, Progress progress) {
		Run best = null;
		List<Double> restartScores = new ArrayList<>();
		int restarts = settings.restarts();
		long[] seeds = restartSeeds(settings.seed(), restarts);
		for (int r = 0; r < restarts; r++) {
			String label = restarts > 1 ? "restart " + (r + 1) + "/" + restarts + ", " : "";
			Run run = fitOnce(data, new KMeansCache.SeedRandom(seeds[r]),
					progress.stage((double) r / restarts, (r + 1.0) / restarts), label);
			restartScores.add(run.finalTrain());
			if (best == null || run.finalTrain() > best.finalTrain()) best = run;
		}
		progress.checkCancelled();
		return new Best(best, restartScores);
	}

	/** Numbers the states by usage (most used first, as moseq2) and decodes every session with the fitted model. */
	FitResult decode(List<SessionData> sessions, FitData data, Best fitted, Progress progress) {
		progress.update(0, "decoding sessions");
		Run best = fitted.run();
		EStep.Expectations usageE = best.last;
		int k = settings.states();
		double[] usage = new double[k];
		for (int s = 0; s < k; s++) usage[s] = best.hmm.observations().frames(usageE.observations, s);
		int[] order = orderByUsage(usage);
		Hmm hmm = best.hmm.permute(order);
		double[] sortedUsage = new double[k];
		boolean[] empty = new boolean[k];
		for (int s = 0; s < k; s++) {
			sortedUsage[s] = usage[order[s]];
			empty[s] = best.empty[order[s]];
		}
		Decoding[] decoded = new Decoding[sessions.size()];
		Parallel.forEach(decoded.length,
				i -> decoded[i] = Decoding.of(hmm, sessions.get(i).name, data.data.get(i), Decoding.Mode.POSTERIOR));
		List<Decoding> decodings = List.of(decoded);
		progress.update(1, "done");
		return new FitResult(hmm, data.standardization, settings, best.train, best.test, data.trainFrames, data.testFrames,
				decodings, sortedUsage, empty, fitted.restartScores(), best.converged, best.moves);
	}

	/** State indices by usage, most used first; ties in index order (Fit HMM's and Fit SLDS's state order). */
	public static int[] orderByUsage(double[] usage) {
		Integer[] idx = new Integer[usage.length];
		for (int i = 0; i < idx.length; i++) idx[i] = i;
		Arrays.sort(idx, (a, b) -> usage[a] != usage[b] ? Double.compare(usage[b], usage[a]) : Integer.compare(a, b));
		int[] order = new int[idx.length];
		for (int i = 0; i < order.length; i++) order[i] = idx[i];
		return order;
	}

	// ------------------------------------------------------------------ one run

	/** The outcome of one start: model, log-likelihood history, last E-step. */
	static final class Run {
		Hmm hmm;
		List<Double> train = new ArrayList<>(), test = new ArrayList<>();
		EStep.Expectations last;
		boolean[] empty;
		boolean converged;
		/** Split/merge moves kept. */
		int moves;

		double finalTrain() {
			return train.isEmpty() ? Double.NEGATIVE_INFINITY : train.get(train.size() - 1);
		}
	}

	/** One start from a generator seeded for it (a {@link KMeansCache.SeedRandom}, so a cached k-means can stand in). */
	Run fitOnce(FitData data, Random random, Progress progress, String label) {
		Hmm hmm = initialModel(data, random);
		if (settings.method() == Method.STOCHASTIC) return stochastic(data, hmm, progress, label);
		if (!settings.splitMerge()) return em(data, hmm, settings.iterations(), progress, label);
		// EM took ~15% of a default fit's iterations (issue 15: 37 of ~240 per restart), split/merge the rest
		Run run = em(data, hmm, settings.iterations(), progress.stage(0, 0.2), label);
		return new SplitMerge(this, estep, settings).improve(data, run, random, progress.stage(0.2, 1), label);
	}

	/**
	 * Starting parameters: observations from a random posterior (the STATS320 ARHMM lab) or k-means
	 * clusters, transitions sticky.
	 */
	Hmm initialModel(FitData data, Random random) {
		int k = settings.states();
		Observations obs = settings.observations().create(k, data.d, data.lags);
		double[] stats = new double[k * obs.statsSize()];
		if (settings.init() == Init.RANDOM) {
			for (FitData.Stretch s : data.train) {
				double[] q = new double[s.frames() * k];
				for (int t = 0; t < s.frames(); t++) {
					double sum = 0;
					for (int j = 0; j < k; j++) sum += q[t * k + j] = random.nextDouble();
					for (int j = 0; j < k; j++) q[t * k + j] /= sum;
				}
				obs.accumulateStats(s.x, s.from, s.to, q, stats);
			}
		} else {
			int[] labels = kmeans == null ? kmeansLabels(data, k, random) : kmeans.labels(data, k, random);
			int off = 0;
			for (FitData.Stretch s : data.train) {
				double[] q = new double[s.frames() * k];
				for (int t = 0; t < s.frames(); t++) q[t * k + labels[off + t]] = 1;
				off += s.frames();
				obs.accumulateStats(s.x, s.from, s.to, q, stats);
			}
		}
		obs.maximize(stats);
		InitialDistribution initial = settings.initial() == Initial.LEARNED ? InitialDistribution.learned(k)
				: InitialDistribution.uniform(k);
		Transitions transitions = settings.transitions() == TransitionMode.LEARNED
				? Transitions.learned(k, settings.stickiness(), settings.kappa(), settings.alpha())
				: Transitions.fixedSticky(k, settings.stickiness());
		return new Hmm(initial, transitions, obs);
	}

	/** k-means on each scored training frame's window (x_{t-G}, ..., x_t), so AR states start from distinct dynamics. */
	static int[] kmeansLabels(FitData data, int k, Random random) {
		return KMeans.clusterWindows(data.train, data.lags, data.d, k, random, 100);
	}

	/** Plain EM from the given model. */
	Run em(FitData data, Hmm start, int iterations, Progress progress, String label) {
		Run run = new Run();
		Hmm hmm = start;
		double previous = Double.NEGATIVE_INFINITY;
		ConvergenceEstimate done = new ConvergenceEstimate(settings.tolerance(), iterations);
		for (int it = 1; it <= iterations; it++) {
			progress.checkCancelled();
			EStep.Expectations e = estep.expectations(hmm, data.train);
			double train = e.logLik / data.trainFrames;
			double test = data.test.isEmpty() ? Double.NaN : estep.logLikelihood(hmm, data.test) / data.testFrames;
			run.train.add(train);
			run.test.add(test);
			run.hmm = hmm;
			run.last = e;
			progress.update(done.step(it, it > 1 ? train - previous : Double.NaN),
					String.format("%siteration %d/%d, train LL/frame %.4f", label, it, iterations, train));
			if (it > 1 && train - previous < settings.tolerance()) {
				run.converged = true;
				break;
			}
			previous = train;
			if (it == iterations) break;
			hmm = maximize(hmm, e, run);
		}
		if (run.empty == null) run.empty = new boolean[hmm.states()];
		return run;
	}

	/** The M-step of all three parts. */
	private Hmm maximize(Hmm hmm, EStep.Expectations e, Run run) {
		Observations obs = hmm.observations().copy();
		boolean[] empty = obs.maximizeMonotone(e.observations);
		if (run != null) run.empty = empty;
		Transitions tr = hmm.transitions().maximize(e.transitions);
		InitialDistribution in = hmm.initial().maximize(e.initial);
		return new Hmm(in, tr, obs);
	}

	/**
	 * Stochastic EM over sessions (the STATS320 ARHMM lab's bonus): each step runs the E-step on one session, blends
	 * its statistics (scaled to the whole training set) into a running average with step size
	 * (1 + t)^-forgetting_rate, and runs the M-step. The recorded training log-likelihood of an epoch
	 * is the sum of its minibatch log-likelihoods (each under the parameters of its step) per
	 * training frame; the test log-likelihood is taken after the epoch.
	 */
	private Run stochastic(FitData data, Hmm start, Progress progress, String label) {
		Run run = new Run();
		Hmm hmm = start;
		EStep.Expectations running = estep.expectations(hmm, data.train);
		int steps = 0, batches = data.train.size();
		for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
			double epochLogLik = 0;
			for (int b = 0; b < batches; b++) {
				progress.checkCancelled();
				hmm = maximize(hmm, running, run);
				FitData.Stretch batch = data.train.get(b);
				EStep.Expectations e = estep.expectations(hmm, List.of(batch));
				epochLogLik += e.logLik;
				double rho = Math.pow(1 + steps, -settings.forgettingRate());
				steps++;
				running.blend(e.scaled((double) data.trainFrames / batch.frames()), rho);
				progress.update((epoch - 1 + (b + 1.0) / batches) / settings.epochs(), String.format(
						"%sepoch %d/%d, session %d/%d, LL/frame %.4f", label, epoch, settings.epochs(), b + 1, batches,
						e.logLik / batch.frames()));
			}
			hmm = maximize(hmm, running, run);
			run.train.add(epochLogLik / data.trainFrames);
			run.test.add(data.test.isEmpty() ? Double.NaN : estep.logLikelihood(hmm, data.test) / data.testFrames);
		}
		run.hmm = hmm;
		run.last = estep.expectations(hmm, data.train);
		return run;
	}
}
