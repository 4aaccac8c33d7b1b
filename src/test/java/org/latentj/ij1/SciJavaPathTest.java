package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.process.ByteProcessor;

/**
 * The SciJava path (Fiji) with the test command: macro options read as the bridge reads them, after
 * Fiji's own MacroPreprocessor ({@link FijiMacroPreprocessor}); failures as cancel reasons without a
 * stack trace; defaults, never remembered values, for keys a macro leaves out; outputs for scripts;
 * the open session as the default of session inputs.
 */
class SciJavaPathTest {

	private static final String ECHO = EchoCommand.class.getName();
	private static final CommandSpec SPEC = CommandSpec.of(EchoCommand.class);

	/** Runs {@code body} on a macro-like thread with {@code options} as its macro options (null: none). */
	static <T> T inMacro(String options, Callable<T> body) throws Exception {
		AtomicReference<T> out = new AtomicReference<>();
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		Thread t = new Thread(() -> {
			try {
				Macro.setOptions(options);
				out.set(body.call());
			} catch (Throwable e) {
				thrown.set(e);
			} finally {
				Macro.setOptions(null);
			}
		}, "Run$_test");
		t.start();
		t.join();
		if (thrown.get() instanceof Exception e) throw e;
		if (thrown.get() != null) throw new AssertionError(thrown.get());
		return out.get();
	}

	/** The module of one macro call and what it wrote on stderr. */
	record Run(CommandModule module, String stderr) {
		EchoCommand echo() {
			return (EchoCommand) module.getDelegateObject();
		}
	}

	static Run fiji(String options) throws Exception {
		PrintStream err = System.err;
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
		try {
			CommandModule m = inMacro(options, () -> FijiRun.run(ECHO, Map.of()));
			return new Run(m, buffer.toString(StandardCharsets.UTF_8));
		} finally {
			System.setErr(err);
		}
	}

	@Test
	void macroOptionsSetTheSameValuesAsTheBridge() throws Exception {
		for (String options : new String[] { "title=abc width=33 ratio=0.25 mode=fancy flag=false path=[/a b/c.txt]",
				"caption=[x y] flag", "NAME=z mode=FANCY", "width=7", "" }) {
			EchoCommand bridge = (EchoCommand) CommandRunner.prepare(SPEC, MacroOptions.parse(options));
			Run run = fiji(options);
			assertFalse(run.module().isCanceled(), options + ": " + run.module().getCancelReason());
			EchoCommand sj = run.echo();
			assertEquals(SPEC.values(bridge), SPEC.values(sj), options);
			assertEquals(bridge.width, sj.image.getWidth(), options);
		}
		// what Fiji's MacroPreprocessor alone would do differently: a bare boolean is not read
		assertNull(Macro.getValue("flag ", "flag", null));
		EchoCommand sj = fiji("flag=false").echo();
		assertFalse(sj.flag);
	}

	@Test
	void badOptionsCancelWithTheBridgeSentenceAndNoStackTrace() throws Exception {
		for (String options : new String[] { "widht=3", "width=0", "mode=odd", "width=abc", "title=a caption=b" }) {
			String bridge = assertThrows(BadInputException.class, () -> CommandRunner.prepare(SPEC, MacroOptions.parse(options))).getMessage();
			Run run = fiji(options);
			assertTrue(run.module().isCanceled(), options);
			String expected = SPEC.label() + ": " + LatentJ_Bridge.withoutLabel(SPEC.label(), bridge);
			assertEquals(expected, run.module().getCancelReason());
			assertTrue(run.stderr().contains("LatentJ: " + expected), run.stderr());
			assertNoTrace(run.stderr());
			assertNull(run.echo().image, "the command must not run");
		}
	}

	@Test
	void aFailingCommandCancelsWithItsSentenceAndABugKeepsItsTrace() throws Exception {
		Run run = fiji("title=fail");
		assertTrue(run.module().isCanceled());
		assertEquals("LatentJ Test Echo: Echo: asked to fail.", run.module().getCancelReason());
		assertNoTrace(run.stderr());
		// Esc during the work: the bridge's sentence too
		Run esc = fiji("title=esc");
		assertEquals("LatentJ Test Echo: Cancelled by the user.", esc.module().getCancelReason());
		assertNoTrace(esc.stderr());
		CommandFailures.reset();
		// a bug is not a user's mistake: SciJava gets the exception (and logs it with its trace)
		assertThrows(IllegalStateException.class, () -> inMacro("title=bug", () -> FijiRun.run(ECHO, Map.of())));
	}

	@Test
	void keysLeftOutTakeTheirDefaultsNotRememberedValues() throws Exception {
		ModuleService modules = FijiRun.context().service(ModuleService.class);
		CommandModule module = (CommandModule) modules.createModule(FijiRun.context().service(CommandService.class).getCommand(ECHO));
		@SuppressWarnings("unchecked")
		ModuleItem<Integer> width = (ModuleItem<Integer>) module.getInfo().getInput("width");
		assertTrue(width.isPersisted(), "inputs are remembered for dialogs");
		modules.save(width, 77);
		try {
			assertEquals(77, modules.load(width));
			assertEquals(16, fiji("title=t").echo().width, "a macro never picks up a remembered value");
			// a script (no macro) headless: what it leaves out is the default too
			Module script = FijiRun.run(ECHO, Map.of("title", "s"));
			assertEquals(16, ((EchoCommand) script.getDelegateObject()).width);
			assertEquals("s", ((EchoCommand) script.getDelegateObject()).title);
		} finally {
			modules.save(width, 16); // the default: removes the remembered value
		}
		assertNull(modules.load(width));
	}

	@Test
	void scriptsGetTheOutputsThroughCommandService() throws Exception {
		CommandService commands = FijiRun.context().service(CommandService.class);
		CommandModule m = commands.run(EchoCommand.class, true, "title", "from a script", "width", 5).get();
		assertFalse(m.isCanceled());
		ImagePlus image = (ImagePlus) m.getOutput("image");
		assertNotNull(image);
		assertEquals("from a script", image.getTitle());
		assertEquals(5, image.getWidth());
		assertTrue(m.isOutputResolved("image"), "shown by the command itself, not a second time by SciJava");
		// a script's bad value: a cancel reason, no exception
		CommandModule bad = commands.run(EchoCommand.class, true, "title", "fail").get();
		assertEquals("LatentJ Test Echo: Echo: asked to fail.", bad.getCancelReason());
		CommandFailures.reset();
	}

	@Test
	void sessionInputsDefaultToTheOpenSessionInBothPaths() throws Exception {
		ImagePlus session = new ImagePlus("sim_session_1", new ByteProcessor(4, 4));
		String file = new File("test-data/sim_session_1.nwb").getAbsolutePath();
		session.setProperty("Info", "MoSeq session: sim_session_1\nFile: " + file + "\nFrames: 3\n");
		String[] got = inMacro("title=t", () -> {
			// (set before each call: in batch mode, left on by other tests, the echo's image becomes the current one)
			try {
				WindowManager.setTempCurrentImage(session);
				String sj = ((EchoCommand) FijiRun.run(ECHO, Map.of()).getDelegateObject()).sessions;
				WindowManager.setTempCurrentImage(session);
				String bridge = ((EchoCommand) CommandRunner.prepare(SPEC, MacroOptions.parse(Macro.getOptions()))).sessions;
				String proposed = ParameterDialog.proposed(SPEC, SPEC.input("sessions")).toString();
				Macro.setOptions("sessions=[other.nwb]");
				String given = ((EchoCommand) FijiRun.run(ECHO, Map.of()).getDelegateObject()).sessions;
				return new String[] { sj, bridge, given, proposed };
			} finally {
				WindowManager.setTempCurrentImage(null);
			}
		});
		assertEquals(file, got[0]);
		assertEquals(file, got[1]);
		assertEquals("other.nwb", got[2], "a key the macro gives is never overridden");
		assertEquals(file, got[3], "the dialog proposes it");
		// a File session input (Syllable Overlay's) too, and the command runs on it
		String overlay = "org.latentj.syllables.ui.SyllableOverlayCommand";
		Object[] made = inMacro("last_frame=9", () -> {
			WindowManager.setTempCurrentImage(session);
			try {
				CommandModule m = FijiRun.run(overlay, Map.of());
				return new Object[] { m.getInput("session"), m.getOutput("image"), m.getCancelReason() };
			} finally {
				WindowManager.setTempCurrentImage(null);
			}
		});
		assertNull(made[2]);
		assertEquals(new File(file), made[0]);
		assertEquals(10, ((ImagePlus) made[1]).getStackSize());
		// another image is not a session
		assertNull(OpenSession.path(new ImagePlus("x", new ByteProcessor(2, 2))));
	}

	static void assertNoTrace(String stderr) {
		assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"), "a stack trace on stderr:\n" + stderr);
	}
}
