package org.latentj.hmm;

import java.util.Arrays;

/**
 * The runs of one label sequence: maximal stretches of consecutive frames with the same syllable.
 * Frames labeled below zero are unscored (the first AR lags, frames a model did not label): they
 * belong to no run and separate the runs around them, so no transition is counted across them.
 * <p>
 * A run that touches the start or end of the recording, or an unscored frame, is <em>censored</em>:
 * its true onset or offset lies outside what was scored. Statistics count it as it is (as moseq2-viz
 * does); crowd movies and onset-locked averages use only uncensored runs, whose onset is real.
 */
public final class SyllableRuns {

	private final int frames;
	private final int[] onset;
	private final int[] length;
	private final int[] label;
	private final boolean[] censored;

	private SyllableRuns(int frames, int[] onset, int[] length, int[] label, boolean[] censored) {
		this.frames = frames;
		this.onset = onset;
		this.length = length;
		this.label = label;
		this.censored = censored;
	}

	/** Run-length encodes {@code labels} (one per frame; negative = unscored). One pass, O(T). */
	public static SyllableRuns of(int[] labels) {
		int t = labels.length;
		int n = 0;
		for (int i = 0; i < t; i++)
			if (labels[i] >= 0 && (i == 0 || labels[i - 1] != labels[i])) n++;
		int[] onset = new int[n], length = new int[n], label = new int[n];
		boolean[] censored = new boolean[n];
		int r = -1;
		for (int i = 0; i < t; i++) {
			int l = labels[i];
			if (l < 0) continue;
			if (i == 0 || labels[i - 1] != l) {
				r++;
				onset[r] = i;
				label[r] = l;
				censored[r] = i == 0 || labels[i - 1] < 0;
			}
			length[r]++;
		}
		for (int k = 0; k < n; k++) {
			int end = onset[k] + length[k];
			if (end == t || labels[end] < 0) censored[k] = true;
		}
		return new SyllableRuns(t, onset, length, label, censored);
	}

	/** Number of frames of the sequence (scored or not). */
	public int frames() {
		return frames;
	}

	public int count() {
		return onset.length;
	}

	/** First frame of run {@code i}. */
	public int onset(int i) {
		return onset[i];
	}

	/** Length of run {@code i} in frames. */
	public int length(int i) {
		return length[i];
	}

	/** One past the last frame of run {@code i}. */
	public int end(int i) {
		return onset[i] + length[i];
	}

	public int label(int i) {
		return label[i];
	}

	/** True when run {@code i} touches the recording start/end or an unscored frame. */
	public boolean censored(int i) {
		return censored[i];
	}

	/** True when run {@code i + 1} starts right where run {@code i} ends (a transition, not a gap). */
	public boolean adjacent(int i) {
		return i + 1 < onset.length && end(i) == onset[i + 1];
	}

	/** Largest syllable id present, or -1 when nothing is scored. */
	public int maxLabel() {
		return Arrays.stream(label).max().orElse(-1);
	}
}
