package org.latentj.ij1;

import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.command.CommandModule;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;
import org.scijava.ui.UIService;
import org.scijava.ui.headless.HeadlessUI;

import ij.Menus;
import ij.plugin.PlugIn;

/**
 * Fiji's route for a LatentJ menu label, for tests: imagej-legacy overrides an ImageJ 1.x label with
 * the SciJava command of the same label and runs it as a module with all pre- and postprocessors
 * ({@code LegacyService.runLegacyCompatibleCommand}). Here the module runs on the macro's own thread,
 * where the macro options are visible (Fiji's patched ImageJ makes them visible on its module
 * threads). {@link #install} points every LatentJ label of the headless command table here.
 */
public class FijiRun implements PlugIn {

	private static Context context;

	/** The modules the macros ran through this route, in order (for tests to check their outputs). */
	public static final List<CommandModule> RAN = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** The shared Context: headless when the JVM is (java.awt.headless=true in the tests), all plugins. */
	public static synchronized Context context() {
		if (context == null) {
			context = new Context();
			ensureUserInterface(context);
		}
		return context;
	}

	/**
	 * SciJava finds its user interfaces lazily, on the first event that needs one: the warning a cancelled
	 * module publishes (ModuleRunner: StatusService.warn) is handled on an event thread, and one CI run saw
	 * DefaultUIService.activeUI() null there (a NullPointerException printed on stderr, which the tests read).
	 * Fiji always has a user interface (imagej-legacy's, or the headless one); so does this Context, found
	 * here once on the creating thread, the headless one added if discovery found none.
	 */
	private static void ensureUserInterface(Context c) {
		UIService ui = c.service(UIService.class);
		if (ui.getDefaultUI() != null) return;
		HeadlessUI headless = new HeadlessUI();
		try {
			c.inject(headless);
		} catch (RuntimeException e) { // its dialogs (null, nothing shown) need no context
			System.out.println("FijiRun: the headless user interface could not be injected: " + e);
		}
		ui.addUI(HeadlessUI.NAME, headless);
		System.out.println("FijiRun: SciJava found no user interface; the headless one was added");
	}

	@Override
	public void run(String className) {
		RAN.add(run(className, Map.of()));
	}

	/** Runs a command as Fiji runs a module, with {@code inputs} set (and resolved) first, as a script's map. */
	public static CommandModule run(String className, Map<String, Object> inputs) {
		Context c = context();
		CommandInfo info = c.service(CommandService.class).getCommand(className);
		if (info == null) throw new IllegalStateException("SciJava does not know " + className);
		CommandModule module = (CommandModule) c.service(ModuleService.class).createModule(info);
		for (Map.Entry<String, Object> e : inputs.entrySet()) {
			module.setInput(e.getKey(), e.getValue());
			module.resolveInput(e.getKey());
		}
		PluginService plugins = c.service(PluginService.class);
		List<PreprocessorPlugin> pre = plugins.createInstancesOfType(PreprocessorPlugin.class);
		List<PostprocessorPlugin> post = plugins.createInstancesOfType(PostprocessorPlugin.class);
		new ModuleRunner(c, module, pre, post).run();
		return module;
	}

	/** Points every plugins.config label at this class (Fiji's override); returns the previous entries. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static Map<String, String> install() {
		CommandTable.install();
		java.util.Hashtable table = Menus.getCommands();
		Map<String, String> before = new java.util.LinkedHashMap<>();
		for (CommandTable.Entry e : CommandTable.pluginsConfigEntries()) {
			before.put(e.label, (String) table.get(e.label));
			table.put(e.label, FijiRun.class.getName() + "(\"" + e.argument() + "\")");
		}
		return before;
	}

	/** Restores the bridge entries {@link #install} replaced. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static void uninstall(Map<String, String> before) {
		java.util.Hashtable table = Menus.getCommands();
		table.putAll(before);
	}
}
