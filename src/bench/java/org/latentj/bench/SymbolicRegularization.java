package org.latentj.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.latentj.diffusion.BetaSchedule;
import org.latentj.diffusion.LatentAnalysis;
import org.latentj.diffusion.LatentEncoder;
import org.latentj.diffusion.Latents;
import org.latentj.diffusion.NeuronVerdicts;
import org.latentj.diffusion.SbmGrid;
import org.latentj.diffusion.SbmSimulator;
import org.latentj.diffusion.SymbolicRegularizer;
import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.VaeTrainer;
import org.latentj.symbolic.Critic;
import org.latentj.symbolic.CriticFile;
import org.latentj.symbolic.CriticTrainer;
import org.latentj.symbolic.FunctionLibrary;
import org.latentj.symbolic.MlpGenerator;
import org.latentj.util.Progress;

/**
 * Issue 11's measurement of Train Latent Model's symbolic penalty on the SBM grid: one critic of the {@code diffusion}
 * library on the grid's alphas, then the same VAE training (same seed) at each weight; per run the penalty of the
 * trained model, and for each informative neuron its best expression's R^2, the plane R^2 and the critic's verdict
 * along alpha. Keys (key=value): d_steps, n (per cell), length, epochs, batch, latents, weights (comma list),
 * stricter (added to the critic's threshold), seed. See docs/symbolic.md.
 */
public final class SymbolicRegularization {

	public static void main(String[] args) {
		Map<String, String> k = new HashMap<>();
		for (String a : args) k.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
		System.out.println(Machine.describe());
		int dSteps = Integer.parseInt(k.getOrDefault("d_steps", "5")), n = Integer.parseInt(k.getOrDefault("n", "40"));
		int length = Integer.parseInt(k.getOrDefault("length", "200")), epochs = Integer.parseInt(k.getOrDefault("epochs", "40"));
		int batch = Integer.parseInt(k.getOrDefault("batch", "64")), latents = Integer.parseInt(k.getOrDefault("latents", "4"));
		long seed = Long.parseLong(k.getOrDefault("seed", "1"));
		double stricter = Double.parseDouble(k.getOrDefault("stricter", "0"));
		SbmGrid grid = SbmGrid.of(0.2, 1.8, 21, 1e-5, 1e-2, dSteps);
		Trajectories data = SbmSimulator.simulate(grid, n, length, seed, Trajectories.Kind.DISPLACEMENTS, Progress.NONE);
		long t0 = System.nanoTime();
		CriticTrainer.Result cr = CriticTrainer.train(new CriticTrainer.Settings(FunctionLibrary.load("diffusion"), 0.2, 1.8, 21,
				MlpGenerator.seed(), CriticTrainer.Extensions.GRADIENT, true, 2, 16, 2, 128, Critic.Loss.LOGISTIC, 0, 1e-3, 1e-7, 1, 64,
				Integer.parseInt(k.getOrDefault("critic_epochs", "500")), 500, seed), Progress.NONE);
		CriticFile.Loaded critic = new CriticFile.Loaded(cr.critic(), 0.2, 1.8, CriticTrainer.Extensions.GRADIENT, cr.threshold() + stricter,
				"diffusion", "critic");
		System.out.printf(Locale.ROOT, "data: 21 alphas x %d D, %d per cell, T=%d (%d trajectories); critic held-out accuracy %.3f, %.0f s%n", dSteps,
				n, length, data.count(), cr.calibratedAccuracy(), (System.nanoTime() - t0) * 1e-9);
		VaeTrainer.Settings vs = new VaeTrainer.Settings(latents, epochs, batch, 1e-3, BetaSchedule.parse(BetaSchedule.SPIVAE), seed, 0.2);
		for (String w : k.getOrDefault("weights", "0,1,10").split(",")) {
			t0 = System.nanoTime();
			VaeTrainer.Result r = VaeTrainer.train(data, vs, new SymbolicRegularizer.Settings(critic, Double.parseDouble(w)), Progress.NONE);
			Latents l = LatentEncoder.encode(r.model(), data.displacements(), Progress.NONE);
			LatentAnalysis.Result a = LatentAnalysis.analyze(l, length);
			NeuronVerdicts v = NeuronVerdicts.judge(l, critic);
			StringBuilder neurons = new StringBuilder();
			for (int j = 0; j < latents; j++)
				if (a.informative[j]) neurons.append(String.format(Locale.ROOT, " | mu_%d %s R2 %.4f plane %.4f score %.2f %s", j,
						LatentAnalysis.EXPRESSIONS.get(a.best(j)).name(), a.fits[a.best(j)][j].r2(), a.planeR2[j], v.scores()[0][j] - critic.threshold(),
						v.symbolic()[0][j] ? "symbolic" : "non-symbolic"));
			System.out.printf(Locale.ROOT, "weight %s: penalty %.4g, nll %.4f, %d informative%s (%.0f s)%n", w,
					r.symbolic().penalty(r.model(), null), r.history().last().trainNll(), a.informativeCount(), neurons, (System.nanoTime() - t0) * 1e-9);
		}
	}
}
