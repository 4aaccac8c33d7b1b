package org.latentj.io;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A bounded, thread-safe least-recently-used cache of chunks, so that frames can be read lazily
 * from a session of any length with bounded memory. Several threads asking for the same missing
 * chunk wait for one load instead of decoding it twice (crowd movies read frames from several
 * threads). The bytes kept (each chunk weighs what its weigher says) never exceed the budget,
 * except that the chunk most recently loaded is always kept, so a budget below one chunk works.
 *
 * @param <V> a chunk: byte[] or an object holding its bytes
 */
public final class ChunkCache<V> {

	/** Loads (reads and decodes) one chunk. */
	@FunctionalInterface
	public interface Loader<V> {
		V load(long key);
	}

	private final long maxBytes;
	private final Loader<V> loader;
	private final ToLongFunction<V> weigher;
	private final LinkedHashMap<Long, CompletableFuture<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
	private long bytes;
	private final AtomicLong loads = new AtomicLong();

	/** A cache of byte arrays, each weighing its length. */
	public static ChunkCache<byte[]> ofBytes(long maxBytes, Loader<byte[]> loader) {
		return new ChunkCache<>(maxBytes, loader, b -> b.length);
	}

	public ChunkCache(long maxBytes, Loader<V> loader, ToLongFunction<V> weigher) {
		if (maxBytes < 0) throw new IllegalArgumentException("cache budget must be >= 0");
		this.maxBytes = maxBytes;
		this.loader = loader;
		this.weigher = weigher;
	}

	/** The chunk with this key, loaded if absent. The caller must not modify it. */
	public V get(long key) {
		CompletableFuture<V> future;
		boolean mine = false;
		synchronized (this) {
			future = entries.get(key);
			if (future == null) {
				future = new CompletableFuture<>();
				entries.put(key, future);
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
				future.completeExceptionally(e);
				throw e;
			}
			loads.incrementAndGet();
			synchronized (this) {
				future.complete(chunk);
				bytes += weigher.applyAsLong(chunk);
				evict(key);
			}
			return chunk;
		}
		try {
			return future.join();
		} catch (CompletionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw e;
		}
	}

	/** Drops least recently used loaded chunks until the budget holds (never the one just loaded). */
	private void evict(long keep) {
		Iterator<Map.Entry<Long, CompletableFuture<V>>> it = entries.entrySet().iterator();
		while (bytes > maxBytes && it.hasNext()) {
			Map.Entry<Long, CompletableFuture<V>> e = it.next();
			if (e.getKey() == keep || !e.getValue().isDone()) continue;
			bytes -= weigher.applyAsLong(e.getValue().join());
			it.remove();
		}
	}

	/** Chunks loaded (decoded) since creation: a measure of work, and of laziness in tests. */
	public long loads() {
		return loads.get();
	}

	/** Bytes of decoded chunks held now. */
	public synchronized long cachedBytes() {
		return bytes;
	}

	public synchronized int cachedChunks() {
		int n = 0;
		for (CompletableFuture<V> f : entries.values())
			if (f.isDone()) n++;
		return n;
	}

	public long maxBytes() {
		return maxBytes;
	}
}
