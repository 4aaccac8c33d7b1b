package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.ui.FitHmmCommand;
import org.latentj.util.BadInputException;

/** Issue 12 item 14: macro options parsed as ImageJ users expect, every refusal naming the key. */
class OptionParsingTest {

	private final CommandSpec echo = CommandSpec.of(EchoCommand.class);
	private final CommandSpec fit = CommandSpec.of(FitHmmCommand.class);

	private static String refused(CommandSpec spec, String options) {
		BadInputException e = assertThrows(BadInputException.class, () -> CommandRunner.prepare(spec, MacroOptions.parse(options)));
		assertTrue(e.getMessage().length() < 400, e.getMessage());
		return e.getMessage();
	}

	@Test
	void aKeyGivenTwiceIsRefused() {
		assertTrue(refused(echo, "width=3 width=4").contains("'width' is given twice"));
		assertTrue(refused(echo, "flag Flag").contains("given twice"));
	}

	@Test
	void onlyDecimalNumbersAreNumbers() {
		for (String bad : new String[] { "3d", "1f", "0x1p3", "Infinity", "NaN", "1_000", "1e", "--1" })
			assertTrue(refused(echo, "ratio=" + bad).contains("'ratio' must be a decimal number, not '" + bad + "'"), bad);
		EchoCommand c = (EchoCommand) CommandRunner.prepare(echo, MacroOptions.parse("ratio=-.5e-3 width=1e2"));
		assertEquals(-0.0005, c.ratio);
		assertEquals(100, c.width);
	}

	@Test
	void integerKeysAreIntegersInRange() {
		assertTrue(refused(fit, "seed=1e30").contains("'seed' must be a whole number from -9223372036854775808 to 9223372036854775807"));
		assertTrue(refused(fit, "seed=1e999999999").contains("'seed' must be a whole number"));
		assertTrue(refused(fit, "states=2147483648").contains("'states' must be a whole number from"));
		assertTrue(refused(fit, "states=2.5").contains("'states' must be a whole number, not '2.5'"));
		FitHmmCommand f = (FitHmmCommand) CommandRunner.prepare(fit, MacroOptions.parse("seed=9223372036854775807"));
		assertEquals(Long.MAX_VALUE, f.seed); // exactly, not through a double
	}

	@Test
	void hugeNumbersNameTheKey() {
		assertTrue(refused(fit, "alpha=1e309").contains("'alpha' is 1e309, beyond the range"));
		assertTrue(refused(fit, "tolerance=" + "9".repeat(10_000)).contains("'tolerance' must be a decimal number"));
	}

	@Test
	void aPathHoldingABracketPasses() {
		Map<String, String> o = MacroOptions.parse("path=[/data/run[2]/fit] width=3");
		assertEquals("/data/run[2]/fit", o.get("path"));
		assertEquals("3", o.get("width"));
		assertEquals(new File("/data/a]b"), ((EchoCommand) CommandRunner.prepare(echo, MacroOptions.parse("path=[/data/a]b]"))).path);
		assertEquals("path=[/data/a]b]", MacroOptions.format("path", "/data/a]b"));
	}
}
