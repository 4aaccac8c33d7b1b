package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;

class MacroOptionsTest {

	@Test
	void keyValuesBracketsAndBareKeys() {
		Map<String, String> m = MacroOptions.parse("path=[/a b/c.nwb] pcs=10  raw flag=false name=x");
		assertEquals("/a b/c.nwb", m.get("path"));
		assertEquals("10", m.get("pcs"));
		assertEquals("true", m.get("raw"));
		assertEquals("false", m.get("flag"));
		assertEquals("x", m.get("name"));
		assertEquals(5, m.size());
	}

	@Test
	void emptyAndNull() {
		assertEquals(0, MacroOptions.parse(null).size());
		assertEquals(0, MacroOptions.parse("   ").size());
		assertEquals("", MacroOptions.parse("a=[]").get("a"));
	}

	@Test
	void unclosedBracketIsReported() {
		BadInputException e = assertThrows(BadInputException.class, () -> MacroOptions.parse("path=[/a b"));
		assertEquals(true, e.getMessage().contains("'path'"));
	}

	@Test
	void formatRoundTrips() {
		String s = MacroOptions.format("path", "/a b/c") + " " + MacroOptions.format("k", "v");
		assertEquals("path=[/a b/c] k=v", s);
		assertEquals(Map.of("path", "/a b/c", "k", "v"), MacroOptions.parse(s));
	}
}
