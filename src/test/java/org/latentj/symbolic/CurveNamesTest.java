package org.latentj.symbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.BadInputException;

/** Score Curves writes one row per curve name, so a curves CSV must not repeat a name. */
class CurveNamesTest {

	@TempDir
	Path dir;

	@Test
	void aRepeatedCurveNameIsRefusedWithItsColumn() throws IOException {
		Critic net = new Critic(7, 1, true, new int[0], new int[] { 4 }, new Random(2));
		CriticFile.Loaded critic = new CriticFile.Loaded(net, -1, 1, CriticTrainer.Extensions.NONE, 0, "test", "c.json");
		StringBuilder ok = new StringBuilder("x,a,b\n"), twice = new StringBuilder("x,a,a\n");
		for (double x : critic.grid()) {
			ok.append(x).append(',').append(x).append(',').append(x * x).append('\n');
			twice.append(x).append(',').append(x).append(',').append(x * x).append('\n');
		}
		Path good = dir.resolve("good.csv"), bad = dir.resolve("bad.csv");
		Files.writeString(good, ok);
		Files.writeString(bad, twice);
		assertArrayEquals(new String[] { "a", "b" }, CurveScoring.score(critic, good).names());
		BadInputException e = assertThrows(BadInputException.class, () -> CurveScoring.score(critic, bad));
		assertEquals("The curves file " + bad + ": column 3 repeats the name 'a'.", e.getMessage());
	}
}
