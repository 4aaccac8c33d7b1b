package org.latentj.symbolic;

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

	/** A critic learns lib1 against smooth GP curves (no kinks to see: the quadratic's shape is the only cue). */
	@Test
	void aCriticLearnsTheSeedLibraryAgainstGpCurves() {
		CriticTrainer.Result r = CriticTrainer.train(new CriticTrainer.Settings(FunctionLibrary.load("lib1"), -1, 1, 40, new GpGenerator(0.3, 0.15),
				CriticTrainer.Extensions.GRADIENT, true, 1, 8, 2, 32, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 16, 150, 100, 1), Progress.NONE);
		assertTrue(r.calibratedAccuracy() > 0.7, "held-out accuracy " + r.calibratedAccuracy());
	}
}
