package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentj.util.Progress;

/**
 * The acceptance test for the latent pillar, on a reduced but honest configuration: SBM on
 * SPIVAE's full (alpha, D) grid with T = 400 and the default model and training settings (6 latents,
 * beta schedule 0 -> 1e-4 -> 1e-3 -> 5e-3, Adam at 1e-3, 20% validation), reduced to 60 trajectories
 * per cell (12,600 instead of 99,960), 40 epochs instead of 50, and batches of 64 instead of 256
 * so that the smaller set still gives ~6,000 Adam steps. The latents are analyzed on a fresh
 * simulation (another seed), as a user would. Exactly two neurons must be informative and each must
 * have a candidate expression with R^2 >= 0.9. (The full-grid result is in docs/bench-diffusion.md.)
 * About 15 s on a quiet 2-core machine.
 */
class SbmLatentRepresentationTest {

	@Test
	void twoInformativeNeuronsLinearInPhysicalExpressions() {
		int length = 400;
		Trajectories train = SbmSimulator.simulate(SbmGrid.SPIVAE, 60, length, 1, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		VaeTrainer.Settings settings = new VaeTrainer.Settings(6, 40, 64, 1e-3, BetaSchedule.parse(BetaSchedule.SPIVAE), 1, 0.2);
		VaeTrainer.Result r = VaeTrainer.train(train, settings, Progress.NONE);
		TrainingHistory.Epoch last = r.history().last();
		assertEquals(5e-3, last.beta(), 0);
		// validation close to training: the model generalizes rather than memorizes
		assertTrue(Math.abs(last.validLoss() - last.trainLoss()) < 0.05, last.toString());

		Trajectories test = SbmSimulator.simulate(SbmGrid.SPIVAE, 20, length, 99, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		Latents latents = LatentEncoder.encode(r.model(), test, Progress.NONE);
		LatentAnalysis.Result a = LatentAnalysis.analyze(latents, length);
		StringBuilder report = new StringBuilder();
		for (int j = 0; j < a.latents; j++) {
			int best = a.best(j);
			report.append(String.format("neuron %d: Var(mu) %.4f, mean log s2 %.3f, %s, best %s R2 %.4f (ceiling %.4f)%n", j, a.varMu[j],
					a.meanLogVar[j], a.informative[j] ? "informative" : "off", LatentAnalysis.EXPRESSIONS.get(best).name(),
					a.fits[best][j].r2(), a.cellCeiling[j]));
		}
		System.out.print(report);
		assertEquals(2, a.informativeCount(), report.toString());
		for (int j = 0; j < a.latents; j++) {
			if (!a.informative[j]) {
				assertTrue(a.varMu[j] < 0.1 && a.meanLogVar[j] > -0.5, "switched-off neuron " + j + "\n" + report);
				continue;
			}
			assertTrue(a.meanLogVar[j] < -1.5, "informative neuron " + j + " is sure of itself\n" + report);
			assertTrue(a.fits[a.best(j)][j].r2() >= 0.9, "neuron " + j + "\n" + report);
		}
	}
}
