package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.Decoding;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.Standardization;
import org.latentj.util.Progress;

/** Student-t observation noise: q(w)'s update, a monotone ELBO, the Gaussian limit, model.json and Apply Model. */
class StudentNoiseTest {

	/** A draw from a random SLDS with large jumps (+-8 in one dimension) added at 2% of the frames. */
	static double[] withJumps(double[] y, int obs, long seed, boolean[] jumped) {
		Random r = new Random(seed);
		double[] out = y.clone();
		for (int t = 0; t < out.length / obs; t++)
			if (!Double.isNaN(out[t * obs]) && r.nextDouble() < 0.02) {
				out[t * obs + r.nextInt(obs)] += r.nextBoolean() ? 8 : -8;
				if (jumped != null) jumped[t] = true;
			}
		return out;
	}

	/**
	 * One state, D = 1, G = 1, five frames: q(x) by a dense 5 x 5 solve of its precision (the window potential, the
	 * prior of frame 0 and E[w_t] / R on each observed frame), and E[w_t] = (nu + 1) / (nu + ((y_t - mu_t)^2 +
	 * Sigma_tt) / R) from it, against the smoother and q(w)'s update; and that update is the ELBO's maximum over q(w).
	 */
	@Test
	void qwUpdateByHandOnASmallCase() {
		SldsParameters m = SldsTestModels.random(1, 1, 1, 7, false).withDof(3);
		int frames = 5;
		double[] y = { 0.4, -0.2, 3.5, 0.1, Double.NaN }, ones = { 1, 1, 1, 1, 1 };
		StructuredMeanField q = new StructuredMeanField(y, 1, 1, 1, new double[] { 1, 1, 1, 1 });
		q.updateX(m);
		q.updateZ(m);
		double[][] first = denseQx(m, y, ones);
		for (int t = 0; t < frames; t++) assertEquals(first[0][t], q.means()[t], 1e-10);
		q.updateW(m);
		double r = m.noise[0], nu = 3;
		double[] expected = new double[frames];
		for (int t = 0; t < frames; t++) {
			double res = Double.isNaN(y[t]) ? 0 : y[t] - first[0][t];
			expected[t] = Double.isNaN(y[t]) ? 1 : (nu + 1) / (nu + (res * res + first[1][t]) / r);
			assertEquals(expected[t], q.weight(t), 1e-10, "E[w_" + t + "]");
		}
		assertTrue(q.weight(2) < 0.5, "the outlying frame is down-weighted: " + q.weight(2));
		// the update is the optimum over q(w): moving any rate either way lowers the ELBO
		double best = q.elbo(m);
		for (int t = 0; t < 4; t++)
			for (double f : new double[] { 0.99, 1.01 }) {
				q.wRate[t] *= f;
				assertTrue(q.elbo(m) < best, "rate of frame " + t + " times " + f + " raised the ELBO");
				q.wRate[t] /= f;
			}
		// the next x update scales each observed frame's potential by E[w_t]
		q.updateX(m);
		double[][] second = denseQx(m, y, expected);
		for (int t = 0; t < frames; t++) assertEquals(second[0][t], q.means()[t], 1e-10);
	}

	/** Means and variances of q(x) for K = 1, D = 1, G = 1 by a dense solve; the observed frames weighted by u. */
	private static double[][] denseQx(SldsParameters m, double[] y, double[] u) {
		int n = y.length;
		double[] j = new double[n * n], h = new double[n];
		double[] p = m.windowPrecision(0), hw = m.windowLinear(0);
		for (int t = 1; t < n; t++) {
			for (int a = 0; a < 2; a++) {
				h[t - 1 + a] += hw[a];
				for (int b = 0; b < 2; b++) j[(t - 1 + a) * n + t - 1 + b] += p[a * 2 + b];
			}
		}
		j[0] += 1 / m.priorVariance;
		for (int t = 0; t < n; t++)
			if (!Double.isNaN(y[t])) {
				j[t * n + t] += u[t] / m.noise[0];
				h[t] += u[t] * y[t] / m.noise[0];
			}
		double[] eye = new double[n * n];
		for (int t = 0; t < n; t++) eye[t * n + t] = 1;
		double[] cov = Linear.solveSpd(j, n, eye, n), mean = new double[n], var = new double[n];
		for (int t = 0; t < n; t++) {
			for (int s = 0; s < n; s++) mean[t] += cov[t * n + s] * h[s];
			var[t] = cov[t * n + t];
		}
		return new double[][] { mean, var };
	}

	@Test
	void elboNeverDecreasesAcrossBlockUpdatesAndEmIterations() {
		for (boolean linear : new boolean[] { false, true }) {
			SldsParameters truth = SldsTestModels.random(3, 2, 2, 21, true);
			if (linear) truth = SldsTestModels.linear(truth, 3, 5);
			int frames = 400;
			double[] y = withJumps(SldsTestModels.sample(truth, frames, 4, new int[frames], 100, 101, 300), truth.obs, 8, null);
			SldsParameters m = SldsTestModels.random(3, 2, 2, 99, true);
			if (linear) m = SldsTestModels.linear(m, 3, 6);
			m = m.withDof(2.5);
			StructuredMeanField q = new StructuredMeanField(y, truth.obs, 2, 2, 3, SldsTestModels.randomQz(frames - 2, 3, 2));
			List<Double> elbo = new ArrayList<>();
			for (int it = 0; it < 8; it++) {
				q.converge(m, 20, 1e-10, elbo);
				SldsParameters next = SldsFitter.maximize(m, List.of(q));
				assertEquals(2.5, next.dof());
				elbo.add(q.elbo(next)); // the M-step alone, same q
				m = next;
			}
			assertTrue(elbo.size() > 45, "x, w and z updates recorded: " + elbo.size());
			for (int i = 1; i < elbo.size(); i++)
				assertTrue(elbo.get(i) >= elbo.get(i - 1) - 1e-9 * Math.abs(elbo.get(i - 1)),
						(linear ? "linear" : "identity") + ": ELBO fell from " + elbo.get(i - 1) + " to " + elbo.get(i) + " at step " + i);
			assertTrue(elbo.get(elbo.size() - 1) > elbo.get(0) + 1, "EM did not improve the ELBO");
		}
	}

	/** With the true model, Student-t noise keeps the smoothed pose near the truth at the jumps, Gaussian noise follows them. */
	@Test
	void studentNoiseResistsJumps() {
		SldsParameters truth = SldsTestModels.random(2, 2, 2, 41, false);
		int frames = 800;
		double[] x = new double[frames * 2];
		boolean[] jumped = new boolean[frames];
		double[] y = withJumps(SldsTestModels.sample(truth, frames, 17, new int[frames], x), 2, 3, jumped);
		double[] err = new double[2];
		int n = 0;
		for (int c = 0; c < 2; c++) {
			SldsParameters m = c == 0 ? truth : truth.withDof(3);
			StructuredMeanField q = new StructuredMeanField(y, 2, 2, 2, SldsTestModels.randomQz(frames - 2, 2, 1));
			q.converge(m, 100, 1e-9, null);
			n = 0;
			for (int t = 0; t < frames; t++)
				if (jumped[t]) {
					n++;
					for (int i = 0; i < 2; i++) err[c] += Math.pow(q.means()[t * 2 + i] - x[t * 2 + i], 2);
				}
		}
		assertTrue(n >= 8, "jumps drawn: " + n);
		assertTrue(err[1] < 0.5 * err[0], "squared error at the jumps: student " + err[1] / n + ", gaussian " + err[0] / n);
	}

	private static SldsSettings settings(double dof) {
		return new SldsSettings(2, 2, 2, SldsSettings.Emissions.IDENTITY, 0, false, 0.9, 0, 1, 8, 30, 1e-9, 1, 0, 0.8,
				Standardization.Kind.NONE, dof);
	}

	/** nu = 1e6: every E[w_t] is 1 within about 1e-5, so the fit is the Gaussian one. */
	@Test
	void veryLargeDofGivesTheGaussianFit() {
		SldsParameters truth = SldsTestModels.random(2, 2, 2, 41, false);
		int frames = 600;
		double[] y = withJumps(SldsTestModels.sample(truth, frames, 17, new int[frames], 100, 101), 2, 3, null);
		SessionData session = SessionData.withDroppedFrames("syn", y, 2, null);
		SldsResult g = SldsFitter.fit(List.of(session), settings(Double.POSITIVE_INFINITY), Progress.NONE);
		SldsResult s = SldsFitter.fit(List.of(session), settings(1e6), Progress.NONE);
		assertTrue(!g.model().student() && s.model().student());
		assertEquals(g.trainHistory().size(), s.trainHistory().size());
		for (int i = 0; i < g.trainHistory().size(); i++)
			assertEquals(g.trainHistory().get(i), s.trainHistory().get(i), 1e-6 * Math.abs(g.trainHistory().get(i)), "ELBO " + i);
		assertArrayEquals(g.model().noise(), s.model().noise(), 1e-5);
		for (int j = 0; j < 2; j++) assertArrayEquals(g.model().weights(j), s.model().weights(j), 1e-5);
		assertArrayEquals(g.sessions().get(0).labels(), s.sessions().get(0).labels());
		double[] a = g.sessions().get(0).denoised(), b = s.sessions().get(0).denoised();
		for (int i = 0; i < a.length; i++)
			if (!Double.isNaN(a[i])) assertEquals(a[i], b[i], 1e-5);
	}

	/** model.json records the Student-t noise and its dof; Apply Model's inference uses them (not Gaussian noise). */
	@Test
	void modelFileRoundTripAndApply(@TempDir Path dir) throws Exception {
		SldsParameters truth = SldsTestModels.random(2, 2, 2, 41, false);
		int frames = 600;
		double[] y = withJumps(SldsTestModels.sample(truth, frames, 17, new int[frames]), 2, 3, null);
		SessionData session = SessionData.withDroppedFrames("syn", y, 2, null);
		SldsResult r = SldsFitter.fit(List.of(session), settings(2.5), Progress.NONE);
		SldsFiles.write(dir, r, List.of(session), java.util.Map.of("states", 2));
		SldsModel back = SldsModel.read(dir.resolve("model.json"));
		assertEquals(2.5, back.parameters.dof());
		assertArrayEquals(r.model().noise(), back.parameters.noise(), 1e-12);
		SldsModel.Inferred inf = back.infer("syn", y, Decoding.Mode.POSTERIOR, 30, 1e-9);
		// the same inference with the same parameters in memory, and with the noise made Gaussian
		SldsModel same = new SldsModel(r.model(), back.standardization, back.data);
		SldsModel gaussian = new SldsModel(r.model().withDof(Double.POSITIVE_INFINITY), back.standardization, back.data);
		assertEquals(same.infer("syn", y, Decoding.Mode.POSTERIOR, 30, 1e-9).elbo(), inf.elbo(), 1e-9 * Math.abs(inf.elbo()));
		double ge = gaussian.infer("syn", y, Decoding.Mode.POSTERIOR, 30, 1e-9).elbo();
		assertTrue(Math.abs(ge - inf.elbo()) > 1, "Gaussian ELBO " + ge + " vs student " + inf.elbo());
		int agree = 0;
		int[] fit = r.sessions().get(0).labels();
		for (int t = 2; t < frames; t++) if (fit[t] == inf.labels()[t]) agree++;
		assertTrue(agree > 0.97 * (frames - 2), "Apply's labels agree with the fit's on " + agree + " frames");
	}
}
