package org.latentj.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.latentj.util.BadInputException;

/**
 * A CSV file with a header row, read whole into memory. Every error names the file, the row
 * (1-based, counting the header as row 1, as a spreadsheet shows it) and the column.
 * Fields are separated by commas; a field may be quoted with double quotes.
 */
public final class CsvTable {

	private final String source;
	private final String[] header;
	private final List<String[]> rows;

	private CsvTable(String source, String[] header, List<String[]> rows) {
		this.source = source;
		this.header = header;
		this.rows = rows;
	}

	/** Reads a CSV file with a header row; rows must have as many fields as the header. */
	public static CsvTable read(Path path) {
		return read(path, "a CSV table with a header row");
	}

	/**
	 * {@link #read(Path)}, naming what the caller expects (e.g. "the latent CSV of Encode
	 * Trajectories") when the file turns out to be JSON, a model or critic given by mistake.
	 */
	public static CsvTable read(Path path, String expected) {
		String source = path.toString();
		Inputs.requireRegularFile(path, "CSV file");
		// every field is kept as a String: about 64 bytes each
		org.latentj.util.Memory.require(org.latentj.util.Memory.product(CsvSize.estimatedFields(path), 64), "Reading the CSV file " + source);
		try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			String line = in.readLine();
			while (line != null && line.isBlank()) line = in.readLine();
			if (line == null) throw new BadInputException("The CSV file " + source + " is empty.");
			if (line.startsWith("\uFEFF")) line = line.substring(1);
			requireNotJson(line, source, expected);
			String[] header = split(line);
			for (int c = 0; c < header.length; c++) header[c] = header[c].trim();
			List<String[]> rows = new ArrayList<>();
			int rowNumber = 1;
			while ((line = in.readLine()) != null) {
				rowNumber++;
				if (line.isBlank()) continue;
				String[] fields = split(line);
				if (fields.length != header.length)
					throw new BadInputException("The CSV file " + source + ": row " + rowNumber + " has " + fields.length
							+ " fields but the header has " + header.length + ".");
				rows.add(fields);
			}
			return new CsvTable(source, header, rows);
		} catch (NoSuchFileException e) {
			throw new BadInputException("The CSV file " + source + " does not exist.", e);
		} catch (IOException e) {
			throw new BadInputException("Cannot read the CSV file " + source + " (" + e.getMessage() + ").", e);
		}
	}

	/**
	 * A first non-blank line opening with '{' or '[' is JSON: said plainly rather than as a field
	 * count mismatch on row 2.
	 */
	public static void requireNotJson(String firstLine, String source, String expected) {
		String t = firstLine.strip();
		if (t.startsWith("{") || t.startsWith("["))
			throw new BadInputException("The CSV file " + source + " is a JSON file (a model or critic?), not a CSV table; give " + expected + ".");
	}

	private static String[] split(String line) {
		if (line.indexOf('"') < 0) return line.split(",", -1);
		List<String> out = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char ch = line.charAt(i);
			if (quoted) {
				if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				} else if (ch == '"') quoted = false;
				else field.append(ch);
			} else if (ch == '"') quoted = true;
			else if (ch == ',') {
				out.add(field.toString());
				field.setLength(0);
			} else field.append(ch);
		}
		out.add(field.toString());
		return out.toArray(new String[0]);
	}

	public String source() {
		return source;
	}

	public String[] header() {
		return header.clone();
	}

	public int rowCount() {
		return rows.size();
	}

	public boolean hasColumn(String name) {
		return Arrays.asList(header).contains(name);
	}

	/** Index of a named column, or a message listing the columns there are. */
	public int column(String name) {
		for (int c = 0; c < header.length; c++)
			if (header[c].equals(name)) return c;
		throw new BadInputException("The CSV file " + source + " has no column '" + name + "' (columns: "
				+ String.join(", ", header) + ").");
	}

	/** The raw text of a field (row 0 is the first data row). */
	public String text(int row, int column) {
		return rows.get(row)[column].trim();
	}

	/** A finite number; NaN, Inf or text give a message naming the row and column. */
	public double number(int row, int column) {
		double v = numberOrNaN(row, column);
		if (!Double.isFinite(v))
			throw new BadInputException(where(row, column) + " is '" + org.latentj.util.Texts.cut(text(row, column), 40) + "', not a finite number.");
		return v;
	}

	/** A number where NaN is allowed (written as NaN or left empty); text or Inf gives a message. */
	public double numberOrNaN(int row, int column) {
		String t = text(row, column);
		if (t.isEmpty() || t.equalsIgnoreCase("nan")) return Double.NaN;
		try {
			double v = Double.parseDouble(t);
			if (Double.isInfinite(v)) throw new NumberFormatException();
			return v;
		} catch (NumberFormatException e) {
			throw new BadInputException(where(row, column) + " is '" + org.latentj.util.Texts.cut(t, 40) + "', not a finite number.");
		}
	}

	/** A whole number (e.g. "3" or "3.0"). */
	public long integer(int row, int column) {
		double v = number(row, column);
		if (v != Math.rint(v) || Math.abs(v) > 1L << 53)
			throw new BadInputException(where(row, column) + " is '" + org.latentj.util.Texts.cut(text(row, column), 40) + "', not a whole number.");
		return (long) v;
	}

	/** A whole column of finite numbers. */
	public double[] numbers(String name) {
		int c = column(name);
		double[] out = new double[rows.size()];
		for (int r = 0; r < out.length; r++) out[r] = number(r, c);
		return out;
	}

	/** A whole column of whole numbers. */
	public int[] integers(String name) {
		int c = column(name);
		int[] out = new int[rows.size()];
		for (int r = 0; r < out.length; r++) {
			long v = integer(r, c);
			if (v != (int) v) throw new BadInputException(where(r, c) + " is out of range.");
			out[r] = (int) v;
		}
		return out;
	}

	/** A whole column of text. */
	public String[] texts(String name) {
		int c = column(name);
		String[] out = new String[rows.size()];
		for (int r = 0; r < out.length; r++) out[r] = text(r, c);
		return out;
	}

	/** "file: row R, column 'name'" for messages (R counts the header as row 1). */
	public String where(int row, int column) {
		return "The CSV file " + source + ": row " + (row + 2) + ", column '" + header[column] + "'";
	}
}
