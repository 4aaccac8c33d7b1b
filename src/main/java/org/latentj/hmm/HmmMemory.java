package org.latentj.hmm;

import java.util.List;

import org.latentj.util.Memory;
import org.latentj.util.Parallel;

/**
 * The memory a fit or a decoding needs, from the sizes involved, for {@link Memory#require} before
 * the work. As many sessions are worked on at once as there are worker threads.
 * <ul>
 * <li>A fit's E-step keeps, per session at once, T x K arrays: the frame log-likelihoods, scaled
 * likelihoods, forward and backward messages (4 doubles per frame and state) and 4 bytes more for
 * the statistics around them: {@value #FIT_PER_FRAME_STATE} bytes per frame and state.</li>
 * <li>A decoding streams ({@link StreamingDecoder}): per session at once, 8 K (3 L + ceil(T / L))
 * bytes for blocks of L frames (L = 2048 up to about 12 million frames), plus for Viterbi one byte
 * per frame and state of back-pointers (two above 256 states, four above 65,536) and a 4-byte path
 * entry per frame; and for every session, its labels and probabilities until they are written
 * ({@value #OUTPUT_PER_FRAME} bytes per frame). For 36,000 frames and 200 states: 259 MB for the fit,
 * 10.3 MB for a posterior decoding, 17.6 MB for Viterbi.</li>
 * </ul>
 */
public final class HmmMemory {

	/** Bytes per frame and state of one session in a fit's E-step (see the class comment). */
	static final long FIT_PER_FRAME_STATE = 4 * 8 + 4;
	/** Bytes per frame of every decoded session: its label (int) and probability (double). */
	static final long OUTPUT_PER_FRAME = 4 + 8;

	private HmmMemory() {
	}

	/** Bytes for a fit's E-step over {@code sessions} with {@code states} states. */
	public static long fit(List<SessionData> sessions, int states) {
		return Memory.product(longest(sessions), states, FIT_PER_FRAME_STATE, atOnce(sessions));
	}

	/** Bytes to decode {@code sessions} with {@code states} states (streaming: far below {@link #fit}). */
	public static long decoding(List<SessionData> sessions, int states, Decoding.Mode mode) {
		long frames = 0;
		for (SessionData s : sessions) frames += s.frames;
		long run = decodingRun(longest(sessions), states, mode), outputs = Memory.product(frames, OUTPUT_PER_FRAME);
		long working = Memory.product(run, atOnce(sessions));
		return working < 0 || outputs < 0 ? -1 : working + outputs;
	}

	/** Bytes {@link StreamingDecoder#decode} holds for one run of {@code frames} frames (-1 on overflow). */
	static long decodingRun(long frames, int states, Decoding.Mode mode) {
		if (frames < 1) return 0;
		long block = Math.min(StreamingDecoder.blockFrames(frames), frames), blocks = (frames + block - 1) / block;
		long messages = Memory.product(8, states, 3 * block + blocks + 4);
		if (mode != Decoding.Mode.VITERBI) return messages;
		long width = states <= 256 ? 1 : states <= 65536 ? 2 : 4;
		long pointers = Memory.product(frames, states, width), path = Memory.product(frames, 4);
		return messages < 0 || pointers < 0 ? -1 : messages + pointers + path;
	}

	/** {@link Memory#require} for a fit (its E-step, and the decoding that follows it). */
	public static void requireFit(List<SessionData> sessions, int states) {
		long fit = fit(sessions, states), decode = decoding(sessions, states, Decoding.Mode.POSTERIOR);
		Memory.require(fit < 0 || decode < 0 ? -1 : Math.max(fit, decode), describe("A fit", sessions, states));
	}

	/** {@link Memory#require} for a decoding, with the sizes in the message. */
	public static void requireDecoding(List<SessionData> sessions, int states, Decoding.Mode mode) {
		Memory.require(decoding(sessions, states, mode), describe("Decoding", sessions, states));
	}

	private static String describe(String what, List<SessionData> sessions, int states) {
		long frames = 0;
		for (SessionData s : sessions) frames += s.frames;
		return what + " of " + sessions.size() + " session" + (sessions.size() == 1 ? "" : "s") + " (" + frames + " frames) with "
				+ states + " states";
	}

	private static long longest(List<SessionData> sessions) {
		long longest = 0;
		for (SessionData s : sessions) longest = Math.max(longest, s.frames);
		return longest;
	}

	private static int atOnce(List<SessionData> sessions) {
		return Math.max(1, Math.min(Parallel.threads(), sessions.size()));
	}
}
