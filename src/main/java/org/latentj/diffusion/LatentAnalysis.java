package org.latentj.diffusion;

import java.util.List;

/**
 * Which latent neurons carry which physical parameter, as SPIVAE's analysis does it.
 * <p>
 * <b>Neuron statistics</b> (after Lu et al., Phys. Rev. X 10, 031056): Var(mu) over the data set
 * (population variance) and the mean of log sigma^2. A neuron the KL term has switched off outputs
 * mu ~ 0 and sigma^2 ~ 1 for every input; an informative one spreads its means and is sure of each.
 * <b>Rule:</b> a neuron is informative when Var(mu) > exp(mean log sigma^2), i.e. the spread of its
 * means exceeds its typical posterior variance (signal above noise). For the linear-Gaussian
 * picture of a VAE this is "encoding the feature lowers the loss by more than half of what it costs
 * in KL", and on SBM models it separates the two informative neurons (ratio > 100) from the rest
 * (ratio well below 1).
 * <p>
 * <b>Expressions</b>: each neuron's mu is fitted linearly (least squares, mu = a + b f) against a
 * library of candidate functions f of the labels, with T the trajectory length; ranked by R^2.
 * SPIVAE finds its two neurons linear in log(alpha D T^(alpha-1)) (the aging diffusion coefficient
 * D_alpha(t) = alpha D t^(alpha-1) at t = T) and log(alpha D T^(1-alpha)). The library probes both
 * families, log(alpha D t^(alpha-1)) and its mirror log(alpha D t^(1-alpha)), at three times: T,
 * t* = exp(mean of ln t over t = 1..T) = (T!)^(1/T) ~ T/e, the log-time centroid of the
 * observations, and t* / e. A trajectory fixes its log variance best at t* (the level of a straight
 * line in ln t is best determined at the mean ln t), and LatentJ's models encode D_alpha(t*)
 * (R^2 ~0.998 against ~0.992 at T). The second neuron of an SBM model holds the coordinate that
 * complements D_alpha(t*) over the training grid; it is not one physical quantity, and its best
 * time in the mirror family varies between trainings (about t* / e to t*). Each neuron's best time
 * in either family (scanned over ln t in [0, ln T] in steps of at most 0.05) is reported apart from the
 * ranked library, so the ranking stays over fixed expressions. Also reported per neuron: the R^2 of the best plane mu = a + b alpha + c log D
 * (an upper bound for any candidate linear in alpha and log D), and the cell ceiling, the R^2 of
 * the mean mu of each (alpha, D) cell as predictor: how much of mu any function of the labels can
 * explain, the rest being the trajectory-to-trajectory noise of the estimate (1 when no two rows
 * share labels). Logs are natural logs.
 */
public final class LatentAnalysis {

	/** A candidate expression of (alpha, D) given the trajectory length. */
	public record Expression(String name, TFunction f) {
		public double value(double alpha, double d, Times times) {
			return f.apply(alpha, d, times);
		}
	}

	@FunctionalInterface
	public interface TFunction {
		double apply(double alpha, double d, Times times);
	}

	/** What the expressions need of the length T: ln T and ln t* (T - 1 logs), computed once per analysis. */
	public record Times(int length, double logT, double logCentroid) {
		public static Times of(int length) {
			return new Times(length, Math.log(length), LatentAnalysis.logCentroid(length));
		}
	}

	/** The library, in table order. */
	public static final List<Expression> EXPRESSIONS = List.of(
			new Expression("alpha", (a, d, t) -> a),
			new Expression("log D", (a, d, t) -> Math.log(d)),
			new Expression("log(alpha D)", (a, d, t) -> Math.log(a * d)),
			new Expression("log(alpha D T^(alpha-1))", (a, d, t) -> Math.log(a * d) + (a - 1) * t.logT()),
			new Expression("log(alpha D T^(1-alpha))", (a, d, t) -> Math.log(a * d) + (1 - a) * t.logT()),
			new Expression("log(alpha D t*^(alpha-1))", (a, d, t) -> Math.log(a * d) + (a - 1) * t.logCentroid()),
			new Expression("log(alpha D t*^(1-alpha))", (a, d, t) -> Math.log(a * d) + (1 - a) * t.logCentroid()),
			new Expression("log(alpha D (t*/e)^(alpha-1))", (a, d, t) -> Math.log(a * d) + (a - 1) * (t.logCentroid() - 1)),
			new Expression("log(alpha D (t*/e)^(1-alpha))", (a, d, t) -> Math.log(a * d) + (1 - a) * (t.logCentroid() - 1)),
			new Expression("alpha log T", (a, d, t) -> a * t.logT()),
			new Expression("log alpha", (a, d, t) -> Math.log(a)),
			new Expression("log(D T^alpha)", (a, d, t) -> Math.log(d) + a * t.logT()));

	/** ln t* = mean of ln t over t = 1..T = ln(T!) / T (see the class comment). */
	public static double logCentroid(int length) {
		double s = 0;
		for (int t = 2; t <= length; t++) s += Math.log(t);
		return s / length;
	}

	/** A straight-line fit mu = intercept + slope * f. */
	public record LineFit(double intercept, double slope, double r2) {
	}

	/** Everything measured. */
	public static final class Result {
		public final int latents;
		public final int length;
		/** ln T and ln t* of {@link #length}. */
		public final Times times;
		public final double[] varMu;
		public final double[] meanLogVar;
		public final boolean[] informative;
		/** fits[e][j]: expression e against neuron j. */
		public final LineFit[][] fits;
		/** R^2 of mu_j = a + b alpha + c log D, and its coefficients (a, b, c). */
		public final double[] planeR2;
		public final double[][] planeCoefficients;
		/** R^2 of the cell means of mu as predictor of mu (see the class comment). */
		public final double[] cellCeiling;
		/** Per neuron, the best time t and its R^2 in log(alpha D t^(alpha-1)) ([j][0], [j][1]) and in the mirror ([j][2], [j][3]). */
		public final double[][] bestTimes;
		/**
		 * Per neuron, the mean KL divergence of its posterior N(mu, sigma^2) from the prior N(0, 1),
		 * 0.5 (mu^2 + sigma^2 - 1 - log sigma^2) averaged over the rows, in nats: what the neuron costs
		 * the loss, the evidence behind the informative rule (a switched-off neuron costs ~0).
		 */
		public final double[] kl;

		/** values[e][i]: expression e on row i (as fitted; kept for the views). */
		private final double[][] values;

		Result(Times times, double[][] values, int latents, double[] varMu, double[] meanLogVar, boolean[] informative, LineFit[][] fits,
				double[] planeR2, double[][] planeCoefficients, double[] cellCeiling, double[][] bestTimes) {
			this.times = times;
			this.values = values;
			this.latents = latents;
			this.length = times.length();
			this.varMu = varMu;
			this.meanLogVar = meanLogVar;
			this.informative = informative;
			this.fits = fits;
			this.planeR2 = planeR2;
			this.planeCoefficients = planeCoefficients;
			this.cellCeiling = cellCeiling;
			this.bestTimes = bestTimes;
			this.kl = new double[latents];
		}

		/**
		 * True when neuron j's best time in a family sits at an end of the scanned range [1, T]
		 * (mirror: the second family): the best may lie beyond it.
		 */
		public boolean bestTimeAtEdge(int j, boolean mirror) {
			double t = bestTimes[j][mirror ? 2 : 0];
			return Math.abs(Math.log(t)) < 1e-9 || Math.abs(Math.log(t) - Math.log(length)) < 1e-9;
		}

		/** Index into {@link #EXPRESSIONS} of neuron j's best expression (highest R^2; first on ties). */
		public int best(int j) {
			int best = 0;
			for (int e = 1; e < fits.length; e++)
				if (fits[e][j].r2() > fits[best][j].r2()) best = e;
			return best;
		}

		/** Expression e on every row, as fitted (shared, do not modify). */
		public double[] values(int e) {
			return values[e];
		}

		/** Neurons in order of decreasing Var(mu). */
		public int[] byVariance() {
			Integer[] idx = new Integer[latents];
			for (int j = 0; j < latents; j++) idx[j] = j;
			java.util.Arrays.sort(idx, (a, b) -> Double.compare(varMu[b], varMu[a]));
			return java.util.Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
		}

		public int informativeCount() {
			int n = 0;
			for (boolean b : informative)
				if (b) n++;
			return n;
		}
	}

	private LatentAnalysis() {
	}

	/** The informative rule: Var(mu) > exp(mean log sigma^2). */
	public static boolean isInformative(double varMu, double meanLogVar) {
		return varMu > Math.exp(meanLogVar);
	}

	/** The informative rule for one neuron's means and log variances over the same trajectories. */
	public static boolean isInformative(double[] mu, double[] logVar) {
		return isInformative(variance(mu), mean(logVar));
	}

	/**
	 * @param length T, the trajectory length used in the expressions (the latent CSV does not hold it)
	 */
	public static Result analyze(Latents latents, int length) {
		int n = latents.count(), Z = latents.latents();
		double[] varMu = new double[Z], meanLogVar = new double[Z];
		boolean[] informative = new boolean[Z];
		double[][] mus = new double[Z][];
		for (int j = 0; j < Z; j++) {
			mus[j] = latents.muOf(j);
			varMu[j] = variance(mus[j]);
			meanLogVar[j] = mean(latents.logVarOf(j));
			informative[j] = isInformative(varMu[j], meanLogVar[j]);
		}
		double[] alpha = latents.alphas(), d = latents.ds();
		Times times = Times.of(length);
		LineFit[][] fits = new LineFit[EXPRESSIONS.size()][Z];
		double[][] values = new double[EXPRESSIONS.size()][];
		for (int e = 0; e < EXPRESSIONS.size(); e++) {
			values[e] = values(EXPRESSIONS.get(e), alpha, d, times);
			for (int j = 0; j < Z; j++) fits[e][j] = line(values[e], mus[j]);
		}
		double[] logD = new double[n];
		for (int i = 0; i < n; i++) logD[i] = Math.log(d[i]);
		double[] planeR2 = new double[Z];
		double[][] planeCoef = new double[Z][];
		for (int j = 0; j < Z; j++) {
			planeCoef[j] = plane(alpha, logD, mus[j]);
			planeR2[j] = planeCoef[j][3];
			planeCoef[j] = java.util.Arrays.copyOf(planeCoef[j], 3);
		}
		ParameterCells cells = ParameterCells.of(alpha, d);
		double[] ceiling = new double[Z];
		for (int j = 0; j < Z; j++) ceiling[j] = cellCeiling(cells, mus[j]);
		double[][] best = new double[Z][];
		for (int j = 0; j < Z; j++) best[j] = bestTimes(alpha, d, length, mus[j]);
		Result result = new Result(times, values, Z, varMu, meanLogVar, informative, fits, planeR2, planeCoef, ceiling, best);
		for (int j = 0; j < Z; j++) {
			double s = 0;
			for (int i = 0; i < n; i++) {
				double m = latents.mu(i, j), lv = latents.logVar(i, j);
				s += 0.5 * (m * m + Math.exp(lv) - 1 - lv);
			}
			result.kl[j] = s / n;
		}
		return result;
	}

	/**
	 * Scans ln t over [0, ln T] in equal steps of at most 0.05 for the best R^2 of mu against log(alpha D t^(alpha-1))
	 * and against log(alpha D t^(1-alpha)); returns {t, R^2, t mirror, R^2 mirror}. Both are
	 * log(alpha D) +- (alpha - 1) ln t, so one pass over the rows gathers what every t needs.
	 */
	static double[] bestTimes(double[] alpha, double[] d, int length, double[] mu) {
		int n = mu.length;
		double sp = 0, sq = 0, sy = 0, spp = 0, sqq = 0, spq = 0, spy = 0, sqy = 0, syy = 0;
		for (int i = 0; i < n; i++) { // p = log(alpha D), q = alpha - 1, y = mu
			double p = Math.log(alpha[i] * d[i]), q = alpha[i] - 1, y = mu[i];
			sp += p;
			sq += q;
			sy += y;
			spp += p * p;
			sqq += q * q;
			spq += p * q;
			spy += p * y;
			sqy += q * y;
			syy += y * y;
		}
		double cpp = spp - sp * sp / n, cqq = sqq - sq * sq / n, cpq = spq - sp * sq / n;
		double cpy = spy - sp * sy / n, cqy = sqy - sq * sy / n, cyy = syy - sy * sy / n;
		double[] best = { 1, 0, 1, 0 };
		int steps = (int) Math.ceil(Math.log(length) / 0.05);
		for (int k = 0; k <= steps; k++)
			for (int sign = 0; sign < 2; sign++) {
				double lt = k * Math.log(length) / steps;
				double s = sign == 0 ? lt : -lt; // f = p + s q
				double cff = cpp + 2 * s * cpq + s * s * cqq, cfy = cpy + s * cqy;
				double r2 = cff > 0 && cyy > 0 ? cfy * cfy / (cff * cyy) : 0;
				if (r2 > best[2 * sign + 1]) {
					best[2 * sign] = Math.exp(lt);
					best[2 * sign + 1] = r2;
				}
			}
		return best;
	}

	/** 1 - (within-cell sum of squares) / (total sum of squares); 0 for a constant neuron. */
	static double cellCeiling(ParameterCells cells, double[] mu) {
		double total = 0, within = 0, mean = 0;
		for (double v : mu) mean += v;
		mean /= mu.length;
		for (double v : mu) total += (v - mean) * (v - mean);
		for (int c = 0; c < cells.count(); c++) {
			double m = 0;
			for (int r : cells.rows(c)) m += mu[r];
			m /= cells.rows(c).length;
			for (int r : cells.rows(c)) within += (mu[r] - m) * (mu[r] - m);
		}
		return total > 0 ? 1 - within / total : 0;
	}

	/** An expression evaluated on every row. */
	public static double[] values(Expression e, double[] alpha, double[] d, Times times) {
		double[] f = new double[alpha.length];
		for (int i = 0; i < f.length; i++) f[i] = e.value(alpha[i], d[i], times);
		return f;
	}

	static double mean(double[] x) {
		double m = 0;
		for (double v : x) m += v;
		return m / x.length;
	}

	static double variance(double[] x) {
		double m = mean(x);
		double s = 0;
		for (double v : x) s += (v - m) * (v - m);
		return s / x.length;
	}

	/** Least-squares line y = a + b x; R^2 = 0 where x or y is constant (nothing is explained). */
	public static LineFit line(double[] x, double[] y) {
		int n = x.length;
		double mx = 0, my = 0;
		for (int i = 0; i < n; i++) {
			mx += x[i];
			my += y[i];
		}
		mx /= n;
		my /= n;
		double sxx = 0, sxy = 0, syy = 0;
		for (int i = 0; i < n; i++) {
			double dx = x[i] - mx, dy = y[i] - my;
			sxx += dx * dx;
			sxy += dx * dy;
			syy += dy * dy;
		}
		if (!(sxx > 0) || !(syy > 0)) return new LineFit(my, 0, 0);
		double b = sxy / sxx;
		return new LineFit(my - b * mx, b, sxy * sxy / (sxx * syy));
	}

	/** y = a + b u + c v by least squares: returns {a, b, c, R^2} (R^2 = 0 for a degenerate design). */
	static double[] plane(double[] u, double[] v, double[] y) {
		int n = u.length;
		double mu = 0, mv = 0, my = 0;
		for (int i = 0; i < n; i++) {
			mu += u[i];
			mv += v[i];
			my += y[i];
		}
		mu /= n;
		mv /= n;
		my /= n;
		double suu = 0, svv = 0, suv = 0, suy = 0, svy = 0, syy = 0;
		for (int i = 0; i < n; i++) {
			double du = u[i] - mu, dv = v[i] - mv, dy = y[i] - my;
			suu += du * du;
			svv += dv * dv;
			suv += du * dv;
			suy += du * dy;
			svy += dv * dy;
			syy += dy * dy;
		}
		double det = suu * svv - suv * suv;
		if (!(syy > 0)) return new double[] { my, 0, 0, 0 };
		if (!(det > 1e-12 * Math.max(1e-300, suu * svv))) { // collinear or constant labels: best single line
			LineFit a = suu >= svv ? line(u, y) : line(v, y);
			return suu >= svv ? new double[] { a.intercept(), a.slope(), 0, a.r2() } : new double[] { a.intercept(), 0, a.slope(), a.r2() };
		}
		double b = (svv * suy - suv * svy) / det, c = (suu * svy - suv * suy) / det;
		double explained = b * suy + c * svy;
		return new double[] { my - b * mu - c * mv, b, c, Math.max(0, Math.min(1, explained / syy)) };
	}

}
