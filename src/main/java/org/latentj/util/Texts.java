package org.latentj.util;

import java.util.Locale;

/** Small text helpers for one-sentence messages. */
public final class Texts {

	private Texts() {
	}

	/**
	 * At most {@code max} characters of {@code s}: a field of ten million digits in a CSV must not be
	 * echoed whole into a message.
	 */
	public static String cut(String s, int max) {
		if (s == null || s.length() <= max) return s;
		return s.substring(0, max) + "… (" + s.length() + " characters)";
	}

	/** {@code message} with every run of non-blank characters longer than {@code max} {@link #cut}. */
	public static String cutLongWords(String message, int max) {
		if (message == null || message.length() <= max) return message;
		StringBuilder out = new StringBuilder(Math.min(message.length(), 4 * max));
		int i = 0, n = message.length();
		while (i < n) {
			int j = i;
			boolean blank = Character.isWhitespace(message.charAt(i));
			while (j < n && Character.isWhitespace(message.charAt(j)) == blank) j++;
			out.append(blank ? message.substring(i, j) : cut(message.substring(i, j), max));
			i = j;
		}
		return out.toString();
	}

	/**
	 * A log-likelihood or ELBO per frame for a status line: 4 decimals (-4.7929), or 4 significant digits once its
	 * magnitude reaches 1e6 (2.711e+270: a model with a noise variance of 1e-300 must not print 270 digits); NaN stays NaN.
	 */
	public static String score(double v) {
		return String.format(java.util.Locale.ROOT, Math.abs(v) >= 1e6 && Double.isFinite(v) ? "%.4g" : "%.4f", v);
	}

	/** A byte count as people read it: 14.7 GB, 512 MB, 3 kB (powers of 1000, as file managers show). */
	public static String bytes(long n) {
		if (n < 1000) return n + " bytes";
		String[] units = { "kB", "MB", "GB", "TB", "PB", "EB" };
		double v = n;
		int u = -1;
		while (v >= 1000 && u < units.length - 1) {
			v /= 1000;
			u++;
		}
		return String.format(Locale.ROOT, v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
	}
}
