package org.latentj.diffusion;

import java.util.Arrays;

/**
 * A set of one-dimensional trajectories of equal length T, each labeled with the physical
 * parameters it was made with (alpha, D). Values are row-major: trajectory i, step t (0-based) is
 * {@code values[i * length + t]}.
 * <p>
 * The two layouts mean: displacements dx_1..dx_T, or positions x_1..x_T; a trajectory always
 * starts at x_0 = 0 at time 0 (not stored), so x_t = dx_1 + ... + dx_t and both layouts hold the
 * same T + 1 points.
 */
public final class Trajectories {

	/** What the T values of a row are. */
	public enum Kind {
		DISPLACEMENTS("displacements"), POSITIONS("positions");

		/** The word used in commands and messages. */
		public final String word;

		Kind(String word) {
			this.word = word;
		}

		/** "displacements" or "positions" (case-insensitive), else null. */
		public static Kind fromWord(String word) {
			for (Kind k : values())
				if (k.word.equalsIgnoreCase(word.trim())) return k;
			return null;
		}
	}

	/** A mean lag-1 autocorrelation below this reads as displacements (see {@link #guessKind}). */
	public static final double DISPLACEMENTS_BELOW = 0.3;
	/** A mean lag-1 autocorrelation above this reads as positions (see {@link #guessKind}). */
	public static final double POSITIONS_ABOVE = 0.9;

	/**
	 * Tells positions from displacements by their values, for files whose columns do not say (SPIVAE's
	 * layout names them x1..xT either way): consecutive positions of a trajectory are strongly
	 * correlated (each is the previous plus a small step), consecutive displacements of a diffusion
	 * are not. Decides on {@link #lagOneAutocorrelation}: below {@value #DISPLACEMENTS_BELOW}
	 * displacements, above {@value #POSITIONS_ABOVE} positions, and in between null: the values
	 * cannot tell, and the caller must ask the user.
	 * <p>
	 * Why this band (measured on SBM, alpha 0.2..1.8, 2,000 rows): displacements score within 0.02
	 * of 0 at any T (files of 10 rows and T <= 8 reach 0.4, so they may be refused, never misread);
	 * positions score 0.99 at T = 400, above 0.9 from T ~ 32 on, but only 0.45-0.78 at T = 3 and
	 * 0.72-0.89 at T = 10, so short positions must be declared. Correlated displacements score
	 * inside the band too: fractional Gaussian noise has lag-1 autocorrelation 2^(alpha-1) - 1,
	 * 0.74 at alpha = 1.8, which a single threshold of 0.5 would read as positions.
	 */
	public static Kind guessKind(double[] values, int count, int length) {
		return kindOf(lagOneAutocorrelation(values, count, length));
	}

	/** The decision of {@link #guessKind} for a given mean lag-1 autocorrelation (null: cannot tell). */
	public static Kind kindOf(double lagOneAutocorrelation) {
		if (lagOneAutocorrelation < DISPLACEMENTS_BELOW) return Kind.DISPLACEMENTS;
		if (lagOneAutocorrelation > POSITIONS_ABOVE) return Kind.POSITIONS;
		return null;
	}

	/**
	 * The mean over rows of sum v_t v_{t+1} / sqrt(sum v_t^2 sum v_{t+1}^2) (the lag-1
	 * autocorrelation about the origin, where trajectories start), over up to 2,000 rows spread
	 * through the set; rows without a defined value are skipped, and 0 when none has one.
	 */
	public static double lagOneAutocorrelation(double[] values, int count, int length) {
		return meanOfSample(count, r -> rowLagOneAutocorrelation(values, r * length, length));
	}

	/** One row's term of {@link #lagOneAutocorrelation}: the row of {@code length} values at {@code offset}; NaN where undefined. */
	static double rowLagOneAutocorrelation(double[] values, int offset, int length) {
		double xy = 0, xx = 0, yy = 0;
		for (int t = 0; t + 1 < length; t++) {
			double a = values[offset + t], b = values[offset + t + 1];
			xy += a * b;
			xx += a * a;
			yy += b * b;
		}
		return xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : Double.NaN;
	}

	/**
	 * The averaging of {@link #lagOneAutocorrelation}: the mean of the row terms over up to 2,000 of
	 * {@code count} rows spread through the set, NaN terms skipped, 0 when none is defined.
	 */
	static double meanOfSample(int count, java.util.function.IntToDoubleFunction rowTerm) {
		int rows = Math.min(count, 2000);
		double sum = 0;
		int used = 0;
		for (int i = 0; i < rows; i++) {
			double v = rowTerm.applyAsDouble((int) ((long) i * count / rows));
			if (!Double.isNaN(v)) {
				sum += v;
				used++;
			}
		}
		return used > 0 ? sum / used : 0;
	}

	/** The message when {@link #guessKind} cannot tell: "cannot tell displacements from positions (...); set 'what'." */
	public static String cannotTell(double lagOneAutocorrelation) {
		return String.format(java.util.Locale.ROOT, "cannot tell displacements from positions (lag-1 autocorrelation %.2f); set 'what'.",
				lagOneAutocorrelation);
	}

	private final Kind kind;
	private final int count;
	private final int length;
	private final double[] alpha;
	private final double[] d;
	private final double[] values;

	/** Wraps the arrays (no copy): alpha and d have one entry per trajectory, values count * length. */
	public Trajectories(Kind kind, int length, double[] alpha, double[] d, double[] values) {
		if (alpha.length != d.length) throw new IllegalArgumentException("alpha and D lengths differ");
		if ((long) alpha.length * length != values.length)
			throw new IllegalArgumentException("values has " + values.length + " entries, expected " + alpha.length + " x " + length);
		this.kind = kind;
		this.count = alpha.length;
		this.length = length;
		this.alpha = alpha;
		this.d = d;
		this.values = values;
	}

	public Kind kind() {
		return kind;
	}

	/** Number of trajectories. */
	public int count() {
		return count;
	}

	/** T, the number of steps (values per trajectory). */
	public int length() {
		return length;
	}

	public double alpha(int i) {
		return alpha[i];
	}

	public double d(int i) {
		return d[i];
	}

	/** The per-trajectory alpha labels (shared, do not modify). */
	public double[] alphas() {
		return alpha;
	}

	/** The per-trajectory D labels (shared, do not modify). */
	public double[] ds() {
		return d;
	}

	/** Row-major values (shared, do not modify). */
	public double[] values() {
		return values;
	}

	public double value(int i, int t) {
		return values[i * length + t];
	}

	/** The same trajectories as displacements (this object when already so). */
	public Trajectories displacements() {
		if (kind == Kind.DISPLACEMENTS) return this;
		double[] out = new double[values.length];
		for (int i = 0; i < count; i++) {
			int o = i * length;
			double prev = 0;
			for (int t = 0; t < length; t++) {
				double x = values[o + t];
				out[o + t] = x - prev;
				prev = x;
			}
		}
		return new Trajectories(Kind.DISPLACEMENTS, length, alpha, d, out);
	}

	/** The same trajectories as positions (cumulative sums from x_0 = 0; this object when already so). */
	public Trajectories positions() {
		if (kind == Kind.POSITIONS) return this;
		double[] out = new double[values.length];
		cumulativeSums(values, count, length, out);
		return new Trajectories(Kind.POSITIONS, length, alpha, d, out);
	}

	/**
	 * Displacements to positions: the running sum of each of the {@code count} rows of {@code values}
	 * into {@code out} (which may be {@code values} itself, converted in place).
	 */
	static void cumulativeSums(double[] values, int count, int length, double[] out) {
		for (int i = 0; i < count; i++) {
			int o = i * length;
			double x = 0;
			for (int t = 0; t < length; t++) {
				x += values[o + t];
				out[o + t] = x;
			}
		}
	}

	/** The trajectories at the given row indices, in that order (copies). */
	public Trajectories rows(int[] rows) {
		double[] a = new double[rows.length], dd = new double[rows.length], v = new double[rows.length * length];
		for (int r = 0; r < rows.length; r++) {
			a[r] = alpha[rows[r]];
			dd[r] = d[rows[r]];
			System.arraycopy(values, rows[r] * length, v, r * length, length);
		}
		return new Trajectories(kind, length, a, dd, v);
	}

	@Override
	public String toString() {
		return count + " trajectories of " + length + " " + kind.word + " (alpha " + range(alpha) + ", D " + range(d) + ")";
	}

	private static String range(double[] v) {
		if (v.length == 0) return "-";
		double[] s = v.clone();
		Arrays.sort(s);
		return s[0] == s[s.length - 1] ? String.valueOf(s[0]) : s[0] + ".." + s[s.length - 1];
	}
}
