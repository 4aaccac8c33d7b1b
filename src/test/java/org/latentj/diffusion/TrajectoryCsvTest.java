package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.diffusion.SbmGrid;
import org.latentj.diffusion.SbmSimulator;
import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.Trajectories.Kind;
import org.latentj.util.BadInputException;
import org.latentj.util.CancelledException;
import org.latentj.util.Progress;

class TrajectoryCsvTest {

	@TempDir
	Path dir;

	@Test
	void roundTripIsExactForBothKinds() throws IOException {
		for (Kind kind : Kind.values()) {
			// long enough for the values to tell the kind (positions of ~30 steps or fewer must be declared)
			Trajectories t = SbmSimulator.simulate(SbmGrid.of(0.2, 1.8, 3, 1e-5, 1e-2, 3), 5, 100, 3, kind, Progress.NONE);
			Path p = dir.resolve(kind.word + ".csv");
			TrajectoryCsv.write(p, t, Progress.NONE);
			String header = Files.readAllLines(p).get(0);
			// SPIVAE's layout whatever the kind; reading tells the kind from the values
			assertTrue(header.startsWith("alpha,D,x1,x2,"), header);
			assertTrue(header.endsWith(",x100"), header);
			Trajectories back = TrajectoryCsv.read(p, null, Progress.NONE);
			assertEquals(kind, back.kind());
			assertEquals(kind == Kind.POSITIONS ? Kind.DISPLACEMENTS : Kind.POSITIONS,
					TrajectoryCsv.read(p, kind == Kind.POSITIONS ? Kind.DISPLACEMENTS : Kind.POSITIONS, Progress.NONE).kind(),
					"'what' overrides the guess");
			assertEquals(100, back.length());
			assertArrayEquals(t.values(), back.values(), 0);
			assertArrayEquals(t.alphas(), back.alphas(), 0);
			assertArrayEquals(t.ds(), back.ds(), 0);
		}
	}

	@Test
	void manyBlocksAndThreadsKeepRowOrder() throws IOException {
		// more rows than one parse task and one write batch
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(0.2, 1.8, 9, 1e-5, 1e-2, 5), 30, 20, 5, Kind.DISPLACEMENTS, Progress.NONE);
		Path p = dir.resolve("many.csv");
		TrajectoryCsv.write(p, t, Progress.NONE);
		Trajectories back = TrajectoryCsv.read(p, null, Progress.NONE);
		assertArrayEquals(t.values(), back.values(), 0);
		assertArrayEquals(t.alphas(), back.alphas(), 0);
	}

	private Path file(String name, String text) throws IOException {
		Path p = dir.resolve(name);
		Files.writeString(p, text, StandardCharsets.UTF_8);
		return p;
	}

	private String error(String text) throws IOException {
		Path p = file("bad.csv", text);
		return assertThrows(BadInputException.class, () -> TrajectoryCsv.read(p, null, Progress.NONE)).getMessage();
	}

	@Test
	void otherToolsLayoutsAndSpellings() throws IOException {
		Path p = file("other.csv", "\uFEFFalpha,D,\"x1\",x2,x3\r\n0.5, 1e-3 ,1,2,3\r\n\r\n1.5,2e-3,-1,-2,-3.5e0\r\n");
		Trajectories t = TrajectoryCsv.read(p, null, Progress.NONE);
		assertEquals(Kind.POSITIONS, t.kind());
		assertEquals(2, t.count());
		assertArrayEquals(new double[] { 1, 2, 3, -1, -2, -3.5 }, t.values(), 0);
		// columns named otherwise: say what they are
		Path q = file("named.csv", "alpha,D,a,b\n1,1,0.1,0.2\n");
		assertTrue(assertThrows(BadInputException.class, () -> TrajectoryCsv.read(q, null, Progress.NONE)).getMessage().contains("'what'"));
		assertEquals(Kind.DISPLACEMENTS, TrajectoryCsv.read(q, Kind.DISPLACEMENTS, Progress.NONE).kind());
	}

	@Test
	void valuesThatCannotTellAreRefusedUnlessWhatIsGiven() throws IOException {
		// positions of 3 steps at alpha 1.8 look half like positions, half like displacements (0.44)
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(1.8, 1.8, 1, 1e-3, 1e-3, 1), 2000, 3, 3, Kind.POSITIONS, Progress.NONE);
		Path p = dir.resolve("short.csv");
		TrajectoryCsv.write(p, t, Progress.NONE);
		String m = assertThrows(BadInputException.class, () -> TrajectoryCsv.read(p, null, Progress.NONE)).getMessage();
		assertTrue(m.matches("The trajectory file .*short\\.csv: cannot tell displacements from positions \\(lag-1 autocorrelation 0\\.4\\d\\); set 'what'\\."),
				m);
		assertArrayEquals(t.values(), TrajectoryCsv.read(p, Kind.POSITIONS, Progress.NONE).values(), 0);
	}

	@Test
	void theLengthComesFromTheHeaderAlone() throws IOException {
		assertEquals(3, TrajectoryCsv.length(file("h.csv", "\n\uFEFFalpha,D,x1,x2,x3\nnot,even,a,row\n"), null));
		StringBuilder wide = new StringBuilder("alpha,D");
		for (int t = 1; t <= 20000; t++) wide.append(",dx").append(t); // a header longer than the first buffer
		assertEquals(20000, TrajectoryCsv.length(file("wide.csv", wide + "\n"), null));
		assertTrue(assertThrows(BadInputException.class, () -> TrajectoryCsv.length(file("b.csv", "alpha,D,a,b\n"), null)).getMessage()
				.contains("'what'"));
		assertEquals(2, TrajectoryCsv.length(dir.resolve("b.csv"), Kind.POSITIONS));
	}

	@Test
	void everyTrajectoryKeepsItsFileRow() throws IOException {
		Path p = file("rows.csv", "alpha,D,dx1,dx2\n\n1,1,1,2\n \r\n1,1,3,4\n1,1,5,6\n\n\n1,1,7,8");
		TrajectoryCsv.Loaded l = TrajectoryCsv.load(p, null, Progress.NONE);
		assertArrayEquals(new int[] { 3, 5, 6, 9 }, l.rows());
		assertEquals(6, l.row(2));
		assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }, l.trajectories().values(), 0);
	}

	@Test
	void badInputNamesRowAndColumn() throws IOException {
		assertTrue(error("").contains("is empty"));
		assertTrue(error("alpha,D,x1,x2\n").contains("no rows"));
		assertTrue(error("a,D,x1,x2\n1,1,1,1\n").contains("column 1 is 'a', expected 'alpha'"));
		assertTrue(error("alpha,d,x1,x2\n1,1,1,1\n").contains("column 2 is 'd', expected 'D'"));
		assertTrue(error("alpha,D,x1\n1,1,1\n").contains("at least 2 are needed"));
		assertTrue(error("alpha,D,x1,x3\n1,1,1,1\n").contains("column 4 is 'x3', expected 'x2'"));
		assertTrue(error("alpha,D,dx1,dx2\n1,1,1,1\n1,1,1\n").contains("row 3 has 4 fields but the header has 4".replace("4 fields", "3 fields")));
		assertTrue(error("alpha,D,dx1,dx2\n1,1,1,1\n1,1,1,1,1\n").contains("row 3 has 5 fields"));
		assertTrue(error("alpha,D,dx1,dx2\n1,1,1,abc\n").contains("row 2, column 'dx2' is 'abc', not a finite number"));
		assertTrue(error("alpha,D,dx1,dx2\n1,1,1,\n").contains("row 2, column 'dx2' is '', not a finite number"));
		assertTrue(error("alpha,D,dx1,dx2\n1,1,NaN,1\n").contains("row 2, column 'dx1' is 'NaN'"));
		assertTrue(error("alpha,D,dx1,dx2\n1,1,1,-Inf\n").contains("column 'dx2' is '-Inf'"));
		assertTrue(error("alpha,D,dx1,dx2\n1,1,1,Infinity\n").contains("column 'dx2' is 'Infinity'"));
		assertTrue(error("alpha,D,dx1,dx2\n2.5,1,1,1\n").contains("row 2, column 'alpha' is 2.5; alpha must be in (0, 2]"));
		assertTrue(error("alpha,D,dx1,dx2\n0,1,1,1\n").contains("alpha must be in (0, 2]"));
		assertTrue(error("alpha,D,dx1,dx2\n1,0,1,1\n").contains("row 2, column 'D' is 0.0; D must be > 0"));
		assertTrue(error("alpha,D,dx1,dx2\n1,1,1,1\n\n1,-1e-3,1,1\n").contains("row 4, column 'D'"));
		assertTrue(assertThrows(BadInputException.class, () -> TrajectoryCsv.read(dir.resolve("none.csv"), null, Progress.NONE)).getMessage()
				.contains("does not exist"));
	}

	@Test
	void theLowestBadRowIsReportedWhateverThreadFindsItFirst() throws IOException {
		StringBuilder b = new StringBuilder("alpha,D,dx1,dx2\n");
		for (int i = 0; i < 2000; i++) b.append(i == 700 || i == 1900 ? "1,1,x,1\n" : "1,1,1,1\n");
		assertTrue(error(b.toString()).contains("row 702,"));
	}

	@Test
	void cancelledWritingLeavesNothing() throws IOException {
		Trajectories t = SbmSimulator.simulate(SbmGrid.of(0.5, 0.5, 1, 1e-3, 1e-3, 1), 3000, 10, 1, Kind.DISPLACEMENTS, Progress.NONE);
		Path p = dir.resolve("cancelled.csv");
		Progress cancelAfterFirstBatch = new Progress() {
			int calls;

			@Override
			public void update(double fraction, String message) {
				calls++;
			}

			@Override
			public boolean isCancelled() {
				return calls > 0;
			}
		};
		assertThrows(CancelledException.class, () -> TrajectoryCsv.write(p, t, cancelAfterFirstBatch));
		assertFalse(Files.exists(p));
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(0, s.count(), "no partial file left behind");
		}
	}
}
