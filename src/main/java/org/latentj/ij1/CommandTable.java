package org.latentj.ij1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.Menus;

/**
 * ImageJ 1.x's table from command labels to plugin classes, built without AWT. ImageJ 1.54p fills
 * this table while it builds its menu bar, which is impossible with java.awt.headless=true, so every
 * run("...") would fail headless; the runner installs this table instead: ImageJ's built-in commands
 * (extracted from ImageJ's own menu definitions into a resource) plus every plugins.config on the
 * class path (LatentJ's and any other plugin jar's).
 */
public final class CommandTable {

	/** A plugins.config line: {@code Menu>Path, "Label", class.Name("arg")}. */
	private static final Pattern CONFIG_LINE = Pattern.compile("^\\s*([^,\"]+?)\\s*,\\s*\"([^\"]+)\"\\s*,\\s*(\\S.*?)\\s*$");

	private CommandTable() {
	}

	/** Built-ins and plugins.config entries, label to class (with its "(arg)"), in that order. */
	public static Map<String, String> build() {
		Map<String, String> table = new LinkedHashMap<>();
		readBuiltins(table);
		for (Entry e : pluginsConfigEntries()) table.put(e.label, e.className);
		return table;
	}

	/** Installs the table into ImageJ 1.x (the field Menus.getCommands() returns) unless one exists. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static void install() {
		if (Menus.getCommands() != null) {
			Hashtable existing = Menus.getCommands();
			for (Map.Entry<String, String> e : build().entrySet()) existing.putIfAbsent(e.getKey(), e.getValue());
			return;
		}
		try {
			java.lang.reflect.Field f = Menus.class.getDeclaredField("pluginsTable");
			f.setAccessible(true);
			f.set(null, new Hashtable<>(build()));
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Cannot install ImageJ's command table (ImageJ version "
					+ ij.IJ.getVersion() + "): " + e, e);
		}
	}

	private static void readBuiltins(Map<String, String> table) {
		try (InputStream in = CommandTable.class.getResourceAsStream("ij-builtin-commands.txt")) {
			if (in == null) throw new IllegalStateException("ij-builtin-commands.txt missing from the LatentJ jar");
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line; (line = r.readLine()) != null;) {
				if (line.startsWith("#") || line.isEmpty()) continue;
				int tab = line.indexOf('\t');
				table.put(line.substring(0, tab), line.substring(tab + 1));
			}
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Every entry of every plugins.config on the class path (the first one of a label wins). */
	public static List<Entry> pluginsConfigEntries() {
		Map<String, Entry> byLabel = new LinkedHashMap<>();
		try {
			ClassLoader loader = CommandTable.class.getClassLoader();
			Enumeration<URL> urls = loader.getResources("plugins.config");
			for (URL url : Collections.list(urls))
				try (InputStream in = url.openStream()) {
					for (Entry e : parsePluginsConfig(in)) byLabel.putIfAbsent(e.label, e);
				}
		} catch (IOException e) {
			throw new IllegalStateException("Cannot read plugins.config: " + e, e);
		}
		return new ArrayList<>(byLabel.values());
	}

	static List<Entry> parsePluginsConfig(InputStream in) throws IOException {
		List<Entry> out = new ArrayList<>();
		BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		for (String line; (line = r.readLine()) != null;) {
			if (line.trim().startsWith("#")) continue;
			Matcher m = CONFIG_LINE.matcher(line);
			if (m.matches()) out.add(new Entry(m.group(1).trim(), m.group(2), m.group(3)));
		}
		return out;
	}

	/** One plugins.config line. */
	public static final class Entry {
		public final String menu;
		public final String label;
		public final String className;

		Entry(String menu, String label, String className) {
			this.menu = menu;
			this.label = label;
			this.className = className;
		}

		/** The argument in {@code class("arg")}, or "" */
		public String argument() {
			int open = className.indexOf("(\"");
			return open < 0 ? "" : className.substring(open + 2, className.length() - 2);
		}
	}
}
