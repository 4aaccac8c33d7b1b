package org.latentj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 item 12: the headless runner says what went wrong once, in one sentence. */
class HeadlessMessagesTest {

	@TempDir
	Path tmp;

	private static String stderrOf(int expectedCode, Path macroFile) throws Exception {
		PrintStream err = System.err;
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
		int code;
		try {
			code = Headless.run("-batch", macroFile.toString());
		} finally {
			System.setErr(err);
		}
		String text = buf.toString(StandardCharsets.UTF_8);
		assertEquals(expectedCode, code, text);
		assertFalse(text.contains("\tat "), "no stack trace: " + text);
		return text;
	}

	@Test
	void aMisspelledCommandIsNamedWithTheNearestLabel() throws Exception {
		Path m = Files.writeString(tmp.resolve("m.ijm"), "print('start');\nrun(\"Fit Hmm\", \"states=3\");\n");
		String err = stderrOf(1, m);
		assertEquals("LatentJ headless: Unrecognized command: Fit Hmm (did you mean Fit HMM?)\n", err);
	}

	@Test
	void aMacroFileThatIsNotUtf8IsOneSentence() throws Exception {
		Path m = Files.write(tmp.resolve("m.ijm"), "print(\"caf\u00e9\");\n".getBytes(StandardCharsets.ISO_8859_1));
		String err = stderrOf(2, m);
		assertTrue(err.startsWith("LatentJ headless: the macro file " + m + " is not UTF-8 text"), err);
		assertEquals(1, err.lines().count(), err);
	}

	@Test
	void aCommandErrorIsPrintedOnce() throws Exception {
		Path m = Files.writeString(tmp.resolve("m.ijm"), "run(\"Fit HMM\", \"states=3 states=4\");\nprint(\"not reached\");\n");
		String err = stderrOf(1, m);
		assertEquals("LatentJ: Fit HMM: The key 'states' is given twice in the options; give it once.\n", err);
	}
}
