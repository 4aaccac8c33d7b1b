package org.latentj.hmm;

import java.util.Arrays;

import org.latentj.util.BadInputException;

/**
 * {@link StreamingDecoder} in log space, for the runs where its scaled recursion underflows: exact zeros in the
 * initial or transition probabilities leave a frame only states more than ~745 nats below a forbidden one, whose
 * scaled likelihoods exp(ll - max) are 0 (an edited model.json does this to any session). The same blocks and
 * checkpoints, with log forward and backward messages computed by {@link LogForwardBackward}'s own steps, so the
 * labels, probabilities and log-likelihood are those of {@link LogForwardBackward#smoothAll} (and the Viterbi path
 * that of {@link Viterbi#decode}) over the whole run, to the bit.
 * <p>
 * Memory: the scaled decoder's (log-likelihood, forward and backward blocks and a K-vector per block, plus Viterbi's
 * back-pointers), which {@link HmmMemory#decodingRun} already counts; the scaled attempt's buffers are garbage by then.
 * Time: K^2 exponentials per frame and pass (three passes: forward, forward again from the checkpoints, backward), as
 * hmmlearn's implementation="log"; only runs whose scaled pass failed pay it.
 */
final class LogStreamingDecoder {

	private LogStreamingDecoder() {
	}

	/** As {@link StreamingDecoder#decode}; a run with no possible path is refused naming the session and the frame. */
	static double decode(Hmm hmm, String session, double[] x, int from, int to, Decoding.Mode mode, int[] labels,
			double[] probability) {
		int k = hmm.states(), frames = to - from, block = Math.min(StreamingDecoder.blockFrames(frames), frames);
		int blocks = (frames + block - 1) / block;
		TransitionMatrix p = hmm.transitions().matrix();
		Pass pass = new Pass(hmm, session, x, from, block);
		double[][] checkpoints = new double[blocks][]; // log alpha of the frame before each block (none before the first)
		StreamingDecoder.ViterbiPass viterbi = mode == Decoding.Mode.VITERBI
				? new StreamingDecoder.ViterbiPass(hmm.initial().raw(), p, frames) : null;
		for (int b = 0; b < blocks; b++) {
			if (b > 0) checkpoints[b] = Arrays.copyOfRange(pass.alpha, (block - 1) * k, block * k);
			pass.forward(b * block, Math.min(frames, (b + 1) * block) - b * block, checkpoints[b], viterbi, true);
		}
		int lastN = frames - (blocks - 1) * block;
		double total = LogForwardBackward.logSumExp(pass.alpha, (lastN - 1) * k, k);
		int[] path = viterbi != null ? viterbi.path() : null;

		double[] beta = new double[block * k], carry = new double[k], v = new double[k], g = new double[k];
		double[] logP = p.logMatrix(), ll = pass.ll, alpha = pass.alpha;
		for (int b = blocks - 1; b >= 0; b--) {
			int a = b * block, n = Math.min(frames, a + block) - a;
			if (b < blocks - 1) pass.forward(a, n, checkpoints[b], null, false); // else left in place by the forward pass
			int last = (n - 1) * k;
			if (b == blocks - 1) Arrays.fill(beta, last, last + k, 0);
			else System.arraycopy(carry, 0, beta, last, k);
			for (int i = n - 2; i >= 0; i--) LogForwardBackward.backwardStep(logP, ll, (i + 1) * k, beta, (i + 1) * k, beta, i * k, k, v);
			if (a > 0) LogForwardBackward.backwardStep(logP, ll, 0, beta, 0, carry, 0, k, v); // into the block before
			for (int i = 0; i < n; i++) { // smoothed as LogForwardBackward.smoothAll: each frame normalized on its own
				int r = i * k, t = from + a + i;
				for (int j = 0; j < k; j++) g[j] = alpha[r + j] + beta[r + j];
				double norm = LogForwardBackward.logSumExp(g, 0, k);
				if (path != null) {
					labels[t] = path[a + i];
					probability[t] = Math.exp(g[labels[t]] - norm);
				} else { // the most probable state; ties to the lower state (as Posterior.mostProbableStates)
					int best = 0;
					double top = Math.exp(g[0] - norm);
					for (int j = 1; j < k; j++) {
						double s = Math.exp(g[j] - norm);
						if (s > top) {
							top = s;
							best = j;
						}
					}
					labels[t] = best;
					probability[t] = top;
				}
			}
		}
		return total;
	}

	/** The log forward recursion over one block of a run at a time, in buffers of one block. */
	private static final class Pass {
		private final Observations obs;
		private final String session;
		private final double[] x, initial, logP;
		private final int from, k;
		/** The block's log-likelihoods and log forward messages alpha_t(j) = log p(x_{1:t}, z_t = j) (block x K). */
		final double[] ll, alpha;
		private final double[] v;

		Pass(Hmm hmm, String session, double[] x, int from, int block) {
			obs = hmm.observations();
			this.session = session;
			this.x = x;
			this.from = from;
			initial = hmm.initial().raw();
			logP = hmm.transitions().matrix().logMatrix();
			k = hmm.states();
			ll = new double[block * k];
			alpha = new double[block * k];
			v = new double[k];
		}

		/**
		 * Frames [a, a + n) of the run from {@code before}, the log forward message of frame a - 1 (null when a = 0);
		 * the first time (check), each row's log-likelihoods are checked finite and a frame no state can reach refused.
		 */
		void forward(int a, int n, double[] before, StreamingDecoder.ViterbiPass viterbi, boolean check) {
			obs.logLikelihoods(x, from + a, from + a + n, ll);
			if (check) for (int i = 0; i < n; i++) ForwardBackward.rowMax(ll, i * k, k, from + a + i);
			if (viterbi != null) viterbi.block(ll, a, n);
			for (int i = 0; i < n; i++) {
				int r = i * k;
				if (a + i == 0) for (int j = 0; j < k; j++) alpha[j] = Math.log(initial[j]) + ll[j];
				else if (i == 0) LogForwardBackward.forwardStep(logP, before, 0, ll, 0, alpha, 0, k, v);
				else LogForwardBackward.forwardStep(logP, alpha, r - k, ll, r, alpha, r, k, v);
				if (check && LogForwardBackward.logSumExp(alpha, r, k) == Double.NEGATIVE_INFINITY)
					throw impossible(session, from + a + i, a + i == 0);
			}
		}
	}

	/** A frame no state path reaches: exact zeros forbid every state that can produce it. */
	static BadInputException impossible(String session, int frame, boolean first) {
		return new BadInputException("Session " + session + " cannot be decoded: its frame " + frame
				+ " has probability 0 under the model, since " + (first
						? "every state that can produce it has initial probability 0"
						: "the transition matrix forbids every move from the states possible at frame " + (frame - 1)
								+ " to a state that can produce it")
				+ ".");
	}
}
