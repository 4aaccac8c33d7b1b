package org.latentj.util;

/**
 * Checks, before big work, that the memory it needs is there, so that a run is refused in one
 * sentence at its start instead of failing with OutOfMemoryError after the work (or half-way
 * through writing). Estimates come from the sizes involved (frames x states, rows x columns).
 */
public final class Memory {

	/** How to give Java more memory, headless and in Fiji. */
	public static final String HOW = "give Java more memory: -Xmx (e.g. java -Xmx8g ...) headless, Edit>Options>Memory & Threads in Fiji";

	private Memory() {
	}

	/** The bytes this JVM can still allocate (maximum heap less what is in use). */
	public static long available() {
		Runtime r = Runtime.getRuntime();
		return r.maxMemory() - (r.totalMemory() - r.freeMemory());
	}

	/**
	 * Refuses when {@code bytes} exceed what Java can still allocate (after one garbage collection):
	 * "{what} needs about 2.3 GB of memory but Java has 0.2 GB free; give Java more memory: ...".
	 * Negative or overflowing estimates count as too large.
	 */
	public static void require(long bytes, String what) {
		if (bytes >= 0 && bytes <= available()) return;
		System.gc();
		long free = available();
		if (bytes >= 0 && bytes <= free) return;
		throw new BadInputException(what + " needs about " + (bytes < 0 ? "more than " + Texts.bytes(Long.MAX_VALUE) : Texts.bytes(bytes))
				+ " of memory but Java has " + Texts.bytes(free) + " free (of " + Texts.bytes(Runtime.getRuntime().maxMemory())
				+ "); " + HOW + ", or use a smaller input.");
	}

	/** The sum of the terms, with an unknown (-1) or overflowing term giving -1 (which {@link #require} refuses). */
	public static long plus(long... terms) {
		long sum = 0;
		for (long t : terms) {
			if (t < 0) return -1;
			sum += t;
			if (sum < 0) return -1;
		}
		return sum;
	}

	/** a x b x c... with overflow to -1 (which {@link #require} refuses). */
	public static long product(long... factors) {
		long p = 1;
		for (long f : factors) {
			if (f < 0) return -1;
			try {
				p = Math.multiplyExact(p, f);
			} catch (ArithmeticException e) {
				return -1;
			}
		}
		return p;
	}
}
