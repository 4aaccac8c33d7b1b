package org.latentj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link DecimalFormatter}'s text must read back to the very same double. */
class DecimalFormatterTest {

	private static String format(double v) {
		DecimalFormatter.Bytes b = new DecimalFormatter.Bytes(8);
		DecimalFormatter.append(b, v);
		return new String(b.data, 0, b.size, StandardCharsets.ISO_8859_1);
	}

	private static void roundTrip(double v) {
		String s = format(v);
		assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(s)), v + " written as " + s);
	}

	@Test
	void everyDoubleReadsBackExactly() {
		SplittableRandom r = new SplittableRandom(77);
		for (int i = 0; i < 400_000; i++) {
			double v = switch (i % 4) {
			case 0 -> r.nextGaussian() * Math.pow(10, r.nextInt(-8, 3));
			case 1 -> Double.longBitsToDouble(r.nextLong());
			case 2 -> r.nextDouble();
			default -> (r.nextInt(2000) - 1000) / 8.0;
			};
			if (!Double.isNaN(v)) roundTrip(v);
		}
		for (double v : new double[] { 0.0, -0.0, 1, -1, 0.1, 0.2, 1e7, 9999999.999999998, 1e-3, 9.99e-4, 1e22, 1e23, Double.MAX_VALUE,
				Double.MIN_NORMAL, Double.MIN_VALUE, 1e-310, Double.POSITIVE_INFINITY, Math.PI * 1e-200, Math.E * 1e250 })
			roundTrip(v);
	}

	@Test
	void notationLikeDoubleToString() {
		assertEquals("1.0", format(1));
		assertEquals("123.456", format(123.456));
		assertEquals("-0.001", format(-0.001));
		assertEquals("0.00123", format(0.00123));
		assertEquals("1.0E7", format(1e7));
		assertEquals("1.0E-300", format(1e-300));
		assertEquals("-2.4999999999999999E-7", format(-2.5e-7)); // 17 digits, not always the shortest
		assertEquals("0.0", format(0));
		assertEquals("NaN", format(Double.NaN));
	}
}
