package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.BadInputException;

/** Issue 14: Train Latent Model's automatic batch and epochs, by hand-computed cases. */
class TrainingLengthTest {

	@TempDir
	Path dir;

	@Test
	void batchIsAPowerOfTwoNearOneSixtyFourthOfTheTrainingSet() {
		assertEquals(32, TrainingLength.batch(1));
		assertEquals(32, TrainingLength.batch(1680)); // 2,100 trajectories, 20% held out: 1680 / 64 = 26
		assertEquals(32, TrainingLength.batch(4095));
		assertEquals(64, TrainingLength.batch(4096));
		assertEquals(64, TrainingLength.batch(4800)); // 6,000 trajectories: 4800 / 64 = 75
		assertEquals(128, TrainingLength.batch(16383));
		assertEquals(256, TrainingLength.batch(16384));
		assertEquals(256, TrainingLength.batch(67200)); // SPIVAE's grid with 400 per cell, T = 300
		assertEquals(256, TrainingLength.batch(Integer.MAX_VALUE));
	}

	@Test
	void epochsGiveSixThousandStepsAndNeverFewerThanFifty() {
		assertEquals(80, TrainingLength.epochs(4800, 64)); // 75 steps an epoch
		assertEquals(114, TrainingLength.epochs(1680, 32)); // 53 steps (the last batch short): 113.2 -> 114
		assertEquals(50, TrainingLength.epochs(67200, 256)); // 263 steps: 13,150 in 50 epochs, SPIVAE's count
		assertEquals(316, TrainingLength.epochs(4800, 256)); // 19 steps: the old batch needs 316 epochs
		assertEquals(6000, TrainingLength.epochs(1, 32));
	}

	@Test
	void explicitValuesAreHonoredAndAutoIsResolvedPerKey() throws IOException {
		Path data = Files.writeString(dir.resolve("t.csv"), "alpha,D,dx1,dx2\n1,1,0.5,-0.5\n");
		assertArrayEquals(new int[] { 64, 80 }, resolved(data, 0, 0, 6000));
		assertArrayEquals(new int[] { 256, 316 }, resolved(data, 0, 256, 6000));
		assertArrayEquals(new int[] { 64, 7 }, resolved(data, 7, 0, 6000));
		assertArrayEquals(new int[] { 100, 3 }, resolved(data, 3, 100, 6000));
		assertArrayEquals(new int[] { 256, 50 }, resolved(data, 0, 0, 84000));
		String m = assertThrows(BadInputException.class, () -> resolved(data, -1, 0, 10)).getMessage();
		assertTrue(m.startsWith("The key 'epochs' is -1"), m);
	}

	/** {batch, epochs} the trainer gets for count trajectories (20% held out). */
	private int[] resolved(Path data, int epochs, int batch, int count) {
		TrainLatentModel.Settings s = new TrainLatentModel.Settings(data, What.AUTO, 6, epochs, batch, 1e-3, TrainLatentModel.beta("0"), 0,
				0.2, dir.resolve("m.json"));
		VaeTrainer.Settings t = s.trainer(count);
		return new int[] { t.batch(), t.epochs() };
	}

	@Test
	void theWarningAsksForAtLeastTwiceTheStepsAtNoLargerThanTheAutomaticBatch() {
		assertArrayEquals(new int[] { 64, 80 }, TrainLatentModel.moreSteps(4800, 256, 950)); // the case
		assertArrayEquals(new int[] { 64, 160 }, TrainLatentModel.moreSteps(4800, 64, 6000)); // auto was not enough: double
		assertArrayEquals(new int[] { 32, 114 }, TrainLatentModel.moreSteps(1680, 32, 350));
		assertArrayEquals(new int[] { 256, 100 }, TrainLatentModel.moreSteps(67200, 256, 13150));
	}
}
