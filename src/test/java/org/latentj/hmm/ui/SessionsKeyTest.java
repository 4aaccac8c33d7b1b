package org.latentj.hmm.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.latentj.hmm.FitHmm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.nwb.SessionFiles;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.hmm.SessionData;
import org.latentj.testing.MoSeqSessions;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/** The sessions key of Fit HMM and Apply Model. */
class SessionsKeyTest {

	@TempDir
	Path tmp;

	@Test
	void sessionNamesAreFileNamesWithoutNwb() {
		assertEquals("mouse_1", MoSeqNwb.sessionName(Path.of("/data/mouse_1.nwb")));
		assertEquals("Mouse", MoSeqNwb.sessionName(Path.of("Mouse.NWB")));
		assertEquals("notes.txt", MoSeqNwb.sessionName(Path.of("notes.txt")));
	}

	@Test
	void folderAndListResolveToUniqueSessions() throws Exception {
		Path a = Files.writeString(tmp.resolve("a.nwb"), ""), b = Files.writeString(tmp.resolve("b.nwb"), "");
		Files.writeString(tmp.resolve("readme.txt"), "");
		assertEquals(List.of(a, b), SessionFiles.resolve(tmp.toString()));
		assertEquals(List.of(b, a), SessionFiles.resolve(b + ";" + tmp)); // each once, in order of first mention
		Path other = Files.createDirectories(tmp.resolve("other"));
		Files.writeString(other.resolve("a.NWB"), "");
		BadInputException e = assertThrows(BadInputException.class, () -> SessionFiles.resolve(a + ";" + other));
		assertTrue(e.getMessage().contains("Two sessions are both named a"), e.getMessage());
	}

	/** Only the PCs asked for are read (all stored when fewer, so that the fit names the key). */
	@Test
	void readsTheFirstPcs() {
		Path c = MoSeqSessions.path("session_c");
		SessionData three = FitHmm.readSessions(List.of(c), 3, new java.util.ArrayList<>(), Progress.NONE).get(0);
		SessionData all = FitHmm.readSessions(List.of(c), Integer.MAX_VALUE, new java.util.ArrayList<>(), Progress.NONE).get(0);
		assertEquals(3, three.columns);
		assertEquals(10, all.columns);
		assertEquals("session_c", three.name);
		assertArrayEquals(all.firstPcs(3), three.firstPcs(3), 0);
		assertEquals(all.time(17), three.time(17), 0);
		assertEquals(10, FitHmm.readSessions(List.of(c), 12, new java.util.ArrayList<>(), Progress.NONE).get(0).columns);
	}

	@Test
	void statesUsedCountsStatesThatLabelAFrame() {
		assertEquals(3, HmmFitViews.statesUsed(new int[] { -1, -1, 4, 4, 0, 7, 0 }));
		assertEquals(0, HmmFitViews.statesUsed(new int[] { -1, -1 }));
		assertEquals(2, HmmFitViews.statesUsed(org.latentj.syllables.SyllableStatistics.of(new int[] { -1, 1, 1, 3 }, 6)));
	}
}
