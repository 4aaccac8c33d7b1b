package org.latentj.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentj.dynamics.ui.FitTrainingPhasesCommand;
import org.latentj.testing.SharedData;

/**
 * The six shared parity runs (memorization by epoch ~20; seeds 0 and 1 generalize, val_acc passing 0.9
 * at epochs 59 and 169), fitted with Fit Training Phases' defaults as a user runs them (K = 1..8 x 10
 * restarts, full covariance, no run held out). Seed 0 draws what hmmlearn's random_state 0..9 draws, so the sweep
 * is the seed notebook's loop with hmmlearn ({@code hmmlearn_sweep.py --phases 0}, 2026-12-07): the same training
 * log-likelihood at every K, K = 8 by BIC, the same phase changes. The chosen model separates the memorization
 * plateau from what follows in every run, and in seed 1 a phase change falls within 10 epochs of the val_acc jump
 * (161, jump 169); in seed 0 it does not (nearest change 31, jump 59), for hmmlearn as for LatentJ. The option that
 * meets the goal in both runs, diag covariance with six phases, is {@link TrainingPhasesDiagSharedTest}; it is a
 * clock (docs/dynamics.md, "The val_acc jumps").
 */
class TrainingPhasesSharedTest {

	static TrainingPhases.Result result;

	@BeforeAll
	static void fit() {
		Path runs = SharedData.require("data/training-runs");
		FitTrainingPhasesCommand c = new FitTrainingPhasesCommand(); // every key at its default but runs
		c.runs = runs.toFile();
		long t0 = System.nanoTime();
		c.run();
		result = c.result;
		System.out.printf("shared runs: K=%d (%s) in %.1f s%n", result.chosen(), result.rule(), (System.nanoTime() - t0) * 1e-9);
		for (SweepRow r : result.sweep()) System.out.println(r);
		printPhaseChanges(result);
	}

	/** Each run's phase changes (state@row) on the console, for reading a failure. */
	static void printPhaseChanges(TrainingPhases.Result result) {
		for (int r = 0; r < result.runs().runs.size(); r++) {
			StringBuilder b = new StringBuilder(result.runs().runs.get(r).name + ":");
			int[] path = result.labels().paths().get(r);
			for (int t = 0; t < path.length; t++)
				if (t == 0 || path[t] != path[t - 1]) b.append(" ").append(path[t]).append("@").append(t);
			System.out.println(b);
		}
	}

	/**
	 * The defaults train on every run and choose K by BIC over 1..8 (K = 8); each K's best training log-likelihood is
	 * hmmlearn's for random_state 0..9 ({@code hmmlearn_sweep.py ../shared/data/training-runs --phases 0}, printed to
	 * the nat; hmmlearn 0.3.3 e01a10e, sklearn 1.2.1, numpy 1.24.2, 2026-12-07).
	 */
	@Test
	void defaultsUseEveryRunAndBicAsHmmlearn() {
		assertEquals(6, result.trainRuns().size(), "runs held out by default: " + result.testRuns());
		assertEquals(8, result.sweep().size());
		assertEquals("K = 8: lowest BIC over K = 1..8", result.rule());
		double[] hmmlearn = { 25563, 48731, 66031, 69306, 69318, 69103, 78468, 80371 };
		for (int a = 0; a < hmmlearn.length; a++)
			assertEquals(hmmlearn[a], result.sweep().get(a).trainLl(), 0.5 + 1e-9, "training log-likelihood at K = " + (a + 1));
	}

	/**
	 * The fit decodes once and renumbers the paths with the states: they are the Viterbi paths of the
	 * renumbered model, and the states are in training order (mean position in the runs rising).
	 */
	@Test
	void renumberedPathsAreTheRenumberedModelsViterbi() {
		TrainingPhases.Labels again = TrainingPhases.label(result.model(), result.runs().data);
		for (int r = 0; r < result.runs().runs.size(); r++) {
			assertArrayEquals(again.paths().get(r), result.labels().paths().get(r), result.runs().runs.get(r).name);
			assertArrayEquals(again.probability().get(r), result.labels().probability().get(r), 0);
		}
		double[] pos = result.map().meanPosition;
		for (int k = 1; k < pos.length; k++)
			if (!Double.isNaN(pos[k])) assertTrue(pos[k] >= pos[k - 1], "mean position of state " + k);
	}

	@Test
	void plateauDiffersFromTheEnd() {
		assertPlateauDiffersFromTheEnd(result);
	}

	/** Issue 9's first goal: in every run, no epoch 0-10 is in the last epoch's state. */
	static void assertPlateauDiffersFromTheEnd(TrainingPhases.Result result) {
		for (int r = 0; r < result.runs().runs.size(); r++) {
			TrainingRun run = result.runs().runs.get(r);
			int[] path = result.labels().paths().get(r);
			int last = path[path.length - 1];
			for (int t = 0; t < run.frames() && run.epochs[t] <= 10; t++)
				assertNotEquals(last, path[t], run.name + ": epoch " + run.epochs[t] + " is in the last epoch's state " + last);
		}
	}

	/**
	 * The phase change nearest each generalization jump is hmmlearn's (seed 0: 31 for the jump at 59; seed 1: 161 for
	 * 169): within 10 epochs in seed 1, not in seed 0.
	 */
	@Test
	void changesNearTheGeneralizationJumpsAreHmmlearns() {
		assertEquals(31, nearestChange("parity_seed0", 59));
		assertEquals(161, nearestChange("parity_seed1", 169));
		int generalizing = 0;
		for (TrainingRun x : result.runs().runs)
			if (!Double.isNaN(valAccJump(x))) generalizing++;
		assertTrue(generalizing == 2, "expected two generalizing runs, found " + generalizing);
	}

	/** The epoch of the phase change nearest the run's val_acc jump (which must be at {@code jumpAt}). */
	private static double nearestChange(String name, double jumpAt) {
		int r = result.runs().runs.stream().map(x -> x.name).toList().indexOf(name);
		TrainingRun run = result.runs().runs.get(r);
		double jump = valAccJump(run);
		assertEquals(jumpAt, jump, 0, name + ": val_acc passes 0.9 at epoch " + jump);
		int[] path = result.labels().paths().get(r);
		double nearest = Double.NaN;
		for (int t = 1; t < path.length; t++)
			if (path[t] != path[t - 1] && !(Math.abs(run.epochs[t] - jump) >= Math.abs(nearest - jump))) nearest = run.epochs[t];
		return nearest;
	}

	/** The first epoch where val_acc exceeds 0.9 (NaN if never): the generalisation jump. */
	static double valAccJump(TrainingRun run) {
		double[] acc = run.scores.get("val_acc");
		for (int t = 0; t < acc.length; t++)
			if (acc[t] > 0.9) return run.epochs[t];
		return Double.NaN;
	}
}
