package org.latentj.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.latentj.hmm.Hmm;
import org.latentj.hmm.ui.FitHmmCommand;
import org.latentj.io.AtomicOutput;

/**
 * Writes the session that {@code HmmBench end-to-end T K} fits (same model, seed and lags) as CSV,
 * so that a peer (src/bench/python/ssm_arhmm.py, ssm's EM) fits exactly the same data:
 * {@code HmmEndToEndExport T K OUT.csv} writes frame, state (the simulated truth), x1..xD.
 */
public final class HmmEndToEndExport {

	public static void main(String[] args) throws Exception {
		int frames = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), d = 10;
		Path out = Path.of(args[2]);
		int lags = new FitHmmCommand().lags; // Fit HMM's default, as HmmBench.endToEnd uses
		// the sample HmmBench.sample and sampleStates draw (same model, seed 4)
		Hmm.Sample sample = HmmBench.model(lags, k, d, 4).sample(frames, 4, null);
		int[] states = sample.states;
		double[] x = sample.data;
		if (x.length != (long) frames * d || states.length != frames)
			throw new IllegalStateException("the simulated session has " + x.length / d + " frames, not " + frames);
		AtomicOutput.writeFile(out, tmp -> {
			try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp))) {
				StringBuilder head = new StringBuilder("frame,state");
				for (int i = 1; i <= d; i++) head.append(",x").append(i);
				w.println(head);
				for (int t = 0; t < frames; t++) {
					StringBuilder b = new StringBuilder().append(t).append(',').append(states[t]);
					for (int i = 0; i < d; i++) b.append(',').append(x[t * d + i]); // shortest exact decimal of the double
					w.println(b);
				}
			}
		});
		System.out.printf("wrote %s: %d frames, K = %d, D = %d, lags = %d (HmmBench end-to-end's session, seed 4)%n", out,
				frames, k, d, lags);
	}
}
