package org.latentj.nwb;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * A bounded, thread-safe least-recently-used cache of chunks, so that frames can be read lazily
 * from a session of any length with bounded memory. Several threads asking for the same missing
 * chunk wait for one load instead of decoding it twice (crowd movies read frames from several
 * threads). The bytes kept (each chunk weighs what its weigher says when it is loaded, or when
 * {@link #reweigh} is called after it changed) never exceed the budget, except that the chunk most
 * recently loaded is always kept, so a budget below one chunk works. Evicted chunks are handed to
 * an optional listener, to free what they hold beyond the Java heap.
 *
 * @param <V> a chunk: byte[] or an object holding its bytes
 */
public final class ChunkCache<V> {

	/** Loads (reads and decodes) one chunk. */
	@FunctionalInterface
	public interface Loader<V> {
		V load(long key);
	}

	private static final class Entry<V> {
		final CompletableFuture<V> future = new CompletableFuture<>();
		long weight; // what the chunk counted for in bytes, once loaded
	}

	private final long maxBytes;
	private final Loader<V> loader;
	private final ToLongFunction<V> weigher;
	private final Consumer<V> onEvict;
	private final LinkedHashMap<Long, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
	private long bytes;
	private final AtomicLong loads = new AtomicLong();

	public ChunkCache(long maxBytes, Loader<V> loader, ToLongFunction<V> weigher) {
		this(maxBytes, loader, weigher, v -> { });
	}

	/** @param onEvict called with each chunk dropped from the cache (under the cache's lock: keep it short) */
	public ChunkCache(long maxBytes, Loader<V> loader, ToLongFunction<V> weigher, Consumer<V> onEvict) {
		if (maxBytes < 0) throw new IllegalArgumentException("cache budget must be >= 0");
		this.maxBytes = maxBytes;
		this.loader = loader;
		this.weigher = weigher;
		this.onEvict = onEvict;
	}

	/** The chunk with this key, loaded if absent. The caller must not modify it. */
	public V get(long key) {
		Entry<V> entry;
		boolean mine = false;
		synchronized (this) {
			entry = entries.get(key);
			if (entry == null) {
				entry = new Entry<>();
				entries.put(key, entry);
				mine = true;
			}
		}
		if (mine) {
			V chunk;
			try {
				chunk = loader.load(key);
			} catch (RuntimeException | Error e) {
				synchronized (this) {
					entries.remove(key);
				}
				entry.future.completeExceptionally(e);
				throw e;
			}
			loads.incrementAndGet();
			synchronized (this) {
				entry.weight = weigher.applyAsLong(chunk);
				bytes += entry.weight;
				entry.future.complete(chunk);
				evict(key);
			}
			return chunk;
		}
		try {
			return entry.future.join();
		} catch (CompletionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw e;
		}
	}

	/** True when the chunk with this key is cached or being loaded; unlike {@link #get}, no use is recorded. */
	public synchronized boolean contains(long key) {
		return entries.containsKey(key); // containsKey leaves the access order as it is
	}

	/**
	 * Weighs the chunk with this key again, when what it holds has changed (a compressed chunk that
	 * dropped its compressed bytes once inflated). Nothing happens when it is not cached.
	 */
	public synchronized void reweigh(long key) {
		Entry<V> e = entries.get(key);
		if (e == null || !e.future.isDone()) return;
		long w = weigher.applyAsLong(e.future.join());
		bytes += w - e.weight;
		e.weight = w;
		evict(key);
	}

	/** Drops least recently used loaded chunks until the budget holds (never the one just loaded). */
	private void evict(long keep) {
		Iterator<Map.Entry<Long, Entry<V>>> it = entries.entrySet().iterator();
		while (bytes > maxBytes && it.hasNext()) {
			Map.Entry<Long, Entry<V>> e = it.next();
			if (e.getKey() == keep || !e.getValue().future.isDone()) continue;
			bytes -= e.getValue().weight;
			it.remove();
			onEvict.accept(e.getValue().future.join());
		}
	}

	/** Chunks loaded (decoded) since creation: a measure of work, and of laziness in tests. */
	public long loads() {
		return loads.get();
	}

	/** Bytes held now: the sum of the cached chunks' weights. */
	public synchronized long cachedBytes() {
		return bytes;
	}

	synchronized int cachedChunks() { // for ChunkCacheTest
		int n = 0;
		for (Entry<V> e : entries.values())
			if (e.future.isDone()) n++;
		return n;
	}

	public long maxBytes() {
		return maxBytes;
	}
}
