package org.latentj.hmm.ui;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.hmm.ApplyModel;
import org.latentj.hmm.Decoding;
import org.latentj.hmm.FitHmm;
import org.latentj.hmm.FitResult;
import org.latentj.hmm.FitSettings;
import org.latentj.hmm.StateRuns;
import org.latentj.hmm.SyllableRuns;
import org.latentj.syllables.SyllableStatistics;
import org.latentj.ui.Png;
import org.latentj.ui.ResultsTables;
import org.latentj.ui.TableCsv;
import org.latentj.util.Median;

import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * What Fit HMM and Apply Model show: the log-likelihood history as an ImageJ Plot and summary
 * tables as ResultsTables. Builds them; never shows them.
 */
public final class HmmFitViews {

	private HmmFitViews() {
	}

	/** What a fit shows and adds to its folder: the log-likelihood plot and the two summary tables. */
	public static final class Fit implements FitHmm.Extra {
		public final Plot plot;
		public final ResultsTable states, sessions;

		public Fit(FitHmm.Result r) {
			FitResult f = r.fit();
			double[] train = f.trainHistory.stream().mapToDouble(Double::doubleValue).toArray();
			double[] test = f.testHistory.stream().mapToDouble(Double::doubleValue).toArray();
			plot = loglikPlot("HMM log-likelihood", train, test,
					f.settings.method() == FitSettings.Method.STOCHASTIC ? "epoch" : "iteration");
			List<SyllableStatistics> labels = new ArrayList<>();
			for (Decoding d : f.decodings) labels.add(SyllableStatistics.of(d.labels, f.hmm.states()));
			states = statesTable(f.usage, f.emptyStates, SyllableStatistics.pooled(labels));
			sessions = sessionsTable(f.decodings, labels.stream().mapToInt(HmmFitViews::statesUsed).toArray(), null);
		}

		/** states.csv, sessions.csv and loglik.png into {@code dir} (the staging folder). */
		@Override
		public void write(Path dir) throws IOException {
			HmmFitViews.write(dir, plot, states, sessions);
		}
	}

	/** states.csv, sessions.csv and loglik.png into {@code dir}: what Fit HMM and Fit SLDS both write. */
	public static void write(Path dir, Plot loglik, ResultsTable states, ResultsTable sessions) throws IOException {
		TableCsv.write(states, dir.resolve("states.csv"));
		TableCsv.write(sessions, dir.resolve("sessions.csv"));
		Png.save(loglik.getImagePlus(), dir.resolve("loglik.png"));
	}

	/** Apply Model's table: one row per session, with whether the model was trained on it. */
	public static ResultsTable sessionsTable(ApplyModel.Result r) {
		return sessionsTable(r.decodings(), r.decodings().stream().mapToInt(d -> statesUsed(d.labels)).toArray(),
				r.inTraining());
	}

	private static ResultsTable sessionsTable(List<Decoding> decodings, int[] used, boolean[] inTraining) {
		int n = decodings.size();
		List<String> names = new ArrayList<>();
		int[] frames = new int[n], scored = new int[n];
		double[] ll = new double[n];
		for (int i = 0; i < n; i++) {
			Decoding d = decodings.get(i);
			names.add(d.session);
			frames[i] = d.labels.length;
			scored[i] = d.scoredFrames;
			ll[i] = d.logLik;
		}
		ResultsTable rt = sessionsTable(names, frames, scored, ll, used);
		if (inTraining != null)
			for (int i = 0; i < n; i++) rt.setValue("in_training", i, inTraining[i] ? 1 : 0);
		return rt;
	}

	/** Number of states that label at least one frame. */
	static int statesUsed(int[] labels) {
		SyllableRuns runs = SyllableRuns.of(labels);
		return runs.maxLabel() < 0 ? 0 : statesUsed(SyllableStatistics.of(runs, runs.maxLabel() + 1));
	}

	/** Number of states with at least one run. */
	public static int statesUsed(SyllableStatistics s) {
		int n = 0;
		for (int k = 0; k < s.k(); k++)
			if (s.onsets(k) > 0) n++;
		return n;
	}

	/** Training (blue) and test (red) log-likelihood per frame against the iteration. */
	public static Plot loglikPlot(String title, double[] train, double[] test, String xLabel) {
		Plot plot = new Plot(title, xLabel, "log-likelihood per frame");
		double[] x = new double[train.length];
		for (int i = 0; i < x.length; i++) x[i] = i + 1;
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (double[] a : new double[][] { train, test })
			for (double v : a)
				if (Double.isFinite(v)) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
		if (!(hi > lo)) {
			lo -= 1;
			hi += 1;
		}
		// the first iterations can sit far below the rest: show them, but keep the end readable
		double pad = 0.05 * (hi - lo);
		plot.setLimits(0.5, Math.max(1.5, train.length + 0.5), lo - pad, hi + pad);
		plot.setColor(new Color(0x1f, 0x77, 0xb4));
		plot.setLineWidth(2);
		plot.add("line", x, train);
		boolean anyTest = false;
		for (double v : test) anyTest |= Double.isFinite(v);
		if (anyTest) {
			plot.setColor(new Color(0xd6, 0x27, 0x28));
			plot.add("line", x, test);
			plot.setColor(Color.BLACK);
			plot.addLegend("train\ttest");
		} else {
			plot.setColor(Color.BLACK);
			plot.addLegend("train");
		}
		return plot;
	}

	/**
	 * One row per state: expected training frames, their share, and from the labels of all sessions
	 * (pooled) the frames labeled with it, its mean and median run length, and a warning where it labels under
	 * 1% of the frames or its median run lasts 1-2 frames ({@link StateRuns#warning(double, double)}; empty otherwise).
	 */
	public static ResultsTable statesTable(double[] usage, boolean[] empty, SyllableStatistics labels) {
		int k = usage.length;
		double total = 0;
		for (double u : usage) total += u;
		ResultsTable rt = new ResultsTable();
		for (int s = 0; s < k; s++) {
			rt.incrementCounter();
			rt.addValue("state", s);
			rt.addValue("usage_frames", usage[s]);
			rt.addValue("usage_fraction", total > 0 ? usage[s] / total : 0);
			rt.addValue("labelled_frames", labels.frames(s));
			rt.addValue("mean_run_frames", labels.meanDuration(s));
			rt.addValue("lost_all_frames", empty[s] ? 1 : 0);
			double median = Median.of(labels.durations(s));
			rt.addValue("median_run_frames", median);
			rt.addValue("warning", StateRuns.warning(labels.frameUsage(s), median));
		}
		return ResultsTables.format(rt);
	}

	/** One row per session: frames, scored frames, log-likelihood (total and per scored frame). */
	public static ResultsTable sessionsTable(List<String> names, int[] frames, int[] scored, double[] logLik,
			int[] statesUsed) {
		ResultsTable rt = new ResultsTable();
		for (int i = 0; i < names.size(); i++) {
			rt.incrementCounter();
			rt.addValue("session", names.get(i));
			rt.addValue("frames", frames[i]);
			rt.addValue("scored_frames", scored[i]);
			rt.addValue("loglik", logLik[i]);
			rt.addValue("loglik_per_frame", logLik[i] / scored[i]);
			rt.addValue("states_used", statesUsed[i]);
		}
		return ResultsTables.format(rt);
	}
}
