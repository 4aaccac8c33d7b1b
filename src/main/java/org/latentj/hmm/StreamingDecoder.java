package org.latentj.hmm;

import org.latentj.util.BadInputException;

/**
 * Decodes one run of frames in memory that grows with frames, not frames x states (issue 12, item 7):
 * the labels (the most probable state of each frame, or the Viterbi path), the posterior probability
 * of each label and the marginal log-likelihood, bit-identical to {@link ForwardBackward#smooth} and
 * {@link Viterbi#decode} over the whole run.
 * <p>
 * How: frames are taken in blocks of {@link #blockFrames} frames. A forward pass computes each block's
 * log-likelihoods, runs the Viterbi recursion over them (back-pointers as one byte per frame and state
 * up to 256 states, two up to 65,536) and the normalized forward recursion, and keeps only the
 * predicted distribution at each block's first frame (a checkpoint). A backward pass then takes the
 * blocks from the last: it recomputes the block's log-likelihoods and forward messages from its
 * checkpoint, runs the backward recursion through the block (carrying one K-vector into the block
 * before), and reduces each frame's smoothed row to its label and probability. Every value is
 * computed by the same operations in the same order as the whole-run code, hence the same bits; the
 * price is computing each log-likelihood twice (but the last block's, which the forward pass leaves in
 * place: a run of one block is computed once).
 * <p>
 * Memory: 8 K (3 L + ceil(T / L)) bytes for blocks of L frames (a log-likelihood, forward and
 * backward block and the checkpoints), plus, for Viterbi, T K bytes of back-pointers (2 T K above
 * 256 states) and a T-int path. See {@link HmmMemory#decodingRun}.
 */
final class StreamingDecoder {

	/**
	 * Blocks are a multiple of this many frames, counted from the run's first frame, so that the
	 * observation model cuts each block into the same sub-blocks as the whole run (its per-frame
	 * arithmetic depends on where a frame falls in its sub-block; see
	 * {@link Observations#logLikelihoods}).
	 */
	static final int UNIT = 2048;

	static {
		if (UNIT % LinearGaussianObservations.BLOCK != 0) throw new AssertionError("UNIT must be a multiple of the observation blocks");
	}

	private StreamingDecoder() {
	}

	/**
	 * Frames per block for a run of {@code frames}: about sqrt(T / 3), which minimizes 3 L + T / L,
	 * rounded up to a multiple of {@link #UNIT} (so 2048 for runs up to about 12 million frames).
	 */
	static int blockFrames(long frames) {
		long want = (long) Math.ceil(Math.sqrt(frames / 3.0));
		return (int) (Math.max(1, (want + UNIT - 1) / UNIT) * UNIT);
	}

	/**
	 * Decodes frames [from, to) of the standardized session x (T x D), writing labels[t] and
	 * probability[t] for t in [from, to); returns the run's marginal log-likelihood. Where the scaled
	 * recursion underflows (a frame whose allowed states all lie more than ~745 nats below a state that
	 * exact zeros forbid), the run is decoded again in log space ({@link LogStreamingDecoder}), which
	 * also refuses, naming {@code session} and the frame, a run that is truly impossible.
	 */
	static double decode(Hmm hmm, String session, double[] x, int from, int to, Decoding.Mode mode, int[] labels,
			double[] probability) {
		try {
			return scaled(hmm, x, from, to, mode, labels, probability);
		} catch (ForwardBackward.Underflow underflow) {
			return LogStreamingDecoder.decode(hmm, session, x, from, to, mode, labels, probability);
		}
	}

	/** {@link #decode} by the scaled recursion, bit-identical to the whole-run code; throws Underflow where it underflows. */
	private static double scaled(Hmm hmm, double[] x, int from, int to, Decoding.Mode mode, int[] labels, double[] probability) {
		int k = hmm.states(), frames = to - from, block = Math.min(blockFrames(frames), frames);
		int blocks = (frames + block - 1) / block;
		TransitionMatrix p = hmm.transitions().matrix();
		double[] initial = hmm.initial().raw();
		double[] beta = new double[block * k], row = new double[k];
		double[][] checkpoints = new double[blocks][];
		ViterbiPass viterbi = mode == Decoding.Mode.VITERBI ? new ViterbiPass(initial, p, frames) : null;
		Forward f = new Forward(hmm.observations(), p, x, from, frames, block);
		double[] like = f.like, alpha = f.alpha;

		// forward: checkpoints, the marginal log-likelihood and the Viterbi back-pointers
		System.arraycopy(initial, 0, f.pred, 0, k);
		double logNorm = 0;
		for (int b = 0; b < blocks; b++) {
			int a = b * block, n = Math.min(frames, a + block) - a;
			checkpoints[b] = f.pred.clone();
			logNorm = f.block(a, n, viterbi, logNorm);
		}
		int[] path = viterbi != null ? viterbi.path() : null;

		// backward, block by block from the last: forward messages recomputed from the checkpoint
		double[] carry = new double[k], w = new double[k];
		for (int b = blocks - 1; b >= 0; b--) {
			int a = b * block, n = Math.min(frames, a + block) - a;
			if (b < blocks - 1) { // the block again: its scaled likelihoods, and its forward messages from the checkpoint
				System.arraycopy(checkpoints[b], 0, f.pred, 0, k);
				f.block(a, n, null, 0);
			}
			// else: the forward pass left the last block's likelihoods and messages in place
			int last = (n - 1) * k;
			if (b == blocks - 1) java.util.Arrays.fill(beta, last, last + k, 1);
			else System.arraycopy(carry, 0, beta, last, k);
			for (int i = n - 2; i >= -1; i--) { // i = -1: the message into the block before, if any
				if (i < 0 && a == 0) break;
				int next = (i + 1) * k;
				double sum = 0;
				for (int j = 0; j < k; j++) {
					double v = like[next + j] * beta[next + j];
					w[j] = v;
					sum += v;
				}
				if (!(sum > 0)) throw ForwardBackward.impossible(a + i + 1);
				double inv = 1 / sum;
				for (int j = 0; j < k; j++) w[j] *= inv;
				if (i < 0) p.backward(w, 0, carry);
				else {
					p.backward(w, 0, row);
					System.arraycopy(row, 0, beta, i * k, k);
				}
			}
			for (int i = 0; i < n; i++) {
				int r = i * k, t = from + a + i;
				double s = 0;
				for (int j = 0; j < k; j++) s += alpha[r + j] * beta[r + j];
				double inv = 1 / s;
				if (path != null) {
					int z = path[a + i];
					labels[t] = z;
					probability[t] = alpha[r + z] * beta[r + z] * inv;
				} else { // the most probable state; ties to the lower state (as Posterior.mostProbableStates)
					int best = 0;
					double top = alpha[r] * beta[r] * inv;
					for (int j = 1; j < k; j++) {
						double v = alpha[r + j] * beta[r + j] * inv;
						if (v > top) {
							top = v;
							best = j;
						}
					}
					labels[t] = best;
					probability[t] = top;
				}
			}
		}
		return logNorm;
	}

	/** The forward recursion over one block of a run at a time, in buffers of one block. */
	private static final class Forward {
		private final Observations obs;
		private final TransitionMatrix p;
		private final double[] x;
		private final int from, frames, k;
		/** Scaled likelihoods, normalized forward messages and the row shifts of the block (block x K, block). */
		final double[] like, alpha, shift;
		/** The predicted state distribution at the block's first frame; after {@link #block}, at the next block's. */
		final double[] pred;

		Forward(Observations obs, TransitionMatrix p, double[] x, int from, int frames, int block) {
			this.obs = obs;
			this.p = p;
			this.x = x;
			this.from = from;
			this.frames = frames;
			k = p.states();
			like = new double[block * k];
			alpha = new double[block * k];
			shift = new double[block];
			pred = new double[k];
		}

		/**
		 * Frames [a, a + n) of the run (a block): their log-likelihoods (fed to viterbi first, when not null),
		 * scaled, and their forward messages from {@link #pred}. Returns logNorm plus the block's log normalizers,
		 * added frame by frame (the whole run's order of additions, hence its bits).
		 */
		double block(int a, int n, ViterbiPass viterbi, double logNorm) {
			obs.logLikelihoods(x, from + a, from + a + n, like);
			if (viterbi != null) viterbi.block(like, a, n);
			for (int i = 0; i < n; i++) shift[i] = ForwardBackward.scaleRow(like, like, i * k, k, from + a + i); // the session's frame
			for (int i = 0; i < n; i++) {
				int t = a + i, r = i * k;
				double c = 0;
				for (int j = 0; j < k; j++) {
					double v = pred[j] * like[r + j];
					alpha[r + j] = v;
					c += v;
				}
				if (!(c > 0)) throw ForwardBackward.impossible(t);
				double inv = 1 / c;
				for (int j = 0; j < k; j++) alpha[r + j] *= inv;
				logNorm += Math.log(c) + shift[i];
				if (t + 1 < frames) p.forward(alpha, r, pred);
			}
			return logNorm;
		}
	}

	/** The Viterbi recursion of {@link Viterbi#decode}, fed block by block, with compact back-pointers. */
	static final class ViterbiPass {
		private final double[] initial;
		private final TransitionMatrix p;
		private final int k, frames;
		private final double[] delta, best;
		private final int[] from;
		/** Back-pointers, frame-major: bytes (unsigned) up to 256 states, chars up to 65,536, ints beyond. */
		private final byte[] bytes;
		private final char[] chars;
		private final int[] ints;

		ViterbiPass(double[] initial, TransitionMatrix p, int frames) {
			this.initial = initial;
			this.p = p;
			this.k = p.states();
			this.frames = frames;
			delta = new double[k];
			best = new double[k];
			from = new int[k];
			long size = (long) frames * k;
			if (size > Integer.MAX_VALUE - 8)
				throw new BadInputException("A Viterbi path over " + frames + " frames with " + k
						+ " states needs more back-pointers than Java can hold in one array; use decode=posterior.");
			bytes = k <= 256 ? new byte[(int) size] : null;
			chars = k > 256 && k <= 65536 ? new char[(int) size] : null;
			ints = k > 65536 ? new int[(int) size] : null;
		}

		/** Frames [a, a + n) of the run, with their log-likelihoods ll (n x K, from row 0). */
		void block(double[] ll, int a, int n) {
			for (int i = 0; i < n; i++) {
				int t = a + i, r = i * k;
				if (t == 0) {
					for (int j = 0; j < k; j++) delta[j] = Math.log(initial[j]) + ll[j];
					continue;
				}
				p.viterbiStep(delta, best, from, 0);
				int o = t * k;
				if (bytes != null) for (int j = 0; j < k; j++) bytes[o + j] = (byte) from[j];
				else if (chars != null) for (int j = 0; j < k; j++) chars[o + j] = (char) from[j];
				else System.arraycopy(from, 0, ints, o, k);
				for (int j = 0; j < k; j++) delta[j] = best[j] + ll[r + j];
			}
		}

		private int pointer(int t, int j) {
			int o = t * k + j;
			return bytes != null ? bytes[o] & 0xff : chars != null ? chars[o] : ints[o];
		}

		int[] path() {
			int end = 0;
			for (int j = 1; j < k; j++)
				if (delta[j] > delta[end]) end = j;
			int[] path = new int[frames];
			path[frames - 1] = end;
			for (int t = frames - 1; t > 0; t--) path[t - 1] = pointer(t, path[t]);
			return path;
		}
	}
}
