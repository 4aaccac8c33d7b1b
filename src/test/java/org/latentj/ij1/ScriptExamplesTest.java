package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * README's three Fiji scripts, as the script languages make the calls: the same class names, keys
 * and outputs, with the value types each language passes (Groovy and Jython integers as Integer,
 * JavaScript numbers as Double, paths as strings, which SciJava converts), through CommandService in
 * a headless Context. Groovy, Jython and JavaScript engines are not on LatentJ's class path (Java 17
 * has none), so the calls are written in Java. If README's scripts change, change these with them.
 */
class ScriptExamplesTest {

	@TempDir
	Path dir;

	private static CommandModule run(String className, Object... inputs) throws Exception {
		CommandModule m = FijiRun.context().service(CommandService.class).run(className, true, inputs).get();
		assertFalse(m.isCanceled(), className + ": " + m.getCancelReason());
		return m;
	}

	@Test
	void groovyOpensASession() throws Exception {
		Path tables = dir.resolve("session_1_tables");
		CommandModule m = run("org.latentj.nwb.ui.OpenMoSeqNwbCommand", "path", "test-data/sim_session_1.nwb", "pcs", 3, "output",
				tables.toString());
		ImagePlus image = (ImagePlus) m.getOutput("image");
		assertEquals("sim_session_1", image.getTitle());
		ResultsTable pcs = (ResultsTable) m.getOutput("pcsTable");
		assertEquals(image.getStackSize(), pcs.size(), "one row per frame");
		assertEquals(tables.toFile(), m.getOutput("saved"));
		assertTrue(Files.isRegularFile(tables.resolve("sim_session_1_pcs.csv")));
		image.close();
	}

	@Test
	void pythonSimulatesAndJavaScriptMeasures() throws Exception {
		Path csv = dir.resolve("sbm.csv");
		CommandModule sim = run("org.latentj.diffusion.ui.SimulateSbmCommand", "alpha_steps", 3, "d_steps", 2, "n", 10, "length", 100,
				"seed", 1, "output", csv.toString());
		assertEquals(3 * 2 * 10, ((ResultsTable) sim.getOutput("parameters")).size());
		assertEquals(csv.toFile(), sim.getOutput("saved"));
		// JavaScript numbers arrive as Double; none here, but the paths as strings
		CommandModule msd = run("org.latentj.diffusion.ui.MsdAnalysisCommand", "data", csv.toString(), "output", dir.resolve("msd").toString(),
				"max_lag", 0.0);
		assertEquals(3 * 2, ((ResultsTable) msd.getOutput("estimates")).size(), "one row per (alpha, D) cell");
		assertEquals(dir.resolve("msd").toFile(), msd.getOutput("saved"));
		assertTrue(((File) msd.getOutput("saved")).isDirectory());
	}
}
