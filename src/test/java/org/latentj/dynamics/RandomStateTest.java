package org.latentj.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;

/** Restart r of seed s draws as hmmlearn's random_state = s x restarts + r (seed 0: the notebook's 0..restarts-1). */
class RandomStateTest {

	@Test
	void seedZeroIsTheNotebooksLoopAndSeedsTakeDisjointBlocks() {
		for (int r = 0; r < 10; r++) assertEquals(r, TrainingPhases.randomState(0, 10, r));
		assertEquals(13, TrainingPhases.randomState(1, 10, 3));
		assertEquals(4294967289L, TrainingPhases.randomState(429496728, 10, 9)); // the last block below numpy's largest seed, 2^32 - 1
		assertEquals(4294967295L, TrainingPhases.randomState(4294967295L, 1, 0));
	}

	@Test
	void seedsNumpyCannotTakeAreRefused() {
		assertThrows(BadInputException.class, () -> TrainingPhases.randomState(-1, 10, 0));
		assertThrows(BadInputException.class, () -> TrainingPhases.randomState(429496729, 10, 0));
		assertThrows(BadInputException.class, () -> TrainingPhases.randomState(Long.MAX_VALUE / 3, 10, 0));
		assertEquals("seed must be between 0 and 429496728 for restarts = 10 (numpy's seeds end at 2^32 - 1); got 429496729.",
				assertThrows(BadInputException.class, () -> TrainingPhases.randomState(429496729, 10, 0)).getMessage());
		assertThrows(IllegalArgumentException.class, () -> TrainingPhases.randomState(0, 10, 10)); // a restart outside the block
	}
}
