package org.latentj.slds;

/**
 * An upper bound on a Kalman filter step's log p(y_t | y_{<t}, z) under state j, from the filtered covariance P at t - 1
 * and the step's residual only, without the step ({@link LabelSearch}'s screening skips the steps it shows would end a
 * run). log p(y_t | ...) = -(obs log 2 pi + log|S| + r^T S^-1 r) / 2 with S = C (A P A^T + Q) C^T + R / u_t, and M = C Q
 * C^T + R / u_t <= S <= M + lam B = U (P <= lam I, B = C A (C A)^T), so log|S| >= log|M| and r^T S^-1 r >= r^T U^-1 r >=
 * |r|^2 / (U's largest eigenvalue's bound); r = y_t - C (A mu + b) - offset is the step's own. At most about 1,000
 * multiply-adds against the step's 8,700 (200 where no bound could decide).
 */
final class PredictiveBound {

	private static final double LOG_2PI = Math.log(2 * Math.PI);

	private final SldsParameters m;
	private final int obs, ms;
	/**
	 * Per state j: B_j = C A_j (C A_j)^T (A_j = its weights' first ms columns) and N_j = C Q_j C^T (obs x obs),
	 * Gershgorin bounds on their largest eigenvalues, and log|N_j + R| (without Student-t weights).
	 */
	private final double[][] bb, nq;
	private final double[] bMax, nMax, logDetM;
	private double noiseMax, noiseMin = Double.POSITIVE_INFINITY;
	/** Work buffer for U's and M's factors. */
	private final double[] ku;

	PredictiveBound(SldsParameters m) {
		this.m = m;
		final int obs = m.obs, d = m.d, k = m.k, ms = m.lags * d, cols = ms + 1;
		this.obs = obs;
		this.ms = ms;
		double[][] ca = new double[k][obs * ms];
		bb = new double[k][obs * obs];
		nq = new double[k][obs * obs];
		bMax = new double[k];
		nMax = new double[k];
		logDetM = new double[k];
		ku = new double[obs * obs];
		for (int i = 0; i < obs; i++) {
			noiseMax = Math.max(noiseMax, m.noise[i]);
			noiseMin = Math.min(noiseMin, m.noise[i]);
		}
		double[] e = m.emission;
		for (int j = 0; j < k; j++) {
			double[] w = m.weights[j], q = m.covs[j], cq = new double[obs * d];
			for (int i = 0; i < obs; i++) {
				for (int a = 0; a < ms; a++) {
					double v = 0;
					if (e == null) v = w[i * cols + a];
					else for (int b = 0; b < d; b++) v += e[i * d + b] * w[b * cols + a];
					ca[j][i * ms + a] = v;
				}
				for (int b = 0; b < d; b++) {
					double x = 0;
					if (e == null) x = q[i * d + b];
					else for (int c = 0; c < d; c++) x += e[i * d + c] * q[c * d + b];
					cq[i * d + b] = x;
				}
			}
			for (int i = 0; i < obs; i++)
				for (int h = 0; h <= i; h++) {
					double x = 0, y = 0;
					for (int a = 0; a < ms; a++) x += ca[j][i * ms + a] * ca[j][h * ms + a];
					if (e == null) y = cq[i * d + h];
					else for (int b = 0; b < d; b++) y += cq[i * d + b] * e[h * d + b];
					bb[j][i * obs + h] = bb[j][h * obs + i] = x;
					nq[j][i * obs + h] = nq[j][h * obs + i] = y;
				}
			bMax[j] = gershgorin(bb[j], 0, obs);
			nMax[j] = gershgorin(nq[j], 0, obs);
			for (int i = 0; i < obs * obs; i++) ku[i] = nq[j][i];
			for (int i = 0; i < obs; i++) ku[i * obs + i] += m.noise[i];
			logDetM[j] = Linear.choleskyInPlace(ku, obs);
		}
	}

	/**
	 * The bound on log p(y_t | ...) under state j for the residual r (obs; overwritten) with |r|^2 = rr, R divided by
	 * u_t (scale = 1 / u_t; weighted: whether R is, so log|M| is factored here), and P's largest eigenvalue bounded by
	 * lam (NaN: Gershgorin's bound on p, ms x ms at offset po, made here only when needed), raised by 1e-12 |log|M|| / 2
	 * for its rounding. Worked out only as far as it decides whether it is below need: the scalar bound, then U's
	 * Cholesky factor; +infinity where no bound could be below need (r^T U^-1 r <= |r|^2 / min R_i u_t^-1, as U >= R /
	 * u_t) or M or U is not positive definite to rounding.
	 */
	double upper(double[] r, double rr, int j, double scale, boolean weighted, double lam, double[] p, int po, double need) {
		final int obs = this.obs;
		final double[] ku = this.ku;
		double ldM = logDetM[j];
		if (weighted) {
			for (int i = 0; i < obs * obs; i++) ku[i] = nq[j][i];
			for (int i = 0; i < obs; i++) ku[i * obs + i] += scale * m.noise[i];
			ldM = Linear.choleskyInPlace(ku, obs);
		}
		if (Double.isNaN(ldM)) return Double.POSITIVE_INFINITY; // M not positive definite (weighted here, or in the constructor)
		double top = -0.5 * (obs * LOG_2PI + ldM) + 1e-12 * 0.5 * Math.abs(ldM); // the bound without r^T S^-1 r's
		if (top - 0.5 * rr / (scale * noiseMin) >= need) return Double.POSITIVE_INFINITY; // not even U's bound could reach it
		if (Double.isNaN(lam)) lam = gershgorin(p, po, ms);
		double v = top - 0.5 * rr / (nMax[j] + scale * noiseMax + lam * bMax[j]);
		if (v < need) return v;
		for (int i = 0; i < obs * obs; i++) ku[i] = nq[j][i] + lam * bb[j][i];
		for (int i = 0; i < obs; i++) ku[i * obs + i] += scale * m.noise[i];
		if (Double.isNaN(Linear.choleskyInPlace(ku, obs))) return Double.POSITIVE_INFINITY;
		double sq = 0;
		for (int i = 0; i < obs; i++) {
			double x = r[i];
			for (int a = 0; a < i; a++) x -= ku[i * obs + a] * r[a];
			r[i] = x / ku[i * obs + i];
			sq += r[i] * r[i];
		}
		return top - 0.5 * sq;
	}

	/** The largest row sum of |entries| of the n x n matrix at o: at least its largest eigenvalue. */
	static double gershgorin(double[] p, int o, int n) {
		double v = 0;
		for (int i = 0; i < n; i++) {
			double x = 0;
			for (int q = 0; q < n; q++) x += Math.abs(p[o + i * n + q]);
			v = Math.max(v, x);
		}
		return v;
	}
}
