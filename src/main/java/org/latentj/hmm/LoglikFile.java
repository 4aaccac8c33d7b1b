package org.latentj.hmm;

import org.latentj.io.CsvTable;
import org.latentj.io.CsvWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The log-likelihood history of a fit, {@code loglik.csv}: columns {@code iteration,train,test},
 * per-frame averages (test NaN when there are no test frames); iterations count from 1 (epochs for
 * stochastic EM).
 */
public final class LoglikFile {

	public static final String[] HEADER = { "iteration", "train", "test" };

	private LoglikFile() {
	}

	public static void write(Path path, double[] train, double[] test) throws IOException {
		try (CsvWriter w = new CsvWriter(path, HEADER)) {
			for (int i = 0; i < train.length; i++) w.row(i + 1, train[i], test[i]);
			w.commit();
		}
	}

	/** {train, test} per iteration. */
	public static double[][] read(Path path) {
		CsvTable t = CsvTable.read(path);
		int train = t.column("train"), test = t.column("test");
		t.integers("iteration");
		double[][] out = new double[2][t.rowCount()];
		for (int r = 0; r < t.rowCount(); r++) {
			out[0][r] = t.number(r, train);
			out[1][r] = t.numberOrNaN(r, test);
		}
		return out;
	}
}
