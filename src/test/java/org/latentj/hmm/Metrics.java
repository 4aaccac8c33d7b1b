package org.latentj.hmm;

import java.util.HashMap;
import java.util.Map;

/** Comparing label sequences. */
public final class Metrics {
	private Metrics() {
	}

	/**
	 * Adjusted Rand index of two labelings (Hubert and Arabie 1985): 1 for identical partitions up to
	 * renaming, about 0 for independent ones. Positions where either label is negative (not scored)
	 * are left out. Labels are any integers; the contingency table is built from the pairs present.
	 */
	public static double adjustedRandIndex(int[] a, int[] b) {
		if (a.length != b.length) throw new IllegalArgumentException("labelings differ in length");
		Map<Long, long[]> cells = new HashMap<>();
		Map<Integer, long[]> rows = new HashMap<>(), cols = new HashMap<>();
		long n = 0;
		for (int i = 0; i < a.length; i++) {
			if (a[i] < 0 || b[i] < 0) continue;
			n++;
			cells.computeIfAbsent(((long) a[i] << 32) | (b[i] & 0xffffffffL), key -> new long[1])[0]++;
			rows.computeIfAbsent(a[i], key -> new long[1])[0]++;
			cols.computeIfAbsent(b[i], key -> new long[1])[0]++;
		}
		if (n < 2) return 1;
		double index = 0, sumRows = 0, sumCols = 0;
		for (long[] c : cells.values()) index += pairs(c[0]);
		for (long[] c : rows.values()) sumRows += pairs(c[0]);
		for (long[] c : cols.values()) sumCols += pairs(c[0]);
		double expected = sumRows * sumCols / pairs(n);
		double max = 0.5 * (sumRows + sumCols);
		if (max == expected) return 1; // both labelings are one cluster each, or all singletons
		return (index - expected) / (max - expected);
	}

	private static double pairs(long m) {
		return m * (m - 1) / 2.0;
	}
}
