package org.latentj.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.latentj.util.Median;

/**
 * Runs of decoded states (syllables) over sessions: how many frames each state labels and how long its
 * runs last, over the runs of {@link SyllableRuns} (a run ends where the label changes, at an unscored frame and
 * at a session's end).
 * What Fit HMM warns about and what Scan Models reports per grid point.
 */
public final class StateRuns {

	/** Below this share of the labeled frames a state counts as unused (a warning in Fit HMM). */
	public static final double RARE_SHARE = 0.01;
	/** A state whose median run is this many frames or fewer flickers rather than lasts (a warning in Fit HMM). */
	public static final int SHORT_RUN = 2;

	private final int k;
	private final long[] frames;
	private final long labeled;
	private final List<List<Integer>> runs = new ArrayList<>();
	private final int[] all;

	/** @param labels each session's labels (0..k-1, or -1 where unscored) */
	public StateRuns(List<int[]> labels, int k) {
		this.k = k;
		frames = new long[k];
		for (int s = 0; s < k; s++) runs.add(new ArrayList<>());
		List<Integer> every = new ArrayList<>();
		long n = 0;
		for (int[] l : labels) {
			SyllableRuns r = SyllableRuns.of(l);
			for (int i = 0; i < r.count(); i++) {
				int s = r.label(i), length = r.length(i);
				frames[s] += length;
				n += length;
				runs.get(s).add(length);
				every.add(length);
			}
		}
		labeled = n;
		all = every.stream().mapToInt(Integer::intValue).toArray();
	}

	public static StateRuns of(List<Decoding> decodings, int k) {
		return new StateRuns(decodings.stream().map(d -> d.labels).toList(), k);
	}

	/** Share of the labeled frames that state s labels. */
	public double share(int s) {
		return labeled == 0 ? 0 : (double) frames[s] / labeled;
	}

	/** States labeling more than {@link #RARE_SHARE} of the frames. */
	public int used() {
		int n = 0;
		for (int s = 0; s < k; s++)
			if (share(s) > RARE_SHARE) n++;
		return n;
	}

	/** Median run of state s in frames (NaN when it has none). */
	public double medianRun(int s) {
		return Median.of(runs.get(s).stream().mapToInt(Integer::intValue).toArray());
	}

	/** Median and mean run over all states, frames (NaN without runs). */
	public double medianRun() {
		return Median.of(all);
	}

	public double meanRun() {
		return all.length == 0 ? Double.NaN : Arrays.stream(all).average().orElseThrow();
	}

	/** Share of the runs that last {@link #SHORT_RUN} frames or fewer. */
	public double shortRunShare() {
		if (all.length == 0) return Double.NaN;
		int n = 0;
		for (int r : all)
			if (r <= SHORT_RUN) n++;
		return (double) n / all.length;
	}

	/** What is wrong with state s, in words, or "" when nothing: rare (under 1% of frames), or runs of 1-2 frames. */
	public String warning(int s) {
		return warning(share(s), medianRun(s));
	}

	/** The warning of a state with this share of the labeled frames and this median run (frames; NaN without runs). */
	public static String warning(double share, double medianRun) {
		List<String> w = new ArrayList<>();
		if (share < RARE_SHARE) w.add(String.format(java.util.Locale.ROOT, "rare: %.2f%% of frames", 100 * share));
		if (medianRun <= SHORT_RUN)
			w.add(String.format("short: median run %s frame%s", fmt(medianRun), medianRun == 1 ? "" : "s"));
		return String.join("; ", w);
	}

	/** The states with a {@link #warning}, ascending. */
	public int[] warned() {
		List<Integer> out = new ArrayList<>();
		for (int s = 0; s < k; s++)
			if (!warning(s).isEmpty()) out.add(s);
		return out.stream().mapToInt(Integer::intValue).toArray();
	}

	private static String fmt(double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}

	/**
	 * Adjusted Rand index (Hubert and Arabie) of two labelings of the same frames, over the frames both
	 * label (>= 0); sessions concatenated.
	 */
	public static double adjustedRandIndex(List<int[]> a, List<int[]> b) {
		int ka = 0, kb = 0;
		for (int[] l : a) for (int v : l) ka = Math.max(ka, v + 1);
		for (int[] l : b) for (int v : l) kb = Math.max(kb, v + 1);
		long[] table = new long[ka * kb];
		long[] rows = new long[ka], cols = new long[kb];
		long n = 0;
		for (int i = 0; i < a.size(); i++) {
			int[] x = a.get(i), y = b.get(i);
			for (int t = 0; t < x.length; t++)
				if (x[t] >= 0 && y[t] >= 0) {
					table[x[t] * kb + y[t]]++;
					rows[x[t]]++;
					cols[y[t]]++;
					n++;
				}
		}
		double index = 0, sa = 0, sb = 0;
		for (long c : table) index += pairs(c);
		for (long c : rows) sa += pairs(c);
		for (long c : cols) sb += pairs(c);
		double expected = sa * sb / pairs(n), max = 0.5 * (sa + sb);
		if (max == expected) return 1; // both labelings put every frame in one cluster (or n < 2)
		return (index - expected) / (max - expected);
	}

	private static double pairs(long c) {
		return c * (c - 1) / 2.0;
	}
}
