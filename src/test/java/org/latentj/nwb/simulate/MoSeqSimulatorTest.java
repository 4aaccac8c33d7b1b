package org.latentj.nwb.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentj.nwb.MoSeqLayout;
import org.latentj.nwb.MoSeqSessionData;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

class MoSeqSimulatorTest {

	private static SimulatedSession session;

	@BeforeAll
	static void simulate() {
		session = MoSeqSimulator.simulate(MoSeqSimulationSettings.of(6000, 6, 10, 2, 0.92, 11), "test", Progress.NONE);
	}

	private static double[] scalar(String name) {
		float[] f = session.data.scalars.get(name);
		double[] d = new double[f.length];
		for (int i = 0; i < f.length; i++)
			d[i] = f[i];
		return d;
	}

	@Test
	void sameSettingsSameSessionBitForBit() {
		MoSeqSimulationSettings s = MoSeqSimulationSettings.of(400, 4, 5, 3, 0.9, 7);
		MoSeqSessionData a = MoSeqSimulator.simulate(s, "x", Progress.NONE).data;
		MoSeqSessionData b = MoSeqSimulator.simulate(s, "x", Progress.NONE).data;
		assertArrayEquals(a.depth, b.depth);
		assertArrayEquals(a.masks, b.masks);
		assertArrayEquals(a.pcsRaw, b.pcsRaw);
		assertArrayEquals(a.pcsClean, b.pcsClean);
		assertArrayEquals(a.labelsRaw, b.labelsRaw);
		assertArrayEquals(a.timestamps, b.timestamps);
		for (String name : a.scalars.keySet())
			assertArrayEquals(a.scalars.get(name), b.scalars.get(name), name);
	}

	@Test
	void sessionsWithOtherSeedsShareTheSyllablesButNotTheSequence() {
		MoSeqSimulationSettings s1 = MoSeqSimulationSettings.of(400, 4, 5, 2, 0.9, 1);
		MoSeqSimulationSettings s2 = MoSeqSimulationSettings.of(400, 4, 5, 2, 0.9, 2);
		SimulatedSession a = MoSeqSimulator.simulate(s1, "a", Progress.NONE);
		SimulatedSession b = MoSeqSimulator.simulate(s2, "b", Progress.NONE);
		for (int k = 0; k < 4; k++) {
			assertArrayEquals(a.library.ar[k][0], b.library.ar[k][0]);
			assertArrayEquals(a.library.mean[k], b.library.mean[k]);
		}
		assertFalse(Arrays.equals(a.states, b.states));
		// another model seed: other syllables
		SyllableLibrary other = new SyllableLibrary(MoSeqSimulationSettings.of(400, 4, 5, 2, 0.9, 1, 2));
		assertNotEquals(a.library.mean[0][0], other.mean[0][0]);
	}

	@Test
	void labelsAreTheTrueStatesAndDroppedFramesAreMarked() {
		MoSeqSessionData d = session.data;
		assertArrayEquals(session.states, d.labelsClean);
		int dropped = session.droppedFrames.length;
		// 0.5 % of 6000 = 30; binomial sd about 5.5
		assertTrue(dropped >= 10 && dropped <= 55, "dropped " + dropped);
		boolean[] isDropped = new boolean[d.frames];
		for (int t : session.droppedFrames)
			isDropped[t] = true;
		for (int t = 0; t < d.frames; t++) {
			assertEquals(isDropped[t] ? MoSeqLayout.DROPPED_LABEL : d.labelsClean[t], d.labelsRaw[t]);
			for (int k = 0; k < d.pcs; k++) {
				float raw = d.pcsRaw[t * d.pcs + k], clean = d.pcsClean[t * d.pcs + k];
				assertTrue(isDropped[t] ? Float.isNaN(raw) : raw == clean);
				assertFalse(Float.isNaN(clean));
			}
		}
	}

	@Test
	void stickinessIsTheSelfTransitionRate() {
		int[] z = session.states;
		int stay = 0;
		for (int t = 1; t < z.length; t++)
			if (z[t] == z[t - 1]) stay++;
		// 5999 Bernoulli(0.92) draws: sd 0.0035
		assertEquals(0.92, stay / (double) (z.length - 1), 0.015);
		for (double[] row : session.library.transitions)
			assertEquals(1, Arrays.stream(row).sum(), 1e-12);
	}

	@Test
	void arDynamicsAreStableAndSettleOnEachSyllablesMean() {
		SyllableLibrary lib = session.library;
		int D = lib.pcs;
		for (int k = 0; k < lib.states; k++) {
			// A1 = rho Q with Q orthogonal: A1 A1^T = rho^2 I; with the other lags' bound this keeps the process stable
			double[] a = lib.ar[k][0];
			double rho2 = 0;
			for (int j = 0; j < D; j++)
				rho2 += a[j] * a[j];
			double bound = Math.sqrt(rho2);
			for (int i = 0; i < D; i++)
				for (int j = 0; j < D; j++) {
					double dot = 0;
					for (int m = 0; m < D; m++)
						dot += a[i * D + m] * a[j * D + m];
					assertEquals(i == j ? rho2 : 0, dot, 1e-9);
				}
			for (int l = 1; l < lib.lags; l++) {
				double max = 0;
				for (int d = 0; d < D; d++)
					max = Math.max(max, Math.abs(lib.ar[k][l][d * D + d]));
				bound += max;
			}
			assertTrue(bound < 0.96, "state " + k + " bound " + bound);
		}
		// within long runs, away from their start, the PCs average to the syllable's mean
		int[] z = session.states;
		float[] x = session.data.pcsClean;
		for (int k = 0; k < lib.states; k++) {
			double[] sum = new double[D];
			int n = 0;
			for (int t = 12; t < z.length; t++) {
				boolean settled = true;
				for (int s = t - 12; s <= t && settled; s++)
					settled = z[s] == k;
				if (!settled) continue;
				n++;
				for (int d = 0; d < D; d++)
					sum[d] += x[t * D + d];
			}
			if (n < 30) continue;
			for (int d = 0; d < D; d++)
				assertEquals(lib.mean[k][d], sum[d] / n, 0.35, "state " + k + " PC " + (d + 1) + " (" + n + " frames)");
		}
	}

	@Test
	void syllableMeansAreFarApartComparedWithTheNoise() {
		SyllableLibrary lib = session.library;
		for (int a = 0; a < lib.states; a++)
			for (int b = a + 1; b < lib.states; b++) {
				double s = 0;
				for (int d = 0; d < lib.pcs; d++)
					s += Math.pow(lib.mean[a][d] - lib.mean[b][d], 2);
				assertTrue(Math.sqrt(s) >= 1.5 * Math.sqrt(lib.pcs), "states " + a + " and " + b);
			}
	}

	@Test
	void scalarsRelateAsInTheSharedSessions() {
		double[] xPx = scalar("centroid_x_px"), yPx = scalar("centroid_y_px"), xMm = scalar("centroid_x_mm"),
				yMm = scalar("centroid_y_mm"), vPx = scalar("velocity_2d_px"), vMm = scalar("velocity_2d_mm"),
				angle = scalar("angle"), vTheta = scalar("velocity_theta"), areaPx = scalar("area_px"),
				areaMm = scalar("area_mm"), height = scalar("height_ave_mm");
		assertEquals(MoSeqLayout.SCALAR_UNITS.keySet(), session.data.scalars.keySet());
		MoSeqSessionData d = session.data;
		int n = d.width * d.height;
		for (int t = 0; t < d.frames; t++) {
			assertEquals((xPx[t] - 256) * 1.34, xMm[t], 1e-3);
			assertEquals((yPx[t] - 212) * 1.34, yMm[t], 1e-3);
			assertTrue(xPx[t] >= 60 && xPx[t] <= 452 && yPx[t] >= 60 && yPx[t] <= 364, "inside the arena at " + t);
			assertTrue(angle[t] > -Math.PI - 1e-6 && angle[t] <= Math.PI + 1e-6);
			if (t == 0) {
				assertEquals(0, vPx[t]);
				assertEquals(0, vTheta[t]);
			} else {
				assertEquals(Math.hypot(xPx[t] - xPx[t - 1], yPx[t] - yPx[t - 1]), vPx[t], 1e-3);
				assertEquals(vPx[t] * 1.34, vMm[t], 1e-3);
				assertEquals(MoSeqSimulator.wrap(angle[t] - angle[t - 1]), vTheta[t], 1e-5);
			}
			int mask = 0;
			long depth = 0;
			for (int i = 0; i < n; i++) {
				int v = d.depth[t * n + i] & 0xff;
				depth += v;
				assertEquals(v > DepthRenderer.MASK_THRESHOLD_MM ? 1 : 0, d.masks[t * n + i]);
				mask += d.masks[t * n + i];
			}
			assertEquals(mask, areaPx[t]);
			assertEquals(mask * 1.34 * 1.34, areaMm[t], 1e-2);
			assertEquals(depth / (double) n, height[t], 1e-5);
		}
		assertEquals(1 / 30.0, d.timestamps[1] - d.timestamps[0], 1e-12);
	}

	@Test
	void syllablesMoveAtTheirOwnSpeed() {
		double[] v = scalar("velocity_2d_px");
		SyllableLibrary lib = session.library;
		int[] z = session.states;
		for (int k = 0; k < lib.states; k++) {
			double sum = 0;
			int n = 0;
			for (int t = 6; t < z.length; t++)
				if (z[t] == k && z[t - 6] == k) { // speed has relaxed to the syllable's
					sum += v[t];
					n++;
				}
			assertEquals(lib.speed[k], sum / n, 0.25 + 0.1 * lib.speed[k], "state " + k);
		}
	}

	@Test
	void theRenderedMouseHasAMouseShape() {
		DepthRenderer r = new DepthRenderer(3);
		for (int k = 0; k < 3; k++) {
			double s = 0;
			for (float v : r.eigenImage(k))
				s += v * v;
			assertEquals(30, Math.sqrt(s), 1e-3);
		}
		byte[] depth = new byte[80 * 80], mask = new byte[80 * 80];
		r.render(new float[3], 0, null, depth, mask, 0);
		assertEquals(40, depth[40 * 80 + 40] & 0xff, 1);
		assertEquals(0, depth[0]);
		int width = 0, length = 0;
		for (int i = 0; i < 80; i++) {
			length += mask[40 * 80 + i];
			width += mask[i * 80 + 40];
		}
		assertTrue(length > 55 && length < 70, "length " + length);
		assertTrue(width > 24 && width < 34, "width " + width);
	}

	@Test
	void badSettingsNameTheKey() {
		assertTrue(assertThrows(BadInputException.class, () -> MoSeqSimulationSettings.of(5, 6, 10, 2, 0.9, 1))
				.getMessage().startsWith("frames"));
		assertTrue(assertThrows(BadInputException.class, () -> MoSeqSimulationSettings.of(100, 0, 10, 2, 0.9, 1))
				.getMessage().startsWith("states"));
		assertTrue(assertThrows(BadInputException.class, () -> MoSeqSimulationSettings.of(100, 3, 0, 2, 0.9, 1))
				.getMessage().startsWith("pcs"));
		assertTrue(assertThrows(BadInputException.class, () -> MoSeqSimulationSettings.of(100, 3, 4, 0, 0.9, 1))
				.getMessage().startsWith("lags"));
		assertTrue(assertThrows(BadInputException.class, () -> MoSeqSimulationSettings.of(100, 3, 4, 2, 1.0, 1))
				.getMessage().startsWith("stickiness"));
		assertTrue(assertThrows(BadInputException.class, () -> MoSeqSimulationSettings.of(100, 3, 4, 2, Double.NaN, 1))
				.getMessage().startsWith("stickiness"));
	}
}
