package org.latentj.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.latentj.util.BadInputException;

/**
 * One logged training run: its rows sorted by epoch (the first max_rows kept), the chosen metric
 * columns (raw values) and the loss/accuracy columns, shown beside the phases but never modelled.
 */
public final class TrainingRun {

	/** The seed's 14 weight metrics, the default `metrics`. */
	public static final List<String> DEFAULT_METRICS = List.of("l1", "l2", "trace", "spectral", "code_sparsity",
			"computational_sparsity", "mean_singular_value", "var_singular_value", "mean_w", "median_w", "var_w", "mean_b",
			"median_b", "var_b");

	public final String name;
	/** Where it came from, a noun phrase for messages: "the CSV file /a/run.csv", "the table Results". */
	public final String source;
	public final String epochColumn;
	/** Epoch (or step) of each kept row, ascending. */
	public final double[] epochs;
	public final List<String> metrics;
	/** Raw values, T x D row-major, in the order of {@link #metrics}. */
	public final double[] values;
	/** Loss and accuracy columns by name (T values each; NaN allowed). */
	public final Map<String, double[]> scores;

	TrainingRun(String name, String source, String epochColumn, double[] epochs, List<String> metrics, double[] values,
			Map<String, double[]> scores) {
		this.name = name;
		this.source = source;
		this.epochColumn = epochColumn;
		this.epochs = epochs;
		this.metrics = List.copyOf(metrics);
		this.values = values;
		this.scores = scores;
	}

	public int frames() {
		return epochs.length;
	}

	public int dim() {
		return metrics.size();
	}

	/** A loss or accuracy column: its name mentions loss or acc. */
	public static boolean isScore(String column) {
		String c = column.toLowerCase(Locale.ROOT);
		return c.contains("loss") || c.contains("acc");
	}

	/** The column of one metric, T values. */
	public double[] column(int metric) {
		double[] c = new double[frames()];
		for (int t = 0; t < c.length; t++) c[t] = values[t * dim() + metric];
		return c;
	}

	/**
	 * A run from a table in memory (a CSV read, or an ImageJ ResultsTable): header, columns of numbers
	 * (NaN where a field is missing or not a number) and a way to say where a value is.
	 *
	 * @param source   the table as a noun phrase for messages ("the CSV file /a/run.csv")
	 * @param metrics  "default", "all" or names separated by commas
	 */
	public static TrainingRun of(String name, String source, String[] header, double[][] columns, String metrics,
			int maxRows, Where where) {
		int epochCol = index(header, "epoch");
		if (epochCol < 0) epochCol = index(header, "step");
		if (epochCol < 0)
			throw new BadInputException(capital(source) + " has no 'epoch' or 'step' column (columns: "
					+ String.join(", ", header) + ").");
		int rows = columns[epochCol].length;
		for (int r = 0; r < rows; r++)
			if (!Double.isFinite(columns[epochCol][r])) throw new BadInputException(notFinite(where, r, epochCol, name));
		Integer[] order = new Integer[rows];
		for (int r = 0; r < rows; r++) order[r] = r;
		double[] ep = columns[epochCol];
		Arrays.sort(order, (a, b) -> Double.compare(ep[a], ep[b])); // stable: ties keep file order, as pandas
		int t = Math.min(rows, maxRows);
		List<String> chosen = choose(header, header[epochCol], columns, order, t, metrics, source);
		double[] epochs = new double[t];
		double[] values = new double[t * chosen.size()];
		for (int m = 0; m < chosen.size(); m++) {
			int c = index(header, chosen.get(m));
			for (int i = 0; i < t; i++) {
				double v = columns[c][order[i]];
				if (!Double.isFinite(v)) throw new BadInputException(notFinite(where, order[i], c, name));
				values[i * chosen.size() + m] = v;
			}
		}
		for (int i = 0; i < t; i++) epochs[i] = ep[order[i]];
		Map<String, double[]> scores = new LinkedHashMap<>();
		for (int c = 0; c < header.length; c++)
			if (c != epochCol && isScore(header[c])) {
				double[] s = new double[t];
				for (int i = 0; i < t; i++) s[i] = columns[c][order[i]];
				scores.put(header[c], s);
			}
		return new TrainingRun(name, source, header[epochCol], epochs, chosen, values, scores);
	}

	/** Where a value of a table is, and what it holds as written, for messages (row is the data row, 0-based). */
	public interface Where {
		/** e.g. "The CSV file /a/run.csv: row 5, column 'l1'", a sentence's start. */
		String at(int row, int column);

		/** The cell as written (text, NaN, Inf or empty), quoted in messages. */
		String text(int row, int column);
	}

	/** "...: row 5, column 'l1' is 'adam', not a finite number (run r)." */
	private static String notFinite(Where where, int row, int column, String name) {
		String text = where.text(row, column);
		String is = text == null || text.isBlank() ? "empty" : "'" + org.latentj.util.Texts.cut(text.trim(), 40) + "'";
		return where.at(row, column) + " is " + is + ", not a finite number (run " + name + ").";
	}

	/** A source ("the CSV file ...") at the start of a sentence. */
	static String capital(String source) {
		return source.isEmpty() ? source : Character.toUpperCase(source.charAt(0)) + source.substring(1);
	}

	/**
	 * The metric columns. Under "all", a column counts as numeric, and is modelled, when at least one of
	 * the kept rows holds a finite number; a column of text (an optimizer's name), empty or NaN cells is
	 * left out, so it does not refuse the run, while a stray word in a numeric column still does.
	 */
	private static List<String> choose(String[] header, String epochColumn, double[][] columns, Integer[] order, int kept,
			String metrics, String source) {
		String m = metrics == null ? "default" : metrics.trim();
		List<String> out = new ArrayList<>();
		if (m.isEmpty() || m.equalsIgnoreCase("default")) out.addAll(DEFAULT_METRICS);
		else if (m.equalsIgnoreCase("all")) {
			for (int c = 0; c < header.length; c++) {
				String h = header[c];
				if (!h.equals(epochColumn) && !h.equalsIgnoreCase("epoch") && !h.equalsIgnoreCase("step") && !isScore(h)
						&& anyFinite(columns[c], order, kept)) out.add(h);
			}
		} else
			for (String s : m.split(",")) {
				if (s.isBlank()) continue;
				if (out.contains(s.trim())) throw new BadInputException("metrics names '" + s.trim() + "' twice.");
				out.add(s.trim());
			}
		if (out.isEmpty()) throw new BadInputException(capital(source) + " has no numeric metric column to model (metrics=" + m + ").");
		for (String c : out)
			if (index(header, c) < 0)
				throw new BadInputException(capital(source) + " has no column '" + c + "' (metrics=" + m + "; columns: "
						+ String.join(", ", header) + ").");
		return out;
	}

	private static boolean anyFinite(double[] column, Integer[] order, int kept) {
		for (int i = 0; i < kept; i++)
			if (Double.isFinite(column[order[i]])) return true;
		return false;
	}

	private static int index(String[] header, String name) {
		for (int c = 0; c < header.length; c++)
			if (header[c].equals(name)) return c;
		return -1;
	}
}
