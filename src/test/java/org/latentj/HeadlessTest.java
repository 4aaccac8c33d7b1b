package org.latentj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/** The headless runner: ImageJ built-ins and LatentJ commands without a display, and honest exit codes. */
class HeadlessTest {

	@TempDir
	Path tmp;

	@Test
	void builtInsRunWithoutDisplay() {
		Path out = tmp.resolve("blur.tif");
		int code = Headless.runMacro("newImage('ramp', '8-bit ramp', 64, 32, 1);\n"
				+ "run('Gaussian Blur...', 'sigma=2');\n"
				+ "run('Median...', 'radius=1');\n"
				+ "run('Multiply...', 'value=1');\n"
				+ "saveAs('Tiff', '" + out + "');\n", "", "test.ijm");
		assertEquals(0, code);
		ImagePlus imp = IJ.openImage(out.toString());
		assertEquals(64, imp.getWidth());
		assertEquals(32, imp.getHeight());
		// a horizontal ramp stays a ramp under a blur: left darker than right
		assertTrue(imp.getProcessor().getPixel(5, 16) < imp.getProcessor().getPixel(58, 16));
	}

	@Test
	void latentjCommandRunsFromMacroAndItsImageIsCurrent() {
		Path out = tmp.resolve("echo.tif");
		int code = Headless.runMacro("run('LatentJ Test Echo', 'title=[my echo] width=33 mode=fancy');\n"
				+ "if (getTitle() != 'my echo') exit('wrong title ' + getTitle());\n"
				+ "saveAs('Tiff', '" + out + "');\n", "", "test.ijm");
		assertEquals(0, code);
		ImagePlus imp = IJ.openImage(out.toString());
		assertEquals(33, imp.getWidth());
		assertEquals(200, imp.getProcessor().getPixel(0, 0));
	}

	@Test
	void failingCommandStopsTheMacroWithExitCode1() {
		Path after = tmp.resolve("after.txt");
		int code = Headless.runMacro("run('LatentJ Test Echo', 'title=fail');\n"
				+ "File.saveString('reached', '" + after + "');\n", "", "test.ijm");
		assertEquals(1, code);
		assertTrue(!Files.exists(after), "the macro must stop at the failing command");
	}

	@Test
	void badKeyMacroErrorAndUnknownCommandGiveExitCode1() {
		assertEquals(1, Headless.runMacro("run('LatentJ Test Echo', 'widht=3');", "", "t.ijm"));
		assertEquals(1, Headless.runMacro("x = ;", "", "t.ijm"));
		assertEquals(1, Headless.runMacro("run('No Such Command');", "", "t.ijm"));
		assertEquals(1, Headless.runMacro("run('LatentJ Test Echo', 'title=bug');", "", "t.ijm"));
		assertEquals(1, Headless.runMacro("open('/no/such/file.tif'); print('after');", "", "t.ijm"));
		// a built-in that needs a dialog window cannot run headless: that must fail, not be skipped
		Path after = tmp.resolve("after-size.txt");
		assertEquals(1, Headless.runMacro("newImage('a', '8-bit black', 8, 8, 1); run('Size...', 'width=16 height=16');"
				+ "File.saveString('reached', '" + after + "');", "", "t.ijm"));
		assertTrue(!Files.exists(after), "the macro must stop at the failing built-in");
		assertEquals(0, Headless.runMacro("print('fine');", "", "t.ijm"));
		assertEquals(0, Headless.runMacro("print('early'); exit; print('never');", "", "t.ijm"));
	}

	@Test
	void processExitsWithCodesAndNoLingeringThreads() throws Exception {
		Path ok = tmp.resolve("ok.ijm");
		Files.writeString(ok, "newImage('a', '8-bit black', 8, 8, 1); print('arg=' + getArgument());");
		Path bad = tmp.resolve("bad.ijm");
		Files.writeString(bad, "run('LatentJ Test Echo', 'title=fail');");
		assertEquals(0, runProcess(ok, "hello").exitCode);
		assertTrue(runProcess(ok, "hello").stdout.contains("arg=hello"));
		Result failed = runProcess(bad, "");
		assertEquals(1, failed.exitCode);
		assertTrue(failed.stderr.contains("Echo: asked to fail."), failed.stderr);
		Result badKey = runProcess(writeMacro("badkey.ijm", "run('LatentJ Test Echo', 'widht=3');"), "");
		assertEquals(1, badKey.exitCode);
		assertTrue(badKey.stderr.contains("LatentJ Test Echo: unknown key 'widht'"), badKey.stderr);
		assertTrue(!badKey.stderr.contains("LatentJ Test Echo: LatentJ Test Echo"), "the label is said once: " + badKey.stderr);
		assertEquals(2, runProcess(tmp.resolve("missing.ijm"), "").exitCode);
	}

	private Path writeMacro(String name, String text) throws Exception {
		Path p = tmp.resolve(name);
		Files.writeString(p, text);
		return p;
	}

	private static final class Result {
		int exitCode;
		String stdout;
		String stderr;
	}

	private Result runProcess(Path macro, String arg) throws Exception {
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "org.latentj.Headless", "-batch", macro.toString()));
		if (!arg.isEmpty()) cmd.add(arg);
		File outFile = tmp.resolve("stdout.txt").toFile();
		File errFile = tmp.resolve("stderr.txt").toFile();
		Process p = new ProcessBuilder(cmd).redirectOutput(outFile).redirectError(errFile).start();
		assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM must exit when the macro ends");
		Result r = new Result();
		r.exitCode = p.exitValue();
		r.stdout = Files.readString(outFile.toPath());
		r.stderr = Files.readString(errFile.toPath());
		return r;
	}
}
