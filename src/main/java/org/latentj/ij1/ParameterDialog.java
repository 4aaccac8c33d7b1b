package org.latentj.ij1;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.gui.GenericDialog;

/**
 * The dialog a user sees when clicking a LatentJ menu item in ImageJ 1.x (or Fiji): one field per
 * {@code @Parameter}, prefilled with the defaults. Returns the values as macro text, or null when
 * the user cancels.
 */
final class ParameterDialog {

	private ParameterDialog() {
	}

	static Map<String, String> show(CommandSpec spec) {
		GenericDialog gd = new GenericDialog("LatentJ: " + spec.label());
		for (CommandSpec.Input in : spec.inputs()) {
			Object def = proposed(spec, in);
			Class<?> type = in.type();
			if (type == boolean.class || type == Boolean.class)
				gd.addCheckbox(in.label(), def != null && (Boolean) def);
			else if (in.choices().length > 0)
				gd.addChoice(in.label(), in.choices(), def == null ? in.choices()[0] : def.toString());
			else if (in.isDirectory())
				gd.addDirectoryField(in.label(), def == null ? "" : ((File) def).getPath());
			else if (in.isFile())
				gd.addFileField(in.label(), def == null ? "" : ((File) def).getPath());
			else if (type == String.class)
				gd.addStringField(in.label(), def == null ? "" : def.toString(), 30);
			else {
				double d = def == null ? 0 : ((Number) def).doubleValue();
				boolean whole = type == int.class || type == long.class || type == Integer.class || type == Long.class;
				gd.addNumericField(in.label(), d, whole ? 0 : decimals(d), 10, null);
			}
		}
		gd.addHelp("https://github.com/latentj/latentj#commands");
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		Map<String, String> values = new LinkedHashMap<>();
		for (CommandSpec.Input in : spec.inputs()) {
			Class<?> type = in.type();
			String value;
			if (type == boolean.class || type == Boolean.class) value = Boolean.toString(gd.getNextBoolean());
			else if (in.choices().length > 0) value = gd.getNextChoice();
			else if (in.isFile() || type == String.class) value = gd.getNextString();
			else value = CommandRunner.text(gd.getNextNumber());
			if (!value.isEmpty()) values.put(in.key(), value);
		}
		return values;
	}

	/**
	 * What the dialog proposes: the active image's session for a session input, else the value of the
	 * last dialog run ({@link Remembered}), else the documented default.
	 */
	static Object proposed(CommandSpec spec, CommandSpec.Input in) {
		String open = CommandRunner.openSessionFor(in);
		if (open != null) return CommandRunner.convert(spec, in, open);
		String remembered = Remembered.get(spec, in);
		if (remembered == null) return in.defaultValue();
		try {
			return CommandRunner.convert(spec, in, remembered);
		} catch (RuntimeException stale) { // a remembered value a newer version no longer accepts
			return in.defaultValue();
		}
	}

	/** Enough decimals to show the default exactly, within reason (e.g. 1e-4 shows as 0.0001). */
	private static int decimals(double d) {
		for (int k = 0; k < 9; k++)
			if (Math.abs(d * Math.pow(10, k) - Math.rint(d * Math.pow(10, k))) < 1e-9) return k;
		return 9;
	}
}
