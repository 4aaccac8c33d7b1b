package org.latentj.hmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latentj.util.BadInputException;

/**
 * The grid syntax of Scan Models, parsed into values (in the order written, duplicates refused):
 * <ul>
 * <li>whole numbers ({@code states}): items separated by commas, each a number or an inclusive range
 * {@code a-b}: {@code "4-8"} is 4, 5, 6, 7, 8; {@code "4,6,8"}; {@code "4-6,10"};</li>
 * <li>reals >= 0 ({@code kappa}): items separated by commas, each a number or {@code lo-hi:n}, n values
 * spaced evenly in log from lo > 0 to hi inclusive: {@code "1e3-1e6:4"} is 1000, 10000, 100000, 1000000;</li>
 * <li>probabilities ({@code stickiness}): as reals, but {@code lo-hi:n} spaces 1 - p evenly in log, i.e. the
 * expected run 1 / (1 - p) of a fixed sticky state: {@code "0.9-0.99:3"} is 0.9, 0.968..., 0.99.</li>
 * </ul>
 * A minus sign right after an exponent's {@code e} belongs to the number ({@code 1e-3-1e-1:3}).
 */
public final class ScanGrid {

	private ScanGrid() {
	}

	/** Whole numbers of {@code key} (at least {@code min} each). */
	public static int[] wholeNumbers(String key, String text, int min) {
		List<Integer> out = new ArrayList<>();
		for (String item : items(key, text)) {
			int dash = separator(item);
			int lo = whole(key, dash < 0 ? item : item.substring(0, dash));
			int hi = dash < 0 ? lo : whole(key, item.substring(dash + 1));
			if (hi < lo) throw new BadInputException(key + ": the range '" + item + "' runs backwards.");
			if (hi - lo > 10_000) throw new BadInputException(key + ": the range '" + item + "' holds too many values.");
			for (int v = lo; v <= hi; v++) {
				if (v < min) throw new BadInputException(key + " values must be at least " + min + " (got " + v + ").");
				if (out.contains(v)) throw new BadInputException(key + " lists " + v + " twice.");
				out.add(v);
			}
		}
		return out.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Reals >= 0 of {@code key}; ranges are log-spaced (and start above 0). */
	public static double[] nonNegative(String key, String text) {
		return reals(key, text, false);
	}

	/** Probabilities in (0, 1) of {@code key}; ranges are spaced evenly in log(1 - p). */
	public static double[] probabilities(String key, String text) {
		return reals(key, text, true);
	}

	private static double[] reals(String key, String text, boolean probability) {
		List<Double> out = new ArrayList<>();
		for (String item : items(key, text)) {
			int colon = item.indexOf(':');
			if (colon < 0) {
				out.add(check(key, real(key, item), probability));
				continue;
			}
			String span = item.substring(0, colon);
			int dash = separator(span);
			if (dash < 0) throw new BadInputException(key + ": '" + item + "' needs the form lo-hi:n (e.g. 1e3-1e6:4).");
			double lo = check(key, real(key, span.substring(0, dash)), probability);
			double hi = check(key, real(key, span.substring(dash + 1)), probability);
			int n = whole(key, item.substring(colon + 1));
			if (!(lo > 0)) throw new BadInputException(key + ": the log-spaced range '" + item + "' must start above 0.");
			if (n < 2 || n > 1000) throw new BadInputException(key + ": the count after ':' in '" + item + "' must be 2 to 1000.");
			if (!(hi > lo)) throw new BadInputException(key + ": the range '" + item + "' must run from low to high.");
			// stickiness: even steps in log(1 - p); kappa: even steps in log(kappa)
			double a = probability ? Math.log1p(-lo) : Math.log(lo), b = probability ? Math.log1p(-hi) : Math.log(hi);
			for (int i = 0; i < n; i++) {
				double v = a + (b - a) * i / (n - 1);
				out.add(i == 0 ? lo : i == n - 1 ? hi : probability ? -Math.expm1(v) : Math.exp(v));
			}
		}
		for (int i = 0; i < out.size(); i++)
			if (out.indexOf(out.get(i)) != i) throw new BadInputException(key + " lists " + out.get(i) + " twice.");
		return out.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static double check(String key, double v, boolean probability) {
		if (probability ? !(v > 0 && v < 1) : !(v >= 0 && v < Double.POSITIVE_INFINITY))
			throw new BadInputException(key + " values must be " + (probability ? "between 0 and 1, exclusive" : "finite and at least 0")
					+ " (got " + v + ").");
		return v + 0.0; // -0 is 0: a duplicate of 0, never a point of its own (nor written as -0.0)
	}

	private static List<String> items(String key, String text) {
		if (text == null || text.isBlank()) throw new BadInputException(key + " needs at least one value.");
		List<String> out = new ArrayList<>();
		for (String s : text.split(",", -1)) {
			String t = s.strip();
			if (t.isEmpty()) throw new BadInputException(key + ": empty item in '" + text + "'.");
			out.add(t);
		}
		return out;
	}

	/** The index of the '-' between two numbers (not a leading sign, not an exponent's sign), or -1. */
	private static int separator(String s) {
		for (int i = 1; i < s.length(); i++) {
			char prev = Character.toLowerCase(s.charAt(i - 1));
			if (s.charAt(i) == '-' && prev != 'e') return i;
		}
		return -1;
	}

	private static int whole(String key, String s) {
		try {
			return Integer.parseInt(s.strip());
		} catch (NumberFormatException e) {
			throw new BadInputException(key + ": '" + s.strip() + "' is not a whole number.");
		}
	}

	private static double real(String key, String s) {
		try {
			double v = Double.parseDouble(s.strip());
			if (s.strip().toLowerCase(Locale.ROOT).matches(".*[a-df-z].*")) throw new NumberFormatException();
			return v;
		} catch (NumberFormatException e) {
			throw new BadInputException(key + ": '" + s.strip() + "' is not a number.");
		}
	}
}
