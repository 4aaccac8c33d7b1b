package org.latentj.hmm;

import java.util.List;

import org.latentj.util.Memory;
import org.latentj.util.Parallel;

/**
 * The memory a fit or a decoding needs, from the sizes involved, for {@link Memory#require} before
 * the work: forward-backward keeps, per session decoded at once, the frame likelihoods, forward and
 * backward messages and the posteriors (4 doubles per frame and state) and Viterbi's back-pointers
 * (an int per frame and state); as many sessions are decoded at once as there are worker threads.
 */
public final class HmmMemory {

	/** Bytes per frame and state of one session being decoded (see the class comment). */
	static final long PER_FRAME_STATE = 4 * 8 + 4;

	private HmmMemory() {
	}

	/** Bytes to decode (or run one E-step over) {@code sessions} with {@code states} states. */
	public static long decoding(List<SessionData> sessions, int states) {
		long longest = 0;
		for (SessionData s : sessions) longest = Math.max(longest, s.frames);
		int atOnce = Math.max(1, Math.min(Parallel.threads(), sessions.size()));
		return Memory.product(longest, states, PER_FRAME_STATE, atOnce);
	}

	/** {@link Memory#require} for a decoding, with the sizes in the message. */
	public static void require(List<SessionData> sessions, int states, String what) {
		long frames = 0;
		for (SessionData s : sessions) frames += s.frames;
		Memory.require(decoding(sessions, states), what + " of " + sessions.size() + " session" + (sessions.size() == 1 ? "" : "s")
				+ " (" + frames + " frames) with " + states + " states");
	}
}
