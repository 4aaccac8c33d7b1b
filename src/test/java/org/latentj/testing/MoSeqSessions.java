package org.latentj.testing;

import java.nio.file.Path;

import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.Pcs;
import org.latentj.hmm.SessionData;

/**
 * The shared MoSeq NWB sessions as the HMM sees them, read through the production reader
 * ({@link MoSeqNwb}), so that the HMM tests exercise the path Fit HMM takes.
 */
public final class MoSeqSessions {
	private MoSeqSessions() {
	}

	public static final String[] NAMES = { "session_a", "session_b", "session_c" };

	public static Path path(String name) {
		return SharedData.require("data/moseq/" + name + ".nwb");
	}

	/** pcs_clean (T x 10) and the timestamps. */
	public static SessionData session(String name) {
		try (MoSeqNwb nwb = MoSeqNwb.open(path(name))) {
			Pcs pcs = nwb.pcs(nwb.storedPcs());
			return new SessionData(nwb.sessionName(), pcs.values(), pcs.columns(), nwb.timestamps());
		}
	}

	/** The raw PCs (NaN rows at dropped frames) as a session whose dropped frames are gaps. */
	public static SessionData rawSession(String name) {
		try (MoSeqNwb nwb = MoSeqNwb.open(path(name))) {
			Pcs pcs = nwb.pcs(nwb.storedPcs(), true);
			return SessionData.withDroppedFrames(nwb.sessionName(), pcs.values(), pcs.columns(), nwb.timestamps());
		}
	}

	/** The ground-truth labels_clean. */
	public static int[] labels(String name) {
		try (MoSeqNwb nwb = MoSeqNwb.open(path(name))) {
			return nwb.labels();
		}
	}
}
