package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;
import org.latentj.hmm.InitialDistribution;
import org.latentj.hmm.Metrics;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.Standardization;
import org.latentj.hmm.TransitionMatrix;
import org.latentj.hmm.Transitions;
import org.latentj.util.Progress;

/**
 * emissions=linear (y = C x + offset + N(0, R), x of a lower dimension): the ELBO's emission terms
 * against a dense marginal likelihood, the M-step for C, offset and R as a maximum (perturbations
 * only lower the ELBO), and recovery of a low-dimensional SLDS (subspace by principal angles, labels
 * by ARI).
 */
class LinearEmissionsTest {

	/** With one state q(z) is exact, so the converged ELBO is log p(y), here by a dense Gaussian integral. */
	@Test
	void elboWithOneStateEqualsTheDenseMarginalLikelihood() {
		SldsParameters base = SldsTestModels.random(1, 2, 2, 5, false);
		base = new SldsParameters(base.weights, base.covs, base.noise, 1, Transitions.fixed(TransitionMatrix.dense(1, new double[] { 1 })),
				InitialDistribution.uniform(1), 2);
		SldsParameters m = SldsTestModels.linear(base, 3, 6);
		int frames = 9, d = 2, obs = 3, n = frames * d;
		double[] y = SldsTestModels.sample(m, frames, 7, new int[frames], 4);
		double[] w = new double[frames - 2];
		Arrays.fill(w, 1);
		StructuredMeanField q = new StructuredMeanField(y, obs, d, 2, 1, w);
		double elbo = q.converge(m, 5, 0, null);

		double[] lambda = new double[n * n], h = new double[n];
		double constant = 0;
		int win = 3 * d;
		for (int t = 0; t < frames; t++) {
			if (t < 2) {
				for (int i = 0; i < d; i++) lambda[(t * d + i) * n + t * d + i] += 1 / m.priorVariance;
				constant += -0.5 * d * Math.log(2 * Math.PI * m.priorVariance);
			} else {
				int o = (t - 2) * d;
				for (int a = 0; a < win; a++) {
					h[o + a] += m.h[0][a];
					for (int b = 0; b < win; b++) lambda[(o + a) * n + o + b] += m.p[0][a * win + b];
				}
				constant += m.c[0];
			}
			if (Double.isNaN(y[t * obs])) continue;
			for (int i = 0; i < obs; i++) {
				double r = y[t * obs + i] - m.offset[i];
				constant += -0.5 * r * r / m.noise[i] - 0.5 * Math.log(2 * Math.PI * m.noise[i]);
				for (int a = 0; a < d; a++) {
					h[t * d + a] += m.emission[i * d + a] * r / m.noise[i];
					for (int b = 0; b < d; b++)
						lambda[(t * d + a) * n + t * d + b] += m.emission[i * d + a] * m.emission[i * d + b] / m.noise[i];
				}
			}
		}
		double[] l = Linear.cholesky(lambda, n), mu = Linear.solveSpd(lambda, n, h, 1);
		double logDet = 0, hmu = 0;
		for (int i = 0; i < n; i++) {
			logDet += 2 * Math.log(l[i * n + i]);
			hmu += h[i] * mu[i];
		}
		double logPy = constant + 0.5 * hmu - 0.5 * logDet + 0.5 * n * Math.log(2 * Math.PI);
		assertEquals(logPy, elbo, 1e-9 * Math.abs(logPy));
		for (int i = 0; i < n; i++) assertEquals(mu[i], q.means()[i], 1e-9);
	}

	/** After the M-step, moving any entry of C, the offset or R away from it lowers the ELBO (q fixed). */
	@Test
	void mStepMaximizesTheElboInTheEmissionParameters() {
		SldsParameters m = SldsTestModels.linear(SldsTestModels.random(2, 2, 2, 11, false), 4, 12);
		int frames = 400;
		double[] y = SldsTestModels.sample(m, frames, 13, new int[frames], 50, 51, 52);
		StructuredMeanField q = new StructuredMeanField(y, 4, 2, 2, 2, SldsTestModels.randomQz(frames - 2, 2, 14));
		q.converge(m, 20, 1e-10, null);
		double before = q.elbo(m);
		SldsParameters best = SldsFitter.maximize(m, List.of(q));
		double top = q.elbo(best);
		assertTrue(top >= before - 1e-9 * Math.abs(before), top + " < " + before);
		for (int which = 0; which < 3; which++)
			for (int i = 0; i < (which == 0 ? 8 : 4); i++)
				for (double step : new double[] { -1e-3, 1e-3 }) {
					double[] c = best.emission(), o = best.offset(), r = best.noise();
					double[] v = which == 0 ? c : which == 1 ? o : r;
					v[i] += step * (which == 2 ? v[i] : 1);
					SldsParameters moved = new SldsParameters(best.weights, best.covs, r, best.priorVariance, best.transitions,
							best.initial, 2, c, o);
					double e = q.elbo(moved);
					assertTrue(e < top, "parameter " + which + "/" + i + " moved by " + step + ": " + e + " >= " + top);
				}
	}

	/** A 2-dimensional SLDS seen through 6 PCs: the fit finds C's column space and the states. */
	@Test
	void recoversTheSubspaceAndTheStates(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		SldsParameters dyn = SldsTestModels.random(2, 2, 2, 41, false);
		for (int s = 0; s < 2; s++) // well separated states: opposite drifts
			dyn.weights[s][2 * 5 - 1] = dyn.weights[s][4] = s == 0 ? 0.6 : -0.6;
		SldsParameters truth = SldsTestModels.linear(new SldsParameters(dyn.weights, dyn.covs, dyn.noise, 1, dyn.transitions,
				dyn.initial, 2), 6, 42);
		int frames = 1500;
		int[] z = new int[frames];
		double[] x = new double[frames * 2];
		double[] y = SldsTestModels.sample(truth, frames, 43, z, x, 600, 601, 602), clean = truth.observe(x);
		SessionData session = SessionData.withDroppedFrames("lin", y, 6, null);
		SldsSettings settings = new SldsSettings(2, 2, 6, SldsSettings.Emissions.LINEAR, 2, false, 0.9, 0, 1, 15, 30, 1e-8,
				1, 0, 1.0, Standardization.Kind.NONE);
		SldsResult r = SldsFitter.fit(List.of(session), settings, Progress.NONE);

		List<Double> h = r.trainHistory();
		for (int i = 1; i < h.size(); i++) assertTrue(h.get(i) >= h.get(i - 1) - 1e-9 * Math.abs(h.get(i - 1)), "EM ELBO " + h);
		assertTrue(r.model().linear());
		assertEquals(2, r.model().d);
		double[] cosines = principalCosines(truth.emission(), r.model().emission(), 6, 2);
		assertTrue(cosines[0] > 0.99 && cosines[1] > 0.99, "cosines of the principal angles " + Arrays.toString(cosines));
		int[] labels = Arrays.copyOfRange(r.sessions().get(0).labels(), 2, frames), want = Arrays.copyOfRange(z, 2, frames);
		double ari = Metrics.adjustedRandIndex(labels, want);
		assertTrue(ari > 0.8, "ARI " + ari);
		// the denoised PCs (C E[x] + offset) are closer to the noise-free C x + offset than y is
		double[] den = r.sessions().get(0).denoised();
		assertEquals(frames * 6, den.length);
		assertTrue(Double.isNaN(den[600 * 6]));
		double noisy = 0, smoothed = 0;
		for (int i = 0; i < den.length; i++)
			if (!Double.isNaN(y[i])) {
				noisy += Math.pow(y[i] - clean[i], 2);
				smoothed += Math.pow(den[i] - clean[i], 2);
			}
		assertTrue(smoothed < 0.5 * noisy, "squared error smoothed " + smoothed + ", noisy " + noisy);

		// model.json round trip (C, offset, the PCs' standardisation in the slds section) and Apply Model's inference
		SldsFiles.write(dir, r, List.of(session), java.util.Map.of("inner_iterations", 30, "tolerance", 1e-8));
		SldsModel back = SldsModel.read(dir.resolve("model.json"));
		assertTrue(back.parameters.linear());
		assertEquals(2, back.parameters.d);
		assertEquals(6, back.parameters.obs);
		for (int i = 0; i < 12; i++) assertEquals(r.model().emission()[i], back.parameters.emission()[i], 1e-12);
		SldsModel.Inferred again = back.infer("lin", y, org.latentj.hmm.Decoding.Mode.POSTERIOR, 30, 1e-8);
		double agree = Metrics.adjustedRandIndex(Arrays.copyOfRange(again.labels(), 2, frames), labels);
		assertTrue(agree > 0.95, "ARI between Apply Model's and the fit's labels " + agree);
		assertEquals(den[10 * 6 + 3], again.denoised()[10 * 6 + 3], 0.05);

		// a fractional PC count in the slds section is one sentence, not silently truncated to 6
		java.nio.file.Path file = dir.resolve("model.json");
		String json = java.nio.file.Files.readString(file), bad = json.replaceFirst("\"pcs\"\\s*:\\s*6(\\.0)?\\b", "\"pcs\": 6.5");
		org.junit.jupiter.api.Assertions.assertNotEquals(json, bad, "the slds section records pcs");
		java.nio.file.Files.writeString(file, bad);
		org.latentj.util.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(org.latentj.util.BadInputException.class,
				() -> SldsModel.read(file));
		assertTrue(e.getMessage().contains("slds.pcs must be a positive integer (got 6.5)"), e.getMessage());
	}

	/** Cosines of the principal angles between the column spaces of two obs x d matrices. */
	static double[] principalCosines(double[] a, double[] b, int obs, int d) {
		DMatrixRMaj qa = orthonormal(a, obs, d), qb = orthonormal(b, obs, d), m = new DMatrixRMaj(d, d);
		CommonOps_DDRM.multTransA(qa, qb, m);
		return SingularOps_DDRM.singularValues(m);
	}

	private static DMatrixRMaj orthonormal(double[] a, int obs, int d) {
		QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(obs, d);
		qr.decompose(DMatrixRMaj.wrap(obs, d, a.clone()));
		return qr.getQ(null, true);
	}
}
