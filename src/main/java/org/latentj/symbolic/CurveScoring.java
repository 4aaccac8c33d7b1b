package org.latentj.symbolic;

import java.nio.file.Path;

import org.latentj.diffusion.LatentCurves;
import org.latentj.io.CsvTable;
import org.latentj.util.BadInputException;

/**
 * Score Curves: curves from a CSV (first column the input x, one column per curve, named in the header) are
 * brought onto the critic's grid (linear interpolation when their x differ from it; refused when the grid
 * reaches outside their x) and scored; score > threshold is the verdict "symbolic". For a critic of d inputs the first
 * d columns are the inputs x0, x1, ... and every row one point of the critic's tensor grid, in any order (no
 * interpolation in several inputs: the rows must be exactly the grid's points).
 */
public final class CurveScoring {

	public record Result(String[] names, double[] scores, boolean[] symbolic, double threshold, boolean resampled) {
		public int symbolicCount() {
			int n = 0;
			for (boolean b : symbolic)
				if (b) n++;
			return n;
		}
	}

	private CurveScoring() {
	}

	/** Scores the informative neurons' mean curves of a latents CSV (Encode Trajectories) along alpha or log10 D. */
	public static Result scoreLatents(CriticFile.Loaded critic, Path latentsCsv, LatentCurves.Along along) {
		LatentCurves.Curves c = LatentCurves.extract(org.latentj.diffusion.LatentCsv.read(latentsCsv), along);
		return score(critic, c.x(), c.curves(), c.names(), latentsCsv.toString());
	}

	public static Result score(CriticFile.Loaded critic, Path curvesCsv) {
		CsvTable t = CsvTable.read(curvesCsv, "a curves CSV (x, then one column per curve)");
		requireDistinctNames(t.header(), curvesCsv);
		if (critic.inputs() > 1) return scoreSeveral(critic, t, curvesCsv);
		String[] header = t.header();
		if (header.length < 2) throw new BadInputException("The curves file " + curvesCsv + " needs an x column and at least one curve column.");
		int rows = t.rowCount();
		if (rows < 2) throw new BadInputException("The curves file " + curvesCsv + " has " + rows + " rows; a curve needs at least 2 points.");
		double[] xs = new double[rows];
		for (int r = 0; r < rows; r++) {
			xs[r] = t.number(r, 0);
			if (r > 0 && !(xs[r] > xs[r - 1]))
				throw new BadInputException(t.where(r, 0) + " is " + xs[r] + "; the x column must increase strictly.");
		}
		int count = header.length - 1;
		double[][] ys = new double[count][rows];
		String[] names = new String[count];
		for (int c = 0; c < count; c++) {
			names[c] = header[c + 1];
			for (int r = 0; r < rows; r++) ys[c][r] = t.number(r, c + 1);
		}
		return score(critic, xs, ys, names, curvesCsv.toString());
	}

	/** Scores are written one row per curve name: a repeated name would give two rows nobody can tell apart. */
	private static void requireDistinctNames(String[] header, Path file) {
		for (int c = 1; c < header.length; c++)
			for (int e = 0; e < c; e++)
				if (header[c].equals(header[e]))
					throw new BadInputException("The curves file " + file + ": column " + (c + 1) + " repeats the name '" + header[c] + "'.");
	}

	/** Curves of several inputs: rows matched to the critic's grid points by their inputs' grid indices. */
	private static Result scoreSeveral(CriticFile.Loaded critic, CsvTable t, Path file) {
		int d = critic.inputs(), m = critic.perInput(), n = critic.critic().points(), rows = t.rowCount();
		String[] header = t.header();
		if (header.length < d + 1)
			throw new BadInputException("The curves file " + file + " needs " + d + " input columns (x0..x" + (d - 1) + ") and at least one curve column for this critic.");
		if (rows != n)
			throw new BadInputException("The curves file " + file + " has " + rows + " rows; the critic reads " + d + " inputs on a grid of " + m + " values each ("
					+ n + " points; see points_per_input in the critic file).");
		double[] axis = critic.grid();
		double step = (axis[m - 1] - axis[0]) / (m - 1);
		int count = header.length - d;
		double[][] ys = new double[count][n];
		boolean[] seen = new boolean[n];
		for (int r = 0; r < rows; r++) {
			int index = 0;
			for (int k = d - 1; k >= 0; k--) {
				double v = t.number(r, k), j = (v - axis[0]) / step;
				long q = Math.round(j);
				if (q < 0 || q >= m || Math.abs(v - axis[(int) q]) > 1e-9 * Math.max(1, Math.abs(v)))
					throw new BadInputException(t.where(r, k) + " is " + v + ", not one of the critic's " + m + " grid values of x" + k + " (" + axis[0] + ".." + axis[m - 1] + ").");
				index = index * m + (int) q;
			}
			if (seen[index]) throw new BadInputException("Row " + (r + 1) + " of " + file + " repeats a grid point of an earlier row.");
			seen[index] = true;
			for (int c = 0; c < count; c++) ys[c][index] = t.number(r, d + c);
		}
		String[] names = java.util.Arrays.copyOfRange(header, d, header.length);
		double[] scores = critic.scoreAtPoints(ys);
		boolean[] symbolic = new boolean[count];
		for (int c = 0; c < count; c++) symbolic[c] = scores[c] > critic.threshold();
		return new Result(names, scores, symbolic, critic.threshold(), false);
	}

	/** Scores curves sampled at xs (strictly increasing). */
	public static Result score(CriticFile.Loaded critic, double[] xs, double[][] ys, String[] names, String source) {
		boolean same = critic.onGrid(xs);
		if (!same && !critic.covers(xs))
			throw new BadInputException("The curves in " + source + " cover x = " + xs[0] + ".." + xs[xs.length - 1] + " but the critic reads x = "
					+ critic.xMin() + ".." + critic.xMax() + "; curves are not extrapolated.");
		double[] scores = critic.scores(xs, ys, null);
		boolean[] symbolic = new boolean[ys.length];
		for (int c = 0; c < ys.length; c++) symbolic[c] = scores[c] > critic.threshold();
		return new Result(names, scores, symbolic, critic.threshold(), !same);
	}
}
