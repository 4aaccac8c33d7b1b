package org.latentj.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.latentj.util.Parallel;

/**
 * The E-step over many stretches of frames at once: each group of consecutive stretches (a session's
 * training or test frames; or split/merge's short runs, about {@link #GROUP_FRAMES} frames of them)
 * runs in its own task, and their statistics are summed in stretch order, so the result is the same
 * whatever the number of cores.
 */
final class EStep {

	/** Summed expectations of one E-step. */
	static final class Expectations {
		double logLik;
		/** K x statsSize observation statistics. */
		double[] observations;
		/** K x K expected transitions (only when the transitions are learned). */
		double[] transitions;
		/** Expected first states, K. */
		double[] initial;

		Expectations scaled(double factor) {
			Expectations e = new Expectations();
			e.logLik = logLik;
			e.observations = scale(observations, factor);
			e.transitions = scale(transitions, factor);
			e.initial = scale(initial, factor);
			return e;
		}

		/** this = (1 - rho) this + rho other, statistic by statistic. */
		void blend(Expectations other, double rho) {
			mix(observations, other.observations, rho);
			mix(transitions, other.transitions, rho);
			mix(initial, other.initial, rho);
		}

		private static double[] scale(double[] a, double f) {
			if (a == null) return null;
			double[] b = new double[a.length];
			for (int i = 0; i < a.length; i++) b[i] = a[i] * f;
			return b;
		}

		private static void mix(double[] a, double[] b, double rho) {
			if (a == null) return;
			for (int i = 0; i < a.length; i++) a[i] = (1 - rho) * a[i] + rho * b[i];
		}
	}

	/**
	 * Reusable per-task arrays (frame log-likelihoods and the forward-backward workspace, 4 doubles per
	 * frame and state); a pool rather than thread-locals because a joining worker may run another task.
	 * Every array is written before it is read (ForwardBackward fills like, alpha, beta, shift and the
	 * norms over the frames it uses), so results do not depend on which buffer a task gets.
	 */
	private static final class Scratch {
		final ForwardBackward.Workspace fb = new ForwardBackward.Workspace();
		double[] ll = new double[0];
	}

	/**
	 * Free buffers. {@link #take} hands out the smallest one big enough, else grows the largest: split
	 * moves, partial EM and k-means leave up to a thread's worth of small buffers here, and a first-in
	 * first-out pool let every later full E-step grow the next small one, so after that many EM
	 * iterations each held T x K. Best fit keeps as many full-size buffers as full
	 * E-steps ran at once, which is what {@link HmmMemory#fit} counts.
	 */
	private final List<Scratch> pool = new ArrayList<>();

	/**
	 * Stretches are worked on in groups of consecutive stretches of about this many frames, one task
	 * per group; a longer stretch is a group of its own. Split/merge's E-steps run over hundreds of runs
	 * of a few dozen frames: a task (and a thread woken) for each cost more than the arithmetic. Groups
	 * follow from the stretches' lengths alone, so results do not depend on the number of cores.
	 */
	static final int GROUP_FRAMES = 4096;

	/** The first stretch of each group, then the number of stretches. */
	static int[] groups(List<FitData.Stretch> stretches) {
		int[] starts = new int[stretches.size() + 1];
		int n = 0, frames = 0;
		for (int i = 0; i < stretches.size(); i++) {
			int f = stretches.get(i).frames();
			if (i == 0 || frames + f > GROUP_FRAMES) {
				starts[n++] = i;
				frames = 0;
			}
			frames += f;
		}
		starts[n++] = stretches.size();
		return Arrays.copyOf(starts, n);
	}

	/** Posterior statistics of every stretch under the model (summed in stretch order within a group, then group by group). */
	Expectations expectations(Hmm hmm, List<FitData.Stretch> stretches) {
		int k = hmm.states();
		Observations obs = hmm.observations();
		int m = obs.statsSize();
		boolean counts = hmm.transitions().isLearned();
		int[] groups = groups(stretches);
		int g = groups.length - 1;
		double[][] o = new double[g][], c = new double[g][], in = new double[g][];
		double[] ll = new double[g];
		Parallel.forEach(g, gi -> {
			o[gi] = new double[k * m];
			c[gi] = counts ? new double[k * k] : null;
			in[gi] = new double[k];
			for (int i = groups[gi]; i < groups[gi + 1]; i++) {
				FitData.Stretch s = stretches.get(i);
				Scratch sc = take(s.frames() * k);
				try {
					obs.logLikelihoods(s.x, s.from, s.to, sc.ll);
					Posterior p = ForwardBackward.run(hmm.initial().raw(), hmm.transitions().matrix(), sc.ll, s.frames(),
							counts, false, sc.fb, false);
					ll[gi] += p.marginalLogLik;
					obs.accumulateStats(s.x, s.from, s.to, p.smoothed, o[gi]);
					if (counts) add(c[gi], p.transitionCounts);
					for (int j = 0; j < k; j++) in[gi][j] += p.smoothed[j];
				} finally {
					give(sc);
				}
			}
		});
		Expectations e = new Expectations();
		e.observations = new double[k * m];
		e.transitions = counts ? new double[k * k] : null;
		e.initial = new double[k];
		for (int i = 0; i < g; i++) {
			e.logLik += ll[i];
			add(e.observations, o[i]);
			if (counts) add(e.transitions, c[i]);
			add(e.initial, in[i]);
		}
		return e;
	}

	/** The most probable state of every scored frame of each stretch. */
	int[][] mostProbableStates(Hmm hmm, List<FitData.Stretch> stretches) {
		int k = hmm.states();
		int[][] out = new int[stretches.size()][];
		int[] groups = groups(stretches);
		Parallel.forEach(groups.length - 1, gi -> {
			for (int i = groups[gi]; i < groups[gi + 1]; i++) {
				FitData.Stretch s = stretches.get(i);
				Scratch sc = take(s.frames() * k);
				try {
					hmm.observations().logLikelihoods(s.x, s.from, s.to, sc.ll);
					Posterior p = ForwardBackward.run(hmm.initial().raw(), hmm.transitions().matrix(), sc.ll, s.frames(),
							false, false, sc.fb, false);
					out[i] = p.mostProbableStates();
				} finally {
					give(sc);
				}
			}
		});
		return out;
	}

	/** Summed marginal log-likelihood of the stretches (forward passes only). */
	double logLikelihood(Hmm hmm, List<FitData.Stretch> stretches) {
		int k = hmm.states();
		int[] groups = groups(stretches);
		double[] ll = new double[groups.length - 1];
		Parallel.forEach(ll.length, gi -> {
			for (int i = groups[gi]; i < groups[gi + 1]; i++) {
				FitData.Stretch s = stretches.get(i);
				Scratch sc = take(s.frames() * k);
				try {
					hmm.observations().logLikelihoods(s.x, s.from, s.to, sc.ll);
					ll[gi] += ForwardBackward.logLikelihood(hmm.initial().raw(), hmm.transitions().matrix(), sc.ll, s.frames(),
							sc.fb);
				} finally {
					give(sc);
				}
			}
		});
		double sum = 0;
		for (double v : ll) sum += v;
		return sum;
	}

	/** The smallest free buffer of at least {@code size} doubles, else the largest free one grown, else a new one. */
	private Scratch take(int size) {
		Scratch sc;
		synchronized (pool) {
			int best = -1, largest = -1;
			for (int i = 0; i < pool.size(); i++) {
				int n = pool.get(i).ll.length;
				if (n >= size && (best < 0 || n < pool.get(best).ll.length)) best = i;
				if (largest < 0 || n > pool.get(largest).ll.length) largest = i;
			}
			int i = best >= 0 ? best : largest;
			sc = i >= 0 ? pool.remove(i) : new Scratch();
		}
		if (sc.ll.length < size) sc.ll = new double[size];
		return sc;
	}

	private void give(Scratch sc) {
		synchronized (pool) {
			pool.add(sc);
		}
	}

	/** The frame-state capacity of each free buffer (for tests: a buffer holds 4 doubles per frame and state). */
	int[] pooledSizes() {
		synchronized (pool) {
			int[] out = new int[pool.size()];
			for (int i = 0; i < out.length; i++) out[i] = pool.get(i).ll.length;
			return out;
		}
	}

	/** Fills every free buffer with {@code v} (for tests: results must not depend on what a buffer held). */
	void fillPooled(double v) {
		synchronized (pool) {
			for (Scratch sc : pool) {
				ForwardBackward.Workspace w = sc.fb;
				for (double[] a : new double[][] { sc.ll, w.like, w.alpha, w.beta, w.shift, w.norm, w.smoothNorm }) Arrays.fill(a, v);
			}
		}
	}

	private static void add(double[] a, double[] b) {
		for (int i = 0; i < a.length; i++) a[i] += b[i];
	}
}
