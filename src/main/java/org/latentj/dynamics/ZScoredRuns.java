package org.latentj.dynamics;

import java.util.ArrayList;
import java.util.List;

import org.latentj.util.BadInputException;

/**
 * The runs z-scored one by one, column by column (population SD, as scipy's zscore in the seed), with
 * the columns constant in some run dropped from every run (their z-score would be 0/0) and reported.
 */
public final class ZScoredRuns {

	public final List<TrainingRun> runs;
	/** The metrics kept, in order. */
	public final List<String> metrics;
	/** Per run, T x D z-scored values (kept metrics). */
	public final List<double[]> data;
	/** Per run, mean and population SD of each kept metric. */
	public final List<double[]> means, sds;
	/** One line per dropped column (fit), or per run left out (for a model, skip_bad_runs). */
	public final List<String> dropped;

	private ZScoredRuns(List<TrainingRun> runs, List<String> metrics, List<double[]> data, List<double[]> means,
			List<double[]> sds, List<String> dropped) {
		this.runs = runs;
		this.metrics = metrics;
		this.data = data;
		this.means = means;
		this.sds = sds;
		this.dropped = dropped;
	}

	public static ZScoredRuns of(List<TrainingRun> runs) {
		List<String> all = runs.get(0).metrics;
		int d = all.size();
		boolean[] keep = new boolean[d];
		java.util.Arrays.fill(keep, true);
		List<String> dropped = new ArrayList<>(), where = new ArrayList<>();
		List<double[]> mean = new ArrayList<>(), sd = new ArrayList<>();
		for (TrainingRun r : runs) {
			double[] m = new double[d], s = new double[d];
			for (int j = 0; j < d; j++) {
				double[] c = r.column(j);
				m[j] = mean(c);
				s[j] = populationSd(c, m[j]);
				if (!(s[j] > 0) && keep[j]) {
					keep[j] = false;
					dropped.add("Column '" + all.get(j) + "' is constant in run " + r.name + " (" + r.source
							+ "); dropped from every run.");
					where.add("'" + all.get(j) + "' in run " + r.name);
				}
			}
			mean.add(m);
			sd.add(s);
		}
		List<String> kept = new ArrayList<>();
		for (int j = 0; j < d; j++)
			if (keep[j]) kept.add(all.get(j));
		if (kept.isEmpty())
			throw new BadInputException("Every metric column is constant in some run ("
					+ String.join(", ", where.subList(0, Math.min(3, where.size()))) + (where.size() > 3 ? ", ..." : "")
					+ "); nothing to model.");
		int dk = kept.size();
		List<double[]> data = new ArrayList<>(), means = new ArrayList<>(), sds = new ArrayList<>();
		for (int i = 0; i < runs.size(); i++) {
			TrainingRun r = runs.get(i);
			double[] x = new double[r.frames() * dk], m = new double[dk], s = new double[dk];
			int o = 0;
			for (int j = 0; j < d; j++) {
				if (!keep[j]) continue;
				m[o] = mean.get(i)[j];
				s[o] = sd.get(i)[j];
				for (int t = 0; t < r.frames(); t++) x[t * dk + o] = (r.values[t * d + j] - m[o]) / s[o];
				o++;
			}
			data.add(x);
			means.add(m);
			sds.add(s);
		}
		return new ZScoredRuns(runs, List.copyOf(kept), data, means, sds, dropped);
	}

	/**
	 * Runs z-scored for a model that was fitted on {@code metrics}: each run's own statistics, the
	 * columns the model has. A run where one of them is constant cannot be scored: refused, or with
	 * {@code skipBad} left out and reported in {@link #dropped} (the caller refuses an empty result, naming
	 * every run left out).
	 */
	public static ZScoredRuns forModel(List<TrainingRun> runs, List<String> metrics, boolean skipBad) {
		List<TrainingRun> kept = new ArrayList<>();
		List<double[]> data = new ArrayList<>(), means = new ArrayList<>(), sds = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		int dk = metrics.size();
		for (TrainingRun r : runs) {
			double[] x = new double[r.frames() * dk], m = new double[dk], s = new double[dk];
			try {
				for (int o = 0; o < dk; o++) {
					int j = r.metrics.indexOf(metrics.get(o));
					if (j < 0)
						throw new BadInputException(TrainingRun.capital(r.source) + " has no column '" + metrics.get(o)
								+ "', which the model uses.");
					double[] c = r.column(j);
					m[o] = mean(c);
					s[o] = populationSd(c, m[o]);
					if (!(s[o] > 0))
						throw new BadInputException("Column '" + metrics.get(o) + "' is constant in run " + r.name + " ("
								+ r.source + "), so it cannot be z-scored for the model.");
					for (int t = 0; t < r.frames(); t++) x[t * dk + o] = (c[t] - m[o]) / s[o];
				}
			} catch (BadInputException e) {
				if (!skipBad) throw e;
				skipped.add(e.getMessage());
				continue;
			}
			kept.add(r);
			data.add(x);
			means.add(m);
			sds.add(s);
		}
		return new ZScoredRuns(kept, List.copyOf(metrics), data, means, sds, skipped);
	}

	public int dim() {
		return metrics.size();
	}

	static double mean(double[] c) {
		double s = 0;
		for (double v : c) s += v;
		return s / c.length;
	}

	/** Two-pass population SD; 0 for a column whose values are all equal. */
	static double populationSd(double[] c, double mean) {
		double s = 0;
		for (double v : c) s += (v - mean) * (v - mean);
		double sd = Math.sqrt(s / c.length);
		// a column equal up to rounding is constant: its z-scores would be rounding noise
		return sd <= 1e-12 * Math.max(1, Math.abs(mean)) ? 0 : sd;
	}
}
