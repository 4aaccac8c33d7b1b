package org.latentj.symbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/** The Gaussian-process generator: its samples' covariance is the kernel's, its derivative that of its values. */
class GpGeneratorTest {

	@Test
	void samplesHaveTheKernelsCovarianceAndTheirOwnDerivative() {
		GpGenerator gp = new GpGenerator(0.4, 0.5);
		double[] grid = Curves.grid(-1, 1, 41);
		int n = grid.length, samples = 20000;
		Random r = new Random(1);
		double[] y = new double[n], dy = new double[n];
		// pairs (point 20, point 25) and (point 0, 40): sample covariances against k = 0.25 exp(-d^2 / 0.32)
		double c2025 = 0, c040 = 0, v20 = 0, dv20 = 0, maxMismatch = 0;
		for (int s = 0; s < samples; s++) {
			gp.sample(r, grid, y, dy);
			c2025 += y[20] * y[25] / samples;
			c040 += y[0] * y[40] / samples;
			v20 += y[20] * y[20] / samples;
			dv20 += dy[20] * dy[20] / samples;
			if (s < 50) { // the derivative is that of the values: central differences agree to O(h^2)
				double[] fd = new double[n];
				Curves.gradient(grid, y, fd);
				for (int i = 1; i < n - 1; i++) maxMismatch = Math.max(maxMismatch, Math.abs(fd[i] - dy[i]));
			}
		}
		double se = 0.25 * Math.sqrt(2.0 / samples) * 3; // about 3 standard errors of a covariance near 0.25
		assertEquals(0.25, v20, se);
		assertEquals(0.25 * Math.exp(-0.0625 / 0.32), c2025, se); // d = 0.25 (5 steps of 0.05)
		assertEquals(0.25 * Math.exp(-4 / 0.32), c040, se);
		assertEquals(0.25 / 0.16, dv20, 3 * 0.25 / 0.16 * Math.sqrt(2.0 / samples)); // Var f' = scale^2 / length^2
		// h = 0.05: the error of a central difference is h^2/6 |f'''| ~ 4e-4 * (0.5 * sqrt(15) / 0.4^3) ~ 0.01
		assertTrue(maxMismatch < 0.05, "central differences against the joint derivative: " + maxMismatch);
		assertEquals("gp length 0.4 scale 0.5", gp.describe());
		BadInputException e = assertThrows(BadInputException.class, () -> CurveGenerator.of("gp", 0, 1));
		assertEquals("The key 'gp_length' is 0.0; it must be positive.", e.getMessage());
		e = assertThrows(BadInputException.class, () -> CurveGenerator.of("spline", 1, 1));
		assertEquals("The key 'generator' must be mlp or gp (got 'spline').", e.getMessage());
	}

	/**
	 * Two inputs on a tensor grid: the sample covariances of values and partial derivatives between points are the
	 * product kernel's and its derivatives' (each within 4.5 standard errors of a Gaussian sample covariance).
	 */
	@Test
	void twoInputSamplesHaveTheProductKernelsCovariance() {
		double length = 0.4, scale = 0.5, inv = 1 / (length * length);
		GpGenerator gp = new GpGenerator(length, scale);
		int per = 9, n = per * per, samples = 20000;
		double[][] points = Curves.grid(-1, 1, per, 2);
		int[] p = { 4 + 4 * per, 0 }, q = { 6 + 2 * per, 0 }; // (0, 0) with (0.5, -0.5), and the corner (-1, -1) with itself
		double[] y = new double[n];
		double[][] dy = new double[2][n];
		Random r = new Random(2);
		// channels: 0 value, 1 d/dx0, 2 d/dx1; sums of products over samples for every channel pair at p[a], q[a]
		double[][][] sum = new double[2][3][3];
		for (int s = 0; s < samples; s++) {
			gp.sample(r, points, y, dy);
			for (int a = 0; a < 2; a++) {
				double[] vp = { y[p[a]], dy[0][p[a]], dy[1][p[a]] }, vq = { y[q[a]], dy[0][q[a]], dy[1][q[a]] };
				for (int i = 0; i < 3; i++)
					for (int j = 0; j < 3; j++) sum[a][i][j] += vp[i] * vq[j];
			}
		}
		for (int a = 0; a < 2; a++) {
			double[] dx = { points[0][p[a]] - points[0][q[a]], points[1][p[a]] - points[1][q[a]] };
			double[][] cov = kernelCovariance(dx, scale, inv), var = kernelCovariance(new double[2], scale, inv);
			for (int i = 0; i < 3; i++)
				for (int j = 0; j < 3; j++) {
					double se = Math.sqrt((var[i][i] * var[j][j] + cov[i][j] * cov[i][j]) / samples);
					assertEquals(cov[i][j], sum[a][i][j] / samples, 4.5 * se, "pair " + a + ", channels " + i + ", " + j);
				}
		}
	}

	/**
	 * cov(c_i(x), c_j(x')) of the channels value, d/dx0, d/dx1, ... for x - x' = dx under the product kernel k:
	 * cov(f, f) = k, cov(d_i f(x), f(x')) = -k dx_i / l^2, cov(f(x), d_j f(x')) = k dx_j / l^2 and
	 * cov(d_i f(x), d_j f(x')) = k ([i = j] / l^2 - dx_i dx_j / l^4).
	 */
	private static double[][] kernelCovariance(double[] dx, double scale, double inv) {
		int d = dx.length;
		double r2 = 0;
		for (double v : dx) r2 += v * v;
		double k = scale * scale * Math.exp(-0.5 * inv * r2);
		double[][] c = new double[d + 1][d + 1];
		c[0][0] = k;
		for (int i = 0; i < d; i++) {
			c[i + 1][0] = -k * dx[i] * inv; // d/dx_i of k
			c[0][i + 1] = k * dx[i] * inv; // d/dx'_i of k
			for (int j = 0; j < d; j++) c[i + 1][j + 1] = k * ((i == j ? inv : 0) - dx[i] * dx[j] * inv * inv);
		}
		return c;
	}

	/** A "normal" source that returns 1 at draw number {@code hot} and 0 at every other: a sample is then column hot of T. */
	private static final class UnitDraws extends Random {
		private final int hot;
		private int drawn;

		UnitDraws(int hot) {
			this.hot = hot;
		}

		@Override
		public synchronized double nextGaussian() {
			return drawn++ == hot ? 1 : 0;
		}
	}

	/**
	 * Exact, without sampling noise: a sample is T z for the normal draws z, so T's columns are the samples of the unit
	 * draws, and T T^T must be the kernel's covariance of every value and partial derivative at every pair of points
	 * (values with values, values with derivatives in both orders, derivatives across inputs), here on 1 x 5, 4 x 4
	 * and 3 x 3 x 3 grids, values alone and with the gradient, through the one-input and the tensor paths. The jitter
	 * (1e-9 scale^2, not doubled on these well-conditioned grids) is the only difference: 1e-7 leaves room for it.
	 */
	@Test
	void theLinearMapFromTheDrawsHasTheKernelsCovarianceExactly() {
		double length = 0.6, scale = 0.7, inv = 1 / (length * length);
		int[][] grids = { { 5, 1 }, { 4, 2 }, { 3, 3 } }; // values per input, inputs
		for (int[] g : grids)
			for (boolean gradient : new boolean[] { false, true }) {
				int per = g[0], d = g[1], n = (int) Math.pow(per, d), draws = (int) Math.pow(gradient ? 2 * per : per, d), channels = gradient ? d + 1 : 1;
				double[][] points = Curves.grid(-1, 1.2, per, d);
				for (boolean tensorPath : d == 1 ? new boolean[] { false, true } : new boolean[] { true }) {
					GpGenerator gp = new GpGenerator(length, scale);
					double[][][] t = new double[channels][n][draws]; // T: channel, point, draw
					for (int j = 0; j < draws; j++) {
						double[] y = new double[n];
						double[][] dy = gradient ? new double[d][n] : null;
						if (tensorPath) gp.sample(new UnitDraws(j), points, y, dy);
						else gp.sample(new UnitDraws(j), points[0], y, gradient ? dy[0] : null);
						for (int p = 0; p < n; p++) {
							t[0][p][j] = y[p];
							for (int c = 1; c < channels; c++) t[c][p][j] = dy[c - 1][p];
						}
					}
					String where = per + "^" + d + (gradient ? " with gradient" : "") + (tensorPath ? ", tensor path" : ", one-input path");
					for (int p = 0; p < n; p++)
						for (int q = 0; q < n; q++) {
							double[] dx = new double[d];
							for (int k = 0; k < d; k++) dx[k] = points[k][p] - points[k][q];
							double[][] cov = kernelCovariance(dx, scale, inv);
							for (int a = 0; a < channels; a++)
								for (int b = 0; b < channels; b++) {
									double tt = 0;
									for (int j = 0; j < draws; j++) tt += t[a][p][j] * t[b][q][j];
									assertEquals(cov[a][b], tt, 1e-7, where + ": points " + p + ", " + q + ", channels " + a + ", " + b);
								}
						}
				}
			}
	}

	/**
	 * The partial derivatives are those of the sampled surface (central differences along each input agree to
	 * O(h^2)); scattered points are refused. (Both entry points, one input and several, are checked against the
	 * kernel's covariance in theLinearMapFromTheDrawsHasTheKernelsCovarianceExactly.)
	 */
	@Test
	void twoInputDerivativesAreTheSurfaces() {
		GpGenerator gp = new GpGenerator(0.5, 0.5);
		int per = 41, n = per * per;
		double[] axis = Curves.grid(-1, 1, per);
		double[][] points = Curves.grid(-1, 1, per, 2);
		double[] y = new double[n];
		double[][] dy = new double[2][n], fd = new double[2][n];
		Random r = new Random(3);
		double worst = 0;
		for (int s = 0; s < 20; s++) {
			gp.sample(r, points, y, dy);
			Curves.gradient(axis, 2, y, fd);
			for (int i = 0; i < n; i++) {
				int i0 = i % per, i1 = i / per;
				if (i0 > 0 && i0 < per - 1) worst = Math.max(worst, Math.abs(fd[0][i] - dy[0][i]));
				if (i1 > 0 && i1 < per - 1) worst = Math.max(worst, Math.abs(fd[1][i] - dy[1][i]));
			}
		}
		// h = 0.05: the error h^2/6 |f'''|, f''' of standard deviation 0.5 sqrt(15) / 0.5^3 ~ 15.5, is ~0.007 per sd
		assertTrue(worst < 0.05, "central differences against the joint partial derivatives: " + worst);
		double[][] scattered = { { 0, 0.5, 0, 0.4 }, { 0, 0, 0.5, 0.5 } };
		BadInputException e = assertThrows(BadInputException.class, () -> gp.sample(new Random(1), scattered, new double[4], null));
		assertEquals("The generator gp length 0.5 scale 0.5 draws curves of 2 inputs on a tensor grid only (the same number of values per input, x0 varying fastest).",
				e.getMessage());
	}

	/**
	 * Grids too big are refused before any work, in one sentence naming points, inputs and bytes: one input of 20000
	 * points with the gradient (three 40000 x 40000 matrices, 38.4 GB, while the factor is built), one of 40000 (more
	 * entries than a Java array holds) and 3^11 points of 11 inputs (two tensors of 6^11 doubles, 5.8 GB).
	 */
	@Test
	void gridsTooBigAreRefusedBeforeAnyWork() {
		assumeTrue(Runtime.getRuntime().maxMemory() < 5e9, "the refusals below need a heap under 5 GB (the pom's -Xmx4g)");
		GpGenerator gp = new GpGenerator(0.3, 0.15);
		BadInputException e = assertThrows(BadInputException.class, () -> gp.sample(new Random(1), Curves.grid(-1, 1, 20000), new double[20000], new double[20000]));
		assertTrue(e.getMessage().startsWith("Drawing GP curves on points=20000 (1 input, with the gradient channel) needs about 38.4 GB of memory but Java has "),
				e.getMessage());
		e = assertThrows(BadInputException.class, () -> gp.sample(new Random(1), Curves.grid(-1, 1, 40000), new double[40000], new double[40000]));
		assertEquals("Drawing GP curves on points=40000 (1 input, with the gradient channel) needs more entries in one array than Java allows (2147483639); lower points.",
				e.getMessage());
		double[][] points = Curves.grid(-1, 1, 3, 11);
		int n = points[0].length;
		e = assertThrows(BadInputException.class, () -> gp.sample(new Random(1), points, new double[n], new double[11][n]));
		assertTrue(e.getMessage().startsWith("Drawing GP curves on points=177147 (11 inputs, with the gradient channel) needs about 5.8 GB of memory"), e.getMessage());
		double[] y = new double[n]; // the same grid without the gradient: two tensors of 3^11 doubles fit
		gp.sample(new Random(1), points, y, null);
		assertTrue(Double.isFinite(y[n - 1]) && y[n - 1] != y[0], "a surface, not a constant: " + y[0] + ", " + y[n - 1]);
	}

	/**
	 * A critic learns lib1 against smooth GP curves (no kinks to see: the quadratic's shape is the only cue). A smoke
	 * test of training against this generator: both critic tests measured 0.995 (7 December 2026, seeded, so the same
	 * on one JVM); 0.95 leaves room for future tuning. A wrong GP need not fail them (with the sign of cov(f, f')
	 * flipped they still reached 1.0 and 0.995): theLinearMapFromTheDrawsHasTheKernelsCovarianceExactly checks the GP.
	 */
	@Test
	void aCriticLearnsTheSeedLibraryAgainstGpCurves() {
		CriticTrainer.Result r = CriticTrainer.train(new CriticTrainer.Settings(FunctionLibrary.load("lib1"), -1, 1, 40, new GpGenerator(0.3, 0.15),
				CriticTrainer.Extensions.GRADIENT, true, 1, 8, 2, 32, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 16, 150, 100, 1), Progress.NONE);
		assertTrue(r.calibratedAccuracy() > 0.95, "held-out accuracy " + r.calibratedAccuracy());
	}

	/** The same against GP surfaces of two inputs on 10 x 10 points: the gradient channel reads both partial derivatives. */
	@Test
	void aCriticLearnsATwoInputLibraryAgainstGpSurfaces() {
		CriticTrainer.Result r = CriticTrainer.train(new CriticTrainer.Settings(FunctionLibrary.load("two-inputs").first(1), -1, 1, 100,
				new GpGenerator(0.3, 0.15), CriticTrainer.Extensions.GRADIENT, true, 1, 8, 2, 32, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 16, 150, 100, 1),
				Progress.NONE);
		assertEquals(3, r.critic().channels()); // value, d/dx0, d/dx1
		assertTrue(r.calibratedAccuracy() > 0.95, "held-out accuracy " + r.calibratedAccuracy());
	}
}
