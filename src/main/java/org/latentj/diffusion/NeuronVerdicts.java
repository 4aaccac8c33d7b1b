package org.latentj.diffusion;

import java.util.ArrayList;
import java.util.List;

import org.latentj.util.BadInputException;

/**
 * Latent Analysis's symbolic verdict (issue 11): each neuron's mean curve along alpha at the middle D, and along
 * log10 D at the middle alpha ({@link LatentCurves#all}), scored by a {@link CurveCritic} wherever the curve covers
 * the critic's range of x; a score above the critic's threshold is the verdict "symbolic". Every neuron is scored,
 * informative or not (an uninformative neuron's curve is flat noise, and its verdict says little: read it beside
 * the informative column).
 */
public record NeuronVerdicts(List<LatentCurves.Along> axes, double[][] scores, boolean[][] symbolic, double threshold, String source) {

	public static final String SYMBOLIC = "symbolic", NON_SYMBOLIC = "non-symbolic";

	/** Scores the neurons along every axis whose curves cover the critic's range; refused when neither does. */
	public static NeuronVerdicts judge(Latents l, CurveCritic critic) {
		List<LatentCurves.Along> axes = new ArrayList<>();
		List<double[]> scores = new ArrayList<>();
		StringBuilder ranges = new StringBuilder();
		for (LatentCurves.Along along : LatentCurves.Along.values()) {
			double[] x = LatentCurves.x(l, along);
			ranges.append(ranges.length() == 0 ? "" : ", ").append(along == LatentCurves.Along.ALPHA ? "alpha " : "log10 D ").append(x[0]).append("..")
					.append(x[x.length - 1]);
			if (x.length < 2 || !critic.covers(x)) continue;
			LatentCurves.Curves c = LatentCurves.all(l, along);
			axes.add(along);
			scores.add(critic.scores(c.x(), c.curves(), null));
		}
		if (axes.isEmpty())
			throw new BadInputException("The critic " + critic.source() + " reads x = " + critic.xMin() + ".." + critic.xMax()
					+ ", which neither the latents' alpha nor their log10 D values cover (" + ranges + "); train it on one of these ranges.");
		double[][] s = scores.toArray(new double[0][]);
		boolean[][] symbolic = new boolean[s.length][];
		for (int a = 0; a < s.length; a++) {
			symbolic[a] = new boolean[s[a].length];
			for (int j = 0; j < s[a].length; j++) symbolic[a][j] = s[a][j] > critic.threshold();
		}
		return new NeuronVerdicts(List.copyOf(axes), s, symbolic, critic.threshold(), critic.source());
	}

	/** The columns appended to the neuron table: symbolic_score_&lt;axis&gt;, symbolic_verdict_&lt;axis&gt; per axis. */
	public String[] columns() {
		String[] c = new String[2 * axes.size()];
		for (int a = 0; a < axes.size(); a++) {
			c[2 * a] = "symbolic_score_" + axes.get(a).key();
			c[2 * a + 1] = "symbolic_verdict_" + axes.get(a).key();
		}
		return c;
	}

	/** Neuron j's cells for {@link #columns()}. */
	public Object[] cells(int j) {
		Object[] c = new Object[2 * axes.size()];
		for (int a = 0; a < axes.size(); a++) {
			c[2 * a] = scores[a][j];
			c[2 * a + 1] = symbolic[a][j] ? SYMBOLIC : NON_SYMBOLIC;
		}
		return c;
	}
}
