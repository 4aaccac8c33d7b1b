package org.latentj.ij1;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's table of commands and macro keys, generated from the commands themselves so the
 * documentation cannot drift from the code (a test compares the README with this output).
 * Run {@code java -cp 'target/lib/*' org.latentj.ij1.MacroKeysTable} to print it.
 */
public final class MacroKeysTable {

	private MacroKeysTable() {
	}

	public static void main(String[] args) {
		System.out.print(markdown());
	}

	/** One section per menu, one table per command: key, kind, default, meaning. */
	public static String markdown() {
		Map<String, StringBuilder> menus = new LinkedHashMap<>();
		List<CommandTable.Entry> entries = CommandTable.pluginsConfigEntries();
		for (CommandTable.Entry e : entries) {
			if (!e.className.startsWith(LatentJ_Bridge.class.getName() + "(")) continue;
			if (!e.argument().startsWith("org.latentj.") || e.argument().startsWith("org.latentj.ij1.")) continue;
			CommandSpec spec = CommandSpec.forName(e.argument());
			StringBuilder sb = menus.computeIfAbsent(spec.menu(), m -> new StringBuilder());
			sb.append("#### ").append(spec.label()).append("\n\n");
			sb.append("`run(\"").append(spec.label()).append("\", \"...\")` — class `")
					.append(spec.type().getSimpleName()).append("`\n\n");
			sb.append("| key | value | default | meaning |\n|---|---|---|---|\n");
			for (CommandSpec.Input in : spec.inputs())
				sb.append("| `").append(in.key()).append("` | ").append(kind(in)).append(" | ")
						.append(defaultText(in)).append(" | ").append(meaning(in)).append(" |\n");
			sb.append('\n');
		}
		StringBuilder out = new StringBuilder();
		for (Map.Entry<String, StringBuilder> m : menus.entrySet())
			out.append("### ").append(m.getKey().replace(">", " › ")).append("\n\n").append(m.getValue());
		return out.toString();
	}

	private static String kind(CommandSpec.Input in) {
		Class<?> t = in.type();
		if (in.choices().length > 0) return String.join(" \\| ", in.choices());
		if (t == boolean.class || t == Boolean.class) return "true/false";
		if (in.isDirectory()) return "folder";
		if (in.isFile() && java.util.Arrays.asList(in.style().split(",")).contains("both")) return "file or folder";
		if (in.isFile()) return "file";
		String bounds = "";
		if (!in.min().isEmpty() || !in.max().isEmpty())
			bounds = " " + (in.min().isEmpty() ? "" : "≥ " + in.min()) + (in.min().isEmpty() || in.max().isEmpty() ? "" : ", ")
					+ (in.max().isEmpty() ? "" : "≤ " + in.max());
		if (t == int.class || t == long.class || t == Integer.class || t == Long.class) return "integer" + bounds;
		if (t == double.class || t == float.class || t == Double.class || t == Float.class) return "number" + bounds;
		return "text";
	}

	private static String defaultText(CommandSpec.Input in) {
		Object d = in.defaultValue();
		if (d == null) return in.required() ? "(required)" : "(none)";
		String s = d instanceof File ? ((File) d).getPath() : CommandRunner.text(d);
		return s.isEmpty() ? "(empty)" : "`" + s + "`";
	}

	private static String meaning(CommandSpec.Input in) {
		String text = in.description().isEmpty() ? in.label() : in.description();
		if (!in.aliases().isEmpty())
			text += " (also accepted: `" + String.join("`, `", in.aliases()) + "`, the former key)";
		return text.replace("|", "\\|").replace("\n", " ");
	}
}
