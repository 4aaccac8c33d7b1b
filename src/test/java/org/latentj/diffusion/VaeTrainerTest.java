package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;
import org.latentj.util.CancelledException;
import org.latentj.util.Progress;

class VaeTrainerTest {

	private static final Trajectories DATA = SbmSimulator.simulate(SbmGrid.of(0.3, 1.7, 4, 1e-4, 1e-2, 3), 12, 50, 3,
			Trajectories.Kind.DISPLACEMENTS, Progress.NONE);

	private static VaeTrainer.Settings settings(int epochs) {
		return new VaeTrainer.Settings(4, epochs, 40, 3e-3, BetaSchedule.parse("0, 5e-3"), 11, 0.25);
	}

	@Test
	void bitIdenticalWhateverTheThreadCount() {
		String saved = System.getProperty("latentj.threads");
		try {
			System.setProperty("latentj.threads", "1");
			VaeTrainer.Result one = VaeTrainer.train(DATA, settings(3), Progress.NONE);
			System.setProperty("latentj.threads", "4");
			VaeTrainer.Result four = VaeTrainer.train(DATA, settings(3), Progress.NONE);
			assertArrayEquals(one.model().flatParameters(), four.model().flatParameters(), 0);
			assertEquals(one.history().last().validLoss(), four.history().last().validLoss(), 0);
		} finally {
			if (saved == null) System.clearProperty("latentj.threads");
			else System.setProperty("latentj.threads", saved);
		}
	}

	@Test
	void learnsAndReportsItsProgress() {
		StringBuilder messages = new StringBuilder();
		double[] last = { 0 };
		VaeTrainer.Result r = VaeTrainer.train(DATA, settings(12), (fraction, message) -> {
			assertTrue(fraction >= last[0] - 1e-12 && fraction <= 1 + 1e-12);
			last[0] = fraction;
			if (message != null && messages.length() < 200) messages.append(message).append('\n');
		});
		assertEquals(1, last[0], 1e-12);
		assertTrue(messages.toString().contains("epoch 1/12, loss "), messages.toString());
		assertEquals(108, r.trainCount());
		assertEquals(36, r.validationCount());
		TrainingHistory h = r.history();
		assertEquals(12, h.size());
		assertEquals(0, h.epochs().get(0).beta(), 0);
		assertEquals(5e-3, h.last().beta(), 0);
		// the likelihood improves a lot from the initial model (which predicts only the average variance)
		assertTrue(h.last().trainNll() < h.epochs().get(0).trainNll() - 0.2, h.epochs().get(0) + " -> " + h.last());
		assertTrue(h.last().validNll() < h.epochs().get(0).validNll(), h.last().toString());
		assertEquals(h.last().trainLoss(), h.last().trainNll() + 5e-3 * h.last().trainKl(), 1e-9);
	}

	@Test
	void cancellingStopsBetweenBatches() {
		int[] updates = { 0 };
		Progress cancelSoon = new Progress() {
			@Override
			public void update(double fraction, String message) {
				updates[0]++;
			}

			@Override
			public boolean isCancelled() {
				return updates[0] >= 3;
			}
		};
		assertThrows(CancelledException.class, () -> VaeTrainer.train(DATA, settings(50), cancelSoon));
		assertEquals(3, updates[0]);
	}

	@Test
	void aRunThatDivergesStopsAtOnce() {
		// SPIVAE's learning rate x 30 on this small set: the loss leaves the finite numbers in epoch 1
		int[] batches = { 0 };
		VaeTrainer.Settings s = new VaeTrainer.Settings(4, 20, 40, 0.03, BetaSchedule.parse("0"), 11, 0.25);
		String m = assertThrows(BadInputException.class, () -> VaeTrainer.train(DATA, s, (f, message) -> batches[0]++)).getMessage();
		assertTrue(m.matches("Training diverged at epoch \\d+ \\((loss (NaN|-?Infinity)|gradient not finite)\\); lower 'learning_rate' \\(now 0\\.03\\)\\."), m);
		assertTrue(batches[0] < 20 * 3, "stopped before the last epoch: " + batches[0] + " batches");
	}

	@Test
	void validationIsToldByTheCountNotByTheValues() {
		TrainingHistory with = new TrainingHistory(5), without = new TrainingHistory(0);
		with.add(new TrainingHistory.Epoch(1, 0, 1, 1, 0, Double.NaN, Double.NaN, Double.NaN));
		assertTrue(with.hasValidation());
		assertEquals(5, with.validationCount());
		assertTrue(!without.hasValidation());
		assertEquals(36, VaeTrainer.train(DATA, settings(1), Progress.NONE).history().validationCount());
	}

	@Test
	void settingsAreChecked() {
		assertThrows(IllegalArgumentException.class, () -> new VaeTrainer.Settings(0, 1, 1, 1e-3, BetaSchedule.parse("0"), 1, 0));
		assertThrows(IllegalArgumentException.class, () -> new VaeTrainer.Settings(2, 1, 1, 0, BetaSchedule.parse("0"), 1, 0));
		assertThrows(IllegalArgumentException.class, () -> new VaeTrainer.Settings(2, 1, 1, 1e-3, BetaSchedule.parse("0"), 1, 1));
	}
}
