package org.latentj.ij1;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * What the ImageJ 1.x side needs to know about a LatentJ SciJava command: its menu label and its
 * inputs (the {@code @Parameter} fields, whose names are the macro keys), read by reflection.
 */
public final class CommandSpec {

	private final Class<? extends Command> type;
	private final String menuPath;
	private final List<Input> inputs;

	private CommandSpec(Class<? extends Command> type, String menuPath, List<Input> inputs) {
		this.type = type;
		this.menuPath = menuPath;
		this.inputs = inputs;
	}

	/** Reads a command class; it must be a SciJava Command with a menu path. */
	public static CommandSpec of(Class<?> type) {
		if (!Command.class.isAssignableFrom(type))
			throw new IllegalArgumentException(type.getName() + " is not a SciJava Command");
		Plugin plugin = type.getAnnotation(Plugin.class);
		if (plugin == null || plugin.menuPath().isEmpty())
			throw new IllegalArgumentException(type.getName() + " has no @Plugin menuPath");
		Command defaults = newInstance(type.asSubclass(Command.class));
		List<Input> inputs = new ArrayList<>();
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			List<Input> own = new ArrayList<>();
			for (Field f : c.getDeclaredFields()) {
				Parameter p = f.getAnnotation(Parameter.class);
				if (p == null || Modifier.isStatic(f.getModifiers()) || p.type() == ItemIO.OUTPUT) continue;
				f.setAccessible(true);
				Object value;
				try {
					value = f.get(defaults);
				} catch (IllegalAccessException e) {
					throw new IllegalStateException(e);
				}
				own.add(new Input(f, p, value));
			}
			inputs.addAll(0, own);
		}
		for (Input in : inputs)
			for (String alias : in.aliases())
				for (Input other : inputs)
					if (other.key().equals(alias) || other != in && other.aliases().contains(alias))
						throw new IllegalArgumentException(type.getName() + ": the alias '" + alias + "' of " + in.key()
								+ " is also the key or an alias of " + other.key());
		return new CommandSpec(type.asSubclass(Command.class), plugin.menuPath(), Collections.unmodifiableList(inputs));
	}

	/** Loads a command class by name (as written in plugins.config) and reads it. */
	public static CommandSpec forName(String className) {
		try {
			return of(Class.forName(className, true, CommandSpec.class.getClassLoader()));
		} catch (ClassNotFoundException e) {
			throw new IllegalArgumentException("LatentJ command class not found: " + className, e);
		}
	}

	static Command newInstance(Class<? extends Command> type) {
		try {
			return type.getDeclaredConstructor().newInstance();
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Cannot create " + type.getName() + ": " + e, e);
		}
	}

	public Class<? extends Command> type() {
		return type;
	}

	/** The menu path as in the annotation, e.g. {@code Plugins>LatentJ>Behavior>Fit HMM}. */
	public String menuPath() {
		return menuPath;
	}

	/** The last element of the menu path: the command's label and its name in run("...") calls. */
	public String label() {
		return menuPath.substring(menuPath.lastIndexOf('>') + 1).trim();
	}

	/** The menu path without the label, e.g. {@code Plugins>LatentJ>Behavior}. */
	public String menu() {
		return menuPath.substring(0, menuPath.lastIndexOf('>')).trim();
	}

	public List<Input> inputs() {
		return inputs;
	}

	/** The input whose key, or one of whose {@link MacroAlias former keys}, is {@code key}; null if none. */
	public Input input(String key) {
		for (Input in : inputs)
			if (in.key().equals(key)) return in;
		for (Input in : inputs)
			if (in.aliases().contains(key)) return in;
		return null;
	}

	/** The values of {@code command}'s inputs by key, in declaration order, less the keys in {@code except}. */
	public Map<String, Object> values(Command command, String... except) {
		List<String> skip = List.of(except);
		Map<String, Object> m = new LinkedHashMap<>();
		for (Input in : inputs)
			if (!skip.contains(in.key())) m.put(in.key(), in.get(command));
		return m;
	}

	/** One {@code @Parameter} field: its macro key, kind of value, label, choices, bounds, default. */
	public static final class Input {
		private final Field field;
		private final Parameter parameter;
		private final Object defaultValue;

		Input(Field field, Parameter parameter, Object defaultValue) {
			this.field = field;
			this.parameter = parameter;
			this.defaultValue = defaultValue;
		}

		public String key() {
			return field.getName();
		}

		public Class<?> type() {
			return field.getType();
		}

		public String label() {
			return parameter.label().isEmpty() ? key() : parameter.label();
		}

		/** Former keys still accepted in macros ({@link MacroAlias}); empty for most inputs. */
		public List<String> aliases() {
			MacroAlias a = field.getAnnotation(MacroAlias.class);
			return a == null ? List.of() : List.of(a.value());
		}

		public String description() {
			return parameter.description();
		}

		public String[] choices() {
			return parameter.choices();
		}

		public String style() {
			return parameter.style();
		}

		public boolean required() {
			return parameter.required();
		}

		/** Whether SciJava remembers the input across interactive runs (LatentJPreprocessor keeps macros off them). */
		public boolean persist() {
			return parameter.persist();
		}

		/** Whether the input proposes the active image's session ({@link DefaultsToOpenSession}). */
		public boolean defaultsToOpenSession() {
			return field.isAnnotationPresent(DefaultsToOpenSession.class);
		}

		public String min() {
			return parameter.min();
		}

		public String max() {
			return parameter.max();
		}

		public Object defaultValue() {
			return defaultValue;
		}

		public boolean isFile() {
			return type() == File.class;
		}

		public boolean isDirectory() {
			return isFile() && style().toLowerCase().contains("directory");
		}

		void set(Object command, Object value) {
			try {
				field.set(command, value);
			} catch (IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
		}

		Object get(Object command) {
			try {
				return field.get(command);
			} catch (IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
		}
	}
}
