package org.latentj.dynamics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
	 * out and reported. Every run must have the same metric columns (checked by the caller's choice).
	 */
	public static Read read(List<Path> files, String metrics, int maxRows, int minRows, boolean skipBad) {
		List<TrainingRun> runs = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		for (Path f : files) {
			try {
				TrainingRun r = read(f, metrics, maxRows);
				if (r.frames() < minRows)
					throw new BadInputException("The CSV file " + f + " has " + r.frames() + " rows, fewer than the " + minRows
							+ " states asked for.");
				runs.add(r);
			} catch (BadInputException e) {
				if (!skipBad) throw e;
				skipped.add(e.getMessage());
			}
		}
		if (runs.isEmpty()) throw new BadInputException("No usable run: " + String.join(" ", skipped));
		List<String> metricsOfFirst = runs.get(0).metrics;
		for (TrainingRun r : runs)
			if (!r.metrics.equals(metricsOfFirst)) {
				List<String> missing = new ArrayList<>(metricsOfFirst);
				missing.removeAll(r.metrics);
				List<String> extra = new ArrayList<>(r.metrics);
				extra.removeAll(metricsOfFirst);
				throw new BadInputException(r.source + " has metric columns that differ from " + runs.get(0).source
						+ (missing.isEmpty() ? "" : " (missing: " + String.join(", ", missing) + ")")
						+ (extra.isEmpty() ? "" : " (extra: " + String.join(", ", extra) + ")") + "; name the metrics to use.");
			}
		return new Read(runs, skipped);
	}

	public static TrainingRun read(Path file, String metrics, int maxRows) {
		CsvTable t = CsvTable.read(file);
		String[] header = t.header();
		double[][] columns = new double[header.length][t.rowCount()];
		for (int c = 0; c < header.length; c++)
			for (int r = 0; r < t.rowCount(); r++)
				try {
					columns[c][r] = t.numberOrNaN(r, c);
				} catch (BadInputException notANumber) { // text or Inf: refused later only if the column is used
					columns[c][r] = Double.NaN;
				}
		return TrainingRun.of(name(file), "The CSV file " + file, header, columns, metrics, maxRows, t::where);
	}
}
