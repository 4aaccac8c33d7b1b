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

	/** The Gaussian model with the same parameters and noise variances R times f. */
	private static SldsParameters gaussianWithNoiseTimes(SldsParameters m, double f) {
		double[] r = m.noise.clone();
		for (int i = 0; i < r.length; i++) r[i] *= f;
		return new SldsParameters(m.weights, m.covs, r, m.priorVariance, m.transitions, m.initial, m.lags, m.emission, m.offset);
	}

	/**
	 * Apply Model's starting labels treat R of Student-t noise as a scale: the start is the Gaussian model's with the
	 * noise's variance R nu / (nu - 2) (nu = 4: 2 R; nu = 10: 1.25 R), and 3 R for nu below 3 (no variance at nu <= 2);
	 * on this draw these starts differ from the one that takes R as the variance, so the test sees the difference.
	 */
	@Test
	void startingLabelsUseTheStudentNoiseVariance() {
		assertEquals(1, SldsModel.varianceFactor(Double.POSITIVE_INFINITY));
		assertEquals(2, SldsModel.varianceFactor(4));
		assertEquals(1.25, SldsModel.varianceFactor(10));
		assertEquals(3, SldsModel.varianceFactor(3));
		for (double nu : new double[] { 2.5, 2, 1, 0.1 }) assertEquals(3, SldsModel.varianceFactor(nu), "nu = " + nu);
		for (boolean linear : new boolean[] { false, true }) {
			SldsParameters base = SldsTestModels.random(3, 2, 2, 21, false);
			if (linear) base = SldsTestModels.linear(base, 3, 5);
			int frames = 1500;
			double[] y = withJumps(SldsTestModels.sample(base, frames, 4, new int[frames], 100, 101, 300), base.obs, 8, null);
			double[] asVariance = new SldsModel(base, null, null).startingStates("syn", y);
			for (double nu : new double[] { 4, 1 }) {
				double f = SldsModel.varianceFactor(nu);
				double[] student = new SldsModel(base.withDof(nu), null, null).startingStates("syn", y);
				double[] inflated = new SldsModel(gaussianWithNoiseTimes(base, f), null, null).startingStates("syn", y);
				String what = (linear ? "linear" : "identity") + ", nu = " + nu;
				assertArrayEquals(inflated, student, 1e-12, what);
				assertTrue(!java.util.Arrays.equals(asVariance, student), what + ": R as the variance gives the same start");
			}
		}
	}

	/**
	 * The ELBO only reads q(w): evaluating it under Gaussian noise or another dof leaves q(w) and the Student-t ELBO as
	 * they were, and under Student-t noise without a q(w) it refuses rather than invent one.
	 */
	@Test
	void elboLeavesQwAlone() {
		SldsParameters m = SldsTestModels.random(2, 2, 2, 41, false);
		int frames = 300;
		double[] y = withJumps(SldsTestModels.sample(m, frames, 17, new int[frames]), 2, 3, null);
		SldsParameters student = m.withDof(3);
		StructuredMeanField q = new StructuredMeanField(y, 2, 2, 2, SldsTestModels.randomQz(frames - 2, 2, 1));
		q.converge(student, 20, 1e-9, null);
		double elbo = q.elbo(student);
		double[] rate = q.wRate.clone();
		double shape = q.wShape;
		double gaussian = q.elbo(m), other = q.elbo(m.withDof(30));
		assertTrue(Double.isFinite(gaussian) && Double.isFinite(other));
		assertArrayEquals(rate, q.wRate, 0, "q(w) rates");
		assertEquals(shape, q.wShape, 0, "q(w) shape");
		assertEquals(elbo, q.elbo(student), 0, "the Student-t ELBO after evaluating others");
		// under nu = 30 with the same q(w) the ELBO is the same expression with nu's prior terms: by hand
		double prior3 = 0, prior30 = 0, a = q.wShape, dig = org.apache.commons.math3.special.Gamma.digamma(a);
		for (int t = 0; t < frames; t++) {
			double b = q.wRate[t], ew = a / b, elw = dig - Math.log(b);
			prior3 += 1.5 * Math.log(1.5) - org.apache.commons.math3.special.Gamma.logGamma(1.5) + 0.5 * elw - 1.5 * ew;
			prior30 += 15 * Math.log(15) - org.apache.commons.math3.special.Gamma.logGamma(15) + 14 * elw - 15 * ew;
		}
		assertEquals(elbo - prior3 + prior30, other, 1e-9 * Math.abs(elbo));
		// no q(w) (run with Gaussian noise), then a Student-t ELBO: refused
		StructuredMeanField g = new StructuredMeanField(y, 2, 2, 2, SldsTestModels.randomQz(frames - 2, 2, 1));
		g.converge(m, 5, 1e-9, null);
		org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> g.elbo(student));
	}

	/** dof above 1e6 is refused by the settings and the parameters with one sentence that suggests Gaussian noise. */
	@Test
	void dofAboveAMillionIsRefused() {
		assertEquals(1e6, settings(1e6).dof());
		for (double nu : new double[] { 1.000001e6, 1e15, 1e308 }) {
			Exception e = org.junit.jupiter.api.Assertions.assertThrows(org.latentj.util.BadInputException.class, () -> settings(nu));
			assertTrue(e.getMessage().contains("at most 1e6") && e.getMessage().contains("noise=gaussian"), e.getMessage());
			e = org.junit.jupiter.api.Assertions.assertThrows(org.latentj.util.BadInputException.class,
					() -> SldsTestModels.random(2, 2, 2, 41, false).withDof(nu));
			assertTrue(e.getMessage().contains("at most 1e6"), e.getMessage());
		}
	}

	/**
	 * model.json's noise keys: without "noise" (files before Student-t noise) the model is Gaussian; a bad noise, or a
	 * missing, non-numeric, non-positive or too large dof with student noise, is one sentence naming the file and key.
	 */
	@Test
	void modelFileNoiseKeys(@TempDir Path dir) throws Exception {
		SldsParameters truth = SldsTestModels.random(2, 2, 2, 41, false);
		int frames = 300;
		double[] y = SldsTestModels.sample(truth, frames, 17, new int[frames]);
		SessionData session = SessionData.withDroppedFrames("syn", y, 2, null);
		SldsResult r = SldsFitter.fit(List.of(session), settings(2.5), Progress.NONE);
		SldsFiles.write(dir, r, List.of(session), java.util.Map.of("states", 2));
		com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(
				java.nio.file.Files.readString(dir.resolve("model.json"))).getAsJsonObject();
		com.google.gson.JsonObject slds = json.getAsJsonObject("slds");
		assertEquals("student", slds.get("noise").getAsString());
		assertEquals(2.5, slds.get("dof").getAsDouble());

		slds.remove("noise");
		slds.remove("dof");
		SldsModel old = SldsModel.read(write(dir, "old.json", json));
		assertTrue(!old.parameters.student(), "no noise key: Gaussian");
		assertArrayEquals(r.model().noise(), old.parameters.noise(), 1e-12);

		String[][] bad = { { "\"cauchy\"", null, "slds.noise must be gaussian or student" },
				{ "\"student\"", null, "slds.dof must be a positive number" },
				{ "\"student\"", "\"four\"", "slds.dof must be a positive number" },
				{ "\"student\"", "0", "slds.dof must be a positive number" },
				{ "\"student\"", "-3", "slds.dof must be a positive number" },
				{ "\"student\"", "1e7", "slds.dof must be at most 1e6" } };
		for (int i = 0; i < bad.length; i++) {
			slds.add("noise", com.google.gson.JsonParser.parseString(bad[i][0]));
			slds.remove("dof");
			if (bad[i][1] != null) slds.add("dof", com.google.gson.JsonParser.parseString(bad[i][1]));
			Path file = write(dir, "bad" + i + ".json", json);
			Exception e = org.junit.jupiter.api.Assertions.assertThrows(org.latentj.util.BadInputException.class, () -> SldsModel.read(file));
			String msg = e.getMessage();
			assertTrue(msg.contains(file.toString()) && msg.contains(bad[i][2]) && msg.endsWith(".") && msg.indexOf(". ") < 0,
					"noise " + bad[i][0] + ", dof " + bad[i][1] + ": " + msg);
		}
	}

	private static Path write(Path dir, String name, com.google.gson.JsonObject json) throws java.io.IOException {
		Path file = dir.resolve(name);
		java.nio.file.Files.writeString(file, json.toString());
		return file;
	}
}
