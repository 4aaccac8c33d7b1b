package org.latentj.diffusion.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.latentj.diffusion.MsdAnalysis;
import org.latentj.diffusion.Trajectories;
import org.latentj.util.Progress;

class MsdStatusTest {

	@Test
	void theStatusTellsOverflowedTrajectoriesFromNeverMovingOnes() {
		Trajectories t = new Trajectories(Trajectories.Kind.POSITIONS, 3, new double[] { 1, 1, 1 }, new double[] { 1, 1, 1 },
				new double[] { 1, 2, 3, 0, 0, 0, 1e200, 2e200, 3e200 });
		assertEquals("; 1 never moved and has no TA fit (NaN in msd_trajectories.csv); 1 has an infinite or NaN MSD"
				+ " (values too large to square) and no TA fit (NaN in msd_trajectories.csv)",
				MsdAnalysisCommand.unfittedNote(MsdAnalysis.analyze(t, 3, 3, Progress.NONE)));
		Trajectories moving = new Trajectories(Trajectories.Kind.POSITIONS, 3, new double[] { 1 }, new double[] { 1 }, new double[] { 1, 2, 3 });
		assertEquals("", MsdAnalysisCommand.unfittedNote(MsdAnalysis.analyze(moving, 3, 3, Progress.NONE)));
	}
}
