package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.process.ByteProcessor;

/**
 * Which image is a LatentJ session and what file it names (its Info, as Open MoSeq NWB writes it), and the
 * open-session default of session inputs ({@link CommandRunner#openSessionFor}) in the bridge's macro path.
 */
class OpenSessionTest {

	@TempDir
	Path tmp;

	static ImagePlus session(String info) {
		ImagePlus imp = new ImagePlus("sim_session_1", new ByteProcessor(4, 4));
		if (info != null) imp.setProperty("Info", info);
		return imp;
	}

	@Test
	void theFileLineOfASessionsInfo() {
		assertEquals("/data/two words.nwb",
				OpenSession.path(session("MoSeq session: s\nFrames: 3\nFile: /data/two words.nwb \r\nmm per pixel: 1\n")));
		assertNull(OpenSession.path(session("MoSeq session: s\nFrames: 3\n")), "a session Info without a file");
		assertNull(OpenSession.path(session("Title: x\nFile: /data/a.nwb\n")), "another plugin's Info with a File line");
		assertNull(OpenSession.path(session(null)));
		ImagePlus notText = session(null);
		notText.setProperty("Info", Integer.valueOf(3));
		assertNull(OpenSession.path(notText));
	}

	@Test
	void aSessionSavedAsTiffStillNamesItsFile() {
		String tif = tmp.resolve("session.tif").toString();
		IJ.saveAsTiff(session("MoSeq session: s\nFile: /data/a.nwb\n"), tif);
		assertEquals("/data/a.nwb", OpenSession.path(IJ.openImage(tif)));
	}

	@Test
	void sessionInputsOfAMacroDefaultToTheActiveSessionImage() {
		CommandSpec spec = CommandSpec.of(EchoCommand.class);
		try {
			WindowManager.setTempCurrentImage(session("MoSeq session: s\nFile: /data/a.nwb\n"));
			assertEquals("/data/a.nwb", OpenSession.path());
			assertEquals("/data/a.nwb", CommandRunner.openSessionFor(spec.input("sessions")));
			assertNull(CommandRunner.openSessionFor(spec.input("title")), "only inputs marked @DefaultsToOpenSession");
			EchoCommand left = (EchoCommand) CommandRunner.prepare(spec, MacroOptions.parse("title=t"));
			assertEquals("/data/a.nwb", left.sessions, "a macro that leaves the key out");
			assertEquals("t", left.title);
			EchoCommand given = (EchoCommand) CommandRunner.prepare(spec, MacroOptions.parse("title=t sessions=[b.nwb]"));
			assertEquals("b.nwb", given.sessions, "a key the macro gives is never overridden");

			WindowManager.setTempCurrentImage(session("Title: x\n")); // another image is active
			assertNull(OpenSession.path());
			assertEquals("", ((EchoCommand) CommandRunner.prepare(spec, MacroOptions.parse("title=t"))).sessions,
					"the documented default");
		} finally {
			WindowManager.setTempCurrentImage(null);
		}
	}
}
