package org.latentj.bench;

import java.util.Arrays;
import java.util.Random;

import org.latentj.model.hmm.ForwardBackward;
import org.latentj.model.hmm.LinearGaussianObservations;
import org.latentj.model.hmm.Observations;
import org.latentj.model.hmm.TransitionMatrix;

/** Work in progress: E-step timing. */
public final class HmmBench {
	public static void main(String[] args) {
		System.out.println(Machine.describe());
		int t = 36000, k = 50;
		Random r = new Random(0);
		double[] ll = new double[t * k];
		for (int i = 0; i < ll.length; i++) ll[i] = r.nextGaussian();
		double[] pi = new double[k];
		Arrays.fill(pi, 1.0 / k);
		TransitionMatrix sticky = TransitionMatrix.sticky(k, 0.95);
		TransitionMatrix dense = TransitionMatrix.dense(k, sticky.toArray());
		ForwardBackward.Workspace ws = new ForwardBackward.Workspace();
		for (int lags : new int[] { 0, 2 }) {
			int d = 10, tt = lags == 0 ? 36000 : 28800;
			double[] x = new double[tt * d];
			for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
			Observations obs = lags == 0 ? LinearGaussianObservations.gaussian(k, d)
					: LinearGaussianObservations.autoregressive(k, d, lags);
			double[] out = new double[tt * k];
			double s1 = Machine.medianSeconds(3, 9, () -> obs.logLikelihoods(x, lags, tt, out));
			double[] w = new double[tt * k];
			for (int i = 0; i < w.length; i++) w[i] = r.nextDouble() / k * 2;
			double[] stats = new double[k * obs.statsSize()];
			double s2 = Machine.medianSeconds(3, 9, () -> obs.accumulateStats(x, lags, tt, w, stats));
			int n = (lags + 1) * d + 1;
			System.out.printf("%s T=%d: loglik %.4f s (%.2f G madd/s), stats %.4f s (%.2f G madd/s), M-step %.4f s%n",
					obs.type(), tt, s1, (double) tt * k * d * (n - 1) / s1 * 1e-9, s2,
					(double) tt * k * obs.statsSize() / s2 * 1e-9,
					Machine.medianSeconds(2, 5, () -> obs.maximize(stats)));
		}
		for (TransitionMatrix p : new TransitionMatrix[] { sticky, dense }) {
			double s = Machine.medianSeconds(5, 15, () -> ForwardBackward.run(pi, p, ll, t, true, false, ws, false));
			System.out.printf("E-step T=%d K=%d %s (forward+backward+counts): %.4f s (target <= 0.05 s)%n", t, k,
					p.isSticky() ? "sticky" : "dense", s);
			double s2 = Machine.medianSeconds(5, 15, () -> ForwardBackward.run(pi, p, ll, t, false, false, ws, false));
			System.out.printf("   without counts: %.4f s%n", s2);
			double s3 = Machine.medianSeconds(5, 15, () -> ForwardBackward.logLikelihood(pi, p, ll, t, ws));
			System.out.printf("   forward only: %.4f s%n", s3);
		}
	}
}
