package org.latentj.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentj.testing.SyntheticLatents;

class LatentCurvesTest {

	/** The two informative neurons of synthetic latents, as mean curves following their known forms. */
	@Test
	void informativeNeuronsAlongAlphaAndD() {
		Latents l = SyntheticLatents.twoInformative(400, 4, 1);
		LatentCurves.Curves a = LatentCurves.extract(l, LatentCurves.Along.ALPHA);
		assertEquals(2, a.curves().length);
		assertTrue(a.names()[0].startsWith("mu_1 along alpha at D="), a.names()[0]);
		assertTrue(a.names()[1].startsWith("mu_4 along alpha"), a.names()[1]);
		double d = Double.parseDouble(a.names()[0].substring(a.names()[0].indexOf('=') + 1));
		assertEquals(21, a.x().length);
		for (int k = 0; k < a.x().length; k++) {
			double alpha = a.x()[k];
			assertEquals(0.3 * (Math.log(alpha * d) + (alpha - 1) * Math.log(400)) + 2, a.curves()[0][k], 0.1); // noise 0.05 / sqrt(4)
			assertEquals(-0.4 * (Math.log(alpha * d) + (1 - alpha) * Math.log(400)) - 1, a.curves()[1][k], 0.2);
		}
		LatentCurves.Curves g = LatentCurves.extract(l, LatentCurves.Along.LOG10_D);
		assertEquals(-5, g.x()[0], 1e-12);
		assertEquals(-2, g.x()[g.x().length - 1], 1e-12);
		// along log10 D at fixed alpha neuron 1 is a straight line of slope 0.3 ln 10
		double slope = (g.curves()[0][g.x().length - 1] - g.curves()[0][0]) / 3;
		assertEquals(0.3 * Math.log(10), slope, 0.1);
	}
}
