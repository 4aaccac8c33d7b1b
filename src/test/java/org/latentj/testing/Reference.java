package org.latentj.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The hmmlearn reference results in ../shared/data/reference (headerless numeric CSV + cases.json). */
public final class Reference {
	private Reference() {
	}

	public static JsonObject cases() {
		try {
			return JsonParser.parseString(Files.readString(SharedData.require("data/reference/cases.json")))
					.getAsJsonObject();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A headerless CSV of numbers as a row-major flat array; {@code shape[0]} rows, {@code shape[1]} columns. */
	private static final java.util.Map<String, double[][]> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

	public static double[] matrix(String file, int[] shape) {
		double[][] cached = CACHE.computeIfAbsent(file, f -> {
			int[] sh = new int[2];
			double[] data = read(f, sh);
			return new double[][] { data, { sh[0], sh[1] } };
		});
		if (shape != null) {
			shape[0] = (int) cached[1][0];
			shape[1] = (int) cached[1][1];
		}
		return cached[0].clone();
	}

	private static double[] read(String file, int[] shape) {
		Path p = SharedData.require("data/reference/" + file);
		try {
			List<String> lines = Files.readAllLines(p);
			List<double[]> rows = new ArrayList<>();
			for (String line : lines) {
				if (line.isBlank()) continue;
				String[] f = line.split(",");
				double[] r = new double[f.length];
				for (int i = 0; i < f.length; i++) r[i] = Double.parseDouble(f[i].trim());
				rows.add(r);
			}
			int cols = rows.get(0).length;
			double[] out = new double[rows.size() * cols];
			for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, out, i * cols, cols);
			if (shape != null) {
				shape[0] = rows.size();
				shape[1] = cols;
			}
			return out;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
