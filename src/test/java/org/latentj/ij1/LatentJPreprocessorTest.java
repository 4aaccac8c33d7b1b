package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.module.process.LoadInputsPreprocessor;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;

/**
 * The preprocessor on its own, on a module of the test command as SciJava hands it over: after the remembered
 * values are loaded (here set by hand as LoadInputsPreprocessor sets them) and before the dialog. A macro sets
 * every input, what it leaves out to the documented default; a script's unset inputs take their defaults;
 * outputs are resolved (the command shows them itself).
 */
class LatentJPreprocessorTest {

	/** A fresh module of the test command with a remembered width of 77 (unresolved, as loaded from the prefs). */
	static CommandModule remembered() {
		Context c = FijiRun.context();
		CommandModule m = (CommandModule) c.service(ModuleService.class)
				.createModule(c.service(CommandService.class).getCommand(EchoCommand.class));
		m.setInput("width", 77);
		return m;
	}

	/** Runs the preprocessor on m; returns it (a refusal cancels the preprocessor, which stops SciJava's run). */
	static LatentJPreprocessor process(CommandModule m) {
		LatentJPreprocessor p = new LatentJPreprocessor();
		FijiRun.context().inject(p);
		p.process(m);
		return p;
	}

	static void assertAllResolved(CommandModule m) {
		for (ModuleItem<?> in : m.getInfo().inputs())
			assertTrue(m.isInputResolved(in.getName()), in.getName() + " resolved: no dialog asks for it");
		for (ModuleItem<?> out : m.getInfo().outputs())
			assertTrue(m.isOutputResolved(out.getName()), out.getName() + " resolved: SciJava does not show it again");
	}

	@Test
	void runsAfterTheRememberedValuesAreLoaded() {
		List<PreprocessorPlugin> pre = FijiRun.context().service(PluginService.class).createInstancesOfType(PreprocessorPlugin.class);
		int load = -1, ours = -1;
		for (int i = 0; i < pre.size(); i++) {
			if (pre.get(i) instanceof LoadInputsPreprocessor) load = i;
			if (pre.get(i) instanceof LatentJPreprocessor) ours = i;
		}
		assertTrue(load >= 0 && ours > load, "LoadInputsPreprocessor at " + load + ", LatentJPreprocessor at " + ours);
	}

	@Test
	void aMacroSetsEveryInputAndItsLeftOutKeysToTheDefaults() throws Exception {
		CommandModule m = remembered();
		assertFalse(SciJavaPathTest.inMacro("title=m mode=FANCY path=[/a/b.txt]", () -> process(m)).isCanceled());
		EchoCommand echo = (EchoCommand) m.getDelegateObject();
		assertEquals("m", m.getInput("title"));
		assertEquals("fancy", m.getInput("mode"), "the choice as the bridge spells it");
		assertEquals(new File("/a/b.txt"), m.getInput("path"));
		assertEquals(16, m.getInput("width"), "the documented default, not the remembered 77");
		assertEquals(0.5, m.getInput("ratio"));
		assertEquals(Boolean.TRUE, m.getInput("flag"));
		assertAllResolved(m);
		assertNull(echo.image, "preprocessing does not run the command");
	}

	@Test
	void aBadMacroOptionCancelsTheModuleWithTheBridgeSentence() throws Exception {
		CommandModule m = remembered();
		LatentJPreprocessor p = SciJavaPathTest.inMacro("title=m widht=3", () -> process(m));
		CommandFailures.reset();
		assertTrue(p.isCanceled());
		assertEquals("LatentJ Test Echo: unknown key 'widht' (keys: title, width, ratio, mode, flag, path, sessions).",
				p.getCancelReason());
		assertEquals(77, m.getInput("width"), "nothing set");
	}

	@Test
	void aScriptKeepsWhatItSetAndGetsDefaultsForTheRest() {
		CommandModule m = remembered();
		m.setInput("title", "from a script");
		m.resolveInput("title");
		assertFalse(process(m).isCanceled());
		assertEquals("from a script", m.getInput("title"));
		assertEquals(16, m.getInput("width"), "headless without a macro: the default, not the remembered 77");
		assertEquals("", m.getInput("sessions"));
		assertAllResolved(m);
	}
}
