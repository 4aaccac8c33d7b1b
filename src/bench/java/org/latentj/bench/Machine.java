package org.latentj.bench;

import java.time.LocalDate;

/** The line every benchmark prints first: date, cores, JVM, so figures can be compared honestly. */
public final class Machine {
	private Machine() {
	}

	public static String describe() {
		// jhdf logs through slf4j, which warns on stderr when no binding is present (as Headless does)
		System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
		System.setProperty("slf4j.internal.verbosity", "WARN");
		Runtime rt = Runtime.getRuntime();
		return String.format("%s, %d cores, max heap %.1f GiB, %s %s, %s", LocalDate.now(), rt.availableProcessors(),
				rt.maxMemory() / (1024.0 * 1024 * 1024), System.getProperty("java.vm.name"),
				System.getProperty("java.version"), System.getProperty("os.arch"));
	}

	/** Median of repeated timings in seconds: warm-up runs first, then {@code reps} timed runs. */
	public static double medianSeconds(int warmups, int reps, Runnable work) {
		return medianAndBestSeconds(warmups, reps, work)[0];
	}

	/**
	 * {median, best} of repeated timings in seconds: warm-up runs first, then {@code reps} timed runs.
	 * On a shared machine the best shows what the code can do.
	 */
	public static double[] medianAndBestSeconds(int warmups, int reps, Runnable work) {
		return medianAndBest(warmups, reps, work, System::nanoTime);
	}

	/**
	 * {median, best} of the calling thread's CPU time in seconds: on a machine shared with other builds the wall
	 * time of a millisecond kernel is mostly the wait for a core.
	 */
	public static double[] medianAndBestCpuSeconds(int warmups, int reps, Runnable work) {
		java.lang.management.ThreadMXBean tm = java.lang.management.ManagementFactory.getThreadMXBean();
		return medianAndBest(warmups, reps, work, tm::getCurrentThreadCpuTime);
	}

	private static double[] medianAndBest(int warmups, int reps, Runnable work, java.util.function.LongSupplier nanos) {
		for (int i = 0; i < warmups; i++) work.run();
		double[] t = new double[reps];
		for (int i = 0; i < reps; i++) {
			long start = nanos.getAsLong();
			work.run();
			t[i] = (nanos.getAsLong() - start) * 1e-9;
		}
		return new double[] { org.latentj.util.Median.of(t), java.util.Arrays.stream(t).min().orElseThrow() };
	}
}
