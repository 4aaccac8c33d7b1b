package org.latentj.diffusion;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.latentj.diffusion.Trajectories.Kind;

/**
 * {@link MsdAnalysis} over a CSV read block by block (issue 12: "MSD over a CSV, stream"). The
 * EA-MSD and mean TA-MSD of a cell are sums over its trajectories, so each row is added to its
 * (alpha, D) cell's sums as it is read and then dropped: memory O(rows + cells x (L + L_TA)), not
 * O(rows x T). Rows are added in file order, the order {@link MsdAnalysis#analyze} sums them, so the
 * results are bit-identical to reading the file whole (MsdStreamTest).
 */
final class MsdStream {

	private MsdStream() {
	}

	/**
	 * The per-row terms of {@link Trajectories#lagOneAutocorrelation} (NaN where undefined), so that
	 * the same rows can be averaged once their count is known.
	 */
	static final class Scores implements TrajectoryCsv.BlockSink {
		private double[] score = new double[1024];
		private int rows;

		@Override
		public void accept(double[] labels, double[] values, int n, Kind kind) {
			int length = values.length / n;
			if (rows + n > score.length) score = Arrays.copyOf(score, Math.max(rows + n, score.length * 2));
			for (int i = 0; i < n; i++)
				score[rows + i] = Trajectories.rowLagOneAutocorrelation(values, i * length, length);
			rows += n;
		}

		/** {@link Trajectories#lagOneAutocorrelation} of the rows seen: the same rows, the same sum. */
		double lagOneAutocorrelation() {
			return Trajectories.meanOfSample(rows, i -> score[i]);
		}
	}

	/** The measuring pass; {@code kind} decided (from the header, 'what' or a first pass). */
	static final class Measure implements TrajectoryCsv.BlockSink {
		private final Kind kind;
		private final int lags, taLags;
		/** Per cell: the EA sums (lags) then the TA sums (taLags), added in file order. */
		private final Map<List<Double>, double[]> sums = new HashMap<>();
		private PowerLawFit[] taFit = new PowerLawFit[1024];
		private int rows;
		/** Also collects the kind scores in the same pass (for the 'what' warning). */
		final Scores scores = new Scores();

		Measure(Kind kind, int lags, int taLags) {
			this.kind = kind;
			this.lags = lags;
			this.taLags = taLags;
		}

		@Override
		public void accept(double[] labels, double[] values, int n, Kind headerKind) {
			scores.accept(labels, values, n, headerKind);
			int length = values.length / n;
			double[] x = values; // this block's own array: converted in place
			if (kind == Kind.DISPLACEMENTS) Trajectories.cumulativeSums(x, n, length, x);
			double[] ta = new double[n * taLags];
			PowerLawFit[] fits = new PowerLawFit[n];
			MsdAnalysis.timeAveragedMsds(x, n, length, taLags, ta, fits, null);
			for (int i = 0; i < n; i++) {
				double[] acc = sums.computeIfAbsent(List.of(labels[2 * i], labels[2 * i + 1]), k -> new double[lags + taLags]);
				for (int k = 0; k < lags; k++) {
					double v = x[i * length + k];
					acc[k] += v * v;
				}
				for (int k = 0; k < taLags; k++) acc[lags + k] += ta[i * taLags + k];
			}
			if (rows + n > taFit.length) taFit = Arrays.copyOf(taFit, Math.max(rows + n, taFit.length * 2));
			System.arraycopy(fits, 0, taFit, rows, n);
			rows += n;
		}

		/** The measurement, with the cells in the order {@link ParameterCells#of} gives them. */
		MsdAnalysis.Result finish(double[] alpha, double[] d) {
			ParameterCells cells = ParameterCells.of(alpha, d);
			int nc = cells.count();
			double[] ea = new double[nc * lags], meanTa = new double[nc * taLags];
			PowerLawFit[] eaFit = new PowerLawFit[nc];
			for (int c = 0; c < nc; c++) {
				double[] acc = sums.get(List.of(cells.alpha(c), cells.d(c)));
				int count = cells.rows(c).length;
				for (int k = 0; k < lags; k++) ea[c * lags + k] = acc[k] / count;
				for (int k = 0; k < taLags; k++) meanTa[c * taLags + k] = acc[lags + k] / count;
				eaFit[c] = PowerLawFit.ensemble(ea, c * lags, lags);
			}
			return new MsdAnalysis.Result(lags, taLags, cells, ea, meanTa, eaFit, Arrays.copyOf(taFit, rows));
		}
	}
}
