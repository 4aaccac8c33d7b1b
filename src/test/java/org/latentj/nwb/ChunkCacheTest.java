package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ChunkCacheTest {

	@Test
	void keepsRecentChunksWithinBudgetAndEvictsLeastRecentlyUsed() {
		AtomicInteger calls = new AtomicInteger();
		ChunkCache<byte[]> cache = ofBytes(300, key -> {
			calls.incrementAndGet();
			return new byte[] { (byte) key, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
		});
		// 100-byte chunks, 300-byte budget: three fit
		byte[] a = cache.get(1);
		cache.get(2);
		cache.get(3);
		assertEquals(3, calls.get());
		assertSame(a, cache.get(1), "a hit returns the cached chunk");
		cache.get(4); // evicts 2, the least recently used (1 was just used)
		assertEquals(300, cache.cachedBytes());
		assertEquals(3, cache.cachedChunks());
		cache.get(1);
		cache.get(3);
		assertEquals(4, calls.get(), "1 and 3 still cached");
		cache.get(2);
		assertEquals(5, calls.get(), "2 was evicted");
		assertEquals(5, cache.loads());
		assertTrue(cache.cachedBytes() <= cache.maxBytes());
	}

	/** A chunk whose holdings shrink is weighed again; evicted chunks are handed to the listener. */
	@Test
	void reweighingAndEvictionListener() {
		List<Long> evicted = new ArrayList<>();
		ChunkCache<long[]> cache = new ChunkCache<>(250, key -> new long[] { key, 100 }, c -> c[1], c -> evicted.add(c[0]));
		long[] a = cache.get(1);
		cache.get(2);
		assertEquals(200, cache.cachedBytes());
		a[1] = 40; // chunk 1 dropped some of what it held
		cache.reweigh(1);
		assertEquals(140, cache.cachedBytes());
		cache.reweigh(9); // not cached: nothing happens
		assertEquals(140, cache.cachedBytes());
		cache.get(3); // 240 fits
		assertEquals(List.of(), evicted);
		cache.get(4); // 340: evicts 2, the least recently used (1 was reweighed after it)
		assertEquals(List.of(2L), evicted);
		assertEquals(240, cache.cachedBytes());
		a[1] = 1000; // a chunk that grew beyond the budget evicts the others, never itself
		cache.reweigh(1);
		assertEquals(List.of(2L, 3L, 4L), evicted);
		assertEquals(1000, cache.cachedBytes());
		assertEquals(1, cache.cachedChunks());
	}

	@Test
	void aBudgetBelowOneChunkStillKeepsTheLastOne() {
		ChunkCache<byte[]> cache = ofBytes(10, key -> new byte[100]);
		cache.get(1);
		assertEquals(100, cache.cachedBytes());
		cache.get(2);
		assertEquals(100, cache.cachedBytes());
		assertEquals(1, cache.cachedChunks());
	}

	@Test
	void concurrentRequestsForOneChunkLoadItOnce() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		ChunkCache<byte[]> cache = ofBytes(1000, key -> {
			calls.incrementAndGet();
			try {
				release.await(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return new byte[] { 42 };
		});
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<byte[]>> results = new ArrayList<>();
			for (int i = 0; i < 6; i++)
				results.add(pool.submit(() -> cache.get(7)));
			Thread.sleep(100);
			release.countDown();
			for (Future<byte[]> f : results)
				assertEquals(42, f.get()[0]);
			assertEquals(1, calls.get());
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFailedLoadIsReportedAndRetriedNextTime() {
		AtomicInteger calls = new AtomicInteger();
		ChunkCache<byte[]> cache = ofBytes(1000, key -> {
			if (calls.incrementAndGet() == 1) throw new IllegalStateException("disk hiccup");
			return new byte[] { 1 };
		});
		assertThrows(IllegalStateException.class, () -> cache.get(3));
		assertEquals(1, cache.get(3)[0]);
		assertEquals(0 + 1, cache.loads());
	}

	/** A cache of byte arrays, each weighing its length. */
	private static ChunkCache<byte[]> ofBytes(long maxBytes, ChunkCache.Loader<byte[]> loader) {
		return new ChunkCache<>(maxBytes, loader, b -> b.length);
	}
}
