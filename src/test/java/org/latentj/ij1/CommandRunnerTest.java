package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

class CommandRunnerTest {

	private final CommandSpec spec = CommandSpec.of(EchoCommand.class);

	@Test
	void specReadsLabelMenuAndInputsInDeclarationOrder() {
		assertEquals("LatentJ Test Echo", spec.label());
		assertEquals("Plugins>LatentJ>Test", spec.menu());
		assertEquals("title,width,ratio,mode,flag,path,sessions", // not the output "image"
				String.join(",", spec.inputs().stream().map(CommandSpec.Input::key).toArray(String[]::new)));
		assertEquals(16, spec.input("width").defaultValue());
	}

	@Test
	void optionsAreConvertedAndDefaultsKept() {
		EchoCommand c = (EchoCommand) CommandRunner.prepare(spec,
				MacroOptions.parse("title=[a b] width=20 mode=FANCY path=/tmp/x"));
		assertEquals("a b", c.title);
		assertEquals(20, c.width);
		assertEquals(0.5, c.ratio);
		assertEquals("fancy", c.mode);
		assertTrue(c.flag);
		assertEquals(new File("/tmp/x"), c.path);
	}

	@Test
	void formerKeysSetTheRenamedFieldAndAreListed() {
		assertEquals(java.util.List.of("caption", "name"), spec.input("title").aliases());
		assertEquals("title", spec.input("caption").key());
		assertEquals("x y", ((EchoCommand) CommandRunner.prepare(spec, MacroOptions.parse("caption=[x y] width=3"))).title);
		assertEquals("z", ((EchoCommand) CommandRunner.prepare(spec, MacroOptions.parse("NAME=z"))).title);
		assertMessage("the keys 'title' and 'caption' are the same key (title); give it once", MacroOptions.parse("title=a caption=b"));
	}

	@Test
	void anAliasThatIsAlsoAKeyIsRefused() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandSpec.of(ClashingCommand.class));
		assertTrue(e.getMessage().contains("the alias 'width' of title is also the key or an alias of width"), e.getMessage());
	}

	@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Test>Clash")
	public static class ClashingCommand implements Command {
		@MacroAlias("width")
		@Parameter
		public String title = "";
		@Parameter
		public int width = 1;

		@Override
		public void run() {
		}
	}

	@Test
	void booleansBareOrExplicit() {
		assertFalse(((EchoCommand) CommandRunner.prepare(spec, Map.of("flag", "false"))).flag);
		assertTrue(((EchoCommand) CommandRunner.prepare(spec, MacroOptions.parse("flag"))).flag);
		assertTrue(((EchoCommand) CommandRunner.prepare(spec, Map.of("flag", "true"))).flag);
		assertNull(((EchoCommand) CommandRunner.prepare(spec, Map.of())).path);
	}

	@Test
	void badOptionsNameTheKey() {
		assertMessage("unknown key 'widht'", Map.of("widht", "3"));
		assertMessage("'width' must be a whole number, not '2.5'", Map.of("width", "2.5"));
		assertMessage("'width' must be at least 1, not 0", Map.of("width", "0"));
		assertMessage("'width' must be at most 1000, not 1001", Map.of("width", "1001"));
		assertMessage("'ratio' must be a decimal number, not 'abc'", Map.of("ratio", "abc"));
		assertMessage("'ratio' must be a decimal number, not 'NaN'", Map.of("ratio", "NaN"));
		assertMessage("'mode' must be one of plain, fancy, not 'odd'", Map.of("mode", "odd"));
		assertMessage("'flag' must be true or false, not 'maybe'", Map.of("flag", "maybe"));
	}

	private void assertMessage(String expected, Map<String, String> options) {
		BadInputException e = assertThrows(BadInputException.class, () -> CommandRunner.prepare(spec, options));
		assertTrue(e.getMessage().startsWith("LatentJ Test Echo: "), e.getMessage());
		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}
}
