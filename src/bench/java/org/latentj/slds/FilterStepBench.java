package org.latentj.slds;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The label moves' Kalman filter step ({@link LabelSearch}) alone: thread CPU per step of the whole-sequence filter
 * at noisy_a's size (d = 10, G = 2, 10 states, ms = 20), identity emissions and linear ones (obs 10), on a random
 * model's draw of FRAMES frames (default 3,000): REPEATS (default 10) times the gains of moves of 5 frames at every
 * 7th frame, after 3 times of warm-up. Prints log p(y, z)
 * too, so two builds can be checked to give the same numbers.
 * Run: java -cp 'target/lib/*:target/test-classes' org.latentj.slds.FilterStepBench [FRAMES [REPEATS]]
 */
public final class FilterStepBench {

	/** Gains of moves of 5 frames to the next state, every 7th frame (each filter re-run until it rejoins the stored one). */
	static double moves(LabelSearch s, int frames, SldsParameters m) {
		double sum = 0;
		for (int a = m.lags; a < frames - 5; a += 7) sum += s.gain(a, a + 4, (s.z[a] + 1) % m.k, false);
		return sum;
	}

	public static void main(String[] args) {
		int frames = args.length > 0 ? Integer.parseInt(args[0]) : 3000, repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
		ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		SldsParameters identity = SldsTestModels.random(10, 10, 2, 3, false);
		for (SldsParameters m : new SldsParameters[] { identity, SldsTestModels.linear(identity, 10, 5) }) {
			int[] z = new int[frames];
			double[] y = SldsTestModels.sample(m, frames, 9, z);
			LabelSearch s = new LabelSearch(m, y, z, null);
			double sum = 0;
			for (int i = 0; i < 3; i++) sum = moves(s, frames, m);
			long c0 = bean.getCurrentThreadCpuTime(), steps0 = s.stepped;
			for (int i = 0; i < repeats; i++) sum = moves(s, frames, m);
			double ns = (bean.getCurrentThreadCpuTime() - c0) / (double) (s.stepped - steps0);
			System.out.printf("%s emissions: %.0f ns per step (thread CPU, %d steps), log p(y, z) %.12f, sum of gains %.12f%n",
					m.emission == null ? "identity" : "linear", ns, s.stepped - steps0, s.logJoint(), sum);
		}
	}
}
