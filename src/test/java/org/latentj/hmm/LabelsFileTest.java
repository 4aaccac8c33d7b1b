package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.BadInputException;

class LabelsFileTest {

	@TempDir
	Path dir;

	@Test
	void roundTripAndLayout() throws Exception {
		LabelsFile.Labels l = new LabelsFile.Labels(new int[] { 0, 1, 2, 3 }, new double[] { 1234.5, 1234.5 + 1 / 30.0, 1234.6, Double.NaN },
				new int[] { -1, -1, 4, 0 }, new double[] { Double.NaN, Double.NaN, 0.25, 0.9999999999999 });
		Path p = dir.resolve("s.csv");
		LabelsFile.write(p, l);
		String text = Files.readString(p);
		assertTrue(text.startsWith("frame,time,label,probability\n0,1234.5,-1,NaN\n"), text);
		LabelsFile.Labels r = LabelsFile.read(p);
		assertArrayEquals(l.frames, r.frames);
		assertArrayEquals(l.labels, r.labels);
		assertArrayEquals(l.times, r.times, 0);
		assertArrayEquals(l.probabilities, r.probabilities, 0);
		assertEquals(5, r.states());
	}

	@Test
	void badRowsAreNamed() throws Exception {
		Path p = dir.resolve("bad.csv");
		Files.writeString(p, "frame,time,label,probability\n0,0.0,2,0.5\n1,0.1,2,1.5\n");
		BadInputException e = assertThrows(BadInputException.class, () -> LabelsFile.read(p));
		assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("probability"), e.getMessage());
	}

	@Test
	void loglikRoundTrip() throws Exception {
		Path p = dir.resolve("loglik.csv");
		LoglikFile.write(p, new double[] { -3.5, -3.25 }, new double[] { Double.NaN, -3.375 });
		assertEquals("iteration,train,test\n1,-3.5,NaN\n2,-3.25,-3.375\n", Files.readString(p));
		double[][] r = LoglikFile.read(p);
		assertArrayEquals(new double[] { -3.5, -3.25 }, r[0], 0);
		assertTrue(Double.isNaN(r[1][0]));
	}
}
