package org.latentj.slds.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.hmm.SessionData;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.Pcs;
import org.latentj.ui.Present;
import org.latentj.util.Progress;

/** Reads sessions for Fit SLDS as Fit HMM does; where only raw PCs exist, their NaN rows are missing observations. */
final class SldsSessions {

	private SldsSessions() {
	}

	static List<SessionData> read(List<Path> files, int pcs, Progress progress) {
		List<SessionData> out = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			progress.checkCancelled();
			progress.update((double) i / files.size(), "reading " + files.get(i).getFileName());
			try (MoSeqNwb nwb = MoSeqNwb.open(files.get(i))) {
				int n = Math.min(pcs, nwb.storedPcs());
				if (nwb.hasPcs(false))
					out.add(new SessionData(nwb.sessionName(), nwb.pcs(n).values(), n, nwb.timestamps()));
				else {
					Pcs raw = nwb.pcs(n, true);
					out.add(SessionData.withDroppedFrames(nwb.sessionName(), raw.values(), n, nwb.timestamps()));
					if (raw.droppedFrames().length > 0)
						Present.status(nwb.sessionName() + ": no cleaned PCs; the SLDS smooths through its "
								+ raw.droppedFrames().length + " dropped frames (missing observations).");
				}
			}
		}
		progress.update(1, null);
		return out;
	}
}
