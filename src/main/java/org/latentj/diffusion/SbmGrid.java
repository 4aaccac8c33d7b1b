package org.latentj.diffusion;

/**
 * The (alpha, D) grid SBM trajectories are simulated on: alpha on a linear grid (as numpy's
 * linspace), D on a geometric grid (as numpy's geomspace), both including their end points. Cells
 * are numbered alpha-major: cell = i * dSteps + j for alpha_i and D_j, the order SPIVAE writes its data.
 */
public final class SbmGrid {

	/** SPIVAE's training grid: 21 alphas in [0.2, 1.8], 10 D in [1e-5, 1e-2]. */
	public static final SbmGrid SPIVAE = of(0.2, 1.8, 21, 1e-5, 1e-2, 10);

	private final double[] alphas;
	private final double[] ds;

	private SbmGrid(double[] alphas, double[] ds) {
		this.alphas = alphas;
		this.ds = ds;
	}

	/**
	 * A grid; with steps = 1 the grid is the single value min. Ranges are checked by the caller. The
	 * values are {@link #shortest} of numpy's: the labels a user reads (and the D the steps are
	 * scaled by) are 0.6 and 0.001, not 0.6000000000000001 and 0.0010000000000000002.
	 */
	public static SbmGrid of(double alphaMin, double alphaMax, int alphaSteps, double dMin, double dMax, int dSteps) {
		return new SbmGrid(shortest(linspace(alphaMin, alphaMax, alphaSteps)), shortest(geomspace(dMin, dMax, dSteps)));
	}

	/** Within this many ulps of a computed grid value, a shorter decimal is taken as the value meant. */
	static final int ROUNDING_ULPS = 8;

	/**
	 * Each value replaced by the double with the fewest significant decimal digits within
	 * {@link #ROUNDING_ULPS} ulps of it: the rounding noise of a + i * step or exp(...) goes, every
	 * value moves by less than 2e-15 of itself.
	 */
	static double[] shortest(double[] values) {
		double[] out = new double[values.length];
		for (int i = 0; i < values.length; i++) out[i] = shortest(values[i]);
		return out;
	}

	static double shortest(double v) {
		if (v == 0 || !Double.isFinite(v)) return v;
		java.math.BigDecimal exact = new java.math.BigDecimal(v);
		for (int digits = 1; digits < 17; digits++) {
			double r = exact.round(new java.math.MathContext(digits)).doubleValue();
			if (Math.abs(r - v) <= ROUNDING_ULPS * Math.ulp(v)) return r;
		}
		return v;
	}

	/** Like numpy.linspace: n values from a to b, end points exact. */
	public static double[] linspace(double a, double b, int n) {
		double[] v = new double[n];
		if (n == 1) {
			v[0] = a;
			return v;
		}
		double step = (b - a) / (n - 1);
		for (int i = 0; i < n; i++) v[i] = a + i * step;
		v[n - 1] = b;
		return v;
	}

	/** Like numpy.geomspace: n values from a to b (both > 0) equally spaced in log, end points exact. */
	public static double[] geomspace(double a, double b, int n) {
		double[] v = new double[n];
		if (n == 1) {
			v[0] = a;
			return v;
		}
		double la = Math.log(a), step = (Math.log(b) - la) / (n - 1);
		for (int i = 0; i < n; i++) v[i] = Math.exp(la + i * step);
		v[0] = a;
		v[n - 1] = b;
		return v;
	}

	public double[] alphas() {
		return alphas.clone();
	}

	public double[] ds() {
		return ds.clone();
	}

	public int cells() {
		return alphas.length * ds.length;
	}

	public double alphaOfCell(int cell) {
		return alphas[cell / ds.length];
	}

	public double dOfCell(int cell) {
		return ds[cell % ds.length];
	}
}
