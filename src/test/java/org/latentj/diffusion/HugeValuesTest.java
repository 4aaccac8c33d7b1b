package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/** Values whose squares overflow: refused at read, and by every later step that could meet them. */
class HugeValuesTest {

	@TempDir
	Path dir;

	@Test
	void theReaderRefusesValuesWhoseSquaresWouldOverflowNamingRowAndColumn() throws IOException {
		Path p = dir.resolve("huge.csv");
		Files.writeString(p, "alpha,D,dx1,dx2,dx3\n1,1,1,2,3\n1,1,1,1e200,3\n");
		BadInputException e = assertThrows(BadInputException.class, () -> TrajectoryCsv.read(p, null, Progress.NONE));
		assertEquals("The trajectory file " + p + ": row 3, column 'dx2' is 1e200; values beyond 1e100 in magnitude are refused,"
				+ " as their squares would overflow.", e.getMessage());
		// the streaming reader (MSD of large files) shares the check; the bound itself is accepted
		Files.writeString(p, "alpha,D,x1,x2\n1,1,-1e100,1e100\n1,1,1,-1.5e100\n");
		e = assertThrows(BadInputException.class, () -> TrajectoryCsv.stream(p, Trajectories.Kind.POSITIONS, (l, v, n, k) -> {
		}, Progress.NONE));
		assertTrue(e.getMessage().startsWith("The trajectory file " + p + ": row 3, column 'x2' is -1.5e100;"), e.getMessage());
	}

	@Test
	void theInputTransformRefusesANonFiniteStandardization() {
		Trajectories t = new Trajectories(Trajectories.Kind.DISPLACEMENTS, 3, new double[] { 1, 1 }, new double[] { 1, 1 },
				new double[] { 1, 2, 3, 1e200, 1e200, 1e200 });
		BadInputException e = assertThrows(BadInputException.class, () -> InputTransform.fit(t));
		assertEquals("The encoder input 1 of the trajectories has a non-finite mean; their values are too large to square"
				+ " (keep them below 1e100 in magnitude).", e.getMessage());
		// just below the bound every input is finite
		Trajectories ok = new Trajectories(Trajectories.Kind.DISPLACEMENTS, 3, new double[] { 1, 1 }, new double[] { 1, 1 },
				new double[] { 1, 2, 3, 1e100, -1e100, 1e100 });
		for (double m : InputTransform.fit(ok).mean()) assertTrue(Double.isFinite(m));
	}

	@Test
	void encodingRefusesNonFiniteLatentsNamingTheFirstRow() {
		double[] one = { 1, 1 };
		Trajectories t = new Trajectories(Trajectories.Kind.DISPLACEMENTS, 2, one, one, new double[] { 1, 2, 3, 4 });
		TrajectoryCsv.Loaded read = new TrajectoryCsv.Loaded(t, new int[] { 2, 4 });
		Path data = Path.of("t.csv"), model = Path.of("m.json");
		EncodeTrajectories.requireFinite(new Latents(1, one, one, new double[] { 0.5, -1 }, new double[] { 0, 0 }), read, data, model);
		Latents bad = new Latents(1, one, one, new double[] { 0.5, -1 }, new double[] { 0, Double.NaN });
		BadInputException e = assertThrows(BadInputException.class, () -> EncodeTrajectories.requireFinite(bad, read, data, model));
		assertEquals("The trajectory in row 4 of t.csv encodes to a non-finite latent (logvar_0) under the model m.json;"
				+ " its values or the model's weights are too large. Nothing was written.", e.getMessage());
	}

	@Test
	void anOverflowedMsdIsToldApartFromANeverMovingTrajectory() {
		// positions: row 0 moves, row 1 never moves, row 2 overflows (1e200^2 = Inf)
		Trajectories t = new Trajectories(Trajectories.Kind.POSITIONS, 3, new double[] { 1, 1, 1 }, new double[] { 1, 1, 1 },
				new double[] { 1, 2, 3, 0, 0, 0, 1e200, 2e200, 3e200 });
		MsdAnalysis.Result r = MsdAnalysis.analyze(t, 3, 3, Progress.NONE);
		assertTrue(r.taFit[0].fitted());
		assertFalse(r.taFit[1].overflowed());
		assertTrue(r.taFit[2].overflowed());
		assertFalse(r.taFit[2].fitted());
		assertEquals(1, r.unfittedTrajectories());
		assertEquals(1, r.overflowedTrajectories());
		// an infinite lag is not silently left out of a fit
		assertTrue(PowerLawFit.ordinary(new double[] { 1, 2, Double.POSITIVE_INFINITY }, 0, 3).overflowed());
		assertTrue(PowerLawFit.ensemble(new double[] { 1, Double.NaN, 4 }, 0, 3).overflowed());
	}
}
