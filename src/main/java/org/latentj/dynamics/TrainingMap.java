package org.latentj.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "training map": the phase graph of the Viterbi paths. A node per state (its share of all
 * epochs), an edge per transition i -> j (i != j) seen in the paths, with its count and the model's
 * transition probability P_ij. Exported as Graphviz DOT; drawn by the ui package.
 */
public final class TrainingMap {

	public record Edge(int from, int to, int count, double probability) {
	}

	/** Epochs in each state over all runs, and their share. */
	public final int[] frames;
	public final double[] occupancy;
	/** Probability of staying, P_ii. */
	public final double[] stay;
	public final List<Edge> edges;
	/** Per state, its mean position in training (0 = first epoch, 1 = last), averaged over its epochs. */
	public final double[] meanPosition;

	private TrainingMap(int[] frames, double[] occupancy, double[] stay, List<Edge> edges, double[] meanPosition) {
		this.frames = frames;
		this.occupancy = occupancy;
		this.stay = stay;
		this.edges = edges;
		this.meanPosition = meanPosition;
	}

	public static TrainingMap of(int k, double[] transitions, List<int[]> paths) {
		int[] frames = new int[k];
		int[] counts = new int[k * k];
		double[] position = new double[k];
		long total = 0;
		for (int[] path : paths) {
			for (int t = 0; t < path.length; t++) {
				frames[path[t]]++;
				position[path[t]] += path.length > 1 ? (double) t / (path.length - 1) : 0;
				if (t + 1 < path.length && path[t + 1] != path[t]) counts[path[t] * k + path[t + 1]]++;
			}
			total += path.length;
		}
		double[] occ = new double[k], stay = new double[k];
		for (int s = 0; s < k; s++) {
			occ[s] = (double) frames[s] / total;
			stay[s] = transitions[s * k + s];
			position[s] = frames[s] == 0 ? Double.NaN : position[s] / frames[s];
		}
		List<Edge> edges = new ArrayList<>();
		for (int i = 0; i < k; i++)
			for (int j = 0; j < k; j++)
				if (counts[i * k + j] > 0) edges.add(new Edge(i, j, counts[i * k + j], transitions[i * k + j]));
		return new TrainingMap(frames, occ, stay, List.copyOf(edges), position);
	}

	public int states() {
		return frames.length;
	}

	/** Graphviz DOT: node size by occupancy, colours as the phase band (hex RGB given per state). */
	public String dot(String[] colors) {
		StringBuilder b = new StringBuilder("digraph training_map {\n  rankdir=LR;\n  node [shape=circle, style=filled, fontname=Helvetica];\n");
		for (int s = 0; s < states(); s++) {
			if (frames[s] == 0) continue;
			double size = 0.4 + 1.6 * Math.sqrt(occupancy[s]);
			b.append(String.format(Locale.ROOT, "  s%d [label=\"%d\\n%.0f%%\", width=%.3f, fillcolor=\"%s\"];%n", s, s,
					100 * occupancy[s], size, colors[s]));
		}
		for (Edge e : edges)
			b.append(String.format(Locale.ROOT, "  s%d -> s%d [label=\"%.3g (%d)\", penwidth=%.2f];%n", e.from, e.to,
					e.probability, e.count, 1 + 2 * Math.min(1, e.count / 6.0)));
		return b.append("}\n").toString();
	}

	/** The band colours as "#rrggbb" (a fixed qualitative palette, Tableau 10). */
	public static String[] colors(int k) {
		String[] palette = { "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
				"#9c755f", "#bab0ac" };
		String[] c = new String[k];
		for (int s = 0; s < k; s++) c[s] = palette[s % palette.length];
		return c;
	}
}
