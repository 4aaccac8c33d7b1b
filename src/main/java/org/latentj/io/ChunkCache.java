package org.latentj.io;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded, thread-safe least-recently-used cache of decoded chunks (byte arrays), so that frames
 * can be read lazily from a session of any length with bounded memory. Several threads asking for
 * the same missing chunk wait for one load instead of decoding it twice (crowd movies read frames
 * from several threads). The decoded bytes kept never exceed the budget, except that the chunk
 * most recently loaded is always kept, so a budget below one chunk still works.
 */
public final class ChunkCache {

	/** Loads (reads and decodes) one chunk. */
	@FunctionalInterface
	public interface Loader {
		byte[] load(long key);
	}

	private final long maxBytes;
	private final Loader loader;
	private final LinkedHashMap<Long, CompletableFuture<byte[]>> entries = new LinkedHashMap<>(16, 0.75f, true);
	private long bytes;
	private final AtomicLong loads = new AtomicLong();

	public ChunkCache(long maxBytes, Loader loader) {
		if (maxBytes < 0) throw new IllegalArgumentException("cache budget must be >= 0");
		this.maxBytes = maxBytes;
		this.loader = loader;
	}

	/** The chunk with this key, loaded if absent. The caller must not modify the returned array. */
	public byte[] get(long key) {
		CompletableFuture<byte[]> future;
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
			byte[] chunk;
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
				bytes += chunk.length;
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
		Iterator<Map.Entry<Long, CompletableFuture<byte[]>>> it = entries.entrySet().iterator();
		while (bytes > maxBytes && it.hasNext()) {
			Map.Entry<Long, CompletableFuture<byte[]>> e = it.next();
			if (e.getKey() == keep || !e.getValue().isDone()) continue;
			bytes -= e.getValue().join().length;
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
		for (CompletableFuture<byte[]> f : entries.values())
			if (f.isDone()) n++;
		return n;
	}

	public long maxBytes() {
		return maxBytes;
	}

	public synchronized void clear() {
		entries.entrySet().removeIf(e -> e.getValue().isDone());
		bytes = 0;
	}
}
