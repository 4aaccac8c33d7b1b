package org.latentj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.latentj.ij1.MacroKeysTable;

/** The README documents every command's macro keys exactly as the code declares them. */
class ReadmeTest {

	private static final String BEGIN = "<!-- macro-keys:begin (generated: java -cp 'target/lib/*' org.latentj.ij1.MacroKeysTable) -->\n";
	private static final String END = "<!-- macro-keys:end -->";

	@Test
	void macroKeysTableIsUpToDate() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		int begin = readme.indexOf(BEGIN);
		int end = readme.indexOf(END);
		assertTrue(begin >= 0 && end > begin, "README.md lacks the macro-keys markers");
		String documented = readme.substring(begin + BEGIN.length(), end);
		assertEquals(MacroKeysTable.markdown(), documented,
				"README's macro keys differ from the commands: regenerate them with MacroKeysTable");
	}
}
