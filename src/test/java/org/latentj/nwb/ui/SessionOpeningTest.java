package org.latentj.nwb.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.io.CsvTable;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.testing.SharedData;
import org.latentj.util.BadInputException;

/** Open MoSeq NWB's entry point, called as a script calls it. */
class SessionOpeningTest {

	static final Path S1 = SharedData.testData("sim_session_1.nwb");

	@TempDir
	Path tmp;

	@Test
	void tablesAndCsvWithoutFrames() throws Exception {
		SessionOpening.Result r = SessionOpening.run(new SessionOpening.Settings(S1, 3, false, false, true, tmp));
		assertEquals("sim_session_1", r.session());
		assertEquals(3000, r.frameCount());
		assertEquals(3, r.pcs());
		assertNull(r.image(), "frames not asked for");
		assertEquals(List.of(tmp.resolve("sim_session_1_pcs.csv"), tmp.resolve("sim_session_1_scalars.csv")), r.written());
		double[] pc2;
		try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
			double[] v = nwb.pcs(3, false).values();
			pc2 = new double[3000];
			for (int t = 0; t < 3000; t++) pc2[t] = v[t * 3 + 1];
		}
		assertArrayEquals(pc2, CsvTable.read(r.written().get(0)).numbers("pc2"), 0);
		assertEquals(3000, r.pcsTable().size());
		assertEquals("pcs must be 0 (all stored) or more (got -1).", assertThrows(BadInputException.class,
				() -> new SessionOpening.Settings(S1, -1, false, true, true, null)).getMessage());
	}

	@Test
	void aSecondRunReplacesTheFolderWholeAndAFailureLeavesTheOldOne() throws Exception {
		Path out = tmp.resolve("tables");
		SessionOpening.run(new SessionOpening.Settings(S1, 2, false, false, false, out));
		SessionOpening.Result two = SessionOpening.run(
				new SessionOpening.Settings(SharedData.testData("sim_session_2.nwb"), 2, false, false, false, out));
		assertEquals(List.of(out.resolve("sim_session_2_pcs.csv"), out.resolve("sim_session_2_scalars.csv")), two.written());
		// the first session's CSVs are gone: the folder was replaced, not merged
		assertEquals(List.of(".latentj-output", "sim_session_2_pcs.csv", "sim_session_2_scalars.csv"), listing(out));
		byte[] before = java.nio.file.Files.readAllBytes(out.resolve("sim_session_2_pcs.csv"));

		// a write that fails mid-way: a file name over 255 bytes
		ij.measure.ResultsTable t = new ij.measure.ResultsTable();
		t.addValue("x", 1);
		BadInputException e = assertThrows(BadInputException.class, () -> SessionOpening.writeTables(out, "x".repeat(300), t, t));
		assertEquals(true, e.getMessage().startsWith("Cannot write " + out), e.getMessage());
		assertEquals(List.of(".latentj-output", "sim_session_2_pcs.csv", "sim_session_2_scalars.csv"), listing(out));
		assertArrayEquals(before, java.nio.file.Files.readAllBytes(out.resolve("sim_session_2_pcs.csv")));
		assertEquals(List.of("tables"), listing(tmp), "no temporary or lock file left");
	}

	private static List<String> listing(Path dir) throws java.io.IOException {
		try (var s = java.nio.file.Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}
