package org.latentj.hmm;

import java.util.List;

import org.latentj.util.BadInputException;

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
 * <li>A fit's k-means start and split moves ({@link #fitTemporaries}) hold, besides the E-step's arrays
 * (which its pool keeps between E-steps), per frame they cluster: its row (a reference into the
 * session's data and an offset, 8 + 4 bytes, 4 + 4 with compressed references: KMeans reads each window
 * x_{t-G}..x_t in place), the k-means distance and label (8 + 4 bytes) and Hamerly's two bounds (8 + 8). The k-means start
 * clusters every training frame, then keeps its labels (4 bytes per frame) while it weighs each
 * stretch's frames, K doubles per frame of the longest training stretch (random starts only the
 * weights). Splits run in parallel, one per thread (SplitMerge.splitAll): a round
 * first splits every state's frames (disjoint, so all training frames at most), then up to 3
 * (SplitMerge.CANDIDATES) pools of a state and its partner, each up to every training frame (pools may
 * share a partner); a split also holds the weights of one run (16 bytes per frame), and the round its
 * labels of every training frame (4 bytes). So the moves need min(threads, 3) x (training frames) x
 * {@value #SPLIT_PER_FRAME} + 4 (training frames) bytes: for one session of 3 million frames (80 %
 * training), K = 5 and 16 threads, 413 MB next to the E-step's 540 MB (before k-means read windows in
 * place, their copies took 8 (lags + 1) D bytes per frame more: 1.94 GB for D = 10 and 2 lags). Not
 * counted: the E-step arrays of the splits' and partial EM's own E-steps, one per thread and as long as
 * the longest run of the states split (a syllable's length: tens to hundreds of frames), and the runs'
 * bookkeeping. The E-step's buffer pool hands a full E-step the smallest free buffer big enough (else
 * grows the largest), so those small buffers never all grow to T x K: the pool keeps as many full-size
 * buffers as sessions are worked on at once (EStepPoolTest; first in, first out it kept one per thread).</li>
 * <li>The E-step's statistics ({@link #statistics}), which grow with the Gram size gram = n (n + 1) / 2 of
 * the window n = (lags + 1) D + 1 and not with the frames: per session at once, the M-step statistics'
 * partial sums of up to {@link LinearGaussianObservations#GROUP_BLOCKS} blocks of 1024 frames (K gram
 * doubles each; before they were summed in groups, all the blocks' at once), and per session its summed
 * statistics, K (gram + K + 1) doubles. For the session above: 0.3 MB at D = 10 (gram 496); at 100 PCs
 * (gram 45,451) and K = 50, 309 MB next to a 5.4 GB E-step (all blocks held at once: 42.6 GB).</li>
 * <li>A model scan ({@link #requireScan}) fits and decodes one point at a time, so its largest K bounds
 * the fit and the decoding; besides, it keeps its k-means clusterings (4 bytes per training frame for
 * each K and restart, with a k-means start), the decoded labels of the point's restarts (4 bytes per frame
 * of every session each) and the final statistics of those restarts and of every point's best run.</li>
 * </ul>
 */
public final class HmmMemory {

	/** Bytes per frame and state of one session in a fit's E-step (see the class comment). */
	static final long FIT_PER_FRAME_STATE = 4 * 8 + 4;
	/** Bytes per frame of every decoded session: its label (int) and probability (double). */
	static final long OUTPUT_PER_FRAME = 4 + 8;
	/** Bytes per frame k-means holds: the row's reference (8) and offset (4), its distance (8), label (4) and bounds (8 + 8). */
	static final long KMEANS_PER_FRAME = 8 + 4 + 8 + 4 + 8 + 8;
	/** Bytes per frame a split holds: its k-means, and a run's weights (2 x 8). */
	static final long SPLIT_PER_FRAME = KMEANS_PER_FRAME + 16;

	private HmmMemory() {
	}

	/** Bytes for a fit's E-step over {@code sessions} with {@code states} states. */
	public static long fit(List<SessionData> sessions, int states) {
		return Memory.product(longest(sessions), states, FIT_PER_FRAME_STATE, atOnce(sessions));
	}

	/**
	 * Bytes for a whole fit with these settings: its E-step with its statistics and, at the same time, its
	 * k-means and split moves.
	 */
	public static long fit(List<SessionData> sessions, FitSettings s) {
		long train = trainFrames(sessions, s.trainFraction()), longest = (long) Math.floor(s.trainFraction() * longest(sessions));
		long eStep = fit(sessions, s.states()), more = fitTemporaries(train, longest, s, Parallel.threads());
		long stats = statistics(longest, sessions.size(), atOnce(sessions), s);
		return Memory.plus(eStep, more, stats);
	}

	/**
	 * The E-step's statistics (see the class comment): per session at once, the partial sums of up to
	 * {@link LinearGaussianObservations#GROUP_BLOCKS} blocks of the longest training stretch
	 * {@code longest}, K gram doubles each; and per session, its summed statistics (K (gram + K + 1)
	 * doubles) until the sessions' are added up. -1 on overflow.
	 */
	static long statistics(long longest, int sessions, int atOnce, FitSettings s) {
		long k = s.states(), n = (s.lags() + 1L) * s.pcs() + 1, gram = n * (n + 1) / 2;
		long blocks = Math.max(1, Math.min(LinearGaussianObservations.GROUP_BLOCKS,
				(longest + LinearGaussianObservations.BLOCK - 1) / LinearGaussianObservations.BLOCK));
		long partials = Memory.product(blocks, k, gram, 8, atOnce), sums = Memory.product(sessions, k, gram + k + 1, 8);
		return Memory.plus(partials, sums);
	}

	/**
	 * Bytes a model scan keeps besides the fit and decoding of one point (see the class comment): its
	 * k-means clusterings ({@code kValues} values of K x restarts, 4 bytes per training frame each, with
	 * a k-means start), the decoded labels of the point's restarts (4 bytes per frame of every session
	 * each), and the final statistics of the point's restarts and of every point's best run. -1 on overflow.
	 */
	static long scanKept(long frames, long train, FitSettings maxK, int kValues, int points) {
		long k = maxK.states(), n = (maxK.lags() + 1L) * maxK.pcs() + 1, gram = n * (n + 1) / 2;
		long cache = maxK.init() == FitSettings.Init.KMEANS ? Memory.product(kValues, maxK.restarts(), train, 4) : 0;
		long labels = Memory.product(maxK.restarts(), frames, 4);
		long runs = Memory.product(points + (long) maxK.restarts(), k, gram + k + 1, 8);
		return Memory.plus(cache, labels, runs);
	}

	/**
	 * The most a fit holds at once, besides its E-step, for its start and its split moves over {@code train}
	 * training frames, the longest stretch {@code longest} of them, with {@code threads} threads (see the
	 * class comment; -1 on overflow).
	 */
	static long fitTemporaries(long train, long longest, FitSettings s, int threads) {
		long weights = Memory.product(longest, s.states(), 8), labels = Memory.product(train, 4);
		long clustering = Memory.product(train, KMEANS_PER_FRAME), afterClustering = Memory.plus(labels, weights);
		if (clustering < 0 || afterClustering < 0) return -1;
		long start = s.init() == FitSettings.Init.KMEANS ? Math.max(clustering, afterClustering) : weights;
		if (!s.splitMerge()) return start;
		long moves = Memory.plus(Memory.product(Math.min(threads, SplitMerge.CANDIDATES), train, SPLIT_PER_FRAME), labels);
		return moves < 0 ? -1 : Math.max(start, moves);
	}

	/** The training frames of {@code sessions} at most: the first train_fraction of each (lags and gaps not subtracted). */
	static long trainFrames(List<SessionData> sessions, double trainFraction) {
		long train = 0;
		for (SessionData sd : sessions) train += (long) Math.floor(trainFraction * sd.frames);
		return train;
	}

	/** Bytes to decode {@code sessions} with {@code states} states (streaming: far below {@link #fit}). */
	public static long decoding(List<SessionData> sessions, int states, Decoding.Mode mode) {
		long frames = 0;
		for (SessionData s : sessions) frames += s.frames;
		long run = decodingRun(longest(sessions), states, mode), outputs = Memory.product(frames, OUTPUT_PER_FRAME);
		long working = Memory.product(run, atOnce(sessions));
		return Memory.plus(working, outputs);
	}

	/** Bytes {@link StreamingDecoder#decode} holds for one run of {@code frames} frames (-1 on overflow). */
	static long decodingRun(long frames, int states, Decoding.Mode mode) {
		if (frames < 1) return 0;
		long block = Math.min(StreamingDecoder.blockFrames(frames), frames), blocks = (frames + block - 1) / block;
		long messages = Memory.product(8, states, 3 * block + blocks + 4);
		if (mode != Decoding.Mode.VITERBI) return messages;
		long width = states <= 256 ? 1 : states <= 65536 ? 2 : 4;
		long pointers = Memory.product(frames, states, width), path = Memory.product(frames, 4);
		return Memory.plus(messages, pointers, path);
	}

	/** {@link Memory#require} for a fit (its E-step with its k-means and split moves, and the decoding that follows it). */
	public static void requireFit(List<SessionData> sessions, FitSettings s) {
		requireStates(sessions, s);
		long fit = fit(sessions, s), decode = decoding(sessions, s.states(), Decoding.Mode.POSTERIOR);
		Memory.require(fit < 0 || decode < 0 ? -1 : Math.max(fit, decode), describe("A fit", sessions, s.states()));
	}

	/**
	 * {@link Memory#require} for a model scan over {@code kValues} values of K and {@code points} points in
	 * all: one fit and decoding at the largest K ({@code maxK}, which bounds every point's), and what the
	 * scan keeps besides ({@link #scanKept}).
	 */
	public static void requireScan(List<SessionData> sessions, FitSettings maxK, int kValues, int points) {
		requireStates(sessions, maxK);
		long frames = 0;
		for (SessionData sd : sessions) frames += sd.frames;
		long fit = fit(sessions, maxK), decode = decoding(sessions, maxK.states(), Decoding.Mode.POSTERIOR);
		long kept = scanKept(frames, trainFrames(sessions, maxK.trainFraction()), maxK, kValues, points);
		Memory.require(fit < 0 || decode < 0 ? -1 : Memory.plus(Math.max(fit, decode), kept),
				describe("A scan", sessions, maxK.states()));
	}

	/** More states than frames is refused first: asking for more memory would not help (FitData checks the training frames). */
	private static void requireStates(List<SessionData> sessions, FitSettings s) {
		long usable = 0;
		for (SessionData sd : sessions) usable += Math.max(0, sd.frames - s.lags());
		if (s.states() > usable)
			throw new BadInputException("states = " + s.states() + " is more than the " + usable + " usable frames of the sessions.");
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
