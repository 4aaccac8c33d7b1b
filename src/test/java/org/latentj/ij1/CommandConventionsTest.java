package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.latentj.io.PathText;

import ij.Macro;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Plugin;

/**
 * The rules every LatentJ command keeps so that Fiji (SciJava's dialog, macros, scripts, headless)
 * serves it as well as plain ImageJ does, checked on the metadata SciJava itself reads
 * ({@link CommandInfo}) for every command of plugins.config and of SciJava's plugin index, so that
 * a new command is checked without being listed here.
 */
class CommandConventionsTest {

	/** Numbers any real value of which the command itself judges (a range's ends, seeds). */
	private static final Set<String> UNBOUNDED = Set.of("alpha_min", "alpha_max", "d_min", "d_max", "x_min", "x_max");
	private static final List<String> FILE_STYLES = List.of("open", "save", "directory", "both");

	/** Every LatentJ command class: plugins.config's and those SciJava's plugin index lists. */
	static Set<String> commandClasses() {
		Set<String> names = new TreeSet<>();
		for (CommandTable.Entry e : CommandTable.pluginsConfigEntries())
			if (e.argument().startsWith("org.latentj.") && !e.argument().startsWith("org.latentj.ij1.")) names.add(e.argument());
		for (CommandInfo info : FijiRun.context().service(CommandService.class).getCommands())
			if (info.getClassName().startsWith("org.latentj.") && !info.getClassName().startsWith("org.latentj.ij1."))
				names.add(info.getClassName());
		return names;
	}

	@Test
	void everyCommandIsALatentJCommandThatRunsHeadless() throws Exception {
		Set<String> names = commandClasses();
		assertTrue(names.size() >= 18, names.toString());
		for (String name : names) {
			Class<?> c = Class.forName(name);
			assertTrue(LatentJCommand.class.isAssignableFrom(c), name + " must extend LatentJCommand (cancel reasons, not traces)");
			assertTrue(c.getAnnotation(Plugin.class).headless(), name + ": @Plugin(headless = true), or Fiji --headless refuses it");
		}
	}

	/**
	 * SciJava's dialog and the headless runner (and the README's key tables, made from it) list a command's inputs in
	 * one order: inherited ones first (the symbolic commands' shared {@code CriticCommand}), each class's in declaration
	 * order (checked: the headless runner listing a subclass's own inputs first fails it).
	 */
	@Test
	void sciJavaAndTheHeadlessRunnerListTheInputsInOneOrder() {
		CommandService commands = FijiRun.context().service(CommandService.class);
		for (String name : commandClasses()) {
			List<String> sciJava = new ArrayList<>();
			for (ModuleItem<?> in : commands.getCommand(name).inputs())
				if (!org.scijava.service.Service.class.isAssignableFrom(in.getType()) && !org.scijava.Context.class.isAssignableFrom(in.getType()))
					sciJava.add(in.getName());
			List<String> ours = CommandSpec.forName(name).inputs().stream().map(CommandSpec.Input::key).toList();
			assertEquals(ours, sciJava, name);
		}
		List<String> train = CommandSpec.forName("org.latentj.symbolic.ui.TrainSymbolicDiscriminatorCommand").inputs().stream()
				.map(CommandSpec.Input::key).toList();
		assertEquals("library", train.get(0));
		assertEquals(List.of("extensions", "window", "output"), train.subList(train.size() - 3, train.size()));
	}

	@Test
	void everyParameterIsDescribedBoundedAndStyledAsSciJavaSeesIt() {
		CommandService commands = FijiRun.context().service(CommandService.class);
		List<String> problems = new ArrayList<>();
		for (String name : commandClasses()) {
			CommandInfo info = commands.getCommand(name);
			assertNotNull(info, "SciJava does not find " + name);
			String label = info.getMenuPath().getLeaf().getName();
			for (ModuleItem<?> in : info.inputs()) {
				String where = label + " › " + in.getName() + ": ";
				if (in.getLabel() == null || in.getLabel().isBlank()) problems.add(where + "no label");
				if (in.getDescription() == null || in.getDescription().isBlank()) problems.add(where + "no description (Fiji's tooltip)");
				if (!in.isPersisted()) problems.add(where + "persist = false: Fiji's dialog would not remember it");
				Class<?> t = in.getType();
				if (t == File.class) {
					List<String> tokens = Arrays.asList(String.valueOf(in.getWidgetStyle()).split(","));
					long kinds = tokens.stream().filter(FILE_STYLES::contains).count();
					if (kinds != 1) problems.add(where + "style '" + in.getWidgetStyle() + "' must name one of " + FILE_STYLES);
					boolean writes = in.getName().equals("output");
					if (writes && !(tokens.contains("save") || tokens.contains("directory")))
						problems.add(where + "an output must be save or directory");
					if (!writes && tokens.contains("save")) problems.add(where + "an input is open, directory or both, not save");
				}
				boolean number = t == int.class || t == long.class || t == double.class || t == float.class;
				if (number && in.getMinimumValue() == null && !in.getName().contains("seed") && !UNBOUNDED.contains(in.getName()))
					problems.add(where + "a number needs a min (SciJava's spinner and the macro check use it)");
				if ((t == double.class || t == float.class) && in.getMinimumValue() != null && in.getMaximumValue() != null
						&& ((Number) in.getMaximumValue()).doubleValue() - ((Number) in.getMinimumValue()).doubleValue() <= 1
						&& (in.getStepSize() == null || in.getStepSize().doubleValue() >= 1))
					problems.add(where + "a fraction needs a stepSize below 1 (the spinner steps by 1 otherwise)");
				if (t == String.class && in.getChoices() != null && !in.getChoices().isEmpty()
						&& !in.getChoices().contains(CommandSpec.forName(name).input(in.getName()).defaultValue()))
					problems.add(where + "the default is not one of the choices");
				boolean session = in.getName().equals("sessions") || in.getName().equals("session");
				if (session && !CommandSpec.forName(name).input(in.getName()).defaultsToOpenSession())
					problems.add(where + "a session input defaults to the open session (@DefaultsToOpenSession)");
			}
			ModuleItem<?> saved = info.getOutput("saved");
			if (saved == null || saved.getType() != File.class) problems.add(label + ": no File output 'saved' (the file or folder written)");
			for (ModuleItem<?> out : info.outputs())
				if (out.getLabel() == null || out.getLabel().isBlank()) problems.add(label + " › " + out.getName() + ": an output needs a label");
		}
		assertEquals(List.of(), problems);
	}

	@Test
	void theStylesFijiShows() {
		CommandService commands = FijiRun.context().service(CommandService.class);
		assertEquals("open,extensions:nwb", commands.getCommand("org.latentj.nwb.ui.OpenMoSeqNwbCommand").getInput("path").getWidgetStyle());
		assertEquals("directory", commands.getCommand("org.latentj.hmm.ui.FitHmmCommand").getInput("output").getWidgetStyle());
		assertEquals("save", commands.getCommand("org.latentj.nwb.ui.SimulateMoSeqSessionCommand").getInput("output").getWidgetStyle());
		assertEquals("open,extensions:json", commands.getCommand("org.latentj.hmm.ui.ApplyModelCommand").getInput("model").getWidgetStyle());
		assertEquals("both,extensions:nwb", commands.getCommand("org.latentj.syllables.ui.SyllableOverlayCommand").getInput("session").getWidgetStyle(),
				"a session file, or a folder holding one");
		ModuleItem<?> obs = commands.getCommand("org.latentj.hmm.ui.FitHmmCommand").getInput("observations");
		assertEquals(List.of("ar", "gaussian"), obs.getChoices());
		ModuleItem<?> stick = commands.getCommand("org.latentj.hmm.ui.FitHmmCommand").getInput("stickiness");
		assertEquals(0.0, ((Number) stick.getMinimumValue()).doubleValue());
		assertEquals(1.0, ((Number) stick.getMaximumValue()).doubleValue());
		assertEquals(0.01, stick.getStepSize().doubleValue(), 1e-12);
		assertFalse(stick.getDescription().isBlank());
	}

	/** Inputs that take a list (a;b) or a word as well as a path: File inputs, for the Browse button. */
	private static final Set<String> LISTS_OR_WORDS = Set.of("sessions", "labels", "runs", "library");

	@Test
	void listsAndWordsGetABrowseButtonForTheCommonCaseOfOnePath() {
		CommandService commands = FijiRun.context().service(CommandService.class);
		int seen = 0;
		for (String name : commandClasses())
			for (ModuleItem<?> in : commands.getCommand(name).inputs())
				if (LISTS_OR_WORDS.contains(in.getName())) {
					seen++;
					assertEquals(File.class, in.getType(), name + " › " + in.getName());
					assertFalse(in.isRequired(), name + " › " + in.getName() + ": empty means a default, not a missing value");
				}
		assertEquals(13, seen, "6 sessions, 3 labels, 2 runs, 2 library inputs");
		assertEquals("both,extensions:nwb", commands.getCommand("org.latentj.hmm.ui.FitHmmCommand").getInput("sessions").getWidgetStyle());
		assertEquals("both,extensions:csv", commands.getCommand("org.latentj.syllables.ui.SyllableStatisticsCommand").getInput("labels").getWidgetStyle());
		assertEquals("both,extensions:csv", commands.getCommand("org.latentj.dynamics.ui.CharacterizeTransitionsCommand").getInput("runs").getWidgetStyle());
		assertEquals("open,extensions:lib", commands.getCommand("org.latentj.symbolic.ui.SymbolicStudyCommand").getInput("library").getWidgetStyle());
		assertEquals("nwb", PathText.of((File) CommandSpec.forName("org.latentj.syllables.ui.CrowdMovieCommand").input("labels").defaultValue()));
	}

	@Test
	void aListOrAWordSurvivesTheFileRoundTripOfBothPaths() {
		ConvertService convert = FijiRun.context().service(ConvertService.class);
		CommandSpec spec = CommandSpec.forName("org.latentj.syllables.ui.SyllableStatisticsCommand");
		String sep = File.separator;
		for (String text : List.of("a.nwb;b.nwb", "nwb", "lib1;lib2", "runs" + sep + "a b.csv;runs" + sep + "c.csv", "")) {
			String options = "sessions=[" + text + "] labels=[" + text + "]";
			// Fiji: MacroPreprocessor reads Macro.getValue and converts with SciJava's ConvertService
			String fiji = Macro.getValue(options, "sessions", null);
			assertTrue(convert.supports(fiji, File.class), text);
			assertEquals(text, PathText.of(convert.convert(fiji, File.class)), "SciJava's conversion of '" + text + "'");
			// plain ImageJ and the headless runner: CommandRunner sets the fields from the macro options
			Object command = CommandRunner.prepare(spec, MacroOptions.parse(options));
			assertEquals(text, PathText.of((File) spec.input("sessions").get((org.scijava.command.Command) command)), text);
			assertEquals(text, PathText.of((File) spec.input("labels").get((org.scijava.command.Command) command)), text);
		}
	}
}
