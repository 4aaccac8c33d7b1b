package org.latentj.ij1;

import java.util.Map;

import ij.Prefs;

/**
 * The values of a command's last dialog in plain ImageJ (ImageJ's IJ_Prefs.txt), proposed by its
 * next dialog: the bridge's counterpart of SciJava's persisted inputs in Fiji. Only a run from a
 * dialog saves them and only a dialog reads them; a macro always gets the documented defaults for
 * the keys it leaves out, so a macro's result never depends on what was clicked before.
 */
final class Remembered {

	private Remembered() {
	}

	private static String key(CommandSpec spec, CommandSpec.Input in) {
		return "latentj." + spec.type().getSimpleName() + "." + in.key();
	}

	/** The remembered text of {@code in}, or null. */
	static String get(CommandSpec spec, CommandSpec.Input in) {
		return Prefs.get(key(spec, in), null);
	}

	/** Remembers the values of a dialog run (macro text by key); keys absent from {@code values} are forgotten. */
	static void save(CommandSpec spec, Map<String, String> values) {
		for (CommandSpec.Input in : spec.inputs()) {
			String v = values.get(in.key());
			Prefs.set(key(spec, in), v == null ? "" : v);
		}
	}
}
