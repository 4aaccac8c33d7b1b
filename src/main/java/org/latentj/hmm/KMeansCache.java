package org.latentj.hmm;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * k-means starts shared between fits on the same data: a scan fits every transition setting from the
 * same k-means clustering per K and restart, so it clusters once. A hit also leaves the generator
 * where clustering would have left it, so a fit from the cache is bit for bit the fit without it
 * (split/merge draws from the same generator afterwards).
 */
final class KMeansCache {

	private record Entry(int[] labels, long stateAfter) {
	}

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/** The clustering of {@link HmmFitter#kmeansLabels}; cached when the generator is a {@link SeedRandom}. */
	int[] labels(FitData data, int k, Random random) {
		if (!(random instanceof SeedRandom r)) return HmmFitter.kmeansLabels(data, k, random);
		String key = k + "/" + r.state();
		Entry e = entries.get(key);
		if (e == null) {
			int[] labels = HmmFitter.kmeansLabels(data, k, r);
			entries.put(key, e = new Entry(labels, r.state()));
		} else r.state(e.stateAfter());
		return e.labels();
	}

	/**
	 * java.util.Random's generator (its documented linear congruential formula, so the same numbers for
	 * the same seed) with a state that can be read and set.
	 */
	static final class SeedRandom extends Random {
		private static final long MULTIPLIER = 0x5DEECE66DL, ADDEND = 0xBL, MASK = (1L << 48) - 1;
		private long state;

		SeedRandom(long seed) {
			super(seed); // calls setSeed below
		}

		@Override
		public synchronized void setSeed(long seed) {
			super.setSeed(seed);
			state = (seed ^ MULTIPLIER) & MASK;
		}

		@Override
		protected synchronized int next(int bits) {
			state = (state * MULTIPLIER + ADDEND) & MASK;
			return (int) (state >>> (48 - bits));
		}

		synchronized long state() {
			return state;
		}

		synchronized void state(long s) {
			state = s;
		}
	}
}
