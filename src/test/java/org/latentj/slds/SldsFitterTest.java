package org.latentj.slds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.Metrics;
import org.latentj.hmm.ModelFile;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.Standardization;
import org.latentj.io.CsvTable;
import org.latentj.util.Progress;

/** Fit SLDS end to end on a small synthetic session with dropped frames: it denoises, labels, and writes Fit HMM's files. */
class SldsFitterTest {

	@Test
	void fitsDenoisesAndWritesFilesTheViewsRead(@TempDir Path dir) throws Exception {
		SldsParameters truth = SldsTestModels.random(2, 2, 2, 41, false);
		for (int s = 0; s < 2; s++) // well separated states: opposite drifts
			truth.weights[s][2 * 5 - 1] = truth.weights[s][4] = s == 0 ? 0.6 : -0.6;
		truth = new SldsParameters(truth.weights, truth.covs, truth.noise, 1, truth.transitions, truth.initial, 2);
		int frames = 1200;
		int[] z = new int[frames];
		double[] x = new double[frames * 2];
		int[] dropped = { 300, 301, 302, 303, 304, 700 };
		double[] y = SldsTestModels.sample(truth, frames, 17, z, x, dropped);
		SessionData session = SessionData.withDroppedFrames("syn", y, 2, null);
		SldsSettings settings = new SldsSettings(2, 2, 2, SldsSettings.Emissions.IDENTITY, 0, false, 0.9, 0, 1, 15, 30,
				1e-7, 1, 0, 0.8, Standardization.Kind.NONE);
		SldsResult r = SldsFitter.fit(List.of(session), settings, Progress.NONE);

		List<Double> h = r.trainHistory();
		for (int i = 1; i < h.size(); i++) assertTrue(h.get(i) >= h.get(i - 1) - 1e-9 * Math.abs(h.get(i - 1)), "EM ELBO " + h);
		SldsResult.Session out = r.sessions().get(0);
		double noisy = 0, smoothed = 0;
		int n = 0;
		for (int t = 0; t < frames; t++) {
			if (Double.isNaN(y[t * 2])) {
				assertTrue(Double.isNaN(out.denoised()[t * 2]), "a dropped frame has no denoised row");
				assertTrue(out.labels()[t] >= 0, "the SLDS labels through gaps");
				continue;
			}
			for (int i = 0; i < 2; i++) {
				noisy += Math.pow(y[t * 2 + i] - x[t * 2 + i], 2);
				smoothed += Math.pow(out.denoised()[t * 2 + i] - x[t * 2 + i], 2);
			}
			n++;
		}
		assertTrue(smoothed < 0.7 * noisy, "smoothed squared error " + smoothed / n + " vs noisy " + noisy / n);
		int[] a = java.util.Arrays.copyOfRange(out.labels(), 2, frames), b = java.util.Arrays.copyOfRange(z, 2, frames);
		assertTrue(Metrics.adjustedRandIndex(a, b) > 0.8, "ARI " + Metrics.adjustedRandIndex(a, b));

		SldsFiles.write(dir, r, List.of(session), java.util.Map.of("states", 2));
		ModelFile.Data m = ModelFile.read(dir.resolve("model.json")); // what the syllable views read
		assertEquals(2, m.states);
		assertTrue(Files.readString(dir.resolve("model.json")).contains("\"type\": \"slds\""));
		CsvTable den = CsvTable.read(dir.resolve("denoised").resolve("syn.csv"));
		assertEquals(frames, den.rowCount());
		assertEquals(frames, org.latentj.hmm.LabelsFile.read(dir.resolve("labels").resolve("syn.csv")).size());
		assertNotNull(m.fitId); // labels and model belong together, as Fit HMM's do
		assertEquals(m.fitId, org.latentj.hmm.LabelsFile.read(dir.resolve("labels").resolve("syn.csv")).fitId);
	}

	/** Blocks of frames run on threads (expected log dynamics, M-step moments): a fit is the same bits with 1 and 3 threads. */
	@Test
	void threadsDoNotChangeTheFit() {
		SldsParameters truth = SldsTestModels.random(3, 2, 2, 43, false);
		int frames = 2 * SldsFitter.MOMENT_BLOCK + 700; // several blocks of either kind, the last ones short
		double[] y = SldsTestModels.sample(truth, frames, 19, new int[frames], new double[frames * 2], new int[] { 900, 901, 902 });
		SessionData session = SessionData.withDroppedFrames("syn", y, 2, null);
		SldsSettings settings = new SldsSettings(3, 2, 2, SldsSettings.Emissions.IDENTITY, 0, false, 0.9, 0, 1, 4, 30,
				1e-7, 1, 0, 0.8, Standardization.Kind.NONE);
		String saved = System.getProperty("latentj.threads");
		SldsResult one, three;
		try {
			System.setProperty("latentj.threads", "1");
			one = SldsFitter.fit(List.of(session), settings, Progress.NONE);
			System.setProperty("latentj.threads", "3");
			three = SldsFitter.fit(List.of(session), settings, Progress.NONE);
		} finally {
			if (saved == null) System.clearProperty("latentj.threads");
			else System.setProperty("latentj.threads", saved);
		}
		assertEquals(4, one.trainHistory().size(), "four EM iterations: three M-steps compared");
		assertEquals(one.trainHistory(), three.trainHistory());
		assertEquals(one.testHistory(), three.testHistory());
		org.junit.jupiter.api.Assertions.assertArrayEquals(one.sessions().get(0).labels(), three.sessions().get(0).labels());
		org.junit.jupiter.api.Assertions.assertArrayEquals(one.sessions().get(0).denoised(), three.sessions().get(0).denoised());
		for (int s = 0; s < 3; s++)
			org.junit.jupiter.api.Assertions.assertArrayEquals(one.model().weights[s], three.model().weights[s]);
	}
}
