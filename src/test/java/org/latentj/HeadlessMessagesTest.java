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

	private static String stderrOf(int expectedCode, Path macroFile, String... arguments) throws Exception {
		PrintStream err = System.err;
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
		int code;
		String[] args = new String[2 + arguments.length];
		args[0] = "-batch";
		args[1] = macroFile.toString();
		System.arraycopy(arguments, 0, args, 2, arguments.length);
		try {
			code = Headless.run(args);
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
		assertEquals("LatentJ headless: Unrecognized command: Fit Hmm (did you mean Fit HMM?) (macro line 2)\n", err);
	}

	/** A name held in a variable is found from ImageJ's own message, not mistaken for a missing display. */
	@Test
	void aMisspelledCommandInAVariableIsNamedWithItsLine() throws Exception {
		Path m = Files.writeString(tmp.resolve("m.ijm"), "c = \"Fit Trainng Phases\";\nprint('x');\nrun(c, \"states=2\");\nprint('not reached');\n");
		String err = stderrOf(1, m);
		assertEquals("LatentJ headless: Unrecognized command: Fit Trainng Phases (did you mean Fit Training Phases?) (macro line 3)\n", err);
	}

	/** The line of a syntax error is the line ImageJ names, in the middle and at the end of a file without a last newline. */
	@Test
	void aMacroErrorNamesItsOwnLine() throws Exception {
		Path middle = Files.writeString(tmp.resolve("l2.ijm"), "print(\"l1\");\nx = ;\nprint(\"l3\");\n");
		assertEquals("LatentJ headless: macro failed: Number or numeric function expected (l2.ijm, line 2)\n", stderrOf(1, middle));
		Path last = Files.writeString(tmp.resolve("l4.ijm"), "print(\"l1\");\n\nprint(\"l3\");\ny = 2 * ;");
		assertEquals("LatentJ headless: macro failed: Number or numeric function expected (l4.ijm, line 4)\n", stderrOf(1, last));
		Path first = Files.writeString(tmp.resolve("l1.ijm"), "x = ;\nprint(\"l2\");\nprint(\"l3\");\n");
		assertEquals("LatentJ headless: macro failed: Number or numeric function expected (l1.ijm, line 1)\n", stderrOf(1, first));
	}

	/** Which of several LatentJ calls failed: the refusal names its macro line. */
	@Test
	void aLatentJRefusalNamesItsMacroLine() throws Exception {
		Path m = Files.writeString(tmp.resolve("m.ijm"), "print('a');\nprint('b');\nrun(\"Fit HMM\", \"states=3 states=4\");\n");
		assertEquals("LatentJ: Fit HMM: The key 'states' is given twice in the options; give it once. (macro line 3)\n", stderrOf(1, m));
	}

	/** More words than -batch FILE [ARGUMENT] were a split argument: a usage error, not a silently shortened argument. */
	@Test
	void extraArgumentsAreAUsageError() throws Exception {
		// the whole quoted argument reaches the macro (a call to an undefined function fails it otherwise)
		Path m = Files.writeString(tmp.resolve("m.ijm"), "if (getArgument() != \"one two three\") notTheArgument();\n");
		String err = stderrOf(2, m, "one", "two", "three");
		assertEquals(1, err.lines().count(), err);
		assertTrue(err.startsWith("Usage: java -cp 'target/lib/*' org.latentj.Headless -batch FILE.ijm [ARGUMENT] (3 arguments given after the file;"), err);
		assertTrue(err.contains("quote an argument that has spaces"), err);
		assertEquals("", stderrOf(0, m, "one two three"));
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
		assertEquals("LatentJ: Fit HMM: The key 'states' is given twice in the options; give it once. (macro line 1)\n", err);
	}

	/** stderr holds only failures: a command's progress and status lines go to stdout headless (10 per (alpha, D) pair, 2 x 2 pairs: 40 trajectories). */
	@Test
	void statusGoesToStdoutAndStderrStaysEmpty() throws Exception {
		Path data = tmp.resolve("s.csv");
		Path m = Files.writeString(tmp.resolve("m.ijm"), "run('Simulate SBM', 'alpha_steps=2 d_steps=2 n=10 length=20 seed=1 output=[" + data + "]');\n");
		PrintStream out = System.out;
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
		String err;
		try {
			err = stderrOf(0, m);
		} finally {
			System.setOut(out);
		}
		assertEquals("", err);
		assertTrue(buf.toString(StandardCharsets.UTF_8).contains("LatentJ: Simulated 40 SBM trajectories of 20 steps into s.csv.\n") && buf.toString(StandardCharsets.UTF_8).contains("LatentJ: Simulate SBM 100%"), buf.toString(StandardCharsets.UTF_8));
	}
}
