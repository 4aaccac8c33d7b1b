package org.latentj.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentj.dynamics.ui.FitTrainingPhasesCommand;
import org.latentj.testing.SharedData;

/**
 * Issue 9's goal on the six shared parity runs with the one option measured to meet all of it,
 * {@code covariance=diag max_states=6} (the other keys at their defaults): BIC chooses K = 6, epochs 0-10
 * are never in the last epoch's phase, and in both runs that generalize a phase change falls within 10
 * epochs of the val_acc jump (seed 0 at 59, seed 1 at 169). It holds for restart seeds 0, 1 and 2
 * (DynamicsJumpBench), but for a plain reason (docs/dynamics.md, "The val_acc jumps"): diagonal
 * covariances cut every run at nearly the same epochs, a clock of training progress, and with six phases
 * its ticks (about 23, 65, 115, 165, 230) fall near both jumps; with 5, 7 or 8 phases they do not. The runs
 * that never generalize change near epoch 169 as well, so the phases mark time, not generalization.
 */
class TrainingPhasesDiagSharedTest {

	static TrainingPhases.Result result;

	@BeforeAll
	static void fit() {
		Path runs = SharedData.require("data/training-runs");
		FitTrainingPhasesCommand c = new FitTrainingPhasesCommand();
		c.runs = runs.toFile();
		c.covariance = "diag";
		c.max_states = 6;
		c.run();
		result = c.result;
		TrainingPhasesSharedTest.printPhaseChanges(result);
	}

	@Test
	void bicChoosesSixPhases() { // BIC falls all the way to max_states here, so this checks the cap, not a choice below it
		assertEquals(6, result.chosen(), "K should be max_states = 6: " + result.rule());
		assertEquals(6, result.trainRuns().size(), "runs held out: " + result.testRuns());
	}

	@Test
	void plateauDiffersFromTheEnd() {
		TrainingPhasesSharedTest.assertPlateauDiffersFromTheEnd(result);
	}

	@Test
	void changeNearBothGeneralizationJumps() {
		int generalizing = 0;
		for (int r = 0; r < result.runs().runs.size(); r++) {
			TrainingRun run = result.runs().runs.get(r);
			double jump = TrainingPhasesSharedTest.valAccJump(run);
			if (Double.isNaN(jump)) continue;
			generalizing++;
			int[] path = result.labels().paths().get(r);
			double nearest = Double.NaN;
			for (int t = 1; t < path.length; t++)
				if (path[t] != path[t - 1] && !(Math.abs(run.epochs[t] - jump) >= Math.abs(nearest - jump))) nearest = run.epochs[t];
			assertTrue(Math.abs(nearest - jump) <= 10,
					run.name + ": val_acc passes 0.9 at epoch " + jump + ", the nearest phase change is at " + nearest);
		}
		assertEquals(2, generalizing, "runs whose val_acc passes 0.9");
	}
}
