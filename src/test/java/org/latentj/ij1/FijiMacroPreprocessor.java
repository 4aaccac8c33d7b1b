package org.latentj.ij1;

import org.scijava.Priority;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.Macro;

/**
 * What imagej-legacy's {@code net.imagej.legacy.plugin.MacroPreprocessor} does in Fiji (imagej-legacy
 * is not on LatentJ's class path), line for line: in a macro, each input is set from
 * {@code Macro.getValue(options, name, null)} when the value converts to the input's type, and marked
 * resolved; absent keys, bare booleans ({@code getValue} returns null for them) and unknown keys are
 * left alone. Same priority as Fiji's, so it runs before {@link LatentJPreprocessor}. Fiji's gate is
 * {@code IJ.isMacro()}; during a macro's {@code run("Label", "options")} the options are set, which is
 * the gate here.
 */
@Plugin(type = PreprocessorPlugin.class, priority = 2 * Priority.VERY_HIGH)
public class FijiMacroPreprocessor extends AbstractPreprocessorPlugin {

	@Parameter
	private ConvertService convertService;

	@Override
	public void process(Module module) {
		String options = Macro.getOptions();
		if (options == null) return;
		for (ModuleItem<?> input : module.getInfo().inputs()) {
			String name = input.getName();
			String value = Macro.getValue(options, name, null);
			if (value == null) continue;
			Class<?> type = input.getType();
			if (!convertService.supports(value, type)) continue;
			module.setInput(name, convertService.convert(value, type));
			module.resolveInput(name);
		}
	}
}
