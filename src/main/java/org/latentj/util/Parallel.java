package org.latentj.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent work items on all cores: trajectories, blocks of frames, HMM sessions, the
 * forward and the backward pass. Results never depend on the number of threads as long as each
 * item writes only its own output and callers reduce partial results in item order (every caller
 * here seeds its randomness per item, never per thread, and cuts work into pieces whose size does
 * not depend on the thread count).
 * <p>
 * The calling thread works too; helpers come from a pool of daemon threads. All calls,
 * nested ones included (blocks of frames inside sessions), share one budget of {@link #threads()}
 * - 1 helpers: a call takes the helpers free at that moment, possibly none, and then does the rest
 * itself. Nobody ever waits for a helper to become free, so nested calls cannot deadlock, and the
 * number of busy threads stays at about {@link #threads()} however deep the nesting. A helper that
 * has not started when the caller runs out of items is called off, not waited for.
 * <p>
 * Not imglib2's {@code Parallelization}/{@code TaskExecutor} (7.1): its {@code forEach} submits every
 * item to an ExecutorService (invokeAll) and blocks until all are done, the executor being a
 * thread-local context (runWithNumThreads builds one per call); it has no budget shared by nested
 * calls (sessions x blocks of frames here), no calling off of helpers that have not started, and no
 * {@code latentj.threads} setting for shared cluster nodes. LatentJ used nothing else of imglib2,
 * so the dependency was dropped (Fiji ships imglib2 anyway).
 */
public final class Parallel {

	/**
	 * Where helpers run. A work-stealing pool rather than a cached thread pool: its idle workers
	 * look for work a moment before parking, so the short calls that follow one another (blocks of
	 * frames in every EM iteration) find a thread awake instead of starting a new one each time.
	 * Its size only caps the threads; the helper budget decides how many work.
	 */
	private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(256, Runtime.getRuntime().availableProcessors()), pool -> {
		ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
		t.setDaemon(true);
		t.setName("LatentJ worker " + t.getPoolIndex());
		return t;
	}, null, true);

	/** Helpers working or about to, over all calls. */
	private static final AtomicInteger BUSY_HELPERS = new AtomicInteger();
	private static final int PENDING = 0, RUNNING = 1, CALLED_OFF = 2;

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

	/** Number of fixed-size blocks of {@code size} covering n items (the last may be shorter). */
	public static int blocks(int n, int size) {
		return (n + size - 1) / size;
	}

	/** Runs two pieces of work, possibly at the same time; returns when both are done. */
	public static void both(Runnable a, Runnable b) {
		forEach(2, i -> (i == 0 ? a : b).run());
	}

	/** {@link #forEach(int, IntConsumer, Progress, String)} without progress or cancellation. */
	public static void forEach(int n, IntConsumer body) {
		forEach(n, body, null, null);
	}

	/**
	 * Calls {@code body} for every index in [0, n), in parallel, and returns when all are done.
	 * With a progress, reports the fraction of items finished and stops early with
	 * {@link CancelledException} when it asks to cancel. When an item throws, no further items are
	 * started (items already running finish) and the exception is rethrown here.
	 */
	public static void forEach(int n, IntConsumer body, Progress progress, String message) {
		if (n <= 0) return;
		AtomicInteger next = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		Runnable worker = () -> {
			int i;
			while ((i = next.getAndIncrement()) < n) {
				try {
					if (progress != null && progress.isCancelled()) throw new CancelledException();
					body.accept(i);
				} catch (RuntimeException | Error e) {
					next.set(n); // hand out nothing more
					throw e;
				}
				int k = done.incrementAndGet();
				if (progress != null) progress.update(k / (double) n, message);
			}
		};
		int helpers = reserveHelpers(Math.min(threads(), n) - 1);
		if (helpers == 0) {
			worker.run();
			return;
		}
		// A helper that has not started by the time the caller runs out of items is called off
		// rather than waited for: waking a thread on a busy machine can take longer than the work.
		AtomicInteger[] state = new AtomicInteger[helpers]; // PENDING -> RUNNING (helper) or CALLED_OFF (caller)
		Future<?>[] running = new Future<?>[helpers];
		// Kept here, not passed through the Future: the pool would rethrow a copy of each exception.
		Throwable[] failures = new Throwable[helpers];
		for (int w = 0; w < helpers; w++) {
			AtomicInteger st = state[w] = new AtomicInteger(PENDING);
			int helper = w;
			try {
				running[w] = POOL.submit(() -> {
					if (!st.compareAndSet(PENDING, RUNNING)) return; // called off; the caller gave its place back
					try {
						worker.run();
					} catch (Throwable e) {
						failures[helper] = e;
					} finally {
						BUSY_HELPERS.decrementAndGet();
					}
				});
			} catch (RuntimeException e) { // the pool refused: give back this place and those not yet submitted
				BUSY_HELPERS.addAndGet(-(helpers - w));
				helpers = w;
				break;
			}
		}
		Throwable first = null;
		try {
			worker.run();
		} catch (RuntimeException | Error e) {
			first = e;
		}
		for (int w = 0; w < helpers; w++)
			if (state[w].compareAndSet(PENDING, CALLED_OFF)) {
				BUSY_HELPERS.decrementAndGet();
				running[w] = null;
			}
		boolean interrupted = false;
		for (int w = 0; w < helpers; w++) {
			while (running[w] != null) { // wait for every helper that started, so that none writes after this returns
				try {
					running[w].get();
					if (first == null) first = failures[w];
					break;
				} catch (InterruptedException e) {
					interrupted = true;
					next.set(n);
				} catch (ExecutionException e) { // not thrown: helpers keep their exceptions
					if (first == null) first = e.getCause();
					break;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
			if (first == null) first = new CancelledException();
		}
		if (first instanceof RuntimeException r) throw r;
		if (first instanceof Error e) throw e;
		if (first != null) throw new IllegalStateException(first);
	}

	/** Takes up to {@code wanted} helpers from the shared budget without waiting; returns how many. */
	private static int reserveHelpers(int wanted) {
		int limit = threads() - 1;
		while (true) {
			int busy = BUSY_HELPERS.get();
			int take = Math.min(wanted, limit - busy);
			if (take <= 0) return 0;
			if (BUSY_HELPERS.compareAndSet(busy, busy + take)) return take;
		}
	}
}
