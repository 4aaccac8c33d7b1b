package org.latentj.syllables.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.syllables.SyllableOverlaySettings;
import org.latentj.syllables.SyllableOverlaySettings.Render;
import org.latentj.testing.SharedData;
import org.latentj.util.BadInputException;

import ij.ImagePlus;

/** Syllable Overlay's entry point, called as a script calls it. */
class SyllableOverlaysTest {

	static final Path S1 = SharedData.testData("sim_session_1.nwb");

	@TempDir
	Path tmp;

	@Test
	void framesAskedForWithTheirSyllableBands() {
		SyllableOverlays.Result r = SyllableOverlays.run(new SyllableOverlaySettings(S1, "nwb", Render.OVERLAY, 4, 100, 109, null));
		ImagePlus imp = r.image();
		try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
			assertEquals(10, imp.getStackSize());
			assertArrayEquals(nwb.frame(105), (byte[]) imp.getStack().getPixels(6), "slice 6 is frame 105");
			assertEquals(2 * 10, imp.getOverlay().size(), "a band and a caption a frame");
		} finally {
			imp.close();
		}
		assertNull(r.saved());
	}

	@Test
	void badRangesAndOutputsAreRefusedWithoutWriting() {
		Path avi = tmp.resolve("o.avi");
		assertEquals("last_frame 3000 must be -1 or in 0..2999.", assertThrows(BadInputException.class,
				() -> SyllableOverlays.run(new SyllableOverlaySettings(S1, "nwb", Render.RGB, 1, 0, 3000, avi))).getMessage());
		assertFalse(Files.exists(avi));
		Path folder = tmp.resolve("d.tif");
		assertEquals("output " + folder + " is a folder; give a file name ending in .tif or .avi.", assertThrows(BadInputException.class,
				() -> new SyllableOverlaySettings(S1, "nwb", Render.RGB, 1, 0, -1, Files.createDirectories(folder))).getMessage());
		assertEquals("zoom must be in 1..16 (got 17).", assertThrows(BadInputException.class,
				() -> new SyllableOverlaySettings(S1, "nwb", Render.RGB, 17, 0, -1, null)).getMessage());
		assertEquals("render must be rgb or overlay (got 'movie').",
				assertThrows(BadInputException.class, () -> Render.parse("movie")).getMessage());
	}
}
