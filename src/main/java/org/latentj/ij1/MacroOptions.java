package org.latentj.ij1;

import java.util.LinkedHashMap;
import java.util.Map;

import org.latentj.util.BadInputException;

/**
 * The options string of a macro call {@code run("Label", "key=value key2=[a value with spaces] flag")}
 * split into keys and values, with ImageJ's rules: values with spaces are in square brackets, a
 * bare key stands for a checked box (value {@code "true"}). A bracketed value ends at the first
 * {@code ]} followed by a blank or the end of the options, so a path holding {@code ]}
 * ({@code output=[/data/run[2]/fit]}) passes as is; only "{@code ] }" inside a value cannot. A key
 * given twice is refused (ImageJ would silently take one of them).
 */
public final class MacroOptions {

	private MacroOptions() {
	}

	/** Keys in order of appearance; a bare key maps to "true". */
	public static Map<String, String> parse(String options) {
		Map<String, String> out = new LinkedHashMap<>();
		if (options == null) return out;
		String s = options;
		int i = 0;
		int n = s.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(s.charAt(i))) i++;
			if (i >= n) break;
			int keyStart = i;
			while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) i++;
			String key = s.substring(keyStart, i);
			for (String k : out.keySet())
				if (k.equalsIgnoreCase(key))
					throw new BadInputException("The key '" + key + "' is given twice in the options; give it once.");
			if (i >= n || s.charAt(i) != '=') {
				out.put(key, "true");
				continue;
			}
			i++; // '='
			String value;
			if (i < n && s.charAt(i) == '[') {
				int close = s.indexOf(']', i + 1);
				while (close >= 0 && close + 1 < n && !Character.isWhitespace(s.charAt(close + 1))) close = s.indexOf(']', close + 1);
				if (close < 0)
					throw new BadInputException("The value of key '" + key + "' opens '[' but never closes it: " + options + ".");
				value = s.substring(i + 1, close);
				i = close + 1;
			} else {
				int start = i;
				while (i < n && !Character.isWhitespace(s.charAt(i))) i++;
				value = s.substring(start, i);
			}
			out.put(key, value);
		}
		return out;
	}

	/** The text of one option as ImageJ writes it: brackets around values that need them. */
	public static String format(String key, String value) {
		if (value.isEmpty() || value.indexOf(' ') >= 0 || value.indexOf('[') >= 0 || value.indexOf(']') >= 0 || value.indexOf('=') >= 0)
			return key + "=[" + value + "]";
		return key + "=" + value;
	}
}
