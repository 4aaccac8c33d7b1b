package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * MSD Analysis over a CSV streams (MsdStream); its results must be bit-identical to measuring the
 * file read whole (MsdAnalysis on TrajectoryCsv.read), which is what it replaced.
 */
class MsdStreamTest {

	@TempDir
	Path dir;

	private Path simulate(String name, int n, What what) {
		return SimulateSbm.run(new SimulateSbm.Settings(0.5, 1.5, 3, 1e-3, 1e-2, 2, n, 40, 7, what, dir.resolve(name)), Progress.NONE)
				.output();
	}

	@Test
	void streamingIsBitIdenticalToReadingWhole() throws Exception {
		Path pos = simulate("pos.csv", 30, What.POSITIONS), dx = simulate("dx.csv", 30, What.DISPLACEMENTS);
		// rows of the cells interleaved, so that a cell's sums are built across blocks of other cells
		Trajectories whole = TrajectoryCsv.read(dx, null, Progress.NONE);
		int[] perm = new int[whole.count()];
		for (int i = 0; i < perm.length; i++) perm[i] = (int) ((i * 37L) % perm.length);
		Path mixed = dir.resolve("mixed.csv");
		TrajectoryCsv.write(mixed, whole.rows(perm), Progress.NONE);
		for (Path file : List.of(pos, dx, mixed))
			for (What what : What.values()) {
				AnalyzeMsd.Settings s = new AnalyzeMsd.Settings(file, what, what == What.POSITIONS ? 25 : 0, 0, null);
				AnalyzeMsd.Result streamed = AnalyzeMsd.run(s, Progress.NONE, null);
				AnalyzeMsd.Result read = AnalyzeMsd.analyze(s, TrajectoryCsv.read(file, what.kind(), Progress.NONE), Progress.NONE, null);
				String where = file.getFileName() + " what=" + what;
				MsdAnalysis.Result a = streamed.analysis(), b = read.analysis();
				assertArrayEquals(b.eaMsd, a.eaMsd, where);
				assertArrayEquals(b.meanTaMsd, a.meanTaMsd, where);
				assertEquals(b.cells.count(), a.cells.count(), where);
				for (int c = 0; c < a.cells.count(); c++) {
					assertEquals(b.cells.alpha(c), a.cells.alpha(c), where);
					assertArrayEquals(b.cells.rows(c), a.cells.rows(c), where);
				}
				assertArrayEquals(MsdTables.cellRows(b), MsdTables.cellRows(a), where);
				assertArrayEquals(MsdTables.trajectoryRows(b, read.trajectories().alphas(), read.trajectories().ds()),
						MsdTables.trajectoryRows(a, streamed.trajectories().alphas(), streamed.trajectories().ds()), where);
				assertEquals(read.warnings(), streamed.warnings(), where);
				assertEquals(read.trajectories().kind(), streamed.trajectories().kind(), where);
				assertEquals(read.trajectories().count(), streamed.trajectories().count(), where);
			}
	}

	@Test
	void aFileThatCannotTellIsRefusedAsBefore() throws Exception {
		Path f = dir.resolve("flat.csv");
		java.nio.file.Files.writeString(f, "alpha,D,x1,x2,x3\n1,1,1,1,0\n1,1,0,0,0\n1,1,2,2,0\n");
		String streamed = assertThrows(BadInputException.class,
				() -> AnalyzeMsd.run(new AnalyzeMsd.Settings(f, What.AUTO, 0, 0, null), Progress.NONE, null)).getMessage();
		String read = assertThrows(BadInputException.class, () -> TrajectoryCsv.read(f, null, Progress.NONE)).getMessage();
		assertEquals(read, streamed);
	}
}
