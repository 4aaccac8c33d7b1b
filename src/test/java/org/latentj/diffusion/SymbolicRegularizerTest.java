package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.symbolic.Critic;
import org.latentj.symbolic.CriticFile;
import org.latentj.symbolic.CriticTrainer;
import org.latentj.symbolic.FunctionLibrary;
import org.latentj.symbolic.MlpGenerator;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * Train Latent Model's symbolic penalty (issue 11): its gradient against finite differences, weight 0 leaves training
 * bit for bit as without it, and a positive weight lowers the penalty of the trained model on a fixed seed.
 */
class SymbolicRegularizerTest {

	/** 9 alphas in 0.2..1.8 (3 D), 24 trajectories per cell of 50 steps. */
	private static final Trajectories DATA = SbmSimulator.simulate(SbmGrid.of(0.2, 1.8, 9, 1e-4, 1e-2, 3), 24, 50, 7,
			Trajectories.Kind.DISPLACEMENTS, Progress.NONE);

	/** How far above the trained critic's threshold the strict one sits (its scores of these curves run 40 to 60 above). */
	private static final double STRICTER = 40;

	private static VaeTrainer.Settings settings() {
		return new VaeTrainer.Settings(3, 15, 64, 3e-3, BetaSchedule.parse("0, 5e-3"), 11, 0.2);
	}

	/** A critic of the diffusion library on the 9 alphas, briefly trained (seeded). */
	private static CriticFile.Loaded trainedCritic() {
		CriticTrainer.Settings s = new CriticTrainer.Settings(FunctionLibrary.load("diffusion"), 0.2, 1.8, 9, MlpGenerator.seed(),
				CriticTrainer.Extensions.GRADIENT, true, 1, 8, 2, 32, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 32, 150, 100, 4);
		CriticTrainer.Result r = CriticTrainer.train(s, Progress.NONE);
		return new CriticFile.Loaded(r.critic(), 0.2, 1.8, CriticTrainer.Extensions.GRADIENT, r.threshold(), "diffusion", "critic.json");
	}

	@Test
	void gradientMatchesFiniteDifferences() {
		Critic net = new Critic(7, 2, true, new int[] { 5, 4 }, new int[] { 7, 5 }, new Random(2));
		net.setScales(new double[] { 0.5, 2 });
		// a 7-point grid read from 9 alphas: the curves are resampled
		CriticFile.Loaded critic = new CriticFile.Loaded(net, 0.2, 1.8, CriticTrainer.Extensions.GRADIENT, 0.3, "test", "test");
		Trajectories dx = DATA.displacements();
		LatentVae vae = LatentVae.initialize(dx, 3, 5);
		double[][] p = vae.blocks();
		// make the neurons informative (the fresh model's are not): larger means, confident variances
		int last = vae.input().size() + 1 + LatentVae.ENCODER_HIDDEN[0] + 1;
		for (int r = last; r < last + LatentVae.ENCODER_HIDDEN[1]; r++)
			for (int j = 0; j < 3; j++) p[r][j] *= 30;
		for (int j = 0; j < 3; j++) p[last + LatentVae.ENCODER_HIDDEN[1]][3 + j] = -6;
		double weight = 0.7;
		SymbolicRegularizer reg = SymbolicRegularizer.of(new SymbolicRegularizer.Settings(critic, weight), vae, dx, 9);
		assertEquals(LatentCurves.Along.ALPHA, reg.along());
		LatentVae.Gradient gradient = vae.newGradient();
		double at = reg.penalty(vae, gradient);
		double[][] g = gradient.rows();
		assertTrue(at > 0.05, "penalty " + at);
		assertEquals(at, reg.penalty(vae, null), 0);
		double h = 1e-6;
		int checked = 0, nonzero = 0;
		for (int r = 0; r < p.length; r += 7)
			for (int i = 0; i < p[r].length; i += 13) {
				double keep = p[r][i];
				p[r][i] = keep + h;
				double up = reg.penalty(vae, null);
				p[r][i] = keep - h;
				double down = reg.penalty(vae, null);
				p[r][i] = keep;
				double fd = weight * (up - down) / (2 * h);
				assertEquals(fd, g[r][i], 1e-6 * Math.max(1e-2, Math.abs(fd)), "block " + r + " entry " + i);
				checked++;
				if (g[r][i] != 0) nonzero++;
			}
		assertTrue(checked > 100 && nonzero > 30, checked + " checked, " + nonzero + " nonzero");
		// the same probe on another model (5 latents, fresh: none informative, so no penalty), then this one again
		assertEquals(0, reg.penalty(LatentVae.initialize(dx, 5, 6), null), 0);
		assertEquals(at, reg.penalty(vae, null), 0);
	}

	@Test
	void weightZeroIsPlainTrainingAndAWeightLowersThePenalty() {
		CriticFile.Loaded trained = trainedCritic();
		// the trained critic finds these neurons' curves (log alpha and alpha terms) symbolic by a wide margin, which
		// leaves the penalty ~1e-19 and nothing to lower; a stricter threshold makes them non-symbolic to it
		CriticFile.Loaded critic = new CriticFile.Loaded(trained.critic(), 0.2, 1.8, trained.extensions(), trained.threshold() + STRICTER, "diffusion",
				"strict.json");
		VaeTrainer.Result plain = VaeTrainer.train(DATA, settings(), Progress.NONE);
		VaeTrainer.Result zero = VaeTrainer.train(DATA, settings(), new SymbolicRegularizer.Settings(critic, 0), Progress.NONE);
		assertArrayEquals(plain.model().flatParameters(), zero.model().flatParameters(), 0);
		VaeTrainer.Result weighted = VaeTrainer.train(DATA, settings(), new SymbolicRegularizer.Settings(critic, 5), Progress.NONE);
		double before = zero.symbolic().penalty(plain.model(), null), after = zero.symbolic().penalty(weighted.model(), null);
		assertTrue(before > 0.01 && after < 1e-3 * before, "weight 0: " + before + ", weight 5: " + after);
		assertEquals(15, weighted.symbolicPenalty().length);
	}

	/** Train Latent Model from macro options with symbolic= and symbolic_weight=: the model file records the penalty. */
	@Test
	void commandKeysReachTheModelFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		CriticTrainer.Settings s = new CriticTrainer.Settings(FunctionLibrary.load("diffusion"), 0.2, 1.8, 9, MlpGenerator.seed(),
				CriticTrainer.Extensions.GRADIENT, true, 1, 8, 2, 32, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 16, 10, 20, 4);
		java.nio.file.Path critic = dir.resolve("critic.json"), data = dir.resolve("sbm.csv"), model = dir.resolve("model.json");
		CriticFile.write(critic, CriticTrainer.train(s, Progress.NONE));
		TrajectoryCsv.write(data, DATA, Progress.NONE);
		org.latentj.ij1.CommandRunner.run(org.latentj.ij1.CommandSpec.of(org.latentj.diffusion.ui.TrainLatentModelCommand.class),
				java.util.Map.of("data", data.toString(), "latents", "3", "epochs", "3", "batch", "64", "output", model.toString(), "symbolic",
						critic.toString(), "symbolic_weight", "0.25"));
		com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(model)).getAsJsonObject()
				.getAsJsonObject("symbolic");
		assertEquals(critic.toString(), o.get("critic").getAsString());
		assertEquals(0.25, o.get("weight").getAsDouble(), 0);
		assertEquals("alpha", o.get("along").getAsString());
		assertEquals(3, o.getAsJsonArray("penalty_per_epoch").size());
		assertTrue(LatentModelFile.read(model).model().latents() == 3); // the file still reads as a model
		// the critic is an input: a model file written over it is refused before any work, the critic kept
		byte[] before = java.nio.file.Files.readAllBytes(critic);
		BadInputException e = assertThrows(BadInputException.class, () -> org.latentj.ij1.CommandRunner.run(
				org.latentj.ij1.CommandSpec.of(org.latentj.diffusion.ui.TrainLatentModelCommand.class),
				java.util.Map.of("data", data.toString(), "epochs", "1", "output", critic.toString(), "symbolic", critic.toString())));
		assertTrue(e.getMessage().contains(critic.toString()), e.getMessage());
		assertArrayEquals(before, java.nio.file.Files.readAllBytes(critic));
	}

	@Test
	void aCriticNoAxisCoversIsRefused() {
		Critic net = new Critic(7, 1, true, new int[0], new int[] { 4 }, new Random(2));
		CriticFile.Loaded critic = new CriticFile.Loaded(net, 0.1, 1.8, CriticTrainer.Extensions.NONE, 0, "test", "wide.json");
		BadInputException e = assertThrows(BadInputException.class,
				() -> VaeTrainer.train(DATA, settings(), new SymbolicRegularizer.Settings(critic, 1), Progress.NONE));
		assertTrue(e.getMessage().startsWith("The critic wide.json reads x = 0.1..1.8, which neither the training data's alpha values (0.2..1.8)"),
				e.getMessage());
		e = assertThrows(BadInputException.class, () -> new SymbolicRegularizer.Settings(critic, -1));
		assertEquals("The key 'symbolic_weight' is -1.0; it must be a finite number >= 0.", e.getMessage());
	}
}
