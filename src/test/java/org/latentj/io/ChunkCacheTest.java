package org.latentj.io;

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
		ChunkCache<byte[]> cache = ChunkCache.ofBytes(300, key -> {
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

	@Test
	void aBudgetBelowOneChunkStillKeepsTheLastOne() {
		ChunkCache<byte[]> cache = ChunkCache.ofBytes(10, key -> new byte[100]);
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
		ChunkCache<byte[]> cache = ChunkCache.ofBytes(1000, key -> {
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
		ChunkCache<byte[]> cache = ChunkCache.ofBytes(1000, key -> {
			if (calls.incrementAndGet() == 1) throw new IllegalStateException("disk hiccup");
			return new byte[] { 1 };
		});
		assertThrows(IllegalStateException.class, () -> cache.get(3));
		assertEquals(1, cache.get(3)[0]);
		assertEquals(0 + 1, cache.loads());
	}
}
