package org.latentj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link DecimalParser} must give exactly {@link Double#parseDouble}'s double, bit for bit. */
class DecimalParserTest {

	private static double parse(String s) {
		byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
		return DecimalParser.parse(b, 0, b.length);
	}

	private static void same(String s) {
		double expected = Double.parseDouble(s.trim());
		assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(parse(s)), s);
	}

	@Test
	void agreesWithTheJdkOnManyNumbers() {
		SplittableRandom r = new SplittableRandom(2024);
		for (int i = 0; i < 300_000; i++) {
			String s;
			switch (i % 6) {
			case 0 -> s = Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(-12, 12)));
			case 1 -> s = Double.toString(Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL));
			case 2 -> s = String.format("%." + r.nextInt(1, 19) + "e", r.nextDouble() * Math.pow(10, r.nextInt(-300, 300)));
			case 3 -> {
				StringBuilder b = new StringBuilder();
				int digits = r.nextInt(1, 20);
				for (int k = 0; k < digits; k++) b.append((char) ('0' + r.nextInt(10)));
				s = b.append('e').append(r.nextInt(-330, 310)).toString();
			}
			case 4 -> s = Float.toString(r.nextFloat() * 1000);
			default -> { // exactly half-way between two doubles: round-to-even territory
				double x = r.nextDouble() * Math.pow(2, r.nextInt(-60, 60));
				s = new BigDecimal(x).add(new BigDecimal(Math.ulp(x) / 2)).toString();
			}
			}
			same(s);
		}
	}

	@Test
	void spellings() {
		for (String s : new String[] { "0", "-0", "0.0", "1", "+1.5", "-2.5e-3", ".5", "5.", "1E5", "1e+05", "  0.25 ", "0.2\r",
				"123456789012345678", "1234567890123456789", "12345678901234567890", "0.000000000000000000001234", "4.9e-324",
				"2.2250738585072014E-308", "1.7976931348623157E308", "1e400", "9007199254740993", "0.1", "0.30000000000000004" })
			same(s);
		assertTrue(Double.isNaN(parse("NaN")));
		assertEquals(Double.NEGATIVE_INFINITY, parse("-Infinity"), 0);
		for (String bad : new String[] { "", "abc", "1,5", "1e", "--1", "1.2.3", "e5" })
			assertThrows(NumberFormatException.class, () -> parse(bad), bad);
	}
}
