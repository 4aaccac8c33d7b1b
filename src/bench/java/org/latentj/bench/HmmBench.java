package org.latentj.bench;

import org.latentj.hmm.ui.FitHmmCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.latentj.hmm.Decoding;
import org.latentj.hmm.FitResult;
import org.latentj.hmm.ForwardBackward;
import org.latentj.hmm.Hmm;
import org.latentj.hmm.HmmFitter;
import org.latentj.hmm.InitialDistribution;
import org.latentj.hmm.LinearGaussianObservations;
import org.latentj.hmm.Observations;
import org.latentj.hmm.Posterior;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.TransitionMatrix;
import org.latentj.hmm.Transitions;
import org.latentj.util.Progress;

/**
 * The HMM engine's figures next to the targets of issue 3:
 * {@code mvn -B -q -Pbench test-compile exec:java -Dbench=HmmBench}.
 * Each kernel's multiply-add count is printed with the achieved rate.
 */
public final class HmmBench {

	/** No argument: the kernel and iteration cases; "posterior": statistics on a real posterior; "end-to-end": defaults. */
	public static void main(String[] args) {
		System.out.println(Machine.describe());
		String only = args.length > 0 ? args[0] : System.getProperty("case", "");
		if (only.equals("posterior")) {
			posteriorStatistics(args.length > 1 ? Double.parseDouble(args[1]) : POSTERIOR_NOISE);
			return;
		}
		if (only.equals("decoding")) {
			decoding(args.length > 1 ? Integer.parseInt(args[1]) : 36000, args.length > 2 ? Integer.parseInt(args[2]) : 50);
			return;
		}
		if (only.equals("end-to-end")) { // end-to-end T K [S]: S sessions of T frames (1 by default)
			endToEnd(args.length > 1 ? Integer.parseInt(args[1]) : 36000, args.length > 2 ? Integer.parseInt(args[2]) : 50,
					args.length > 3 ? Integer.parseInt(args[3]) : 1);
			return;
		}
		if (only.equals("cohort")) { // cohort T K S1,S2,...: end-to-end for each number of sessions, one after the other
			int t = args.length > 1 ? Integer.parseInt(args[1]) : 36000, k = args.length > 2 ? Integer.parseInt(args[2]) : 50;
			for (String n : (args.length > 3 ? args[3] : "1,2,4,8").split(","))
				endToEnd(t, k, Integer.parseInt(n.trim()));
			return;
		}
		if (only.equals("ceiling")) { // ceiling T K [LAGS]: the ARI of the generating model's own labels (no fit)
			int t = args.length > 1 ? Integer.parseInt(args[1]) : 36000, k = args.length > 2 ? Integer.parseInt(args[2]) : 50;
			// the model end-to-end fits draws from: Fit HMM's lags unless given
			int lags = args.length > 3 ? Integer.parseInt(args[3]) : new FitHmmCommand().lags;
			Hmm truth = model(lags, k, 10, 4);
			Hmm.Sample sample = truth.sample(t, 4, null);
			int[] labels = Decoding.of(truth, "truth", sample.data, Decoding.Mode.POSTERIOR).labels;
			System.out.printf("%nT = %d, K = %d, %d lags: ARI of the generating model's posterior labels %.4f%n", t, k, lags,
					adjustedRand(sample.states, labels, lags));
			return;
		}
		if (only.equals("recovery")) { // recovery SEEDS: single-start recovery of each shared MoSeq session, seeds 0..SEEDS-1
			recovery(args.length > 1 ? Integer.parseInt(args[1]) : 2);
			return;
		}
		if (only.equals("states")) { // states T K1,K2,...: one session, each K
			int t = args.length > 1 ? Integer.parseInt(args[1]) : 36000;
			for (String k : (args.length > 2 ? args[2] : "20,50,100").split(","))
				endToEnd(t, Integer.parseInt(k.trim()), 1);
			return;
		}
		eStep();
		kernels();
		posteriorStatistics(POSTERIOR_NOISE);
		gaussianIteration();
		labArhmm();
	}

	/**
	 * Decoding one session (AR model, D = 10, 2 lags): the whole-run forward-backward and Viterbi that
	 * decoding used before issue 12 (T x K arrays; forward and backward on two cores) against the
	 * streaming decoder (Decoding.of: blocks, each log-likelihood computed twice), which gives the same bits.
	 */
	static void decoding(int t, int k) {
		int d = 10, lags = 2;
		Hmm truth = model(lags, k, d, 3, POSTERIOR_NOISE);
		double[] x = truth.sample(t, 3, null).data;
		System.out.printf("%nDecoding one session, T = %d, K = %d, D = 10, 2 lags, sticky (median, best of 11):%n", t, k);
		double[] old = Machine.medianAndBestSeconds(3, 11, () -> truth.posterior(x, lags, t).mostProbableStates());
		double[] now = Machine.medianAndBestSeconds(3, 11, () -> Decoding.of(truth, "s", x, Decoding.Mode.POSTERIOR));
		System.out.printf("  posterior, whole run:  %.4f s (best %.4f)%n  posterior, streaming:  %.4f s (best %.4f)%n", old[0], old[1],
				now[0], now[1]);
		double[] oldV = Machine.medianAndBestSeconds(3, 11, () -> {
			truth.posterior(x, lags, t);
			truth.viterbi(x, lags, t);
		});
		double[] nowV = Machine.medianAndBestSeconds(3, 11, () -> Decoding.of(truth, "s", x, Decoding.Mode.VITERBI));
		System.out.printf("  Viterbi, whole run:    %.4f s (best %.4f)%n  Viterbi, streaming:    %.4f s (best %.4f)%n", oldV[0], oldV[1],
				nowV[0], nowV[1]);
	}

	/**
	 * The statistics kernel on a real posterior (the generating AR model's on its own 36,000 frames, K = 50,
	 * D = 10, 2 lags): mostly exact 0 and 1 with a tail of subnormal weights (issue 15). The noise
	 * covariances are scaled down so that states are as distinct as in the fitted session.
	 */
	static void posteriorStatistics(double noise) {
		int k = 50, d = 10, lags = 2, t = 36000;
		Hmm truth = model(lags, k, d, 3, noise);
		double[] x = truth.sample(t, 3, null).data;
		Posterior post = truth.posterior(x, lags, t);
		double[] w = post.smoothed;
		long zero = 0, subnormal = 0, tiny = 0;
		for (double v : w) {
			if (v == 0) zero++;
			else if (v < Double.MIN_NORMAL) subnormal++;
			else if (v < 1e-200) tiny++;
		}
		Observations obs = truth.observations();
		double[] stats = new double[k * obs.statsSize()];
		double[] s = Machine.medianAndBestSeconds(3, 11, () -> {
			Arrays.fill(stats, 0);
			obs.accumulateStats(x, lags, t, w, stats);
		});
		System.out.printf("%nStatistics kernel on a real posterior (K = 50, D = 10, 2 lags, T = %d; weights: %.1f%% exactly 0,"
				+ " %.1f%% subnormal, %.1f%% in [2.2e-308, 1e-200)): %.4f s (best %.4f)%n", t - lags, 100.0 * zero / w.length,
				100.0 * subnormal / w.length, 100.0 * tiny / w.length, s[0], s[1]);
	}

	/**
	 * Fit HMM as a user runs it: S simulated AR sessions of T frames (drawn from one model, seed 4; session i
	 * with seed 4 + i, so session 0 is the one-session case), every key but states and pcs at its default.
	 * Prints wall and CPU time, the load, the ARI over all sessions' frames, and the heap's peak next to
	 * HmmMemory's estimate.
	 */
	static void endToEnd(int frames, int k, int sessions) {
		int d = 10;
		FitHmmCommand s = new FitHmmCommand();
		s.states = k;
		s.pcs = d;
		Hmm truthModel = model(s.lags, k, d, 4);
		List<SessionData> data = new java.util.ArrayList<>();
		List<int[]> truth = new java.util.ArrayList<>();
		for (int i = 0; i < sessions; i++) {
			Hmm.Sample sample = truthModel.sample(frames, 4 + i, null);
			data.add(new SessionData("bench" + i, sample.data, d, null));
			truth.add(sample.states);
		}
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
				.getOperatingSystemMXBean();
		System.gc();
		for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans())
			pool.resetPeakUsage();
		double load0 = os.getSystemLoadAverage();
		long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
		FitResult r = HmmFitter.fit(data, s.settings(), Progress.NONE);
		double wall = (System.nanoTime() - t0) * 1e-9, cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
		long peak = 0;
		for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == java.lang.management.MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
		int n = 0;
		for (int[] t : truth) n += t.length - s.lags;
		int[] all = new int[n], fitted = new int[n], oracle = new int[n];
		n = 0;
		for (int i = 0; i < sessions; i++) {
			int len = truth.get(i).length - s.lags;
			System.arraycopy(truth.get(i), s.lags, all, n, len);
			System.arraycopy(r.decodings.get(i).labels, s.lags, fitted, n, len);
			// the ceiling: the generating model's own posterior labels
			System.arraycopy(Decoding.of(truthModel, "truth", data.get(i).firstPcs(d), Decoding.Mode.POSTERIOR).labels, s.lags,
					oracle, n, len);
			n += len;
		}
		System.out.printf("%nEnd to end (Fit HMM defaults, %d simulated AR session(s) of T = %d, K = %d, D = %d): %.1f s wall,"
				+ " %.1f s CPU, load %.1f -> %.1f; %d EM iterations, %d split/merge moves, restarts' train LL/frame %s,"
				+ " ARI vs truth %.4f (the generating model's own labels: %.4f); heap peak %.0f MB (with garbage; HmmMemory.fit"
				+ " %.0f MB, of which E-step %.0f MB)%n", sessions, frames, k, d, wall, cpu, load0, os.getSystemLoadAverage(),
				r.trainHistory.size(), r.splitMergeMoves, r.restartScores, adjustedRand(all, fitted, 0), adjustedRand(all, oracle, 0),
				peak / 1e6, org.latentj.hmm.HmmMemory.fit(data, s.settings()) / 1e6, org.latentj.hmm.HmmMemory.fit(data, k) / 1e6);
	}

	/**
	 * Single-start recovery (issue 15's check that speed costs no recovery): each shared MoSeq session alone,
	 * K = 6, restarts = 1, seeds 0 .. seeds - 1, every other key at its default; ARI against labels_clean.
	 */
	static void recovery(int seeds) {
		System.out.println("\nSingle-start recovery, shared MoSeq sessions, K = 6, restarts = 1 (ARI vs labels_clean, train LL/frame):");
		for (String name : org.latentj.testing.MoSeqSessions.NAMES)
			for (int seed = 0; seed < seeds; seed++) {
				FitHmmCommand s = new FitHmmCommand();
				s.states = 6;
				s.restarts = 1;
				s.seed = seed;
				long t0 = System.nanoTime();
				FitResult r = HmmFitter.fit(List.of(org.latentj.testing.MoSeqSessions.session(name)), s.settings(), Progress.NONE);
				double ari = org.latentj.hmm.Metrics.adjustedRandIndex(r.decodings.get(0).labels,
						org.latentj.testing.MoSeqSessions.labels(name));
				System.out.printf("  %s seed %d: ARI %.4f, train LL/frame %.4f, %d moves, %.1f s wall%n", name, seed, ari,
						r.finalTrainLogLik(), r.splitMergeMoves, (System.nanoTime() - t0) * 1e-9);
			}
	}

	/** Forward + backward + expected transitions, T = 36,000, K = 50, on the STATS320 ARHMM lab's random log-likelihoods. */
	static void eStep() {
		int t = 36000, k = 50;
		Random r = new Random(0);
		double[] ll = new double[t * k];
		for (int i = 0; i < ll.length; i++) ll[i] = r.nextGaussian();
		double[] pi = new double[k];
		Arrays.fill(pi, 1.0 / k);
		TransitionMatrix sticky = TransitionMatrix.sticky(k, 0.95);
		TransitionMatrix dense = TransitionMatrix.dense(k, sticky.toArray());
		ForwardBackward.Workspace ws = new ForwardBackward.Workspace();
		System.out.println("\nE-step (forward + backward + expected transition counts), T = 36,000, K = 50:");
		for (TransitionMatrix p : new TransitionMatrix[] { dense, sticky }) {
			double[] s = Machine.medianAndBestSeconds(5, 21, () -> ForwardBackward.run(pi, p, ll, t, true, false, ws, false));
			double madds = p.isSticky() ? (double) t * k * k : 3.0 * t * k * k;
			System.out.printf("  %-37s %.4f s (best %.4f)   target <= 0.05 s   (%.0f M multiply-adds in K x K products,"
					+ " %.1f G/s at best; %.1f M exp)%n", p.isSticky() ? "sticky matrix, O(K) products:"
							: "dense matrix (general path):", s[0], s[1], madds * 1e-6, madds / s[1] * 1e-9, t * k * 1e-6);
		}
		double[] s = Machine.medianAndBestSeconds(5, 21, () -> ForwardBackward.run(pi, sticky, ll, t, false, false, ws, false));
		System.out.printf("  %-37s %.4f s (best %.4f)   (what fixed-transition EM needs)%n", "sticky, no transition counts:",
				s[0], s[1]);
		double[] f = Machine.medianAndBestSeconds(5, 21, () -> ForwardBackward.logLikelihood(pi, dense, ll, t, ws));
		double fm = (double) t * k * k;
		System.out.printf("  %-37s %.4f s (best %.4f)   (scaled likelihoods, then the forward pass alone: %.0f M multiply-adds,"
				+ " %.1f G/s at best; the held-out log-likelihood)%n", "forward only, dense matrix:", f[0], f[1], fm * 1e-6,
				fm / f[1] * 1e-9);
	}

	/** Observation kernels alone, with their arithmetic. */
	static void kernels() {
		int k = 50, d = 10;
		Random r = new Random(1);
		System.out.println("\nObservation kernels, K = 50, D = 10 (best of 11):");
		for (int lags : new int[] { 0, 2 }) {
			int t = lags == 0 ? 36000 : 28800;
			double[] x = new double[t * d];
			for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
			Observations obs = lags == 0 ? LinearGaussianObservations.gaussian(k, d)
					: LinearGaussianObservations.autoregressive(k, d, lags);
			double[] out = new double[t * k];
			double s1 = Machine.medianAndBestSeconds(3, 11, () -> obs.logLikelihoods(x, lags, t, out))[1];
			double[] w = new double[t * k];
			for (int i = 0; i < w.length; i++) w[i] = r.nextDouble() * 2.0 / k;
			double[] stats = new double[k * obs.statsSize()];
			double s2 = Machine.medianAndBestSeconds(3, 11, () -> obs.accumulateStats(x, lags, t, w, stats))[1];
			double s3 = Machine.medianAndBestSeconds(2, 7, () -> obs.maximize(stats))[1];
			int n = (lags + 1) * d + 1;
			double m1 = (double) t * k * d * (n - 1), m2 = (double) t * k * obs.statsSize();
			System.out.printf("  %-9s T=%d: log-likelihoods %.4f s (%.0f M madds, %.1f G/s), statistics %.4f s (%.0f M madds,"
					+ " %.1f G/s), M-step %.4f s%n", obs.type(), t, s1, m1 * 1e-6, m1 / s1 * 1e-9, s2, m2 * 1e-6, m2 / s2 * 1e-9,
					s3);
		}
	}

	/** One EM iteration of a full-covariance Gaussian HMM: (time of 11 iterations - time of 1) / 10. */
	static void gaussianIteration() {
		int k = 50, d = 10, t = 36000;
		List<SessionData> data = List.of(sample(0, k, d, t, 2));
		System.out.println("\nGaussian HMM EM iteration, full covariance, K = 50, D = 10, T = 36,000:");
		for (String transitions : new String[] { "learned", "fixed" }) {
			FitHmmCommand s = new FitHmmCommand();
			s.observations = "gaussian";
			s.states = k;
			s.pcs = d;
			s.transitions = transitions;
			s.restarts = 1;
			s.split_merge = false;
			s.tolerance = 0;
			s.train_fraction = 1;
			s.init = "random";
			double[] a = Machine.medianAndBestSeconds(1, 5, () -> time(data, s, 1)),
					b = Machine.medianAndBestSeconds(1, 5, () -> time(data, s, 11));
			System.out.printf("  %-8s transitions: %.3f s per iteration (best %.3f)   target <= 0.3 s%n", transitions,
					(b[0] - a[0]) / 10, (b[1] - a[1]) / 10);
		}
	}

	/** The STATS320 ARHMM lab's AR-HMM: K = 50, D = 10, 2 lags + intercept, 28,800 training frames, fixed sticky 0.95, 50 iterations. */
	static void labArhmm() {
		int k = 50, d = 10;
		List<SessionData> data = List.of(sample(2, k, d, 36000, 3)); // 80 % train = 28,800 frames, 20 % test
		FitHmmCommand s = new FitHmmCommand();
		s.observations = "ar";
		s.states = k;
		s.pcs = d;
		s.lags = 2;
		s.transitions = "fixed";
		s.stickiness = 0.95;
		s.restarts = 1;
		s.split_merge = false;
		s.tolerance = 0;
		s.iterations = 50;
		s.init = "random";
		s.train_fraction = 0.8;
		System.out.println("\nAR-HMM, the STATS320 ARHMM lab's configuration (K = 50, D = 10, 2 lags + intercept, T = 28,800 train + 7,200"
				+ " test, fixed sticky 0.95, 50 iterations, test log-likelihood every iteration):");
		time(data, s, 50); // warm-up
		double[] sec = Machine.medianAndBestSeconds(0, 3, () -> time(data, s, 50));
		System.out.printf("  whole fit: %.2f s (best %.2f)   target <= 15 s   (the STATS320 ARHMM lab: about 10 minutes)%n", sec[0], sec[1]);
	}

	private static double time(List<SessionData> data, FitHmmCommand s, int iterations) {
		s.iterations = iterations;
		long t0 = System.nanoTime();
		FitResult r = HmmFitter.fit(data, s.settings(), Progress.NONE);
		if (r.trainHistory.size() != iterations) throw new IllegalStateException("stopped early");
		return (System.nanoTime() - t0) * 1e-9;
	}

	/** A session drawn from a random sticky HMM with K states (AR when lags > 0). */
	static SessionData sample(int lags, int k, int d, int t, long seed) {
		return new SessionData("bench", model(lags, k, d, seed).sample(t, seed, null).data, d, null);
	}

	/** The adjusted Rand index of the frames [lags, T) (frames both label; the tests' Metrics). */
	static double adjustedRand(int[] truth, int[] fitted, int lags) {
		int off = truth.length - fitted.length + lags, end = truth.length;
		return org.latentj.hmm.Metrics.adjustedRandIndex(java.util.Arrays.copyOfRange(truth, off, end),
				java.util.Arrays.copyOfRange(fitted, off, end));
	}

	/** Noise covariance scale giving a posterior like the (mostly exact zeros, a subnormal tail). */
	static final double POSTERIOR_NOISE = 0.03;

	static Hmm model(int lags, int k, int d, long seed) {
		return model(lags, k, d, seed, 1);
	}

	static Hmm model(int lags, int k, int d, long seed, double noise) {
		Random r = new Random(seed);
		LinearGaussianObservations obs = lags == 0 ? LinearGaussianObservations.gaussian(k, d)
				: LinearGaussianObservations.autoregressive(k, d, lags);
		int c = obs.covariates();
		for (int s = 0; s < k; s++) {
			double[] w = new double[d * c];
			for (int i = 0; i < d; i++) {
				if (lags > 0) w[i * c + i] = 0.8 * r.nextDouble();
				w[i * c + c - 1] = r.nextGaussian();
			}
			double[] q = new double[d * d];
			for (int i = 0; i < d; i++) q[i * d + i] = noise * (0.1 + r.nextDouble());
			obs.set(s, w, q);
		}
		return new Hmm(InitialDistribution.uniform(k), Transitions.fixedSticky(k, 0.95), obs);
	}
}
