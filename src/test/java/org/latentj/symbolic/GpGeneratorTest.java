package org.latentj.symbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

	/** cov(c_i(x), c_j(x')) of the channels value, d/dx0, d/dx1 for x - x' = dx under the product kernel. */
	private static double[][] kernelCovariance(double[] dx, double scale, double inv) {
		double k = scale * scale * Math.exp(-0.5 * inv * (dx[0] * dx[0] + dx[1] * dx[1]));
		double[][] c = new double[3][3];
		c[0][0] = k;
		for (int i = 0; i < 2; i++) {
			c[i + 1][0] = -k * dx[i] * inv; // d/dx_i of k
			c[0][i + 1] = k * dx[i] * inv; // d/dx'_i of k
			for (int j = 0; j < 2; j++) c[i + 1][j + 1] = k * ((i == j ? inv : 0) - dx[i] * dx[j] * inv * inv);
		}
		return c;
	}

	/**
	 * The partial derivatives are those of the sampled surface (central differences along each input agree to
	 * O(h^2)); one input through the tensor path is the one-input curve bit for bit; scattered points are refused.
	 */
	@Test
	void twoInputDerivativesAreTheSurfacesAndOneInputIsUnchanged() {
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
		for (boolean gradient : new boolean[] { false, true }) {
			double[] a = new double[per], b = new double[per], da = gradient ? new double[per] : null;
			double[][] db = gradient ? new double[1][per] : null;
			gp.sample(new Random(7), axis, a, da);
			gp.sample(new Random(7), new double[][] { axis }, b, db);
			assertArrayEquals(a, b); // bit for bit
			if (gradient) assertArrayEquals(da, db[0]);
			for (double v : a) assertTrue(v != 0);
		}
		double[][] scattered = { { 0, 0.5, 0, 0.4 }, { 0, 0, 0.5, 0.5 } };
		BadInputException e = assertThrows(BadInputException.class, () -> gp.sample(new Random(1), scattered, new double[4], null));
		assertEquals("The generator gp length 0.5 scale 0.5 draws curves of 2 inputs on a tensor grid only (the same number of values per input, x0 varying fastest).",
				e.getMessage());
	}

	/** A critic learns lib1 against smooth GP curves (no kinks to see: the quadratic's shape is the only cue). */
	@Test
	void aCriticLearnsTheSeedLibraryAgainstGpCurves() {
		CriticTrainer.Result r = CriticTrainer.train(new CriticTrainer.Settings(FunctionLibrary.load("lib1"), -1, 1, 40, new GpGenerator(0.3, 0.15),
				CriticTrainer.Extensions.GRADIENT, true, 1, 8, 2, 32, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 16, 150, 100, 1), Progress.NONE);
		assertTrue(r.calibratedAccuracy() > 0.7, "held-out accuracy " + r.calibratedAccuracy());
	}

	/** The same against GP surfaces of two inputs on 10 x 10 points: the gradient channel reads both partial derivatives. */
	@Test
	void aCriticLearnsATwoInputLibraryAgainstGpSurfaces() {
		CriticTrainer.Result r = CriticTrainer.train(new CriticTrainer.Settings(FunctionLibrary.load("two-inputs").first(1), -1, 1, 100,
				new GpGenerator(0.3, 0.15), CriticTrainer.Extensions.GRADIENT, true, 1, 8, 2, 32, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 16, 150, 100, 1),
				Progress.NONE);
		assertEquals(3, r.critic().channels()); // value, d/dx0, d/dx1
		assertTrue(r.calibratedAccuracy() > 0.7, "held-out accuracy " + r.calibratedAccuracy());
	}
}
