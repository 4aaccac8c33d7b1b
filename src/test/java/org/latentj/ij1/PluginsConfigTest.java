package org.latentj.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.plugin.PluginIndex;
import org.scijava.plugin.PluginInfo;

/**
 * plugins.config (ImageJ 1.x menus and the headless runner) and the SciJava annotations (Fiji's
 * menus) must describe the same commands: same labels, same menus, every command in both.
 */
class PluginsConfigTest {

	private static List<CommandTable.Entry> projectEntries() throws Exception {
		try (InputStream in = Files.newInputStream(Path.of("plugins.config"))) {
			return CommandTable.parsePluginsConfig(in);
		}
	}

	@Test
	void everyConfigLineMatchesItsCommandAnnotation() throws Exception {
		Set<String> labels = new HashSet<>();
		for (CommandTable.Entry e : projectEntries()) {
			assertTrue(e.className.startsWith("org.latentj.ij1.LatentJ_Bridge(\""), e.className);
			CommandSpec spec = CommandSpec.forName(e.argument());
			assertEquals(spec.label(), e.label, "label of " + e.argument());
			assertEquals(spec.menu(), e.menu, "menu of " + e.argument());
			assertTrue(labels.add(e.label), "label used twice: " + e.label);
			for (CommandSpec.Input in : spec.inputs()) {
				// persistence: CommandConventionsTest (remembered for dialogs, never for macros)
				assertEquals(in.key().toLowerCase(), in.key(), e.label + ": macro keys are lowercase");
			}
		}
	}

	@Test
	void noLabelShadowsAnImageJBuiltIn() throws Exception {
		Map<String, String> builtins = new HashMap<>();
		for (String line : new String(CommandTable.class.getResourceAsStream("ij-builtin-commands.txt").readAllBytes())
				.split("\n"))
			if (!line.startsWith("#") && line.contains("\t")) builtins.put(line.split("\t")[0], line);
		assertTrue(builtins.containsKey("Gaussian Blur..."));
		for (CommandTable.Entry e : projectEntries())
			assertFalse(builtins.containsKey(e.label), e.label + " is an ImageJ built-in label");
	}

	@Test
	void everyAnnotatedCommandHasAConfigLine() throws Exception {
		Set<String> configured = new HashSet<>();
		for (CommandTable.Entry e : projectEntries()) configured.add(e.argument());
		PluginIndex index = new PluginIndex();
		index.discover();
		int commands = 0;
		for (PluginInfo<?> info : index.getPlugins(Command.class)) {
			String name = info.getClassName();
			if (!name.startsWith("org.latentj.") || name.startsWith("org.latentj.ij1.")) continue;
			commands++;
			assertTrue(configured.contains(name), name + " has no line in plugins.config");
		}
		assertEquals(configured.size(), commands, "plugins.config lists commands that are not annotated");
	}

	@Test
	void aSciJavaContextFindsTheCommands() {
		try (Context context = new Context(CommandService.class)) {
			CommandService commands = context.service(CommandService.class);
			CommandInfo echo = commands.getCommand(EchoCommand.class);
			assertNotNull(echo, "SciJava does not see LatentJ's commands");
			assertEquals("LatentJ Test Echo", echo.getMenuPath().getLeaf().getName());
		}
	}
}
