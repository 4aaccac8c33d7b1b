package org.latentj.bench;

import java.util.Locale;
import java.util.Random;

import org.latentj.nn.Adam;
import org.latentj.symbolic.Critic;

/**
 * One training epoch (5 WGAN-GP critic steps, gp 1e-5) of the seed's best critic: per-point embedding 2 -> 64 -> 64 -> 1
 * (value and gradient), then 700 -> 512 x 4 -> 1; the peer is src/bench/python/symbolic_critic_bench.py (same network,
 * same loss, PyTorch on the CPU). Arguments: batch sizes (default 5 64), or {@code kernels} for the kernel timings only; -Dlatentj.threads=N sets the threads (default:
 * all cores). Prints wall and process CPU time per epoch. Figures in BENCHMARKS.md.
 */
public final class SymbolicBench {

	public static void main(String[] args) {
		boolean kernelsOnly = args.length == 1 && args[0].equals("kernels");
		int[] batches = args.length == 0 ? new int[] { 5, 64 }
				: kernelsOnly ? new int[0] : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
		System.out.println(Machine.describe());
		String threads = System.getProperty("latentj.threads");
		System.setProperty("latentj.threads", "1"); // the kernel comparisons on one thread, as EJML's
		compareWithEjml(128, false);
		compareWithEjml(128, true);
		if (threads == null) System.clearProperty("latentj.threads");
		else System.setProperty("latentj.threads", threads);
		System.out.println("latentj.threads " + org.latentj.util.Parallel.threads());
		compareTransposes(700, 512);
		compareTransposes(512, 512);
		if (kernelsOnly) {
			System.setProperty("latentj.threads", "1");
			layerProducts(89600, 64, 64); // the embedding's hidden layer at batch 64 (128 curves x 700 points)
			layerProducts(128, 512, 512); // a head layer at batch 64
		}
		for (int batch : batches) {
			Random r = new Random(0);
			Critic c = new Critic(700, 2, true, new int[] { 64, 64 }, new int[] { 512, 512, 512, 512 }, r);
			Adam adam = c.optimizer(1e-4, 1e-7);
			double[] x = new double[2 * batch * 700 * 2];
			for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
			epoch(c, x, batch, r, adam);
			// wall and process CPU time (all threads, GC included): on a shared machine the CPU time is what the
			// work cost, the wall time what one waited; the Python peer prints the same two
			java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
			long cpu0 = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
			int reps = 0;
			long start = System.nanoTime();
			while (reps < 3 || System.nanoTime() - start < 3e9) {
				epoch(c, x, batch, r, adam);
				reps++;
			}
			double ms = (System.nanoTime() - start) / 1e6 / reps;
			double cpu = (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpu0) / 1e6 / reps;
			System.out.printf(Locale.ROOT, "latentj float64 batch %d: %.1f ms per epoch (5 steps), %.1f ms CPU, %d epochs%n", batch, ms, cpu, reps);
		}
	}

	/** The forward product of the first head layer (rows x 700 times 700 x 512): Kernels.mul against EJML. */
	static void compareWithEjml(int rows, boolean relu) {
		Random r = new Random(1);
		int k = 700, n = 512;
		double[] a = new double[rows * k], w = new double[k * n];
		for (int i = 0; i < a.length; i++) a[i] = relu ? Math.max(0, r.nextGaussian()) : r.nextGaussian();
		for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();
		double[][] ar = new double[rows][k], wr = new double[k][n], cr = new double[rows][n];
		org.latentj.nn.Kernels.toRows(a, rows, k, ar);
		org.latentj.nn.Kernels.toRows(w, k, n, wr);
		org.latentj.nn.Kernels.Scratch s = new org.latentj.nn.Kernels.Scratch();
		org.ejml.data.DMatrixRMaj ma = org.ejml.data.DMatrixRMaj.wrap(rows, k, a), mw = org.ejml.data.DMatrixRMaj.wrap(k, n, w),
				mc = new org.ejml.data.DMatrixRMaj(rows, n);
		double kernel = cpuMedianSeconds(3, 15, () -> org.latentj.nn.Kernels.mul(ar, rows, k, wr, n, null, cr, s));
		double ejml = cpuMedianSeconds(3, 15, () -> org.ejml.dense.row.CommonOps_DDRM.mult(ma, mw, mc));
		System.out.printf(Locale.ROOT, "product %d x %d x %d (%s input): Kernels.mul %.2f ms, EJML CommonOps_DDRM.mult %.2f ms (CPU time, median)%n", rows, k, n,
				relu ? "ReLU, half zeros" : "dense", kernel * 1e3, ejml * 1e3);
	}

	/**
	 * The three products of one layer (forward, weight gradient, input gradient) on ReLU inputs (half zeros), in thread
	 * CPU time, with the rate of the multiply-adds actually done (zeros skipped).
	 */
	static void layerProducts(int rows, int k, int n) {
		Random r = new Random(3);
		double[][] a = new double[rows][k], d = new double[rows][n], w = new double[k][n], c = new double[rows][n], g = new double[k][n],
				wt = new double[n][k], da = new double[rows][k];
		for (double[] row : a)
			for (int i = 0; i < k; i++) row[i] = Math.max(0, r.nextGaussian());
		for (double[] row : d)
			for (int i = 0; i < n; i++) row[i] = Math.max(0, r.nextGaussian());
		for (double[] row : w)
			for (int i = 0; i < n; i++) row[i] = r.nextGaussian();
		org.latentj.nn.Kernels.Scratch s = new org.latentj.nn.Kernels.Scratch();
		int reps = rows > 1000 ? 5 : 21;
		double mul = cpuMedianSeconds(2, reps, () -> org.latentj.nn.Kernels.mul(a, rows, k, w, n, null, c, s));
		double grad = cpuMedianSeconds(2, reps, () -> org.latentj.nn.Kernels.addTransposedProduct(a, rows, k, d, n, g, s));
		double back = cpuMedianSeconds(2, reps, () -> org.latentj.nn.Kernels.mulTransposed(d, rows, n, w, k, wt, da, s));
		double done = rows * (double) k * n / 2;
		System.out.printf(Locale.ROOT, "layer %d x %d x %d (ReLU input): mul %.2f ms (%.1f G/s), weight gradient %.2f ms (%.1f G/s), input gradient %.2f ms (%.1f G/s)%n",
				rows, k, n, mul * 1e3, done / mul / 1e9, grad * 1e3, done / grad / 1e9, back * 1e3, done / back / 1e9);
	}

	/** Kernels.transpose (16 x 16 tiles) against the plain double loop, interleaved in one run. */
	static void compareTransposes(int k, int n) {
		Random r = new Random(2);
		double[][] w = new double[k][n], t = new double[n][k], u = new double[n][k];
		for (double[] row : w)
			for (int i = 0; i < n; i++) row[i] = r.nextGaussian();
		double[] tiled = new double[7], plain = new double[7];
		for (int rep = 0; rep < 7; rep++) {
			tiled[rep] = cpuMedianSeconds(2, 9, () -> org.latentj.nn.Kernels.transpose(w, k, n, t));
			plain[rep] = cpuMedianSeconds(2, 9, () -> transposePlain(w, k, n, u));
		}
		java.util.Arrays.sort(tiled);
		java.util.Arrays.sort(plain);
		if (!java.util.Arrays.deepEquals(t, u)) throw new IllegalStateException("the transposes differ");
		System.out.printf(Locale.ROOT, "transpose %d x %d: tiled %.3f ms, plain %.3f ms (medians of 7 interleaved medians)%n", k, n, tiled[3] * 1e3,
				plain[3] * 1e3);
	}

	private static void epoch(Critic c, double[] x, int batch, Random r, Adam adam) {
		for (int i = 0; i < 5; i++) c.step(x, batch, Critic.Loss.WGAN_GP, 1e-5, r, adam);
	}

	/** Median CPU time of the calling thread in seconds ({@link Machine#medianAndBestCpuSeconds}). */
	static double cpuMedianSeconds(int warmups, int reps, Runnable work) {
		return Machine.medianAndBestCpuSeconds(warmups, reps, work)[0];
	}

	/** The plain double loop Kernels.transpose replaced, for the comparison. */
	private static void transposePlain(double[][] w, int k, int n, double[][] t) {
		for (int j = 0; j < k; j++)
			for (int i = 0; i < n; i++) t[i][j] = w[j][i];
	}
}
