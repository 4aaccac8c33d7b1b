package org.latentj.diffusion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trajectories grouped by their exact (alpha, D) labels, cells in order of first appearance.
 * Simulated grids give one cell per grid point; data with a different alpha or D on every row give
 * one cell per row.
 */
public final class ParameterCells {

	private final double[] alpha;
	private final double[] d;
	private final int[][] rows;

	private ParameterCells(double[] alpha, double[] d, int[][] rows) {
		this.alpha = alpha;
		this.d = d;
		this.rows = rows;
	}

	public static ParameterCells of(double[] alphas, double[] ds) {
		Map<List<Double>, List<Integer>> groups = new LinkedHashMap<>();
		for (int i = 0; i < alphas.length; i++)
			groups.computeIfAbsent(List.of(alphas[i], ds[i]), k -> new ArrayList<>()).add(i);
		int n = groups.size(), c = 0;
		double[] a = new double[n], d = new double[n];
		int[][] rows = new int[n][];
		for (Map.Entry<List<Double>, List<Integer>> e : groups.entrySet()) {
			a[c] = e.getKey().get(0);
			d[c] = e.getKey().get(1);
			rows[c] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
			c++;
		}
		return new ParameterCells(a, d, rows);
	}

	public int count() {
		return alpha.length;
	}

	public double alpha(int cell) {
		return alpha[cell];
	}

	public double d(int cell) {
		return d[cell];
	}

	/** Row indices of the trajectories in a cell (shared, do not modify). */
	public int[] rows(int cell) {
		return rows[cell];
	}
}
