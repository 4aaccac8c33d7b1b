package org.latentj.syllables;

import java.util.Arrays;
import java.util.List;

import org.latentj.hmm.SyllableRuns;

/**
 * Usage, durations and transitions of syllables in one label sequence (or several pooled).
 * <ul>
 * <li>usage in onsets: the number of runs of each syllable (moseq2-viz "usage");
 * <li>usage in frames: the number of frames labeled with it (the STATS320 ARHMM lab's bincount);
 * <li>durations: the length of every run, in frames;
 * <li>transitions: counts of (from, to) for consecutive runs of the run-length-compressed sequence;
 * pairs separated by unscored frames are not counted, so there are no self-transitions.
 * </ul>
 * Censored runs (touching the recording ends or unscored frames) count like the others.
 */
public final class SyllableStatistics {

	private final int k;
	private final long[] onsets;
	private final long[] frames;
	private final long[] transitions;
	private final int[][] durations;

	private SyllableStatistics(int k, long[] onsets, long[] frames, long[] transitions, int[][] durations) {
		this.k = k;
		this.onsets = onsets;
		this.frames = frames;
		this.transitions = transitions;
		this.durations = durations;
	}

	/**
	 * Statistics of one sequence with syllables {@code 0..k-1}.
	 * @throws IllegalArgumentException when a label is {@code >= k} (callers check ids first, with a message)
	 */
	public static SyllableStatistics of(int[] labels, int k) {
		return of(SyllableRuns.of(labels), k);
	}

	public static SyllableStatistics of(SyllableRuns runs, int k) {
		if (k < 1) throw new IllegalArgumentException("k must be at least 1");
		long[] onsets = new long[k], frames = new long[k], transitions = new long[k * k];
		int[] n = new int[k];
		for (int i = 0; i < runs.count(); i++) {
			int l = runs.label(i);
			if (l >= k) throw new IllegalArgumentException("label " + l + " at frame " + runs.onset(i) + " is not below k = " + k);
			onsets[l]++;
			frames[l] += runs.length(i);
			if (runs.adjacent(i)) transitions[l * k + runs.label(i + 1)]++;
		}
		int[][] durations = new int[k][];
		for (int s = 0; s < k; s++) durations[s] = new int[(int) onsets[s]];
		for (int i = 0; i < runs.count(); i++) {
			int l = runs.label(i);
			durations[l][n[l]++] = runs.length(i);
		}
		return new SyllableStatistics(k, onsets, frames, transitions, durations);
	}

	/** Sums of counts and the union of durations of several sequences with the same {@code k}. */
	public static SyllableStatistics pooled(List<SyllableStatistics> parts) {
		if (parts.isEmpty()) throw new IllegalArgumentException("nothing to pool");
		int k = parts.get(0).k;
		long[] onsets = new long[k], frames = new long[k], transitions = new long[k * k];
		int[][] durations = new int[k][];
		for (int s = 0; s < k; s++) {
			int total = 0;
			for (SyllableStatistics p : parts) total += p.durations[s].length;
			durations[s] = new int[total];
		}
		int[] fill = new int[k];
		for (SyllableStatistics p : parts) {
			if (p.k != k) throw new IllegalArgumentException("cannot pool statistics with different k");
			for (int s = 0; s < k; s++) {
				onsets[s] += p.onsets[s];
				frames[s] += p.frames[s];
				System.arraycopy(p.durations[s], 0, durations[s], fill[s], p.durations[s].length);
				fill[s] += p.durations[s].length;
			}
			for (int i = 0; i < k * k; i++) transitions[i] += p.transitions[i];
		}
		return new SyllableStatistics(k, onsets, frames, transitions, durations);
	}

	/** Number of syllables (ids {@code 0..k-1}). */
	public int k() {
		return k;
	}

	/** Number of runs (onsets) of syllable {@code s}. */
	public long onsets(int s) {
		return onsets[s];
	}

	/** Number of frames labeled {@code s}. */
	public long frames(int s) {
		return frames[s];
	}

	public long totalOnsets() {
		return Arrays.stream(onsets).sum();
	}

	public long totalFrames() {
		return Arrays.stream(frames).sum();
	}

	/** Onsets of {@code s} over all onsets (0 when nothing is scored). */
	public double onsetUsage(int s) {
		long t = totalOnsets();
		return t == 0 ? 0 : onsets[s] / (double) t;
	}

	/** Frames of {@code s} over all scored frames (0 when nothing is scored). */
	public double frameUsage(int s) {
		long t = totalFrames();
		return t == 0 ? 0 : frames[s] / (double) t;
	}

	/** Lengths in frames of every run of {@code s}, in the order they occur. */
	public int[] durations(int s) {
		return durations[s].clone();
	}

	/** Mean run length of {@code s} in frames, or 0 when it never occurs. */
	public double meanDuration(int s) {
		return onsets[s] == 0 ? 0 : frames[s] / (double) onsets[s];
	}

	/** Transition counts, row-major {@code k x k} (from = row, to = column). */
	public long[] transitionCounts() {
		return transitions.clone();
	}

	public double[] transitions(TransitionNormalization normalization) {
		return normalization.apply(transitions, k);
	}

	/**
	 * Syllable ids sorted by usage in onsets, most used first (ties: more frames first, then the
	 * smaller id). Syllables that never occur come last.
	 */
	public int[] rankOrder() {
		Integer[] order = new Integer[k];
		for (int s = 0; s < k; s++) order[s] = s;
		Arrays.sort(order, (a, b) -> {
			int c = Long.compare(onsets[b], onsets[a]);
			if (c != 0) return c;
			c = Long.compare(frames[b], frames[a]);
			return c != 0 ? c : Integer.compare(a, b);
		});
		int[] out = new int[k];
		for (int s = 0; s < k; s++) out[s] = order[s];
		return out;
	}
}
