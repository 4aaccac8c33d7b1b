package org.latentj.diffusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.latentj.util.BadInputException;

/**
 * The curves a symbolic critic reads from a latent model (issue 11): a neuron's mean mu per (alpha, D) cell, along
 * alpha at the middle D of the grid, or along log10 D at the middle alpha. {@link #extract} keeps the informative
 * neurons (Latent Analysis's rule, Var(mu) > exp(mean log sigma^2)); {@link #all} every neuron (Latent Analysis's
 * verdict column). Used by the symbolic slice (Score Curves) and by Latent Analysis with a critic.
 */
public final class LatentCurves {

	public enum Along {
		ALPHA, LOG10_D;

		public static Along parse(String s) {
			return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "alpha" -> ALPHA;
			case "log10_d", "d" -> LOG10_D;
			default -> throw new BadInputException("The key 'along' is '" + s + "'; it must be alpha or log10_d.");
			};
		}

		/** The suffix of Latent Analysis's verdict columns. */
		public String key() {
			return this == ALPHA ? "alpha" : "log10_D";
		}
	}

	/** x (alpha or log10 D values), one curve per neuron kept, their names and neuron indices. */
	public record Curves(double[] x, double[][] curves, String[] names, int[] neurons) {
	}

	private LatentCurves() {
	}

	/** The informative neurons' curves; refused when there is none. */
	public static Curves extract(Latents l, Along along) {
		Curves c = curves(l, along, true);
		if (c.curves().length == 0)
			throw new BadInputException("The latents have no informative neuron (Var(mu) > exp(mean log sigma^2)); there is nothing to score.");
		return c;
	}

	/** Every neuron's curve, informative or not. */
	public static Curves all(Latents l, Along along) {
		return curves(l, along, false);
	}

	/** The x values of the curves along this axis (alpha values, or log10 of the D values), sorted. */
	public static double[] x(Latents l, Along along) {
		double[] xs = axis(l, along);
		double[] x = new double[xs.length];
		for (int k = 0; k < xs.length; k++) x[k] = along == Along.ALPHA ? xs[k] : Math.log10(xs[k]);
		return x;
	}

	private static double[] axis(Latents l, Along along) {
		return distinct(along == Along.ALPHA ? l.alphas() : l.ds());
	}

	/** The distinct values of v, ascending (the cells of a grid axis). */
	static double[] distinct(double[] v) {
		TreeSet<Double> set = new TreeSet<>();
		for (double d : v) set.add(d);
		return set.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static Curves curves(Latents l, Along along, boolean informativeOnly) {
		double[] av = axis(l, Along.ALPHA), dv = axis(l, Along.LOG10_D);
		double fixedD = dv[dv.length / 2], fixedAlpha = av[av.length / 2];
		double[] xs = along == Along.ALPHA ? av : dv;
		if (xs.length < 2) throw new BadInputException("The latents have a single " + (along == Along.ALPHA ? "alpha" : "D") + " value; there is no curve along it.");
		int z = l.latents(), n = l.count();
		List<double[]> curves = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<Integer> neurons = new ArrayList<>();
		for (int j = 0; j < z; j++) {
			double[] mu = l.muOf(j);
			if (informativeOnly && !LatentAnalysis.isInformative(mu, l.logVarOf(j))) continue;
			double[] sum = new double[xs.length];
			int[] count = new int[xs.length];
			for (int i = 0; i < n; i++) {
				double a = l.alphas()[i], d = l.ds()[i];
				if (along == Along.ALPHA ? d != fixedD : a != fixedAlpha) continue;
				int k = Arrays.binarySearch(xs, along == Along.ALPHA ? a : d);
				sum[k] += mu[i];
				count[k]++;
			}
			double[] curve = new double[xs.length];
			for (int k = 0; k < xs.length; k++) {
				if (count[k] == 0)
					throw new BadInputException("The latents have no trajectory at " + (along == Along.ALPHA ? "alpha=" + xs[k] + ", D=" + fixedD
							: "alpha=" + fixedAlpha + ", D=" + xs[k]) + "; a curve " + (along == Along.ALPHA ? "along alpha" : "along D")
							+ " needs every cell of that row of the grid.");
				curve[k] = sum[k] / count[k];
			}
			curves.add(curve);
			neurons.add(j);
			names.add("mu_" + j + (along == Along.ALPHA ? " along alpha at D=" + fixedD : " along log10 D at alpha=" + fixedAlpha));
		}
		return new Curves(x(l, along), curves.toArray(new double[0][]), names.toArray(new String[0]),
				neurons.stream().mapToInt(Integer::intValue).toArray());
	}
}
