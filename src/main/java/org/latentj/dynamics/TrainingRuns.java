package org.latentj.dynamics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.latentj.io.CsvTable;
import org.latentj.util.BadInputException;

/** Reads training runs: a folder of CSV files (one per run, by name) or a ';'-separated list of files. */
public final class TrainingRuns {

	/** What was read: the runs, and one line per run left out (skip_bad_runs). */
	public record Read(List<TrainingRun> runs, List<String> skipped) {
	}

	private TrainingRuns() {
	}

	/** The files `runs` names: the *.csv of a folder sorted by name, or the files of a ';' list. */
	public static List<Path> files(String runs) {
		if (runs == null || runs.isBlank()) throw new BadInputException("runs is empty: give a folder of CSV files or a ';' list of them.");
		List<Path> out = new ArrayList<>();
		for (String part : runs.split(";")) {
			if (part.isBlank()) continue;
			Path p = Path.of(part.trim());
			if (Files.isDirectory(p)) {
				try (Stream<Path> s = Files.list(p)) {
					s.filter(f -> f.getFileName().toString().toLowerCase().endsWith(".csv") && Files.isRegularFile(f)).sorted()
							.forEach(out::add);
				} catch (IOException e) {
					throw new BadInputException("Cannot list the folder " + p + " (" + e.getMessage() + ").", e);
				}
			} else if (Files.isRegularFile(p)) out.add(p);
			else throw new BadInputException("runs: " + p + " is neither a CSV file nor a folder.");
		}
		if (out.isEmpty()) throw new BadInputException("runs names no CSV file (" + runs + ").");
		return out;
	}

	/** Run name: the file name without .csv. */
	public static String name(Path file) {
		String n = file.getFileName().toString();
		return n.toLowerCase().endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
	}

	/**
	 * Reads every file; a bad run is refused with its one-line message, or, with {@code skipBad}, left
	 * out and reported. A run needs 2 rows (to be z-scored) and at least {@code minRows} (the states asked
	 * for), and the metric columns of the first usable run: under metrics=all another run's may differ.
	 * Two runs of one name are refused in any case: their outputs (labels/NAME.csv, runs/NAME.png) would
	 * overwrite each other.
	 */
	public static Read read(List<Path> files, String metrics, int maxRows, int minRows, boolean skipBad) {
		checkNames(files);
		List<TrainingRun> runs = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		for (Path f : files) {
			try {
				TrainingRun r = read(f, metrics, maxRows);
				checkRows(r, minRows);
				if (!runs.isEmpty()) checkMetrics(r, runs.get(0));
				runs.add(r);
			} catch (BadInputException e) {
				if (!skipBad) throw e;
				skipped.add(e.getMessage());
			}
		}
		if (runs.isEmpty()) throw new BadInputException("No usable run: " + String.join(" ", skipped));
		return new Read(runs, skipped);
	}

	/** One file listed twice, or two files of one name (compared ignoring case, as macOS and Windows do). */
	static void checkNames(List<Path> files) {
		Map<String, Path> seen = new HashMap<>();
		for (Path f : files) {
			Path before = seen.putIfAbsent(name(f).toLowerCase(Locale.ROOT), f);
			if (before == null) continue;
			if (same(before, f)) throw new BadInputException("runs lists the CSV file " + f + " twice.");
			throw new BadInputException("The CSV files " + before + " and " + f + " are both run '" + name(f)
					+ "', whose outputs would overwrite each other; rename one.");
		}
	}

	private static boolean same(Path a, Path b) {
		try {
			return Files.isSameFile(a, b);
		} catch (IOException e) {
			return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
		}
	}

	/** 2 rows to be z-scored, and at least one per state asked for. */
	static void checkRows(TrainingRun r, int minRows) {
		if (r.frames() < 2)
			throw new BadInputException(TrainingRun.capital(r.source) + " has " + r.frames() + (r.frames() == 1 ? " row" : " rows")
					+ "; at least 2 are needed to z-score it.");
		if (r.frames() < minRows)
			throw new BadInputException(TrainingRun.capital(r.source) + " has " + r.frames() + " rows, fewer than the " + minRows
					+ " states asked for.");
	}

	private static void checkMetrics(TrainingRun r, TrainingRun first) {
		if (r.metrics.equals(first.metrics)) return;
		List<String> missing = new ArrayList<>(first.metrics);
		missing.removeAll(r.metrics);
		List<String> extra = new ArrayList<>(r.metrics);
		extra.removeAll(first.metrics);
		List<String> parts = new ArrayList<>();
		if (!missing.isEmpty()) parts.add("missing: " + String.join(", ", missing));
		if (!extra.isEmpty()) parts.add("extra: " + String.join(", ", extra));
		if (parts.isEmpty()) parts.add("in another order");
		throw new BadInputException(TrainingRun.capital(r.source) + " has metric columns that differ from those of "
				+ first.source + " (" + String.join("; ", parts) + "); name the metrics to use.");
	}

	public static TrainingRun read(Path file, String metrics, int maxRows) {
		CsvTable t = CsvTable.read(file);
		String[] header = t.header();
		double[][] columns = new double[header.length][t.rowCount()];
		for (int c = 0; c < header.length; c++)
			for (int r = 0; r < t.rowCount(); r++)
				try {
					columns[c][r] = t.numberOrNaN(r, c);
				} catch (BadInputException notANumber) { // text or Inf: refused later, quoted, only if the column is used
					columns[c][r] = Double.NaN;
				}
		return TrainingRun.of(name(file), "the CSV file " + file, header, columns, metrics, maxRows, new TrainingRun.Where() {
			@Override
			public String at(int row, int column) {
				return t.where(row, column);
			}

			@Override
			public String text(int row, int column) {
				return t.text(row, column);
			}
		});
	}
}
