package org.latentj.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {

	private final String saved = System.getProperty("latentj.threads");

	@AfterEach
	void restoreThreads() {
		if (saved == null) System.clearProperty("latentj.threads");
		else System.setProperty("latentj.threads", saved);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Three levels of nested calls: every item runs once, and never more threads than the budget work at once. */
	@Test
	void nestedCallsShareOneBudgetAndFinish() {
		System.setProperty("latentj.threads", "3");
		AtomicIntegerArray runs = new AtomicIntegerArray(6 * 6 * 6);
		AtomicInteger active = new AtomicInteger(), most = new AtomicInteger();
		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Parallel.forEach(6, a -> Parallel.forEach(6, b -> Parallel.forEach(6, c -> {
			most.accumulateAndGet(active.incrementAndGet(), Math::max);
			sleep(1);
			active.decrementAndGet();
			runs.incrementAndGet((a * 6 + b) * 6 + c);
		}))));
		for (int i = 0; i < runs.length(); i++) assertEquals(1, runs.get(i), "item " + i);
		assertTrue(most.get() <= 3, "at most 3 threads at once, saw " + most.get());
		assertTrue(most.get() >= 2, "helpers were used");
	}

	@Test
	void resultsDoNotDependOnTheThreadCount() {
		double[] reference = null;
		for (String threads : new String[] { "1", "2", "5" }) {
			System.setProperty("latentj.threads", threads);
			double[] out = new double[1000];
			Parallel.forEach(out.length, i -> out[i] = Math.sin(i) * new java.util.SplittableRandom(i).nextGaussian());
			if (reference == null) reference = out;
			else assertArrayEquals(reference, out, 0);
		}
		int[] both = new int[2];
		Parallel.both(() -> both[0] = 1, () -> both[1] = 2);
		assertArrayEquals(new int[] { 1, 2 }, both);
		assertEquals(3, Parallel.blocks(2049, 1024));
		assertEquals(0, Parallel.blocks(0, 1024));
	}

	/** An item that fails on a helper thread stops the hand-out: the caller does not work through the rest. */
	@Test
	void aFailureOnAHelperStopsFurtherItems() {
		System.setProperty("latentj.threads", "2");
		AtomicBoolean failed = new AtomicBoolean();
		AtomicInteger finished = new AtomicInteger();
		IllegalStateException boom = new IllegalStateException("boom");
		Thread caller = Thread.currentThread();
		IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.forEach(2000, i -> {
			if (Thread.currentThread() != caller && failed.compareAndSet(false, true)) throw boom;
			sleep(1);
			finished.incrementAndGet();
		}));
		assertSame(boom, thrown);
		assertTrue(failed.get());
		assertTrue(finished.get() < 100, finished.get() + " items ran after the failure");
	}

	@Test
	void cancellingStopsEarly() {
		System.setProperty("latentj.threads", "2");
		AtomicInteger started = new AtomicInteger();
		Progress cancelAfter10 = new Progress() {
			@Override
			public void update(double fraction, String message) {
			}

			@Override
			public boolean isCancelled() {
				return started.get() >= 10;
			}
		};
		assertThrows(CancelledException.class, () -> Parallel.forEach(1000, i -> started.incrementAndGet(), cancelAfter10, "items"));
		assertTrue(started.get() < 20, started.get() + " started");
	}
}
