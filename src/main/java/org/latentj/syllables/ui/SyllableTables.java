package org.latentj.syllables.ui;

import org.latentj.syllables.SyllableAnalysis;

import org.latentj.ui.ResultsTables;

import java.util.List;

import org.latentj.syllables.OnsetLockedAverage;
import org.latentj.hmm.SyllableRuns;
import org.latentj.syllables.SyllableStatistics;
import org.latentj.syllables.TransitionNormalization;

import ij.measure.ResultsTable;

/**
 * "Syllable Statistics" as ResultsTables, one row per (session, syllable...) with the pooled rows
 * under the session name {@link #POOLED}. Times in seconds use each session's frame interval, pooled
 * rows {@link SyllableAnalysis#pooledInterval the mean interval}.
 */
public final class SyllableTables {

	/** Session name of the rows pooled over every session. */
	public static final String POOLED = "all";

	private SyllableTables() {
	}

	/**
	 * session, syllable, rank (1 = most onsets, per session), onsets, onset_usage, frames, frame_usage,
	 * mean_duration_frames, mean_duration_s.
	 */
	public static ResultsTable usage(List<String> sessions, List<SyllableStatistics> stats, SyllableStatistics pooled,
			List<Double> frameIntervals) {
		ResultsTable rt = new ResultsTable();
		rt.showRowNumbers(false);
		for (int i = 0; i <= sessions.size(); i++) {
			boolean all = i == sessions.size();
			SyllableStatistics s = all ? pooled : stats.get(i);
			double dt = all ? SyllableAnalysis.pooledInterval(frameIntervals) : frameIntervals.get(i);
			int[] rank = new int[s.k()];
			int[] order = s.rankOrder();
			for (int r = 0; r < order.length; r++) rank[order[r]] = r + 1;
			for (int k = 0; k < s.k(); k++) {
				rt.addRow();
				rt.addValue("session", all ? POOLED : sessions.get(i));
				rt.addValue("syllable", k);
				rt.addValue("rank", rank[k]);
				rt.addValue("onsets", s.onsets(k));
				rt.addValue("onset_usage", s.onsetUsage(k));
				rt.addValue("frames", s.frames(k));
				rt.addValue("frame_usage", s.frameUsage(k));
				rt.addValue("mean_duration_frames", s.meanDuration(k));
				rt.addValue("mean_duration_s", s.meanDuration(k) * dt);
			}
		}
		return ResultsTables.format(rt);
	}

	/**
	 * Every run: session, syllable, onset_frame, duration_frames, duration_s, censored (1 when it
	 * touches the recording ends or unscored frames, so its true length is unknown).
	 */
	public static ResultsTable durations(List<String> sessions, List<SyllableRuns> runs, List<Double> frameIntervals) {
		ResultsTable rt = new ResultsTable();
		rt.showRowNumbers(false);
		for (int i = 0; i < sessions.size(); i++) {
			SyllableRuns r = runs.get(i);
			double dt = frameIntervals.get(i);
			for (int j = 0; j < r.count(); j++) {
				rt.addRow();
				rt.addValue("session", sessions.get(i));
				rt.addValue("syllable", r.label(j));
				rt.addValue("onset_frame", r.onset(j));
				rt.addValue("duration_frames", r.length(j));
				rt.addValue("duration_s", r.length(j) * dt);
				rt.addValue("censored", r.censored(j) ? 1 : 0);
			}
		}
		return ResultsTables.format(rt);
	}

	/**
	 * session, from, to, count, bigram, row (P(to | from)), column (P(from | to)): every pair, pooled
	 * rows last. Counts come from the run-length-compressed sequence, so from = to never occurs.
	 */
	public static ResultsTable transitions(List<String> sessions, List<SyllableStatistics> stats, SyllableStatistics pooled) {
		ResultsTable rt = new ResultsTable();
		rt.showRowNumbers(false);
		for (int i = 0; i <= sessions.size(); i++) {
			boolean all = i == sessions.size();
			SyllableStatistics s = all ? pooled : stats.get(i);
			int k = s.k();
			long[] c = s.transitionCounts();
			double[] b = s.transitions(TransitionNormalization.BIGRAM), r = s.transitions(TransitionNormalization.ROW),
					col = s.transitions(TransitionNormalization.COLUMN);
			for (int f = 0; f < k; f++)
				for (int t = 0; t < k; t++) {
					rt.addRow();
					rt.addValue("session", all ? POOLED : sessions.get(i));
					rt.addValue("from", f);
					rt.addValue("to", t);
					rt.addValue("count", c[f * k + t]);
					rt.addValue("bigram", b[f * k + t]);
					rt.addValue("row", r[f * k + t]);
					rt.addValue("column", col[f * k + t]);
				}
		}
		return ResultsTables.format(rt);
	}

	/**
	 * Onset-locked PC averages: syllable, instances, offset_frames, time_s, then per PC the mean and SD
	 * (standardized units) and the number of instances contributing.
	 */
	public static void addAveragePcs(ResultsTable rt, int syllable, int instances, OnsetLockedAverage a, double dt) {
		rt.showRowNumbers(false);
		for (int i = 0; i < a.length(); i++) {
			rt.addRow();
			rt.addValue("syllable", syllable);
			rt.addValue("instances", instances);
			rt.addValue("offset_frames", a.frameOffset(i));
			rt.addValue("time_s", a.frameOffset(i) * dt);
			for (int d = 0; d < a.dims(); d++) {
				rt.addValue("pc" + (d + 1) + "_mean", a.mean(i, d));
				rt.addValue("pc" + (d + 1) + "_sd", a.sd(i, d));
				rt.addValue("pc" + (d + 1) + "_n", a.count(i, d));
			}
		}
		ResultsTables.format(rt);
	}

}
