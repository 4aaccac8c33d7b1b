package org.latentj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Memory estimates: an unknown or overflowing term stays unknown through sums and products, and is refused. */
class MemoryArithmeticTest {

	@Test
	void unknownTermsStayUnknown() {
		assertEquals(7, Memory.plus(3, 4));
		assertEquals(-1, Memory.plus(-1, 4)); // one sequence's estimate overflowed: the total must not hide it
		assertEquals(-1, Memory.plus(4, -1));
		assertEquals(-1, Memory.plus(Long.MAX_VALUE, 1));
		assertEquals(Long.MAX_VALUE, Memory.plus(Long.MAX_VALUE - 1, 1));
		assertEquals(24, Memory.product(2, 3, 4));
		assertEquals(-1, Memory.product(1L << 40, 1L << 30));
		assertEquals(-1, Memory.product(5, -1));
	}

	@Test
	void anUnknownEstimateIsRefusedInOneSentence() {
		BadInputException e = assertThrows(BadInputException.class, () -> Memory.require(Memory.plus(100, -1), "SLDS inference on 2 session(s)"));
		assertTrue(e.getMessage().startsWith("SLDS inference on 2 session(s) needs about more than "), e.getMessage());
		Memory.require(Memory.plus(1000, 24), "a small thing"); // fits: no exception
	}
}
