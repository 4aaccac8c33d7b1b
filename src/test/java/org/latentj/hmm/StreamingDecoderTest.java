package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;
import org.latentj.util.Memory;

/**
 * The streaming decoder (issue 12, item 7) against the whole-run code it replaces in decoding
 * ({@link ForwardBackward#smooth} and {@link Viterbi#decode} over each run of usable frames, themselves
 * checked against hmmlearn in LinearGaussianObservationsTest and ForwardBackwardReferenceTest): the
 * same labels, probabilities and log-likelihood, to the bit, over runs of several blocks, for byte,
 * char and int-free back-pointer widths, sticky and dense transitions, Gaussian and AR observations.
 */
class StreamingDecoderTest {

	@Test
	void streamingIsBitIdenticalToTheWholeRunCode() {
		// Gaussian, sticky, 3 states; one run of 3 blocks and a tail
		assertSameAsWholeRun(Synthetic.truth(0, 3, 2, 1), 7000, false, 11);
		// AR(2), dense transitions, 5 states; dropped frames cut the session into runs, one shorter than a block
		assertSameAsWholeRun(dense(Synthetic.truth(2, 5, 3, 2), 3), 9000, true, 12);
		// 200 states (byte back-pointers, values above 127) and 300 (char back-pointers), dense
		assertSameAsWholeRun(dense(Synthetic.truth(0, 200, 2, 4), 5), 4500, false, 13);
		assertSameAsWholeRun(dense(Synthetic.truth(0, 300, 2, 6), 7), 4300, false, 14);
	}

	@Test
	void blocksAreMultiplesOfTheObservationBlocksAndGrowAsTheRootOfTheFrames() {
		assertEquals(2048, StreamingDecoder.blockFrames(1));
		assertEquals(2048, StreamingDecoder.blockFrames(12_000_000)); // sqrt(4e6) = 2000
		assertEquals(4096, StreamingDecoder.blockFrames(13_000_000)); // sqrt(4.33e6) = 2082
		assertEquals(0, StreamingDecoder.UNIT % LinearGaussianObservations.BLOCK);
	}

	/** Hand-computed needs for 36,000 frames and 200 states, one session (docs/hmm.md's figures). */
	@Test
	void decodingNeedsFarLessThanTheFit() {
		List<SessionData> one = List.of(new SessionData("s", new double[36_000], 1, new double[36_000]));
		assertEquals(36_000L * 200 * 36, HmmMemory.fit(one, 200)); // 259.2 MB
		// 8 K (3 L + ceil(T / L) + 4) with L = 2048 (18 blocks), plus 12 bytes per frame of output
		assertEquals(8L * 200 * (3 * 2048 + 18 + 4) + 36_000L * 12, HmmMemory.decoding(one, 200, Decoding.Mode.POSTERIOR));
		// Viterbi: one byte per frame and state of back-pointers and a 4-byte path entry per frame
		assertEquals(8L * 200 * (3 * 2048 + 18 + 4) + 36_000L * 200 + 36_000L * 4 + 36_000L * 12,
				HmmMemory.decoding(one, 200, Decoding.Mode.VITERBI));
		assertTrue(HmmMemory.decoding(one, 200, Decoding.Mode.VITERBI) * 14 < HmmMemory.fit(one, 200));
		assertEquals(8L * 300 * (3 * 2048 + 18 + 4) + 36_000L * 300 * 2 + 36_000L * 4 + 36_000L * 12,
				HmmMemory.decoding(List.of(one.get(0)), 300, Decoding.Mode.VITERBI), "char back-pointers above 256 states");
		// what cannot fit is still refused before the work, in one sentence with the number and the way out
		String m = assertThrows(BadInputException.class, () -> HmmMemory.requireDecoding(one, 2_000_000_000, Decoding.Mode.POSTERIOR))
				.getMessage();
		assertTrue(m.startsWith("Decoding of 1 session (36000 frames) with 2000000000 states needs about 98.7 TB of memory but Java has "), m);
		assertTrue(m.endsWith("; " + Memory.HOW + ", or use a smaller input."), m);
	}

	/** Decoding.of (streaming) against ForwardBackward and Viterbi over each run, both modes. */
	private static void assertSameAsWholeRun(Hmm hmm, int frames, boolean dropFrames, long seed) {
		double[] x = hmm.sample(frames, seed, null).data;
		int d = hmm.dim(), k = hmm.states(), lags = hmm.lags();
		if (dropFrames) // NaN rows: runs of 3000, 1500 (less than a block) and the rest
			for (int t : new int[] { 3000, 4500 })
				Arrays.fill(x, t * d, (t + 1) * d, Double.NaN);
		for (Decoding.Mode mode : Decoding.Mode.values()) {
			Decoding got = Decoding.of(hmm, "s", x, mode);
			int[] labels = new int[frames];
			double[] prob = new double[frames];
			Arrays.fill(labels, -1);
			Arrays.fill(prob, Double.NaN);
			double logLik = 0;
			int[] runs = SessionData.runs(x, d);
			for (int r = 0; r < runs.length; r += 2) {
				int from = runs[r] + lags, to = runs[r + 1];
				Posterior post = hmm.posterior(x, from, to);
				int[] path = mode == Decoding.Mode.VITERBI ? hmm.viterbi(x, from, to).path : post.mostProbableStates();
				for (int t = from; t < to; t++) {
					labels[t] = path[t - from];
					prob[t] = post.smoothed[(t - from) * k + labels[t]];
				}
				logLik += post.marginalLogLik;
			}
			String what = mode + ", K=" + k + ", T=" + frames;
			assertTrue(runs.length == (dropFrames ? 6 : 2), what);
			assertArrayEquals(labels, got.labels, what);
			for (int t = 0; t < frames; t++)
				assertEquals(Double.doubleToRawLongBits(prob[t]), Double.doubleToRawLongBits(got.probability[t]),
						what + ", frame " + t + ": " + prob[t] + " vs " + got.probability[t]);
			assertEquals(Double.doubleToRawLongBits(logLik), Double.doubleToRawLongBits(got.logLik), what);
			if (k > 128 && mode == Decoding.Mode.VITERBI)
				assertTrue(Arrays.stream(got.labels).anyMatch(z -> z >= 128), "back-pointers above a signed byte were used");
		}
	}

	/** The model with a random dense transition matrix (mostly diagonal, so that paths stay readable). */
	private static Hmm dense(Hmm hmm, long seed) {
		int k = hmm.states();
		Random r = new Random(seed);
		double[] p = new double[k * k];
		for (int i = 0; i < k; i++) {
			double sum = 0;
			for (int j = 0; j < k; j++) sum += p[i * k + j] = (i == j ? 20 * k : 0) + r.nextDouble();
			for (int j = 0; j < k; j++) p[i * k + j] /= sum;
		}
		return new Hmm(hmm.initial(), Transitions.fixed(TransitionMatrix.dense(k, p)), hmm.observations());
	}
}
