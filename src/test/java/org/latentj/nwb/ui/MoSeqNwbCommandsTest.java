package org.latentj.nwb.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.Headless;
import org.latentj.ij1.CommandFailures;
import org.latentj.io.CsvTable;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.testing.SharedData;
import org.latentj.util.BadInputException;

class MoSeqNwbCommandsTest {

	@TempDir
	Path tmp;

	@Test
	void openShowsFramesAndWritesBothTablesAsCsv() throws IOException {
		OpenMoSeqNwbCommand c = new OpenMoSeqNwbCommand();
		c.path = SharedData.require("data/moseq/session_c.nwb").toFile();
		c.pcs = 5;
		c.output = tmp.resolve("tables").toFile();
		c.run();
		assertNotNull(c.image);
		assertEquals("session_c", c.image.getTitle());
		assertEquals(2400, c.image.getNFrames());
		c.image.flush();

		List<String> pcs = Files.readAllLines(tmp.resolve("tables/session_c_pcs.csv"));
		assertEquals("frame,time,pc1,pc2,pc3,pc4,pc5", pcs.get(0));
		assertEquals(2401, pcs.size());
		List<String> scalars = Files.readAllLines(tmp.resolve("tables/session_c_scalars.csv"));
		assertTrue(scalars.get(0).startsWith("frame,time,angle,area_mm,"), scalars.get(0));
		assertTrue(scalars.get(0).endsWith(",width_px,label,label_raw"), scalars.get(0));
		try (MoSeqNwb nwb = MoSeqNwb.open(c.path.toPath())) {
			String[] row = pcs.get(1201).split(",");
			assertEquals(1200, Integer.parseInt(row[0].replace(".0", "")));
			assertEquals(nwb.timestamps()[1200], Double.parseDouble(row[1]));
			assertEquals(nwb.pcs(5).get(1200, 4), Double.parseDouble(row[6]), "full precision");
		}
	}

	@Test
	void rawPcsMarkDroppedFramesInTheCsv() throws IOException {
		OpenMoSeqNwbCommand c = new OpenMoSeqNwbCommand();
		c.path = SharedData.require("data/moseq/session_a.nwb").toFile();
		c.pcs = 2;
		c.raw_pcs = true;
		c.frames = false;
		c.output = tmp.toFile();
		c.run();
		List<String> lines = Files.readAllLines(tmp.resolve("session_a_pcs.csv"));
		assertEquals("frame,time,pc1,pc2,dropped", lines.get(0));
		long nanRows = lines.stream().filter(l -> l.contains("NaN")).count();
		assertEquals(15, nanRows);
		assertTrue(lines.stream().filter(l -> l.contains("NaN"))
				.allMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1)) == 1));
	}

	@Test
	void badRequestsFailWithOneSentenceNamingTheInput() throws IOException {
		OpenMoSeqNwbCommand c = new OpenMoSeqNwbCommand();
		assertTrue(assertThrows(BadInputException.class, c::run).getMessage().contains("path"));
		c.path = SharedData.require("data/moseq/session_a.nwb").toFile();
		c.pcs = 11;
		String m = assertThrows(BadInputException.class, c::run).getMessage();
		assertTrue(m.contains("session_a.nwb") && m.contains("/processing/MoSeq/PCs/pcs_clean/data") && m.contains("10 PCs"), m);
		Path text = Files.writeString(tmp.resolve("notes.nwb"), "not hdf5");
		c.path = text.toFile();
		c.pcs = 3;
		m = assertThrows(BadInputException.class, c::run).getMessage();
		assertTrue(m.contains(text.toString()) && m.contains("not an HDF5 file"), m);
	}

	/** By default all stored PCs are shown: a session with fewer than 10 opens without asking for them. */
	@Test
	void openShowsAllStoredPcsByDefault() throws IOException {
		SimulateMoSeqSessionCommand s = new SimulateMoSeqSessionCommand();
		s.output = tmp.resolve("four.nwb").toFile();
		s.frames = 100;
		s.states = 2;
		s.pcs = 4;
		s.run();
		OpenMoSeqNwbCommand c = new OpenMoSeqNwbCommand();
		c.path = s.output;
		c.frames = false;
		c.output = tmp.resolve("tables").toFile();
		c.run();
		assertEquals("frame,time,pc1,pc2,pc3,pc4", Files.readAllLines(tmp.resolve("tables/four_pcs.csv")).get(0));
		c.pcs = 3;
		c.run();
		assertEquals("frame,time,pc1,pc2,pc3", Files.readAllLines(tmp.resolve("tables/four_pcs.csv")).get(0));
		c.pcs = -1;
		assertTrue(assertThrows(BadInputException.class, c::run).getMessage().contains("pcs"));
	}

	@Test
	void simulateWritesASessionThatOpens() {
		SimulateMoSeqSessionCommand s = new SimulateMoSeqSessionCommand();
		s.output = tmp.resolve("mouse1").toFile(); // no extension: .nwb is added
		s.frames = 300;
		s.states = 3;
		s.pcs = 4;
		s.seed = 9;
		s.run();
		assertEquals(tmp.resolve("mouse1.nwb"), s.written);
		assertEquals(0.005, s.session.settings.droppedFraction, "the command's defaults");
		assertEquals(30, s.session.settings.fps);
		assertEquals(9, s.session.settings.seed);
		assertEquals(1, s.session.settings.modelSeed);
		try (MoSeqNwb nwb = MoSeqNwb.open(s.written)) {
			assertEquals("mouse1", nwb.identifier());
			assertEquals(300, nwb.frameCount());
			assertEquals(4, nwb.storedPcs());
			assertEquals(30, nwb.fps(), 1e-9);
			int max = 0;
			for (int l : nwb.labels())
				max = Math.max(max, l);
			assertEquals(2, max, "3 states");
		}

		s.output = tmp.resolve("mouse.tif").toFile();
		assertTrue(assertThrows(BadInputException.class, s::run).getMessage().contains(".nwb"));
		s.output = tmp.resolve("m.nwb").toFile();
		s.states = 0;
		assertTrue(assertThrows(BadInputException.class, s::run).getMessage().startsWith("states"));
		assertFalse(Files.exists(tmp.resolve("m.nwb")));
	}

	@Test
	void headlessMacroSimulatesOpensAndSaves() throws IOException {
		Path nwb = tmp.resolve("sim.nwb"), tables = tmp.resolve("tables"), pixel = tmp.resolve("pixel.txt");
		int code = Headless.runMacro("run('Simulate MoSeq Session', 'output=[" + nwb + "] frames=200 states=3 pcs=4 seed=5');\n"
				+ "run('Open MoSeq NWB', 'path=[" + nwb + "] pcs=4 output=[" + tables + "]');\n"
				+ "if (getTitle() != 'sim') exit('title ' + getTitle());\n"
				+ "if (nSlices != 200) exit('slices ' + nSlices);\n"
				+ "getPixelSize(unit, pw, ph);\n"
				+ "if (unit != 'mm' || abs(pw - 1.34) > 1e-3) exit('pixel ' + pw + ' ' + unit);\n"
				+ "if (abs(Stack.getFrameInterval() - 1/30) > 1e-9) exit('interval ' + Stack.getFrameInterval());\n"
				+ "Stack.setFrame(100);\n"
				+ "File.saveString('' + getPixel(40, 40), '" + pixel + "');\n", "", "test.ijm");
		assertEquals(0, code);
		try (MoSeqNwb session = MoSeqNwb.open(nwb)) {
			assertEquals(session.frame(99)[40 * 80 + 40] & 0xff, Integer.parseInt(Files.readString(pixel).trim()),
					"the macro sees frame 99 at t = 100");
		}
		assertTrue(Files.exists(tables.resolve("sim_pcs.csv")));
		assertEquals(200, CsvTable.read(tables.resolve("sim_scalars.csv")).rowCount());
	}

	@Test
	void headlessMacroWithABadPathFailsWithExitCode1() throws IOException {
		Path missing = tmp.resolve("no-such-session.nwb");
		Path after = tmp.resolve("after.txt");
		assertEquals(1, Headless.runMacro("run('Open MoSeq NWB', 'path=[" + missing + "]');\n"
				+ "File.saveString('reached', '" + after + "');\n", "", "bad.ijm"));
		assertFalse(Files.exists(after), "the macro stops at the failing command");
		// not a .nwb name
		assertEquals(1, Headless.runMacro("run('Simulate MoSeq Session', 'output=[" + tmp.resolve("x.txt") + "]');", "", "bad.ijm"));
		assertTrue(CommandFailures.first().contains("must be a .nwb file"), CommandFailures.first());
		// a folder that cannot be made: a plain file stands where it should be
		Path file = Files.writeString(tmp.resolve("a-file"), "x");
		assertEquals(1, Headless.runMacro("run('Simulate MoSeq Session', 'output=[" + file.resolve("x.nwb") + "] frames=20');",
				"", "bad.ijm"));
		String m = CommandFailures.first();
		assertTrue(m.contains("Cannot create the output folder " + file), m);
		assertEquals("x", Files.readString(file));
	}

	@Test
	void simulateRefusesFoldersAndDevicesBeforeSimulating() throws IOException {
		// issue 12, item 13: a folder got <folder>.nwb beside it, /dev/null got /dev/null.nwb, after the simulation
		Path folder = Files.createDirectories(tmp.resolve("out"));
		long start = System.nanoTime();
		assertEquals(1, Headless.runMacro("run('Simulate MoSeq Session', 'output=[" + folder + "] frames=60000');", "", "bad.ijm"));
		assertEquals("Simulate MoSeq Session: output " + folder + " is a folder; give a file name ending in .nwb.", CommandFailures.first());
		assertTrue(System.nanoTime() - start < 5e9, "refused before simulating 60000 frames");
		assertFalse(Files.exists(tmp.resolve("out.nwb")));
		if (Files.exists(Path.of("/dev/null"))) {
			assertEquals(1, Headless.runMacro("run('Simulate MoSeq Session', 'output=[/dev/null] frames=60000');", "", "bad.ijm"));
			assertEquals("Simulate MoSeq Session: output /dev/null exists and is not a regular file; give a file name ending in .nwb.",
					CommandFailures.first());
			assertFalse(Files.exists(Path.of("/dev/null.nwb")));
		}
	}
}
