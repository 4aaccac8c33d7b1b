package org.latentj.io;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Nanoseconds per number of the exact parser and formatter against the JDK's, on full-precision
 * numbers like those of a trajectory CSV (in this package because both are package-private).
 */
public final class DecimalTimings {

	private DecimalTimings() {
	}

	/** Values like SBM displacements: Gaussian, spread over six decades, printed with 16-17 digits. */
	private static double[] values(int n) {
		SplittableRandom r = new SplittableRandom(42);
		double[] v = new double[n];
		for (int i = 0; i < n; i++) v[i] = r.nextGaussian() * Math.pow(10, -r.nextInt(6));
		return v;
	}

	/**
	 * {DecimalParser ns, Double.parseDouble ns, DecimalFormatter ns, Double.toString ns} per number,
	 * each the best of {@code reps} passes over n numbers after as many warm-up passes.
	 */
	public static double[] nanosPerNumber(int n, int reps) {
		double[] v = values(n);
		byte[][] text = new byte[n][];
		String[] strings = new String[n];
		for (int i = 0; i < n; i++) {
			strings[i] = Double.toString(v[i]);
			DecimalFormatter.Bytes b = new DecimalFormatter.Bytes(32);
			DecimalFormatter.append(b, v[i]);
			text[i] = java.util.Arrays.copyOf(b.data, b.size);
		}
		double[] sink = new double[1];
		double ours = best(reps, n, () -> {
			double s = 0;
			for (byte[] t : text) s += DecimalParser.parse(t, 0, t.length);
			sink[0] += s;
		});
		String[] ourText = new String[n];
		for (int i = 0; i < n; i++) ourText[i] = new String(text[i], StandardCharsets.US_ASCII);
		double jdk = best(reps, n, () -> {
			double s = 0;
			for (String t : ourText) s += Double.parseDouble(t);
			sink[0] += s;
		});
		DecimalFormatter.Bytes out = new DecimalFormatter.Bytes(32 * n);
		double format = best(reps, n, () -> {
			out.size = 0;
			for (double x : v) DecimalFormatter.append(out, x);
		});
		double toString = best(reps, n, () -> {
			long len = 0;
			for (double x : v) len += Double.toString(x).length();
			sink[0] += len;
		});
		if (sink[0] == 42) System.out.print(""); // keep the results alive
		return new double[] { ours, jdk, format, toString };
	}

	private static double best(int reps, int n, Runnable pass) {
		for (int i = 0; i < reps; i++) pass.run();
		double best = Double.MAX_VALUE;
		for (int i = 0; i < reps; i++) {
			long t0 = System.nanoTime();
			pass.run();
			best = Math.min(best, (System.nanoTime() - t0) / (double) n);
		}
		return best;
	}
}
