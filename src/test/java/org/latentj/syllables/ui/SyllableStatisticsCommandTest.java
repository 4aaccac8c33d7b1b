package org.latentj.syllables.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.latentj.nwb.MoSeqLayout;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.testing.SharedData;

/** Syllable Statistics' reading of a session (the macro-level checks are in SyllableViewCommandsTest). */
class SyllableStatisticsCommandTest {

	static final Path S1 = SharedData.testData("sim_session_1.nwb");

	@Test
	void pcsAndDroppedFramesComeFromOneReadOfThePcs() {
		double[] expected;
		int[] raw;
		try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
			expected = nwb.pcs(4, true).values();
			raw = nwb.labels(true);
		}
		try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
			SyllableStatisticsCommand.SessionPcs p = SyllableStatisticsCommand.readPcs(nwb, 4);
			assertEquals(1, nwb.pcsReads(), "the PCs are read (and inflated) once");
			assertArrayEquals(expected, p.values());
			int dropped = 0;
			for (int t = 0; t < raw.length; t++) {
				assertEquals(raw[t] == MoSeqLayout.DROPPED_LABEL, p.dropped()[t], "frame " + t);
				if (p.dropped()[t]) {
					dropped++;
					assertTrue(Double.isNaN(p.values()[t * 4]));
				}
			}
			assertTrue(dropped > 0, "the test session has dropped frames");
		}
	}
}
