package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.ui.FitHmmCommand;
import org.latentj.hmm.ui.ScanModelsCommand;

import ij.Prefs;

/**
 * Plain ImageJ's memory of dialog values (IJ_Prefs.txt through {@link Prefs}): stored per command and key, proposed
 * by the next dialog, forgotten when a dialog leaves a key out, and never seen by a macro.
 */
class RememberedTest {

	private static final CommandSpec ECHO = CommandSpec.of(EchoCommand.class);

	@Test
	void storedInImageJsPrefsPerCommandAndKey() {
		CommandSpec fit = CommandSpec.of(FitHmmCommand.class), scan = CommandSpec.of(ScanModelsCommand.class);
		try {
			Remembered.save(fit, Map.of("seed", "7", "states", "12"));
			assertEquals("7", Prefs.get("latentj.FitHmmCommand.seed", null));
			assertEquals("12", Remembered.get(fit, fit.input("states")));
			assertEquals(7L, ((Number) ParameterDialog.proposed(fit, fit.input("seed"))).longValue());
			assertEquals(scan.input("seed").defaultValue(), ParameterDialog.proposed(scan, scan.input("seed")),
					"Fit HMM's dialog values are not Scan Models' (same key, another command)");
		} finally {
			Remembered.save(fit, Map.of());
		}
	}

	@Test
	void aKeyTheLastDialogLeftOutIsForgotten() {
		try {
			Remembered.save(ECHO, Map.of("width", "77", "title", "kept"));
			Remembered.save(ECHO, Map.of("title", "kept")); // the next dialog run left width empty
			assertEquals("", Remembered.get(ECHO, ECHO.input("width")));
			assertEquals(16, ParameterDialog.proposed(ECHO, ECHO.input("width")), "the documented default again");
			assertEquals("kept", ParameterDialog.proposed(ECHO, ECHO.input("title")));
		} finally {
			Remembered.save(ECHO, Map.of());
		}
	}

	@Test
	void dialogValuesFillTheNextDialogOnlyNeverAMacro() {
		CommandSpec.Input width = ECHO.input("width");
		assertEquals(16, ParameterDialog.proposed(ECHO, width));
		Remembered.save(ECHO, Map.of("width", "77", "mode", "fancy"));
		try {
			assertEquals(77, ParameterDialog.proposed(ECHO, width), "the next dialog proposes the last dialog's value");
			assertEquals("fancy", ParameterDialog.proposed(ECHO, ECHO.input("mode")));
			EchoCommand macro = (EchoCommand) CommandRunner.prepare(ECHO, MacroOptions.parse("title=m"));
			assertEquals(16, macro.width, "a macro gets the documented default");
			assertEquals("plain", macro.mode);
			Remembered.save(ECHO, Map.of("width", "abc")); // a value a newer version would refuse
			assertEquals(16, ParameterDialog.proposed(ECHO, width));
		} finally {
			Remembered.save(ECHO, Map.of());
		}
		assertEquals(16, ParameterDialog.proposed(ECHO, width));
	}
}
