package org.latentj.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Split-and-merge moves for EM stuck in a local optimum (after Ueda et al., SMEM, 2000). The usual
 * trap for AR-HMMs: two true states share one fitted state while another fitted state holds a
 * sliver of frames or half of a true state. Two kinds of move: merge the pair of states that lose
 * least expected log-likelihood when fitted as one and split another state into the freed slot; or
 * pool a state with its cheapest partner and split the pool in two. A split fits a two-state sticky
 * HMM to the runs of frames involved, so the halves differ in dynamics.
 * <p>
 * Gains and losses come from sufficient statistics alone (the expected log-likelihood of a state
 * refitted to given statistics), so ranking costs little. The best few candidates are then refined and
 * scored in parallel by SMEM's partial EM: EM over only the frames the involved states own, the other
 * states held fixed (issue 15: before, each ran 20 full-data EM iterations). Only then does the best
 * one run full-data EM; it is kept (and run to convergence) only when it ends with a training
 * log-likelihood higher by the tolerance per frame, so the model never gets worse, else the next is
 * tried. Rounds stop when no candidate gains the tolerance per training frame on its own frames.
 * <p>
 * Splits were most of a default fit's time (issue 15: 87 of 147 s CPU for 36,000 frames, K = 50); now a
 * state's split is computed again only when its frames changed since the last round (59 % of them are
 * reused there), splits run in parallel over states, and a split's EM stops at {@link #SPLIT_TOLERANCE}.
 */
final class SplitMerge {

	/** Candidates (best by partial EM) tried with full-data EM per round, at most. */
	static final int CANDIDATES = 3;
	/** Candidates (best by their statistics) refined by partial EM per round: cheap, so many. */
	static final int REFINED = 12;
	/** EM iterations of a candidate's partial EM, and of its first full-data EM before it is judged. */
	static final int CANDIDATE_ITERATIONS = 20;
	/** Split-merge may spend at most this many times the EM iteration limit. */
	static final int BUDGET = 3;
	/** A move must promise at least this gain in log-likelihood per training frame. */
	private static final double MIN_GAIN_PER_FRAME = 1e-4;
	/** Starts tried for each split (2-means, then random halves of the runs). */
	private static final int ATTEMPTS = 4;
	/** EM iterations of a split's two-state HMM. */
	private static final int SPLIT_ITERATIONS = 30;
	/**
	 * A split's two-state EM stops when it gains under this per frame. The split only proposes halves
	 * (partial EM refines the move to EM's own tolerance), so it need not converge as far as EM.
	 */
	static final double SPLIT_TOLERANCE = 1e-3;
	/** Stickiness of a split's two-state HMM. */
	private static final double STICKINESS = 0.95;

	private final HmmFitter fitter;
	private final EStep estep;
	private final FitSettings settings;
	private long trainFrames;
	/**
	 * Splits of the last round by the frames they split. A split depends only on its frames (its random
	 * starts are seeded from them and the restart's splitSeed), so a state whose frames did not change since the last round, most of
	 * them after a move, reuses its split: the same bits, without its 4 x 30 iterations of a two-state HMM.
	 */
	private Map<Owned, Split> lastSplits = new HashMap<>();
	/** Seeds every split's random starts, with its frames. */
	private long splitSeed;
	/** The fit's progress, for cancellation inside the parallel splits. */
	private Progress progress = Progress.NONE;

	SplitMerge(HmmFitter fitter, EStep estep, FitSettings settings) {
		this.fitter = fitter;
		this.estep = estep;
		this.settings = settings;
	}

	/** Improves a converged run; returns the best run found (the input when no move helps). */
	HmmFitter.Run improve(FitData data, HmmFitter.Run start, Random random, Progress progress, String label) {
		HmmFitter.Run current = start;
		this.progress = progress;
		trainFrames = data.trainFrames;
		int k = settings.states();
		if (k < 3) return current;
		splitSeed = random.nextLong();
		int budget = BUDGET * settings.iterations(), spent = 0;
		// rounds stop when the best move gains under the tolerance per frame: extrapolate the gains to there
		ConvergenceEstimate rounds = new ConvergenceEstimate(settings.tolerance(), k);
		double floor = 0; // the bar never goes back
		for (int round = 1; round <= k && spent < budget; round++) {
			progress.checkCancelled();
			double from = Math.max(floor, Math.max(rounds.fraction(), (double) spent / budget));
			// this round's share: the rest if it may be the last, half of it otherwise (a guess the next round corrects)
			double share = (1 - from) * 0.5;
			progress.update(from, String.format("%ssplit/merge round %d, train LL/frame %.4f", label, round,
					current.finalTrain()));
			double before = current.finalTrain();
			floor = from + share;
			int[][] labels = estep.mostProbableStates(current.hmm, data.train);
			List<Move> moves = rank(data, current, labels);
			// score and refine the best candidates on the frames their states own, all at once (SMEM's partial EM)
			List<Move> tried = moves.subList(0, Math.min(REFINED, moves.size()));
			Hmm now = current.hmm;
			Parallel.forEach(tried.size(), c -> refine(data, now, labels, tried.get(c)));
			List<Move> refined = new ArrayList<>(tried);
			refined.sort((x, y) -> Double.compare(y.partialGain, x.partialGain));
			// the round stops when no candidate gains the tolerance per training frame even on its own frames
			HmmFitter.Run best = null;
			int rank = 0;
			for (Move m : refined) {
				if (rank == CANDIDATES || !(m.partialGain >= settings.tolerance() * trainFrames)) break;
				rank++;
				progress.checkCancelled();
				double a = from + share * (rank - 1) / (CANDIDATES + 1), b = from + share * rank / (CANDIDATES + 1);
				HmmFitter.Run run = fitter.em(data, m.model, Math.min(CANDIDATE_ITERATIONS, settings.iterations()),
						progress.stage(a, b), String.format("%ssplit/merge round %d, candidate %d/%d, ", label, round, rank,
								CANDIDATES));
				spent += run.train.size();
				// a move is kept only when all frames gain what EM itself would not stop for: the tolerance per frame
				double gain = run.finalTrain() - current.finalTrain();
				if (gain >= settings.tolerance() && gain > 1e-9 * Math.abs(current.finalTrain())) {
					best = run;
					break;
				}
			}
			if (best == null) break;
			if (!best.converged) { // finish the winner's EM; its first iteration repeats the last one recorded
				HmmFitter.Run rest = fitter.em(data, best.hmm, settings.iterations(),
						progress.stage(from + share * CANDIDATES / (CANDIDATES + 1), from + share),
						String.format("%ssplit/merge round %d, best move, ", label, round));
				spent += rest.train.size();
				best.train.addAll(rest.train.subList(1, rest.train.size()));
				best.test.addAll(rest.test.subList(1, rest.test.size()));
				best.hmm = rest.hmm;
				best.last = rest.last;
				best.empty = rest.empty;
				best.converged = rest.converged;
			}
			List<Double> train = new ArrayList<>(current.train), test = new ArrayList<>(current.test);
			train.addAll(best.train);
			test.addAll(best.test);
			best.train = train;
			best.test = test;
			best.moves = current.moves + 1;
			current = best;
			rounds.step(round, current.finalTrain() - before);
		}
		return current;
	}

	/** A candidate model (states merged and split) and the gain its statistics promise. */
	static final class Move {
		double predictedGain;
		Hmm model;
		/** The states the move changes; the other states are held fixed while it is refined. */
		int[] involved;
		/** Log-likelihood the refined move gains on the frames the involved states own (total, not per frame). */
		double partialGain = Double.NEGATIVE_INFINITY;
	}

	private List<Move> rank(FitData data, HmmFitter.Run run, int[][] labels) {
		Hmm hmm = run.hmm;
		Observations obs = hmm.observations();
		int k = hmm.states(), m = obs.statsSize();
		double[] stats = run.last.observations;

		// merge losses: each state alone vs the pair refitted as one
		double[] alone = new double[k];
		Observations single = obs.create(1);
		for (int s = 0; s < k; s++) alone[s] = refit(single, block(stats, s, m));
		double[][] loss = new double[k][k];
		for (int a = 0; a < k; a++)
			for (int b = a + 1; b < k; b++) {
				double[] pair = block(stats, a, m);
				double[] other = block(stats, b, m);
				for (int i = 0; i < m; i++) pair[i] += other[i];
				loss[a][b] = loss[b][a] = alone[a] + alone[b] - refit(single, pair);
			}

		// split gains: each state's frames (most probable state) divided in two
		List<Move> moves = new ArrayList<>();
		Map<Owned, Split> used = new HashMap<>();
		Split[] splits = new Split[k];
		splitAll(data, obs, labels, states(k), null, splits, used);
		for (int s = 0; s < k; s++) {
			Split sp = splits[s];
			if (sp == null) continue;
			// move A: merge the cheapest pair of other states, split s into its slot and its own
			int bestA = -1, bestB = -1;
			for (int a = 0; a < k; a++)
				for (int b = a + 1; b < k; b++) {
					if (a == s || b == s) continue;
					if (bestA < 0 || loss[a][b] < loss[bestA][bestB]) {
						bestA = a;
						bestB = b;
					}
				}
			if (bestA < 0) continue;
			Observations next = obs.copy();
			double[] pair = block(stats, bestA, m);
			double[] other = block(stats, bestB, m);
			for (int i = 0; i < m; i++) pair[i] += other[i];
			Observations merged = obs.create(1);
			merged.maximize(pair);
			next.setState(bestA, merged, 0);
			next.setState(s, sp.halves, 0);
			next.setState(bestB, sp.halves, 1);
			add(moves, hmm, next, sp.gain - loss[bestA][bestB], new int[] { bestA, bestB, s });
		}
		// move B: pool the best split candidates with their cheapest partner and split the pool in two
		// (the partner is often a sliver of the same frames, which move A cannot touch)
		Integer[] byGain = new Integer[k];
		for (int s = 0; s < k; s++) byGain[s] = s;
		java.util.Arrays.sort(byGain, (x, y) -> Double.compare(splits[y] == null ? Double.NEGATIVE_INFINITY : splits[y].gain,
				splits[x] == null ? Double.NEGATIVE_INFINITY : splits[x].gain));
		int pooled = 0;
		int[] first = new int[Math.min(CANDIDATES, k)], partners = new int[first.length];
		for (; pooled < first.length && splits[byGain[pooled]] != null; pooled++) {
			int s = first[pooled] = byGain[pooled], partner = -1;
			for (int a = 0; a < k; a++)
				if (a != s && (partner < 0 || loss[a][s] < loss[partner][s])) partner = a;
			partners[pooled] = partner;
		}
		Split[] pools = new Split[pooled];
		splitAll(data, obs, labels, Arrays.copyOf(first, pooled), partners, pools, used);
		lastSplits = used;
		for (int c = 0; c < pooled; c++) {
			Split sp = pools[c];
			if (sp == null) continue;
			int s = first[c], partner = partners[c];
			Observations next = obs.copy();
			next.setState(s, sp.halves, 0);
			next.setState(partner, sp.halves, 1);
			add(moves, hmm, next, sp.gain - loss[partner][s], new int[] { s, partner });
		}
		moves.sort((x, y) -> Double.compare(y.predictedGain, x.predictedGain));
		return moves;
	}

	private void add(List<Move> moves, Hmm hmm, Observations next, double predicted, int[] involved) {
		if (!(predicted > MIN_GAIN_PER_FRAME * trainFrames)) return;
		Move mv = new Move();
		mv.predictedGain = predicted;
		mv.involved = involved;
		Transitions tr = hmm.transitions().isLearned()
				? Transitions.learned(hmm.states(), settings.stickiness(), settings.kappa(), settings.alpha())
				: hmm.transitions();
		mv.model = new Hmm(hmm.initial(), tr, next);
		moves.add(mv);
	}

	private static int[] states(int k) {
		int[] all = new int[k];
		for (int s = 0; s < k; s++) all[s] = s;
		return all;
	}

	/**
	 * out[i] = the split of state states[i]'s frames (pooled with partners[i]'s, if partners is not null),
	 * from the last round's splits where the frames are the same, the others computed in parallel. Every
	 * split used goes into {@code used} (next round's cache).
	 */
	private void splitAll(FitData data, Observations obs, int[][] labels, int[] states, int[] partners, Split[] out,
			Map<Owned, Split> used) {
		int k = obs.states();
		Owned[] frames = new Owned[states.length];
		List<Integer> missing = new ArrayList<>();
		Map<Owned, Integer> queued = new HashMap<>(); // the same frames twice (a pair pooled both ways): split once
		int[] sameAs = new int[states.length];
		Arrays.fill(sameAs, -1);
		for (int i = 0; i < states.length; i++) {
			boolean[] mine = new boolean[k];
			mine[states[i]] = true;
			if (partners != null) mine[partners[i]] = true;
			frames[i] = owned(data, labels, mine);
			if (lastSplits.containsKey(frames[i])) out[i] = lastSplits.get(frames[i]);
			else if (used.containsKey(frames[i])) out[i] = used.get(frames[i]);
			else {
				Integer first = queued.putIfAbsent(frames[i], i);
				if (first == null) missing.add(i);
				else sameAs[i] = first;
			}
		}
		Parallel.forEach(missing.size(), j -> {
			progress.checkCancelled(); // the splits are most of a round: Esc must not wait for all K of them
			int i = missing.get(j);
			out[i] = split(data, obs, frames[i]);
		});
		for (int i = 0; i < states.length; i++) {
			if (sameAs[i] >= 0) out[i] = out[sameAs[i]]; // a split may be null (too few frames): sameAs, not null, says so
			used.put(frames[i], out[i]);
		}
	}

	/**
	 * The runs of frames whose most probable state is one of {@code mine}: each a sequence of its own,
	 * with its real lagged context. Equal when they hold the same frames.
	 */
	static final class Owned {
		final List<FitData.Stretch> runs;
		/** (stretch, first frame, end) of every run. */
		final int[] key;
		final int frames;

		Owned(List<FitData.Stretch> runs, int[] key, int frames) {
			this.runs = runs;
			this.key = key;
			this.frames = frames;
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Owned other && Arrays.equals(key, other.key);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(key);
		}
	}

	static Owned owned(FitData data, int[][] labels, boolean[] mine) {
		List<FitData.Stretch> runs = new ArrayList<>();
		int[] key = new int[48];
		int total = 0, n = 0;
		for (int i = 0; i < labels.length; i++) {
			FitData.Stretch st = data.train.get(i);
			int r = 0;
			while (r < labels[i].length) {
				if (!mine[labels[i][r]]) {
					r++;
					continue;
				}
				int end = r;
				while (end < labels[i].length && mine[labels[i][end]]) end++;
				runs.add(new FitData.Stretch(st.x, st.from + r, st.from + end));
				if (n + 3 > key.length) key = Arrays.copyOf(key, 2 * key.length);
				key[n++] = i;
				key[n++] = r;
				key[n++] = end;
				total += end - r;
				r = end;
			}
		}
		return new Owned(runs, Arrays.copyOf(key, n), total);
	}

	/**
	 * SMEM's partial EM for one move: EM over only the frames the involved states own (their most
	 * probable state under the current model, in runs with their real lagged context), a sticky HMM of
	 * just those states, the other states held fixed (they own none of these frames). The move's gain is
	 * the log-likelihood of those frames after refinement minus before, under the current model's states
	 * with the same transitions; the refined states go into the move's model. Costs frames owned x
	 * involved states squared per iteration, not all frames x K squared.
	 */
	void refine(FitData data, Hmm current, int[][] labels, Move move) {
		int[] in = move.involved;
		boolean[] mine = new boolean[current.states()];
		for (int s : in) mine[s] = true;
		Owned owned = owned(data, labels, mine);
		List<FitData.Stretch> runs = owned.runs;
		int total = owned.frames;
		if (total == 0) return;
		int n = in.length;
		Transitions sticky = Transitions.fixedSticky(n, settings.stickiness());
		Observations before = current.observations().create(n), sub = move.model.observations().create(n);
		for (int j = 0; j < n; j++) {
			before.setState(j, current.observations(), in[j]);
			sub.setState(j, move.model.observations(), in[j]);
		}
		double base = estep.logLikelihood(new Hmm(InitialDistribution.uniform(n), sticky, before), runs);
		Hmm hmm = new Hmm(InitialDistribution.uniform(n), sticky, sub), scored = hmm;
		double logLik = Double.NEGATIVE_INFINITY;
		for (int it = 0; it < CANDIDATE_ITERATIONS; it++) {
			EStep.Expectations e = estep.expectations(hmm, runs);
			if (e.logLik - logLik < settings.tolerance() * total) {
				if (e.logLik > logLik) {
					logLik = e.logLik;
					scored = hmm;
				}
				break;
			}
			logLik = e.logLik;
			scored = hmm;
			Observations next = hmm.observations().copy();
			next.maximizeMonotone(e.observations);
			hmm = new Hmm(hmm.initial(), sticky, next);
		}
		Observations full = move.model.observations().copy();
		for (int j = 0; j < n; j++) full.setState(in[j], scored.observations(), j);
		move.model = new Hmm(move.model.initial(), move.model.transitions(), full);
		move.partialGain = logLik - base;
	}

	/** Two regressions fitted to the halves of one state's frames, and the expected log-likelihood they gain. */
	static final class Split {
		Observations halves;
		double gain;
	}

	/**
	 * Splits the frames of a state (or of two pooled states) by fitting a two-state sticky HMM to their
	 * runs (each run a sequence of its own, with its real lagged context): stickiness keeps each run
	 * together, so the halves separate by dynamics rather than by position. Started from 2-means on the
	 * frames' windows and from random halves of the runs; the start with the best log-likelihood wins.
	 * A function of the frames alone for a given restart (its generator is seeded from them and the restart's
	 * splitSeed), so equal frames give the same
	 * split bit for bit, whatever the states are numbered or the round.
	 */
	Split split(FitData data, Observations obs, Owned frames) {
		int d = data.d, lags = data.lags;
		List<FitData.Stretch> runs = frames.runs;
		int total = frames.frames;
		Random random = new Random(splitSeed ^ (0x9E3779B97F4A7C15L * frames.hashCode()));
		int minFrames = 2 * (lags * d + 1 + d);
		if (total < 2 * minFrames) return null;
		Hmm best = null;
		double bestLogLik = Double.NEGATIVE_INFINITY;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Observations two = obs.create(2);
			double[] stats = new double[2 * two.statsSize()];
			if (attempt == 0) {
				int[] half = KMeans.clusterWindows(runs, lags, d, 2, random, 50);
				int row = 0;
				for (FitData.Stretch run : runs) {
					double[] w = new double[run.frames() * 2];
					for (int t = 0; t < run.frames(); t++) w[t * 2 + half[row++]] = 1;
					two.accumulateStats(run.x, run.from, run.to, w, stats);
				}
			} else {
				for (FitData.Stretch run : runs) {
					double[] w = new double[run.frames() * 2];
					int h = random.nextInt(2);
					for (int t = 0; t < run.frames(); t++) w[t * 2 + h] = 1;
					two.accumulateStats(run.x, run.from, run.to, w, stats);
				}
			}
			two.maximize(stats);
			Hmm hmm = new Hmm(InitialDistribution.uniform(2), Transitions.fixedSticky(2, STICKINESS), two);
			double previous = Double.NEGATIVE_INFINITY, logLik = Double.NEGATIVE_INFINITY;
			for (int it = 0; it < SPLIT_ITERATIONS; it++) {
				EStep.Expectations e = estep.expectations(hmm, runs);
				logLik = e.logLik;
				if (logLik - previous < Math.max(settings.tolerance(), SPLIT_TOLERANCE) * total) break;
				previous = logLik;
				Observations next = hmm.observations().copy();
				next.maximize(e.observations);
				hmm = new Hmm(hmm.initial(), hmm.transitions(), next);
			}
			if (logLik > bestLogLik) {
				bestLogLik = logLik;
				best = hmm;
			}
		}
		// hard halves by the best two-state fit
		int[][] half = estep.mostProbableStates(best, runs);
		Observations two = obs.create(2);
		double[] st = new double[2 * two.statsSize()];
		int[] sizes = new int[2];
		for (int i = 0; i < runs.size(); i++) {
			FitData.Stretch run = runs.get(i);
			double[] w = new double[run.frames() * 2];
			for (int t = 0; t < run.frames(); t++) {
				w[t * 2 + half[i][t]] = 1;
				sizes[half[i][t]]++;
			}
			two.accumulateStats(run.x, run.from, run.to, w, st);
		}
		if (sizes[0] < minFrames || sizes[1] < minFrames) return null;
		two.maximize(st);
		int m = obs.statsSize();
		double[] whole = new double[m];
		for (int i = 0; i < m; i++) whole[i] = st[i] + st[m + i];
		Split sp = new Split();
		sp.halves = two;
		sp.gain = two.expectedLogLik(st, 0) + two.expectedLogLik(st, 1) - refit(obs.create(1), whole);
		return sp;
	}

	private static double[] block(double[] stats, int s, int m) {
		double[] b = new double[m];
		System.arraycopy(stats, s * m, b, 0, m);
		return b;
	}

	/** Expected log-likelihood of statistics under the single state refitted to them. */
	private static double refit(Observations single, double[] stats) {
		if (single.frames(stats, 0) < LinearGaussianObservations.EMPTY_FRAMES) return 0;
		Observations o = single.create(1);
		o.maximize(stats);
		return o.expectedLogLik(stats, 0);
	}
}
