package org.latentj.util;

import java.util.Arrays;
import java.util.Locale;

/**
 * The one mapping between the option strings of macro keys (lowercase words) and enums: an option
 * is its constant's name in lowercase ({@code ZSCORE} is {@code zscore}).
 */
public final class Choices {

	private Choices() {
	}

	/** The option string of a constant. */
	public static String key(Enum<?> e) {
		return e.name().toLowerCase(Locale.ROOT);
	}

	/** The option strings of an enum, in declaration order. */
	public static String[] keys(Class<? extends Enum<?>> type) {
		return Arrays.stream(type.getEnumConstants()).map(Choices::key).toArray(String[]::new);
	}

	/** The constant an option string names (case and surrounding blanks ignored), or a message naming the key. */
	public static <E extends Enum<E>> E parse(Class<E> type, String key, String text) {
		String v = text == null ? "" : text.trim();
		for (E e : type.getEnumConstants())
			if (key(e).equalsIgnoreCase(v)) return e;
		String[] all = keys(type);
		String options = all.length == 1 ? all[0]
				: String.join(", ", Arrays.copyOf(all, all.length - 1)) + " or " + all[all.length - 1];
		throw new BadInputException(key + " must be " + options + " (got '" + text + "').");
	}
}
