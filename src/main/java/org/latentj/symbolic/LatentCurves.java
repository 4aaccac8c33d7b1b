package org.latentj.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.latentj.diffusion.LatentAnalysis;
import org.latentj.diffusion.Latents;
import org.latentj.util.BadInputException;

/**
 * The curves a symbolic critic reads from a latent model (issue 11): for each informative neuron (Latent Analysis's
 * rule, Var(mu) > exp(mean log sigma^2)) its mean mu per (alpha, D) cell, along alpha at the middle D of the grid, or
 * along log10 D at the middle alpha. Read-only use of the diffusion slice's latents.
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
	}

	/** x (alpha or log10 D values), one curve per informative neuron, and their names. */
	public record Curves(double[] x, double[][] curves, String[] names) {
	}

	private LatentCurves() {
	}

	public static Curves extract(Latents l, Along along) {
		TreeSet<Double> alphas = new TreeSet<>(), ds = new TreeSet<>();
		for (double a : l.alphas()) alphas.add(a);
		for (double d : l.ds()) ds.add(d);
		Double[] av = alphas.toArray(new Double[0]), dv = ds.toArray(new Double[0]);
		double fixedD = dv[dv.length / 2], fixedAlpha = av[av.length / 2];
		Double[] xs = along == Along.ALPHA ? av : dv;
		if (xs.length < 2) throw new BadInputException("The latents have a single " + (along == Along.ALPHA ? "alpha" : "D") + " value; there is no curve along it.");
		int z = l.latents(), n = l.count();
		List<double[]> curves = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (int j = 0; j < z; j++) {
			double[] mu = l.muOf(j);
			double mean = 0, meanLogVar = 0;
			for (int i = 0; i < n; i++) {
				mean += mu[i] / n;
				meanLogVar += l.logVar(i, j) / n;
			}
			double var = 0;
			for (int i = 0; i < n; i++) var += (mu[i] - mean) * (mu[i] - mean) / n;
			if (!LatentAnalysis.isInformative(var, meanLogVar)) continue;
			double[] sum = new double[xs.length];
			int[] count = new int[xs.length];
			for (int i = 0; i < n; i++) {
				double a = l.alphas()[i], d = l.ds()[i];
				if (along == Along.ALPHA ? d != fixedD : a != fixedAlpha) continue;
				int k = java.util.Arrays.binarySearch(xs, along == Along.ALPHA ? a : d);
				sum[k] += mu[i];
				count[k]++;
			}
			double[] curve = new double[xs.length];
			for (int k = 0; k < xs.length; k++) curve[k] = sum[k] / count[k];
			curves.add(curve);
			names.add("mu_" + j + (along == Along.ALPHA ? " along alpha at D=" + fixedD : " along log10 D at alpha=" + fixedAlpha));
		}
		if (curves.isEmpty()) throw new BadInputException("The latents have no informative neuron (Var(mu) > exp(mean log sigma^2)); there is nothing to score.");
		double[] x = new double[xs.length];
		for (int k = 0; k < xs.length; k++) x[k] = along == Along.ALPHA ? xs[k] : Math.log10(xs[k]);
		return new Curves(x, curves.toArray(new double[0][]), names.toArray(new String[0]));
	}
}
