package org.latentj.util;

import java.util.Arrays;

/** The median of a sample: the middle value, or the mean of the two middle values of an even count. */
public final class Median {

	private Median() {
	}

	/** The median of {@code values} in any order (not changed); NaN when there are none. */
	public static double of(double[] values) {
		int n = values.length;
		if (n == 0) return Double.NaN;
		double[] s = values.clone();
		Arrays.sort(s);
		return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
	}

	/** The median of {@code values} in any order (not changed); NaN when there are none. */
	public static double of(int[] values) {
		return of(Arrays.stream(values).asDoubleStream().toArray());
	}
}
