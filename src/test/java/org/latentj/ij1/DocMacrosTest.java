package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;

/**
 * Every {@code run("Label", ...)} line of README.md, docs/*.md and macros/*.ijm gives its command the
 * same inputs through Fiji's route (Fiji's MacroPreprocessor, then LatentJ's) as through the ImageJ
 * 1.x bridge, or the same one-sentence refusal: the preprocessors run, the command does not (the
 * examples name files on someone else's disk; FijiMacrosTest runs the demo macro for real). A
 * variable in a line ({@code "sessions=[" + dir + "]"}) becomes {@code /data/<name>/}.
 */
class DocMacrosTest {

	private static final Pattern RUN = Pattern.compile("run\\(\"([^\"]+)\",\\s*(\".*?)\\);");

	@Test
	void everyDocumentedRunLineSetsTheSameInputsInBothPaths() throws Exception {
		Map<String, String> labels = new LinkedHashMap<>();
		for (CommandTable.Entry e : CommandTable.pluginsConfigEntries())
			if (e.argument().startsWith("org.latentj.")) labels.put(e.label, e.argument());
		List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs")); Stream<Path> macros = Files.list(Path.of("macros"))) {
			Stream.concat(docs, macros).filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".ijm")).sorted().forEach(files::add);
		}
		int checked = 0;
		for (Path file : files)
			for (String line : Files.readAllLines(file)) {
				Matcher m = RUN.matcher(line);
				while (m.find()) {
					String className = labels.get(m.group(1));
					if (className == null) continue; // an ImageJ built-in
					String options = evaluate(m.group(2));
					assertSame(file + ": " + m.group(0), className, options);
					checked++;
				}
			}
		assertTrue(checked >= 30, "run lines checked: " + checked);
	}

	/** A macro string expression of literals and variables joined by +, variables as /data/name/. */
	static String evaluate(String expression) {
		StringBuilder out = new StringBuilder();
		Matcher tokens = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|([A-Za-z_][A-Za-z_0-9]*)").matcher(expression);
		while (tokens.find())
			out.append(tokens.group(1) != null ? tokens.group(1) : "/data/" + tokens.group(2) + "/");
		return out.toString();
	}

	private static void assertSame(String where, String className, String options) throws Exception {
		CommandSpec spec = CommandSpec.forName(className);
		String bridge;
		try {
			bridge = spec.values(CommandRunner.prepare(spec, MacroOptions.parse(options))).toString();
		} catch (BadInputException e) {
			bridge = spec.label() + ": " + LatentJ_Bridge.withoutLabel(spec.label(), e.getMessage());
		}
		String fiji = SciJavaPathTest.inMacro(options, () -> preprocessed(spec, className));
		assertEquals(bridge, fiji, where);
	}

	/** The inputs after SciJava's preprocessors (the command is not run), or the cancel reason. */
	private static String preprocessed(CommandSpec spec, String className) {
		var context = FijiRun.context();
		CommandModule module = (CommandModule) context.service(ModuleService.class)
				.createModule(context.service(CommandService.class).getCommand(className));
		for (PreprocessorPlugin p : context.service(PluginService.class).createInstancesOfType(PreprocessorPlugin.class)) {
			p.process(module);
			if (p.isCanceled()) {
				CommandFailures.reset();
				return p.getCancelReason();
			}
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (CommandSpec.Input in : spec.inputs()) values.put(in.key(), module.getInput(in.key()));
		return values.toString();
	}
}
