package org.latentj.ij1;

import java.awt.GraphicsEnvironment;
import org.latentj.util.BadInputException;
import org.scijava.command.Command;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;
import org.scijava.widget.InputHarvester;

import ij.Macro;

/**
 * Makes a LatentJ command run by SciJava (Fiji) behave as through the ImageJ 1.x bridge.
 * <ul>
 * <li>In a macro ({@code Macro.getOptions()} set) every input is set from the options exactly as
 * {@link CommandRunner} sets it: unknown keys, types, choices and bounds refused in one sentence,
 * bare booleans, former keys ({@link MacroAlias}), and the documented default for every key left
 * out. Fiji's own {@code MacroPreprocessor} (which runs first) ignores unknown keys and bare
 * booleans, leaves absent keys to the remembered values and the dialog; this overrides it.</li>
 * <li>Headless without a macro (a script through {@code CommandService}), inputs the caller did not
 * set take their documented defaults, never remembered values.</li>
 * <li>Interactively, remembered values (SciJava persistence, loaded just before) fill the dialog,
 * and session inputs propose the active session image ({@link DefaultsToOpenSession}).</li>
 * <li>Outputs are marked resolved: the command shows its results itself ({@code ui.Present}), so
 * SciJava's display postprocessor must not show them a second time; scripts still get them with
 * {@code getOutput}.</li>
 * </ul>
 * Its priority puts it after {@code LoadInputsPreprocessor} (remembered values) and before the input
 * harvester (the dialog), which runs only for inputs left unresolved.
 */
@Plugin(type = PreprocessorPlugin.class, priority = LatentJPreprocessor.PRIORITY)
public class LatentJPreprocessor extends AbstractPreprocessorPlugin {

	/** Between LoadInputsPreprocessor (InputHarvester.PRIORITY + 1) and the harvester. */
	public static final double PRIORITY = InputHarvester.PRIORITY + 0.5;

	@Parameter(required = false)
	private UIService ui;

	@Override
	public void process(Module module) {
		if (!(module.getDelegateObject() instanceof LatentJCommand command)) return;
		command.runBySciJava();
		for (ModuleItem<?> out : module.getInfo().outputs())
			module.resolveOutput(out.getName());
		CommandSpec spec = CommandSpec.of(command.getClass());
		String options = Macro.getOptions();
		boolean macro = options != null;
		if (macro) {
			Command given;
			try {
				given = CommandRunner.prepare(spec, MacroOptions.parse(options));
			} catch (BadInputException e) {
				cancel(LatentJ_Bridge.failInSciJava(spec.label(), e));
				return;
			}
			for (CommandSpec.Input in : spec.inputs())
				set(module, in, in.get(given));
			return;
		}
		boolean script = headless(); // a script: what it did not set takes the documented default (or the open session)
		for (CommandSpec.Input in : spec.inputs()) {
			if (module.isInputResolved(in.key())) continue;
			String open = CommandRunner.openSessionFor(in);
			if (script) set(module, in, open != null ? CommandRunner.convert(spec, in, open) : in.defaultValue());
			else if (open != null) module.setInput(in.key(), CommandRunner.convert(spec, in, open)); // the dialog proposes it
		}
	}

	private static void set(Module module, CommandSpec.Input in, Object value) {
		module.setInput(in.key(), value);
		module.resolveInput(in.key());
	}

	/** No dialog can be shown: the JVM is headless, or SciJava runs without a user interface. */
	private boolean headless() {
		return GraphicsEnvironment.isHeadless() || ui == null || ui.isHeadless();
	}
}
