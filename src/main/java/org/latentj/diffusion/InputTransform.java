package org.latentj.diffusion;

import java.util.Arrays;

import org.latentj.util.BadInputException;

/**
 * The encoder's view of a trajectory: its log mean-square displacement in log-spaced time windows,
 * relative to the whole trajectory, plus its overall log mean square.
 * <p>
 * For displacements dx_1..dx_T with mean square m, and windows W_1..W_K of consecutive steps whose
 * edges are spaced evenly in log t (the first windows are single steps), the inputs are
 * <pre>
 *   u_k = ln(mean of dx_t^2 over W_k + 1e-12 m) - ln m      (k = 1..K, scale-free)
 *   u_{K+1} = ln m                                          (the scale: D spans four decades here)
 * </pre>
 * each standardized with the training set's mean and standard deviation. Multiplying a trajectory
 * by c changes only u_{K+1}. Why windows of squares: the decoder models independent Gaussian steps
 * with a variance smooth in log t, for which the squares carry all the information and their sums
 * over short log-time windows nearly all; the log of a window mean is then an almost efficient
 * estimate of the local log variance (a single step's ln dx^2 has only 40% efficiency), and the
 * first, linear layer can fit slopes in log t directly. It also makes the first layer (K + 1) x 200
 * instead of T x 200.
 */
public final class InputTransform {

	/** Number of log-spaced windows for long trajectories (fewer when T is small). */
	public static final int WINDOWS = 32;
	private static final double FLOOR = 1e-12;

	/** Window k covers steps (0-based) edges[k] .. edges[k+1]-1. */
	private final int[] edges;
	private final double[] mean;
	private final double[] scale;

	/** A transform with the given window edges (0 = e_0 < e_1 < ... = T) and standardization. */
	public InputTransform(int[] edges, double[] mean, double[] scale) {
		if (edges.length < 2 || edges[0] != 0) throw new IllegalArgumentException("window edges must start at 0");
		for (int k = 1; k < edges.length; k++)
			if (edges[k] <= edges[k - 1]) throw new IllegalArgumentException("window edges must increase");
		if (mean.length != edges.length || scale.length != edges.length)
			throw new IllegalArgumentException("need " + edges.length + " means and scales (windows + 1)");
		for (double s : scale)
			if (!(s > 0)) throw new IllegalArgumentException("scales must be > 0");
		this.edges = edges.clone();
		this.mean = mean.clone();
		this.scale = scale.clone();
	}

	/** Log-spaced window edges for T steps: round(T^(k/K)) made strictly increasing, at most K windows. */
	public static int[] windowEdges(int length, int windows) {
		int k = Math.min(windows, length);
		int[] e = new int[k + 1];
		for (int i = 1; i < k; i++) {
			int target = (int) Math.round(Math.pow(length, i / (double) k)); // time t where window i starts, minus 1
			e[i] = Math.max(e[i - 1] + 1, Math.min(target, length - (k - i)));
		}
		e[k] = length;
		return e;
	}

	/** The transform for trajectories like these: default windows, standardization fitted to them. */
	public static InputTransform fit(Trajectories displacements) {
		int length = displacements.length(), n = displacements.count();
		int[] e = windowEdges(length, WINDOWS);
		int size = e.length;
		double[] ones = new double[size], zeros = new double[size];
		Arrays.fill(ones, 1);
		InputTransform raw = new InputTransform(e, zeros, ones);
		double[] s = new double[size], ss = new double[size], u = new double[size];
		for (int i = 0; i < n; i++) {
			raw.apply(displacements.values(), i * length, u);
			for (int k = 0; k < size; k++) {
				s[k] += u[k];
				ss[k] += u[k] * u[k];
			}
		}
		double[] mean = new double[size], scale = new double[size];
		for (int k = 0; k < size; k++) {
			mean[k] = s[k] / n;
			scale[k] = Math.sqrt(Math.max(ss[k] / n - mean[k] * mean[k], 1e-8));
			// Math.max lets NaN through: values whose squares overflow (the reader refuses them; this
			// guards other callers) would otherwise end as an internal error in the constructor
			if (!Double.isFinite(mean[k]) || !Double.isFinite(scale[k]))
				throw new BadInputException("The encoder input " + (k + 1) + " of the trajectories has a non-finite "
						+ (Double.isFinite(mean[k]) ? "spread" : "mean") + "; their values are too large to square (keep them below 1e100 in magnitude).");
		}
		return new InputTransform(e, mean, scale);
	}

	/** Number of encoder inputs (windows + 1). */
	public int size() {
		return edges.length;
	}

	/** T, the number of steps it applies to. */
	public int length() {
		return edges[edges.length - 1];
	}

	public int[] edges() {
		return edges.clone();
	}

	public double[] mean() {
		return mean.clone();
	}

	public double[] scale() {
		return scale.clone();
	}

	/** Mean of the trajectory's mean squares' logs, the level of the decoder's log variance. */
	double meanLogMeanSquare() {
		return mean[mean.length - 1];
	}

	/** The inputs for dx[offset..offset+T) into u (length {@link #size()}). */
	public void apply(double[] dx, int offset, double[] u) {
		int windows = edges.length - 1;
		double total = 0;
		for (int k = 0; k < windows; k++) {
			double s = 0;
			for (int t = offset + edges[k]; t < offset + edges[k + 1]; t++) s += dx[t] * dx[t];
			u[k] = s;
			total += s;
		}
		double m = Math.max(total / length(), Double.MIN_NORMAL), logM = Math.log(m), floor = FLOOR * m;
		for (int k = 0; k < windows; k++) {
			double w = u[k] / (edges[k + 1] - edges[k]);
			u[k] = (Math.log(w + floor) - logM - mean[k]) / scale[k];
		}
		u[windows] = (logM - mean[windows]) / scale[windows];
	}
}
