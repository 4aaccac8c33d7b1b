package org.latentj.nwb.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.testing.SharedData;
import org.scijava.Context;
import org.scijava.io.IOPlugin;
import org.scijava.io.IOService;
import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.PluginService;

import ij.ImagePlus;

/**
 * Issue 13 item 9: a .nwb file opens through SciJava's I/O service (Fiji's File &gt; Open, drag and
 * drop, Open Recent, and io.open in scripts), as the eager plugin Fiji's legacy opener asks first.
 */
class NwbFileOpenerTest {

	static final Path S1 = SharedData.testData("sim_session_1.nwb");

	@TempDir
	Path tmp;

	@Test
	void ioServiceOpensASessionAsItsFrames() throws IOException {
		try (Context context = new Context(IOService.class, PluginService.class)) {
			IOService io = context.service(IOService.class);
			IOPlugin<?> opener = io.getOpener(S1.toString());
			assertInstanceOf(NwbFileOpener.class, opener);
			Object data = io.open(S1.toString());
			ImagePlus imp = assertInstanceOf(ImagePlus.class, data);
			try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
				assertEquals(nwb.sessionName(), imp.getTitle());
				assertEquals(nwb.frameCount(), imp.getNFrames());
				assertEquals(nwb.frameInterval(), imp.getCalibration().frameInterval, 1e-9);
				assertEquals(nwb.mmPerPixel().getAsDouble(), imp.getCalibration().pixelWidth, 1e-9);
			}
			imp.close();
			// Fiji's legacy opener asks only the eager plugins first (SciJava I/O is off by default)
			PluginInfo<?> info = context.service(PluginService.class).getPlugin(NwbFileOpener.class);
			assertTrue(info.is("eager"));
			// not a session: not ours; a session that is not a file: not ours either
			Path text = Files.writeString(tmp.resolve("notes.txt"), "x");
			assertFalse(opener.supportsOpen(text.toString()));
			assertFalse(opener.supportsOpen(tmp.resolve("missing.nwb").toString()));
			assertFalse(NwbFileOpener.calledToShow(), "called from a test, not from Fiji's File > Open");
		}
	}

	@Test
	void aBrokenSessionIsAnIOExceptionWithOneSentence() throws IOException {
		Path bad = Files.writeString(tmp.resolve("bad.nwb"), "not HDF5");
		IOException e = assertThrows(IOException.class, () -> new NwbFileOpener().open(bad.toString()));
		assertTrue(e.getMessage().contains("bad.nwb"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
	}
}
