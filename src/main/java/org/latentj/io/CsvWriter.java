package org.latentj.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a CSV file with a header row, '.' as decimal separator and doubles at full precision
 * (shortest text that reads back to the same double). Written under a temporary name and renamed
 * when closed, so a failure leaves no partial file: call {@link #commit()} at the end, then close.
 */
public final class CsvWriter implements AutoCloseable {

	private final Path target;
	private final Path tmp;
	private final BufferedWriter out;
	/** Closed on its own too: a writer whose flush fails (disk full) may keep the file open, and the space used. */
	private java.io.OutputStream raw;
	private final int columns;
	private final AtomicOutput.Lock lock;
	private boolean committed;

	public CsvWriter(Path target, String... header) throws IOException {
		target = ResolvedPath.of(target); // where Outputs.check looked
		Path dir = target.getParent();
		AtomicOutput.ensureWritableFolder(dir);
		this.target = target;
		this.lock = AtomicOutput.lock(target, dir);
		this.tmp = AtomicOutput.temporarySibling(target);
		try {
			this.raw = Files.newOutputStream(tmp);
			this.out = new BufferedWriter(new java.io.OutputStreamWriter(raw, StandardCharsets.UTF_8));
		} catch (IOException e) {
			lock.close();
			throw AtomicOutput.writeFailure(target, e);
		}
		this.columns = header.length;
		row((Object[]) header);
	}

	/** One row; numbers are written exactly, NaN as "NaN", everything else with toString. */
	public CsvWriter row(Object... fields) {
		if (fields.length != columns)
			throw new IllegalArgumentException("CSV row has " + fields.length + " fields, header has " + columns);
		try {
			for (int i = 0; i < fields.length; i++) {
				if (i > 0) out.write(',');
				out.write(format(fields[i]));
			}
			out.write('\n');
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(target, e);
		}
		return this;
	}

	/** A row of doubles, without boxing. */
	public CsvWriter row(double[] values) {
		if (values.length != columns)
			throw new IllegalArgumentException("CSV row has " + values.length + " fields, header has " + columns);
		try {
			for (int i = 0; i < values.length; i++) {
				if (i > 0) out.write(',');
				out.write(Double.toString(values[i]));
			}
			out.write('\n');
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(target, e);
		}
		return this;
	}

	static String format(Object field) {
		if (field == null) return "";
		if (field instanceof Double || field instanceof Float) return Double.toString(((Number) field).doubleValue());
		String s = field.toString();
		if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0)
			return '"' + s.replace("\"", "\"\"") + '"';
		return s;
	}

	/** Finishes the file and moves it to its final name. */
	public void commit() throws IOException {
		try {
			out.close();
			Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(target, e);
		}
		committed = true;
	}

	@Override
	public void close() throws IOException {
		try {
			if (!committed) {
				try {
					out.close();
				} catch (IOException e) {
					// the write already failed; the partial file goes below
				}
				raw.close();
				Files.deleteIfExists(tmp);
			}
		} finally {
			lock.close();
		}
	}
}
