package org.latentj.diffusion;

import org.latentj.io.CsvTable;
import org.latentj.io.CsvWriter;

import java.io.IOException;
import java.nio.file.Path;

import org.latentj.diffusion.Latents;
import org.latentj.util.BadInputException;

/**
 * Latent CSV files, the layout SPIVAE's analysis can export: one row per trajectory, columns
 * {@code alpha,D,mu_0..mu_{Z-1},logvar_0..logvar_{Z-1}}. Read through {@link CsvTable} (100k rows of
 * 14 fields read in about a second), written through {@link CsvWriter} (complete or not at all).
 */
public final class LatentCsv {

	private LatentCsv() {
	}

	/** The header for Z latents. */
	public static String[] header(int latents) {
		String[] h = new String[2 + 2 * latents];
		h[0] = "alpha";
		h[1] = "D";
		for (int j = 0; j < latents; j++) {
			h[2 + j] = "mu_" + j;
			h[2 + latents + j] = "logvar_" + j;
		}
		return h;
	}

	public static void write(Path path, Latents latents) throws IOException {
		int Z = latents.latents();
		try (CsvWriter out = new CsvWriter(path, header(Z))) {
			double[] row = new double[2 + 2 * Z];
			for (int i = 0; i < latents.count(); i++) {
				row[0] = latents.alphas()[i];
				row[1] = latents.ds()[i];
				for (int j = 0; j < Z; j++) {
					row[2 + j] = latents.mu(i, j);
					row[2 + Z + j] = latents.logVar(i, j);
				}
				out.row(row);
			}
			out.commit();
		}
	}

	/** Reads a latent CSV; every problem is reported with the file, row and column. */
	public static Latents read(Path path) {
		CsvTable table = CsvTable.read(path, "a latent CSV (alpha,D,mu_0..,logvar_0.., as Encode Trajectories writes)");
		String source = table.source();
		String[] h = table.header();
		if (h.length < 4 || (h.length - 2) % 2 != 0)
			throw new BadInputException("The latent file " + source + " has " + h.length
					+ " columns; expected alpha,D,mu_0..mu_{Z-1},logvar_0..logvar_{Z-1} (2 + 2Z columns).");
		int Z = (h.length - 2) / 2;
		String[] expected = header(Z);
		for (int c = 0; c < h.length; c++)
			if (!h[c].equals(expected[c]))
				throw new BadInputException("The latent file " + source + ": column " + (c + 1) + " is '" + h[c] + "', expected '"
						+ expected[c] + "' (layout alpha,D,mu_0..mu_" + (Z - 1) + ",logvar_0..logvar_" + (Z - 1) + ").");
		int n = table.rowCount();
		if (n == 0) throw new BadInputException("The latent file " + source + " has a header but no rows.");
		double[] alpha = new double[n], d = new double[n], mu = new double[n * Z], logVar = new double[n * Z];
		for (int i = 0; i < n; i++) {
			alpha[i] = table.number(i, 0);
			if (!(alpha[i] > 0 && alpha[i] <= 2))
				throw new BadInputException(table.where(i, 0) + " is " + alpha[i] + "; alpha must be in (0, 2].");
			d[i] = table.number(i, 1);
			if (!(d[i] > 0)) throw new BadInputException(table.where(i, 1) + " is " + d[i] + "; D must be > 0.");
			for (int j = 0; j < Z; j++) {
				mu[i * Z + j] = table.number(i, 2 + j);
				logVar[i * Z + j] = table.number(i, 2 + Z + j);
			}
		}
		return new Latents(Z, alpha, d, mu, logVar);
	}
}
