package org.latentj.diffusion;

import org.latentj.io.AtomicOutput;
import org.latentj.io.CsvTable;
import org.latentj.io.DecimalFormatter;
import org.latentj.io.DecimalParser;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.Trajectories.Kind;
import org.latentj.util.BadInputException;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Trajectory CSV files, the layout of SPIVAE's data: one row per trajectory, columns
 * {@code alpha,D,x1..xT}, whether the values are displacements or positions. Reading, the caller
 * says which, or (null) lets the values tell ({@link Trajectories#guessKind}; values it cannot
 * tell apart are refused with a message asking for 'what'); columns named {@code dx1..dxT} are
 * read as displacements. A file with other column names is read by saying which explicitly.
 * <p>
 * Why not {@link CsvTable}: a 100k x 400 file is 40 million numbers (~0.9 GB of text); holding them
 * as Strings takes several GB and Double.parseDouble alone ~8 s. This reader streams the bytes in
 * blocks of lines, parses numbers with {@link DecimalParser} (exact, ~50 ns each) on all cores,
 * and keeps only the doubles. Errors name the file, row (counting the header as row 1, as a
 * spreadsheet shows it) and column. The writer formats blocks of rows on all cores with
 * {@link DecimalFormatter} (exact, ~3x faster than Double.toString) and writes under a temporary
 * name, renamed when complete.
 */
public final class TrajectoryCsv {

	private static final int BLOCK_BYTES = 8 << 20;
	/**
	 * The largest magnitude of a time value read. Every analysis sums squares: a position is at most
	 * T times the largest displacement and the TA-MSD sums T squared increments, so a sum is at most
	 * about T^3 B^2. With B = 1e100 that is below 1e228 even for T = 2^31, far from overflow
	 * (1.8e308), while 1e200 (seen in review) made Inf - Inf = NaN. No physical trajectory comes near
	 * 1e100 in any unit (the observable universe is ~1e36 nm).
	 */
	static final double MAX_MAGNITUDE = 1e100;
	private static final int ROWS_PER_TASK = 128;

	private TrajectoryCsv() {
	}

	/**
	 * A file's trajectories with the row each came from (counting the header as row 1, blank lines
	 * included, as a spreadsheet shows the file), for messages about single trajectories.
	 */
	public record Loaded(Trajectories trajectories, int[] rows) {
		/** The file row of trajectory i. */
		public int row(int i) {
			return rows[i];
		}
	}

	/**
	 * Reads a trajectory CSV.
	 *
	 * @param kind what the T columns hold; null to tell from the values (dx1.. columns: displacements;
	 *        values that cannot tell are refused with a message naming the file and 'what')
	 */
	public static Trajectories read(Path path, Kind kind, Progress progress) {
		return load(path, kind, progress).trajectories();
	}

	/**
	 * T, the number of time columns, from the header alone (checked as {@link #read} checks it), so
	 * that a caller can refuse a file of the wrong length before reading its rows.
	 */
	public static int length(Path path, Kind kind) {
		String source = path.toString();
		org.latentj.io.Inputs.requireRegularFile(path, "trajectory file");
		try (InputStream in = Files.newInputStream(path)) {
			Reader reader = new Reader(source, in, kind, 1 << 16); // grows for a longer header
			reader.readHeader();
			return reader.length;
		} catch (IOException e) {
			throw new BadInputException("Cannot read the trajectory file " + source + " (" + e.getMessage() + ").", e);
		}
	}

	/** Whether the header alone says displacements (dx1.. columns), as {@link #read} decides it. */
	static boolean headerSaysDisplacements(Path path) {
		String source = path.toString();
		try (InputStream in = Files.newInputStream(path)) {
			Reader reader = new Reader(source, in, null, 1 << 16);
			reader.readHeader();
			return reader.kind == Kind.DISPLACEMENTS;
		} catch (IOException e) {
			throw new BadInputException("Cannot read the trajectory file " + source + " (" + e.getMessage() + ").", e);
		}
	}

	/** {@link #read}, keeping the file row of every trajectory. */
	public static Loaded load(Path path, Kind kind, Progress progress) {
		String source = path.toString();
		org.latentj.io.Inputs.requireRegularFile(path, "trajectory file");
		// the values, and the copy a conversion between positions and displacements makes
		org.latentj.util.Memory.require(org.latentj.util.Memory.product(org.latentj.io.CsvSize.estimatedFields(path), 8, 2),
				"Reading the trajectory file " + source);
		try (InputStream in = Files.newInputStream(path)) {
			long size = Files.size(path);
			Reader reader = new Reader(source, in, kind, BLOCK_BYTES);
			return reader.read(size, progress);
		} catch (NoSuchFileException e) {
			throw new BadInputException("The trajectory file " + source + " does not exist.", e);
		} catch (IOException e) {
			throw new BadInputException("Cannot read the trajectory file " + source + " (" + e.getMessage() + ").", e);
		}
	}

	/** Receives the rows of a streamed file block by block: labels (alpha, D) pairs, values n x T. */
	@FunctionalInterface
	public interface BlockSink {
		/** @param kind what the columns hold when the header or 'what' says; null when only the values can tell */
		void accept(double[] labels, double[] values, int n, Kind kind);
	}

	/**
	 * Reads a trajectory CSV block by block into {@code sink}, checking it as {@link #load} does, but
	 * keeping only alpha, D and the file rows: memory O(rows), not O(rows x T). The returned
	 * trajectories have length 0 (no values) and the kind from the header or 'what' (null when only
	 * the values can tell).
	 */
	public static Loaded stream(Path path, Kind kind, BlockSink sink, Progress progress) {
		String source = path.toString();
		org.latentj.io.Inputs.requireRegularFile(path, "trajectory file");
		try (InputStream in = Files.newInputStream(path)) {
			Reader reader = new Reader(source, in, kind, BLOCK_BYTES);
			reader.sink = sink;
			return reader.read(Files.size(path), progress);
		} catch (NoSuchFileException e) {
			throw new BadInputException("The trajectory file " + source + " does not exist.", e);
		} catch (IOException e) {
			throw new BadInputException("Cannot read the trajectory file " + source + " (" + e.getMessage() + ").", e);
		}
	}

	/**
	 * Writes trajectories in SPIVAE's layout (header alpha,D,x1..xT whatever their kind), replacing
	 * the file only when complete.
	 */
	public static void write(Path path, Trajectories trajectories, Progress progress) throws IOException {
		AtomicOutput.writeFile(path, tmp -> {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
				out.write(header(trajectories).getBytes(StandardCharsets.UTF_8));
				int n = trajectories.count();
				int tasksPerBatch = 4 * Parallel.threads();
				int batchRows = tasksPerBatch * ROWS_PER_TASK;
				for (int start = 0; start < n; start += batchRows) {
					progress.checkCancelled();
					int first = start, rows = Math.min(batchRows, n - start);
					int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
					byte[][] text = new byte[tasks][];
					Parallel.forEach(tasks, k -> {
						int from = first + k * ROWS_PER_TASK, to = Math.min(first + rows, from + ROWS_PER_TASK);
						text[k] = formatRows(trajectories, from, to);
					});
					for (byte[] t : text) out.write(t);
					progress.update((start + rows) / (double) n, "writing " + path.getFileName());
				}
			}
		});
	}

	static String header(Trajectories t) {
		StringBuilder b = new StringBuilder("alpha,D");
		for (int k = 1; k <= t.length(); k++) b.append(",x").append(k);
		return b.append('\n').toString();
	}

	/** Rows as ASCII: labels by Double.toString (readable), values by the fast exact {@link DecimalFormatter}. */
	private static byte[] formatRows(Trajectories t, int from, int to) {
		int length = t.length();
		double[] v = t.values();
		DecimalFormatter.Bytes b = new DecimalFormatter.Bytes((to - from) * (length * 22 + 48));
		for (int i = from; i < to; i++) {
			b.put(Double.toString(t.alpha(i))).put(',').put(Double.toString(t.d(i)));
			for (int k = 0, o = i * length; k < length; k++) {
				b.put(',');
				DecimalFormatter.append(b, v[o + k]);
			}
			b.put('\n');
		}
		return java.util.Arrays.copyOf(b.data, b.size);
	}

	/** Streams the file in blocks of complete lines, parsing each block's rows on all cores. */
	private static final class Reader {
		final String source;
		final InputStream in;
		Kind kind;
		String[] columns;
		int length;
		byte[] buffer;
		int filled;
		boolean eof;
		int lineNumber; // physical lines consumed so far (header = line 1)
		final List<double[]> labelBlocks = new ArrayList<>();
		final List<double[]> valueBlocks = new ArrayList<>();
		final List<int[]> rowBlocks = new ArrayList<>();
		int rows;
		/** When set, every parsed block goes here and its values are not kept (streaming). */
		BlockSink sink;

		Reader(String source, InputStream in, Kind kind, int bufferBytes) {
			this.source = source;
			this.in = in;
			this.kind = kind;
			this.buffer = new byte[bufferBytes];
		}

		Loaded read(long size, Progress progress) throws IOException {
			readHeader();
			long consumed = 0;
			while (true) {
				progress.checkCancelled();
				fill();
				if (filled == 0) break;
				int end = lastNewline();
				if (end < 0) {
					if (!eof) { // a line longer than the buffer: grow it
						buffer = Arrays.copyOf(buffer, buffer.length * 2);
						continue;
					}
					end = filled; // last line without a newline
				} else end++;
				parseBlock(end);
				consumed += end;
				System.arraycopy(buffer, end, buffer, 0, filled - end);
				filled -= end;
				progress.update(size > 0 ? Math.min(1, consumed / (double) size) : 1, "reading " + Path.of(source).getFileName());
			}
			if (rows == 0) throw new BadInputException("The trajectory file " + source + " has a header but no rows.");
			double[] alpha = new double[rows], d = new double[rows], values = new double[sink != null ? 0 : rows * length];
			int[] fileRows = new int[rows];
			int r = 0;
			for (int b = 0; b < labelBlocks.size(); b++) {
				double[] labels = labelBlocks.get(b), vals = valueBlocks.get(b);
				int n = labels.length / 2;
				for (int k = 0; k < n; k++) {
					alpha[r + k] = labels[2 * k];
					d[r + k] = labels[2 * k + 1];
				}
				if (vals != null) System.arraycopy(vals, 0, values, r * length, vals.length);
				System.arraycopy(rowBlocks.get(b), 0, fileRows, r, n);
				labelBlocks.set(b, null);
				valueBlocks.set(b, null);
				r += n;
			}
			Kind decided = kind;
			if (sink != null) return new Loaded(new Trajectories(decided, 0, alpha, d, values), fileRows);
			if (decided == null) {
				double score = Trajectories.lagOneAutocorrelation(values, rows, length);
				decided = Trajectories.kindOf(score);
				if (decided == null) throw new BadInputException("The trajectory file " + source + ": " + Trajectories.cannotTell(score));
			}
			return new Loaded(new Trajectories(decided, length, alpha, d, values), fileRows);
		}

		private void fill() throws IOException {
			while (!eof && filled < buffer.length) {
				int n = in.read(buffer, filled, buffer.length - filled);
				if (n < 0) eof = true;
				else filled += n;
			}
		}

		private int lastNewline() {
			for (int i = filled - 1; i >= 0; i--)
				if (buffer[i] == '\n') return i;
			return -1;
		}

		private void readHeader() throws IOException {
			String line = "";
			while (line.isBlank()) {
				fill();
				if (filled == 0) throw new BadInputException("The trajectory file " + source + " is empty.");
				int nl = -1;
				for (int i = 0; i < filled; i++)
					if (buffer[i] == '\n') {
						nl = i;
						break;
					}
				if (nl < 0 && !eof) {
					buffer = Arrays.copyOf(buffer, buffer.length * 2);
					continue;
				}
				int end = nl < 0 ? filled : nl + 1;
				line = new String(buffer, 0, nl < 0 ? filled : nl, StandardCharsets.UTF_8);
				System.arraycopy(buffer, end, buffer, 0, filled - end);
				filled -= end;
				lineNumber++;
			}
			if (line.startsWith("\uFEFF")) line = line.substring(1);
			CsvTable.requireNotJson(line, source, "a trajectory CSV (alpha,D,x1..xT)");
			String[] cols = line.split(",", -1);
			for (int c = 0; c < cols.length; c++) cols[c] = unquote(cols[c].trim());
			if (cols.length < 1 || !cols[0].equals("alpha"))
				throw new BadInputException("The trajectory file " + source + ": column 1 is '" + cols[0] + "', expected 'alpha' (layout alpha,D,x1..xT).");
			if (cols.length < 2 || !cols[1].equals("D"))
				throw new BadInputException("The trajectory file " + source + ": column 2 is '" + (cols.length < 2 ? "" : cols[1])
						+ "', expected 'D' (layout alpha,D,x1..xT).");
			length = cols.length - 2;
			if (length < 2)
				throw new BadInputException("The trajectory file " + source + " has " + length + " time column"
						+ (length == 1 ? "" : "s") + "; at least 2 are needed (T >= 2).");
			if (kind == null) {
				String prefix = cols[2].startsWith("dx") ? "dx" : cols[2].startsWith("x") ? "x" : null;
				if (prefix == null)
					throw new BadInputException("The trajectory file " + source + ": column 3 is '" + cols[2]
							+ "', not x1 (layout alpha,D,x1..xT); say what the columns hold with 'what'.");
				for (int t = 1; t <= length; t++) {
					if (!cols[t + 1].equals(prefix + t))
						throw new BadInputException("The trajectory file " + source + ": column " + (t + 2) + " is '" + cols[t + 1]
								+ "', expected '" + prefix + t + "'.");
				}
				if (prefix.equals("dx")) kind = Kind.DISPLACEMENTS; // else: told by the values once read
			}
			columns = cols;
		}

		private static String unquote(String s) {
			return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
		}

		/** Parses the complete lines in buffer[0, end). */
		private void parseBlock(int end) {
			// Line starts of the non-blank lines and their physical line numbers.
			int[] starts = new int[1024], numbers = new int[1024];
			int count = 0, s = 0;
			while (s < end) {
				int e = s;
				while (e < end && buffer[e] != '\n') e++;
				lineNumber++;
				if (!blank(buffer, s, e)) {
					if (count == starts.length) {
						starts = Arrays.copyOf(starts, count * 2);
						numbers = Arrays.copyOf(numbers, count * 2);
					}
					starts[count] = s;
					numbers[count] = lineNumber;
					count++;
				}
				s = e + 1;
			}
			if (count == 0) return;
			int n = count;
			int[] lineStarts = starts, lineNumbers = numbers;
			byte[] buf = buffer;
			double[] labels = new double[2 * n], values = new double[n * length];
			int tasks = (n + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
			BadInputException[] errors = new BadInputException[tasks];
			Parallel.forEach(tasks, k -> {
				int to = Math.min(n, (k + 1) * ROWS_PER_TASK);
				try {
					for (int r = k * ROWS_PER_TASK; r < to; r++) {
						int ls = lineStarts[r];
						int le = ls;
						while (le < end && buf[le] != '\n') le++;
						parseRow(buf, ls, le, lineNumbers[r], labels, 2 * r, values, r * length);
					}
				} catch (BadInputException e) {
					errors[k] = e;
				}
			});
			for (BadInputException e : errors)
				if (e != null) throw e;
			if (sink != null) sink.accept(labels, values, n, kind);
			labelBlocks.add(labels);
			valueBlocks.add(sink != null ? null : values);
			rowBlocks.add(Arrays.copyOf(lineNumbers, n));
			rows += n;
		}

		private static boolean blank(byte[] b, int s, int e) {
			for (int i = s; i < e; i++)
				if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') return false;
			return true;
		}

		private void parseRow(byte[] b, int s, int e, int line, double[] labels, int lo, double[] values, int vo) {
			int fields = 1;
			for (int i = s; i < e; i++)
				if (b[i] == ',') fields++;
			if (fields != columns.length)
				throw new BadInputException("The trajectory file " + source + ": row " + line + " has " + fields
						+ " fields but the header has " + columns.length + ".");
			int field = 0, start = s;
			for (int i = s; i <= e; i++) {
				if (i < e && b[i] != ',') continue;
				double v = number(b, start, i, line, field);
				if (field == 0) {
					if (!(v > 0 && v <= 2))
						throw new BadInputException(where(line, 0) + " is " + v + "; alpha must be in (0, 2].");
					labels[lo] = v;
				} else if (field == 1) {
					if (!(v > 0)) throw new BadInputException(where(line, 1) + " is " + v + "; D must be > 0.");
					labels[lo + 1] = v;
				} else {
					if (Math.abs(v) > MAX_MAGNITUDE)
						throw new BadInputException(where(line, field) + " is " + text(b, start, i)
								+ "; values beyond 1e100 in magnitude are refused, as their squares would overflow.");
					values[vo + field - 2] = v;
				}
				field++;
				start = i + 1;
			}
		}

		private double number(byte[] b, int s, int e, int line, int field) {
			double v;
			try {
				int qs = s, qe = e;
				while (qs < qe && b[qs] == ' ') qs++;
				while (qe > qs && (b[qe - 1] == ' ' || b[qe - 1] == '\r')) qe--;
				if (qe - qs >= 2 && b[qs] == '"' && b[qe - 1] == '"') {
					qs++;
					qe--;
				}
				v = DecimalParser.parse(b, qs, qe);
			} catch (NumberFormatException ex) {
				v = Double.NaN;
			}
			if (!Double.isFinite(v)) throw new BadInputException(where(line, field) + " is '" + text(b, s, e) + "', not a finite number.");
			return v;
		}

		private static String text(byte[] b, int s, int e) {
			return new String(b, s, e - s, StandardCharsets.UTF_8).trim();
		}

		private String where(int line, int field) {
			return "The trajectory file " + source + ": row " + line + ", column '" + columns[field] + "'";
		}
	}
}
