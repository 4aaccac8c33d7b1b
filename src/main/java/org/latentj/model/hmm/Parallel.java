package org.latentj.model.hmm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Runs independent pieces of HMM work (sessions, blocks of frames, the forward and the backward
 * pass) on all cores. Work is always cut into the same pieces whatever the number of threads, and
 * callers reduce partial results in piece order, so results are identical bit for bit on any machine
 * with the same JVM. Nested calls (blocks inside sessions) share one work-stealing pool.
 */
public final class Parallel {

	private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
			pool -> {
				ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
				t.setDaemon(true);
				t.setName("LatentJ-HMM-" + t.getPoolIndex());
				return t;
			}, null, false);

	private Parallel() {
	}

	/** Calls {@code body.accept(i)} for i in [0, n), possibly concurrently; returns when all are done. */
	public static void forEach(int n, IntConsumer body) {
		if (n <= 0) return;
		if (n == 1 || POOL.getParallelism() == 1) {
			for (int i = 0; i < n; i++) body.accept(i);
			return;
		}
		List<RecursiveAction> tasks = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			final int index = i;
			tasks.add(new RecursiveAction() {
				private static final long serialVersionUID = 1L;

				@Override
				protected void compute() {
					body.accept(index);
				}
			});
		}
		if (ForkJoinTask.getPool() == POOL) ForkJoinTask.invokeAll(tasks);
		else POOL.invoke(new RecursiveAction() {
			private static final long serialVersionUID = 1L;

			@Override
			protected void compute() {
				ForkJoinTask.invokeAll(tasks);
			}
		});
	}

	/** Runs two pieces of work, possibly at the same time. */
	public static void both(Runnable a, Runnable b) {
		forEach(2, i -> (i == 0 ? a : b).run());
	}

	/** Number of fixed-size blocks of {@code size} covering n items (the last may be shorter). */
	public static int blocks(int n, int size) {
		return (n + size - 1) / size;
	}
}
