package org.latentj.hmm.ui;

import org.latentj.ui.Present;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.hmm.LabelsFile;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.hmm.Decoding;
import org.latentj.hmm.SessionData;
import org.latentj.syllables.SyllableRuns;
import org.latentj.syllables.SyllableStatistics;
import org.latentj.util.Progress;

/**
 * What Fit HMM and Apply Model do with sessions: read their PCs into what the HMM needs (the files come from
 * {@link org.latentj.nwb.SessionFiles}), write labels, count the states in use.
 */
final class HmmSessions {

	private HmmSessions() {
	}

	/** Each session's stored PCs (pcs_clean, or the raw PCs where there is no clean set) and timestamps. */
	static List<SessionData> read(List<Path> files, Progress progress) {
		return read(files, Integer.MAX_VALUE, progress);
	}

	/**
	 * Each session's first {@code pcs} PCs (all it stores when it stores fewer: the fit then says so,
	 * naming the key) and timestamps.
	 */
	static List<SessionData> read(List<Path> files, int pcs, Progress progress) {
		List<SessionData> out = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			progress.checkCancelled();
			progress.update((double) i / files.size(), "reading " + files.get(i).getFileName());
			try (MoSeqNwb nwb = MoSeqNwb.open(files.get(i))) {
				int n = Math.min(pcs, nwb.storedPcs());
				if (nwb.hasPcs(false))
					out.add(new SessionData(nwb.sessionName(), nwb.pcs(n).values(), n, nwb.timestamps()));
				else { // only raw PCs: their NaN rows are dropped frames, left unlabelled (-1)
					org.latentj.nwb.Pcs raw = nwb.pcs(n, true);
					out.add(SessionData.withDroppedFrames(nwb.sessionName(), raw.values(), n, nwb.timestamps()));
					if (raw.droppedFrames().length > 0)
						Present.status(nwb.sessionName() + ": no cleaned PCs; " + raw.droppedFrames().length
								+ " dropped frames (NaN rows of the raw PCs) are not scored (label -1).");
				}
			}
		}
		progress.update(1, null);
		return out;
	}

	/** labels/&lt;session&gt;.csv for one decoded session. */
	static void writeLabels(Path folder, SessionData session, Decoding d, String fitId) throws IOException {
		int n = d.labels.length;
		int[] frames = new int[n];
		double[] times = new double[n];
		for (int t = 0; t < n; t++) {
			frames[t] = t;
			times[t] = session.time(t);
		}
		Files.createDirectories(folder);
		LabelsFile.write(folder.resolve(session.name + ".csv"), new LabelsFile.Labels(frames, times, d.labels, d.probability, fitId));
	}

	/** Number of states that label at least one frame. */
	static int statesUsed(int[] labels) {
		SyllableRuns runs = SyllableRuns.of(labels);
		return runs.maxLabel() < 0 ? 0 : statesUsed(SyllableStatistics.of(runs, runs.maxLabel() + 1));
	}

	/** Number of states with at least one run. */
	static int statesUsed(SyllableStatistics s) {
		int n = 0;
		for (int k = 0; k < s.k(); k++)
			if (s.onsets(k) > 0) n++;
		return n;
	}
}
