package org.latentj.diffusion;

import java.io.IOException;
import java.nio.file.Path;

import org.latentj.io.CsvWriter;

/** The tables of a latent analysis: rows for the ResultsTables and the CSV files. */
public final class LatentTables {

	/**
	 * Columns of the neuron table (also its CSV header); d_alpha_best_t is the time t whose
	 * log(alpha D t^(alpha-1)) fits the neuron best, mirror_best_t the same for log(alpha D t^(1-alpha));
	 * kl the neuron's mean KL from the prior (nats); the *_at_edge columns are 1 where a best time sits
	 * at t = 1 or t = T, the ends of the scanned range (issue 14), appended last so readers by name
	 * of the earlier columns are unaffected.
	 */
	public static final String[] NEURON_COLUMNS = { "neuron", "var_mu", "mean_logvar", "informative", "best_expression", "best_r2",
			"best_slope", "best_intercept", "plane_r2", "plane_alpha", "plane_log_D", "cell_ceiling_r2", "d_alpha_best_t", "d_alpha_best_t_r2",
			"mirror_best_t", "mirror_best_t_r2", "kl", "d_alpha_best_t_at_edge", "mirror_best_t_at_edge" };
	/** Names of the extra R^2 rows: the best plane in alpha and log D, and the cell ceiling. */
	public static final String PLANE = "plane a + b alpha + c log D", CEILING = "cell ceiling (any function of alpha, D)";

	private LatentTables() {
	}

	/** The neuron table as rows of objects (numbers and the best expression's name). */
	public static Object[][] neuronRows(LatentAnalysis.Result r) {
		Object[][] rows = new Object[r.latents][];
		for (int j = 0; j < r.latents; j++) {
			int b = r.best(j);
			LatentAnalysis.LineFit f = r.fits[b][j];
			rows[j] = new Object[] { j, r.varMu[j], r.meanLogVar[j], r.informative[j] ? 1 : 0, LatentAnalysis.EXPRESSIONS.get(b).name(),
					f.r2(), f.slope(), f.intercept(), r.planeR2[j], r.planeCoefficients[j][1], r.planeCoefficients[j][2], r.cellCeiling[j],
					r.bestTimes[j][0], r.bestTimes[j][1], r.bestTimes[j][2], r.bestTimes[j][3], r.kl[j], r.bestTimeAtEdge(j, false) ? 1 : 0,
					r.bestTimeAtEdge(j, true) ? 1 : 0 };
		}
		return rows;
	}

	/** The neuron table's columns with the symbolic verdict's appended (none when verdicts is null). */
	public static String[] neuronColumns(NeuronVerdicts verdicts) {
		return verdicts == null ? NEURON_COLUMNS : concat(NEURON_COLUMNS, verdicts.columns());
	}

	/** The neuron table's rows with each neuron's symbolic scores and verdicts appended (none when verdicts is null). */
	public static Object[][] neuronRows(LatentAnalysis.Result r, NeuronVerdicts verdicts) {
		Object[][] rows = neuronRows(r);
		if (verdicts != null) for (int j = 0; j < rows.length; j++) rows[j] = concat(rows[j], verdicts.cells(j));
		return rows;
	}

	private static <T> T[] concat(T[] a, T[] b) {
		T[] c = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, c, a.length, b.length);
		return c;
	}

	/** R^2 header: expression, neuron_0..neuron_{Z-1}. */
	public static String[] r2Columns(int latents) {
		String[] h = new String[latents + 1];
		h[0] = "expression";
		for (int j = 0; j < latents; j++) h[j + 1] = "neuron_" + j;
		return h;
	}

	/** One row per expression (and last rows for the best plane and the cell ceiling), one R^2 per neuron. */
	public static Object[][] r2Rows(LatentAnalysis.Result r) {
		int ne = LatentAnalysis.EXPRESSIONS.size();
		Object[][] rows = new Object[ne + 2][r.latents + 1];
		for (int e = 0; e < ne; e++) {
			rows[e][0] = LatentAnalysis.EXPRESSIONS.get(e).name();
			for (int j = 0; j < r.latents; j++) rows[e][j + 1] = r.fits[e][j].r2();
		}
		rows[ne][0] = PLANE;
		rows[ne + 1][0] = CEILING;
		for (int j = 0; j < r.latents; j++) {
			rows[ne][j + 1] = r.planeR2[j];
			rows[ne + 1][j + 1] = r.cellCeiling[j];
		}
		return rows;
	}

	/** latent_neurons.csv (with the symbolic verdict's columns unless verdicts is null) and latent_r2.csv into a folder. */
	static void write(Path dir, LatentAnalysis.Result r, NeuronVerdicts verdicts) throws IOException {
		try (CsvWriter w = new CsvWriter(dir.resolve("latent_neurons.csv"), neuronColumns(verdicts))) {
			for (Object[] row : neuronRows(r, verdicts)) w.row(row);
			w.commit();
		}
		try (CsvWriter w = new CsvWriter(dir.resolve("latent_r2.csv"), r2Columns(r.latents))) {
			for (Object[] row : r2Rows(r)) w.row(row);
			w.commit();
		}
	}
}
