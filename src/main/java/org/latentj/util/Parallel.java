package org.latentj.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent work items on all cores. Items are claimed one at a time, so results never
 * depend on the number of threads as long as each item writes only its own output (every caller
 * here seeds its randomness per item, never per thread). The calling thread works too; helper
 * threads come from a cached pool of daemon threads, so nothing is created per call once warm.
 */
public final class Parallel {

	private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "LatentJ worker");
		t.setDaemon(true);
		return t;
	});

	private Parallel() {
	}

	/**
	 * Threads to use: the system property {@code latentj.threads} when set (e.g. to share a cluster
	 * node), else the number of processors.
	 */
	public static int threads() {
		String p = System.getProperty("latentj.threads");
		if (p != null) {
			try {
				return Math.max(1, Integer.parseInt(p.trim()));
			} catch (NumberFormatException e) {
				// fall through to the processor count
			}
		}
		return Math.max(1, Runtime.getRuntime().availableProcessors());
	}

	/** {@link #forEach(int, IntConsumer, Progress, String)} without progress or cancellation. */
	public static void forEach(int n, IntConsumer body) {
		forEach(n, body, null, null);
	}

	/**
	 * Calls {@code body} for every index in [0, n), in parallel, and returns when all are done.
	 * With a progress, reports the fraction of items finished and stops early with
	 * {@link CancelledException} when it asks to cancel. Exceptions thrown by items are rethrown.
	 */
	public static void forEach(int n, IntConsumer body, Progress progress, String message) {
		int threads = Math.min(threads(), n);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		Runnable worker = () -> {
			int i;
			while ((i = next.getAndIncrement()) < n) {
				if (progress != null && progress.isCancelled()) {
					next.set(n);
					throw new CancelledException();
				}
				body.accept(i);
				int k = done.incrementAndGet();
				if (progress != null) progress.update(k / (double) n, message);
			}
		};
		if (threads <= 1) {
			worker.run();
			return;
		}
		Future<?>[] helpers = new Future<?>[threads - 1];
		for (int w = 0; w < helpers.length; w++) helpers[w] = POOL.submit(worker);
		RuntimeException first = null;
		try {
			worker.run();
		} catch (RuntimeException e) {
			next.set(n);
			first = e;
		}
		for (Future<?> f : helpers) {
			try {
				f.get();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				if (first == null) first = new CancelledException();
			} catch (ExecutionException e) {
				Throwable cause = e.getCause();
				if (first == null) first = cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
				if (cause instanceof Error) throw (Error) cause;
			}
		}
		if (first != null) throw first;
	}
}
