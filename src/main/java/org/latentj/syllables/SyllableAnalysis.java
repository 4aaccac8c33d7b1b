package org.latentj.syllables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latentj.hmm.SyllableRuns;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.Pcs;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * The work of Syllable Statistics, headless: {@link #run} reads as its steps — read each session's
 * PCs and dropped frames, resolve the labels, compute each session's statistics and the pooled
 * ones, scale the PCs, choose each session's "data and states" window, average the PCs around each
 * syllable's onsets. The tables, plots and files are made from the {@link Result} in
 * {@code syllables.ui} ({@code SyllableStatisticsReport}).
 */
public final class SyllableAnalysis {

	private SyllableAnalysis() {
	}

	/** What to compute; the window is in seconds, the durations and pad in frames. */
	public record Settings(List<Path> sessions, String labels, TransitionNormalization normalization, int pcs,
			double windowStart, double windowLength, int minDuration, int maxDuration, int pad) {
		public Settings {
			if (normalization == null) throw new BadInputException("normalization must be bigram, row, column or counts.");
			if (pcs < 1) throw new BadInputException("pcs must be at least 1 (got " + pcs + ").");
			if (!(windowStart >= 0) || !(windowLength > 0))
				throw new BadInputException("window_start must be 0 or more and window_length more than 0 seconds (got "
						+ windowStart + " and " + windowLength + ").");
			if (minDuration < 0 || maxDuration <= minDuration + 1 || pad < 0)
				throw new BadInputException("min_duration (" + minDuration + ") must be 0 or more, max_duration (" + maxDuration
						+ ") above min_duration + 1 and pad (" + pad + ") 0 or more.");
			sessions = List.copyOf(sessions);
		}
	}

	/** One session's "data and states" frames {@code [from, to)}. */
	public record Window(int from, int to) {
	}

	/** The PCs averaged around the onsets of one syllable's qualifying instances. */
	public record Average(int syllable, int instances, OnsetLockedAverage average, double meanDuration) {
	}

	/**
	 * What was computed: per session (in order) its name, frame interval, labels, runs, statistics,
	 * scaled PCs ({@code frames x pcs}, row-major) and window; the pooled statistics and frame
	 * interval; the averages of the syllables that have qualifying instances; notes for the status line.
	 */
	public record Result(Settings settings, int syllables, List<String> names, List<Double> frameIntervals,
			List<int[]> labels, List<SyllableRuns> runs, List<SyllableStatistics> statistics, SyllableStatistics pooled,
			double pooledInterval, List<double[]> scaledPcs, List<Window> windows, List<Average> averages, List<String> notes) {

		/** The syllables without an average (no qualifying instance). */
		public List<Integer> withoutAverage() {
			List<Integer> none = new ArrayList<>();
			for (int s = 0; s < syllables; s++) {
				int id = s;
				if (averages.stream().noneMatch(a -> a.syllable() == id)) none.add(s);
			}
			return none;
		}
	}

	/** The PCs shown (row-major, {@code frames x pcs}) and the frames dropped during acquisition. */
	public record SessionPcs(double[] values, boolean[] dropped) {
	}

	public static Result run(Settings s, Progress progress) {
		List<String> names = new ArrayList<>();
		List<Double> dts = new ArrayList<>();
		List<double[]> pcData = new ArrayList<>();
		List<boolean[]> dropped = new ArrayList<>();
		SyllableLabels.Resolved resolved;
		List<MoSeqNwb> open = new ArrayList<>();
		try {
			for (int i = 0; i < s.sessions().size(); i++) {
				progress.update(0.6 * i / s.sessions().size(), "reading " + s.sessions().get(i).getFileName());
				MoSeqNwb nwb = MoSeqNwb.open(s.sessions().get(i));
				open.add(nwb);
				names.add(nwb.sessionName());
				dts.add(nwb.frameInterval());
				if (s.pcs() > nwb.storedPcs())
					throw new BadInputException("pcs is " + s.pcs() + " but the NWB file " + nwb.file() + " holds " + nwb.storedPcs() + " PCs.");
				SessionPcs p = readPcs(nwb, s.pcs());
				pcData.add(p.values());
				dropped.add(p.dropped());
			}
			resolved = SyllableLabels.resolve(s.labels(), open);
		} finally {
			for (MoSeqNwb nwb : open) nwb.close();
		}
		progress.checkCancelled();
		int k = resolved.syllables();
		List<SyllableRuns> runs = new ArrayList<>();
		List<SyllableStatistics> statistics = new ArrayList<>();
		for (int[] l : resolved.labels()) {
			SyllableRuns r = SyllableRuns.of(l);
			runs.add(r);
			statistics.add(SyllableStatistics.of(r, k));
		}
		SyllableStatistics pooled = SyllableStatistics.pooled(statistics);
		double dt = pooledInterval(dts); // pooled plots and averages, as the pooled usage rows

		ColumnScaling scaling = ColumnScaling.of(pcData, s.pcs());
		List<double[]> z = new ArrayList<>();
		for (double[] p : pcData) z.add(scaling.apply(p));
		List<String> notes = new ArrayList<>();
		List<Window> windows = new ArrayList<>();
		for (int i = 0; i < names.size(); i++)
			windows.add(window(s, names.get(i), resolved.labels().get(i).length, dts.get(i), notes));

		progress.update(0.7, "average PCs");
		InstanceSelection selection = new InstanceSelection(s.minDuration(), s.maxDuration(), s.pad());
		List<Average> averages = new ArrayList<>();
		for (int syllable = 0; syllable < k; syllable++) {
			progress.checkCancelled();
			List<SyllableInstance> in = selection.qualifying(syllable, runs, dropped);
			if (in.isEmpty()) continue;
			averages.add(new Average(syllable, in.size(), OnsetLockedAverage.of(in, z, s.pcs(), s.pad()), meanDuration(in)));
		}
		progress.update(1, null);
		return new Result(s, k, List.copyOf(names), List.copyOf(dts), resolved.labels(), List.copyOf(runs),
				List.copyOf(statistics), pooled, dt, List.copyOf(z), List.copyOf(windows), List.copyOf(averages), List.copyOf(notes));
	}

	/** The window asked for, clipped to the session (a short session does not stop the others). */
	private static Window window(Settings s, String name, int frames, double dt, List<String> notes) {
		long asked = Math.round(s.windowStart() / dt), length = Math.max(1, Math.round(s.windowLength() / dt));
		int from = (int) Math.min(asked, frames), to = (int) Math.min(frames, asked + length);
		if (from >= frames) {
			from = (int) Math.max(0, frames - length);
			to = frames;
		}
		if (from != asked || to != asked + length)
			notes.add(String.format(Locale.ROOT, "%s lasts %.2f s; its data and states show %.2f to %.2f s"
					+ " (window_start %.2f s, window_length %.2f s).", name, frames * dt, from * dt, to * dt, s.windowStart(),
					s.windowLength()));
		return new Window(from, to);
	}

	/** The frame interval of pooled rows and plots: the mean of the sessions' (1 s without sessions). */
	public static double pooledInterval(List<Double> values) {
		double s = 0;
		for (double v : values) s += v;
		return values.isEmpty() ? 1 : s / values.size();
	}

	/**
	 * The first {@code n} PCs, raw (NaN rows at dropped frames) where the file has them, and the
	 * dropped frames; the PCs are read and inflated once (the dropped frames are the NaN rows of every
	 * stored raw PC, or the dropped label without raw PCs).
	 */
	static SessionPcs readPcs(MoSeqNwb nwb, int n) {
		if (!nwb.hasPcs(true)) return new SessionPcs(nwb.pcs(n, false).values(), NwbFrameSource.droppedFrames(nwb));
		Pcs all = nwb.pcs(nwb.storedPcs(), true);
		boolean[] dropped = NwbFrameSource.droppedFrames(nwb.frameCount(), all);
		int stored = all.columns(), frames = all.frames();
		if (stored == n) return new SessionPcs(all.values(), dropped);
		double[] values = new double[frames * n];
		for (int t = 0; t < frames; t++) System.arraycopy(all.values(), t * stored, values, t * n, n);
		return new SessionPcs(values, dropped);
	}

	private static double meanDuration(List<SyllableInstance> in) {
		double s = 0;
		for (SyllableInstance i : in) s += i.duration();
		return s / in.size();
	}
}
