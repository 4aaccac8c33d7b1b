package org.latentj.slds.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.hmm.FitHmm;
import org.latentj.hmm.SessionData;
import org.latentj.ui.Present;
import org.latentj.util.Progress;

/**
 * Reads sessions for Fit SLDS exactly as Fit HMM does ({@link FitHmm#readSessions}); where only raw PCs exist,
 * their NaN rows are missing observations, which the SLDS smooths through rather than leaving unscored.
 */
final class SldsSessions {

	private SldsSessions() {
	}

	static List<SessionData> read(List<Path> files, int pcs, Progress progress) {
		List<String> notes = new ArrayList<>();
		List<SessionData> out = FitHmm.readSessions(files, pcs, notes, progress);
		for (String note : notes)
			Present.status(note.replace("are not scored (label -1)", "are missing observations the SLDS smooths through"));
		return out;
	}
}
