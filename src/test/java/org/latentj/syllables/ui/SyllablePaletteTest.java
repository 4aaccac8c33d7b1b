package org.latentj.syllables.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SyllablePaletteTest {

	private static double distance(int a, int b) {
		double[] p = SyllablePalette.lab(a >> 16 & 255, a >> 8 & 255, a & 255);
		double[] q = SyllablePalette.lab(b >> 16 & 255, b >> 8 & 255, b & 255);
		return Math.sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
	}

	@Test
	void firstColorsAreFarApartAndFarFromBackgrounds() {
		// greedy farthest-point colors: the first 20 differ by more than 25 CIELAB units pairwise,
		// the first 60 by more than 12 (a just-noticeable difference is about 2.3)
		for (int n : new int[] { 20, 60 }) {
			double min = Double.MAX_VALUE;
			for (int i = 0; i < n; i++)
				for (int j = 0; j < i; j++) min = Math.min(min, distance(SyllablePalette.rgb(i), SyllablePalette.rgb(j)));
			assertTrue(min > (n == 20 ? 25 : 12), n + " colors, closest pair " + min);
		}
		for (int i = 0; i < SyllablePalette.SIZE; i++) {
			int c = SyllablePalette.rgb(i);
			double l = SyllablePalette.lab(c >> 16 & 255, c >> 8 & 255, c & 255)[0];
			assertTrue(l >= SyllablePalette.MIN_LIGHTNESS && l <= SyllablePalette.MAX_LIGHTNESS, "lightness of " + i);
			assertTrue(distance(c, 0x808080) > 8, "color " + i + " is too close to the unscored gray");
		}
	}

	@Test
	void allColorsAreDistinctAndIdsWrapAround() {
		Set<Integer> seen = new HashSet<>();
		for (int i = 0; i < SyllablePalette.SIZE; i++) seen.add(SyllablePalette.rgb(i));
		assertEquals(SyllablePalette.SIZE, seen.size());
		assertEquals(SyllablePalette.rgb(3), SyllablePalette.rgb(3 + SyllablePalette.SIZE));
		assertEquals(0x808080, SyllablePalette.rgb(-1));
		assertEquals(SyllablePalette.rgb(7), SyllablePalette.color(7).getRGB() & 0xffffff);
	}

	@Test
	void textColorContrastsWithTheSwatch() {
		for (int i = 0; i < 64; i++) {
			int c = SyllablePalette.rgb(i);
			double luma = 0.299 * (c >> 16 & 255) + 0.587 * (c >> 8 & 255) + 0.114 * (c & 255);
			int t = SyllablePalette.textColor(i).getRGB() & 0xffffff;
			assertEquals(luma > 140 ? 0 : 0xffffff, t);
		}
	}
}
