package org.latentj.syllables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.latentj.hmm.SyllableRuns;

/**
 * Which occurrences of a syllable a crowd movie (or an onset-locked average) shows, with the
 * moseq2-viz rules:
 * <ul>
 * <li>an uncensored run (see {@link SyllableRuns}) with {@code minDuration < length < maxDuration};
 * <li>its padded window, frames {@code [onset - pad, onset + maxDuration + pad)}, the frames a crowd
 * movie shows, lies inside the recording and contains no dropped frame;
 * <li>at most {@code maxExamples} of them, a random subset drawn with {@code seed}.
 * </ul>
 */
public final class InstanceSelection {

	private final int minDuration;
	private final int maxDuration;
	private final int pad;

	/** @param minDuration exclusive lower bound on the run length; @param maxDuration exclusive upper bound */
	public InstanceSelection(int minDuration, int maxDuration, int pad) {
		if (minDuration < 0) throw new IllegalArgumentException("minDuration < 0");
		if (maxDuration <= minDuration + 1)
			throw new IllegalArgumentException("no run length lies strictly between " + minDuration + " and " + maxDuration);
		if (pad < 0) throw new IllegalArgumentException("pad < 0");
		this.minDuration = minDuration;
		this.maxDuration = maxDuration;
		this.pad = pad;
	}

	public int minDuration() {
		return minDuration;
	}

	public int maxDuration() {
		return maxDuration;
	}

	public int pad() {
		return pad;
	}

	/** Frames a movie of these instances has: {@code pad + maxDuration + pad}. */
	public int windowLength() {
		return maxDuration + 2 * pad;
	}

	/**
	 * Every qualifying occurrence of {@code syllable}, ordered by session then onset.
	 * @param runs the runs of each session
	 * @param dropped per session, true at frames that were dropped (or lack centroid/angle); may be null
	 *        for a session without dropped frames
	 */
	public List<SyllableInstance> qualifying(int syllable, List<SyllableRuns> runs, List<boolean[]> dropped) {
		List<SyllableInstance> out = new ArrayList<>();
		for (int s = 0; s < runs.size(); s++) {
			SyllableRuns r = runs.get(s);
			int[] droppedBefore = prefixCounts(dropped == null ? null : dropped.get(s), r.frames());
			for (int i = 0; i < r.count(); i++) {
				if (r.label(i) != syllable || r.censored(i)) continue;
				int len = r.length(i);
				if (len <= minDuration || len >= maxDuration) continue;
				int from = r.onset(i) - pad, to = r.onset(i) + maxDuration + pad;
				if (from < 0 || to > r.frames()) continue;
				if (droppedBefore != null && droppedBefore[to] - droppedBefore[from] > 0) continue;
				out.add(new SyllableInstance(s, r.onset(i), len));
			}
		}
		return out;
	}

	/** Number of dropped frames before each frame index (length T + 1), or null when none. */
	private static int[] prefixCounts(boolean[] dropped, int frames) {
		if (dropped == null) return null;
		if (dropped.length != frames)
			throw new IllegalArgumentException("dropped mask has " + dropped.length + " frames, labels " + frames);
		int[] c = new int[frames + 1];
		for (int t = 0; t < frames; t++) c[t + 1] = c[t] + (dropped[t] ? 1 : 0);
		return c[frames] == 0 ? null : c;
	}

	/**
	 * A random subset of at most {@code max} instances, reproducible from {@code seed} (a partial
	 * Fisher-Yates shuffle driven by {@link SplittableRandom}, whose sequence is fixed by its
	 * specification), returned ordered by session then onset so frames are read in file order.
	 */
	public static List<SyllableInstance> sample(List<SyllableInstance> all, int max, long seed) {
		if (max < 0) throw new IllegalArgumentException("max < 0");
		List<SyllableInstance> pool = new ArrayList<>(all);
		int n = Math.min(max, pool.size());
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < n; i++) {
			int j = i + random.nextInt(pool.size() - i);
			SyllableInstance tmp = pool.get(i);
			pool.set(i, pool.get(j));
			pool.set(j, tmp);
		}
		List<SyllableInstance> chosen = new ArrayList<>(pool.subList(0, n));
		chosen.sort(Comparator.comparingInt(SyllableInstance::session).thenComparingInt(SyllableInstance::onset));
		return chosen;
	}
}
