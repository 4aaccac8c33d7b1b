package org.latentj.hmm;

import java.util.List;

/**
 * Run in a child JVM with a small heap by {@link LongDecodingTest}: samples a long session from a
 * known 8-state Gaussian HMM, checks the decoding's memory estimate (the old one, T x K x 36 bytes,
 * is printed for comparison), decodes it by posterior and by Viterbi, and prints the share of frames
 * whose label is the sampled state; then tries the whole-run posterior that decoding used before
 * streaming, and prints whether it ran out of memory.
 */
final class LongDecoding {
	private LongDecoding() {
	}

	public static void main(String[] args) {
		int frames = Integer.parseInt(args[0]), k = 8;
		Hmm hmm = Synthetic.truth(0, k, 3, 21);
		Hmm.Sample sample = hmm.sample(frames, 22, null);
		List<SessionData> sessions = List.of(new SessionData("long", sample.data, 3, new double[frames]));
		System.out.println("heap " + Runtime.getRuntime().maxMemory());
		for (Decoding.Mode mode : Decoding.Mode.values()) {
			System.out.println(mode + " estimate " + HmmMemory.decoding(sessions, k, mode));
			HmmMemory.requireDecoding(sessions, k, mode);
			Decoding d = Decoding.of(hmm, "long", sample.data, mode);
			int agree = 0;
			for (int t = 0; t < frames; t++) agree += d.labels[t] == sample.states[t] ? 1 : 0;
			System.out.println(mode + " agreement " + (double) agree / frames);
		}
		try {
			Posterior p = hmm.posterior(sample.data, 0, frames);
			System.out.println("whole-run posterior ran " + p.frames);
		} catch (OutOfMemoryError e) {
			System.out.println("whole-run posterior: OutOfMemoryError");
		}
	}
}
