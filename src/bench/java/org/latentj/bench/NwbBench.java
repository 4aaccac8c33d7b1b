package org.latentj.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.latentj.nwb.ReaderCounters;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.MoSeqNwbWriter;
import org.latentj.nwb.simulate.MoSeqSimulationSettings;
import org.latentj.nwb.simulate.MoSeqSimulator;
import org.latentj.nwb.simulate.SimulatedSession;
import org.latentj.util.Progress;

/**
 * MoSeq NWB reading and writing: time to open a session, to read a random frame (chunk decoded or
 * cached), sequential read throughput (gzip-chunked and contiguous), memory on a 36,000-frame
 * session, and simulate/write throughput. Run: mvn -B -q -Pbench test-compile exec:java -Dbench=NwbBench
 * (uses ../shared/data/moseq when present; writes a temporary 36,000-frame session).
 */
public final class NwbBench {

	public static void main(String[] args) throws Exception {
		System.out.println(Machine.describe());
		Path shared = Path.of(System.getProperty("user.dir")).resolve("../shared/data/moseq").normalize();
		if (args.length > 0 && args[0].equals("read-all")) { // read-all [REPS]: beside src/bench/python/h5py_read_frames.py, and zlib's floor
			int reps = args.length > 1 ? Integer.parseInt(args[1]) : 21;
			for (String name : new String[] { "session_a.nwb", "session_c.nwb" })
				readAll(shared.resolve(name), reps);
			for (String name : new String[] { "session_a.nwb", "session_c.nwb" })
				zlibFloor(shared.resolve(name), reps);
			return;
		}
		Path tmp = Files.createTempDirectory("nwbbench");
		try {
			// a long session (20 min at 30 fps) written by LatentJ: chunked + deflate like the shared ones
			long t0 = System.nanoTime();
			SimulatedSession sim = MoSeqSimulator.simulate(MoSeqSimulationSettings.of(36_000, 6, 10, 2, 0.92, 7), "long",
					Progress.NONE);
			double simS = (System.nanoTime() - t0) * 1e-9;
			Path longFile = tmp.resolve("long_36000.nwb");
			t0 = System.nanoTime();
			MoSeqNwbWriter.write(longFile, sim.data);
			double writeS = (System.nanoTime() - t0) * 1e-9;
			sim = null;
			System.out.printf("simulate 36,000 frames: %.2f s (%.0f frames/s); write: %.2f s (%.0f frames/s), file %.1f MB%n",
					simS, 36000 / simS, writeS, 36000 / writeS, Files.size(longFile) / 1e6);

			for (Path f : new Path[] { shared.resolve("session_a.nwb"), shared.resolve("session_b.nwb"), longFile }) {
				if (!Files.exists(f)) {
					System.out.println("(skipped, absent: " + f + ")");
					continue;
				}
				report(f);
			}
			concurrency(longFile);
			memory(longFile);
		} finally {
			try (var s = Files.walk(tmp)) {
				s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	private static void report(Path f) {
		System.out.println();
		MoSeqNwb first;
		long t0 = System.nanoTime();
		first = MoSeqNwb.open(f);
		double firstOpen = (System.nanoTime() - t0) * 1e-9;
		String kind = first.framesChunked()
				? "chunked " + java.util.Arrays.toString(first.frameChunkDimensions()) + " gzip"
				: "contiguous";
		int T = first.frameCount();
		first.close();
		System.out.printf("%s: %d frames, %s, %.1f MB%n", f.getFileName(), T, kind, f.toFile().length() / 1e6);
		double open = Machine.medianSeconds(3, 15, () -> MoSeqNwb.open(f).close());
		System.out.printf("  open (validate layout, read timestamps): first %.1f ms (class loading), then %.2f ms  [target < 50 ms]%n",
				firstOpen * 1e3, open * 1e3);

		Random rnd = new Random(1);
		byte[] frame = new byte[80 * 80];
		// random frames, chunk never cached (budget of 1 byte keeps only the last chunk)
		try (MoSeqNwb nwb = MoSeqNwb.open(f, 1)) {
			double cold = Machine.medianSeconds(5, 201, () -> nwb.readFrame(rnd.nextInt(T), frame, 0));
			System.out.printf(nwb.framesChunked() ? "  random frame, its chunk inflated up to it: %.3f ms  [target < 5 ms]%n"
					: "  random frame, one positional read: %.3f ms  [target < 5 ms]%n", cold * 1e3);
		}
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			for (int t = 0; t < Math.min(T, 9000); t++)
				nwb.readFrame(t, frame, 0); // warm the cache (64 MiB = 10,000 frames)
			double warm = Machine.medianSeconds(100, 1001, () -> nwb.readFrame(rnd.nextInt(Math.min(T, 9000)), frame, 0));
			System.out.printf("  random frame, chunk cached: %.2f us%n", warm * 1e6);
		}
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			byte[] all = new byte[1000 * 6400];
			t0 = System.nanoTime();
			for (int s = 0; s < T; s += 1000) {
				int n = Math.min(1000, T - s);
				nwb.readFrames(s, n, all, 0);
			}
			double seq = (System.nanoTime() - t0) * 1e-9;
			System.out.printf("  sequential read of all frames: %.3f s, %.0f frames/s, %.0f MB/s of pixels  [target > 10,000 frames/s]%n",
					seq, T / seq, T * 6400 / seq / 1e6);
		}
	}

	/**
	 * Every frame of a session, as h5py's {@code f[frames][:]} does: open, read all frames into one
	 * array, close, timed whole (the cache starts empty each time). Wall time (median and best) and
	 * CPU time of the whole process (all threads: JIT and GC included) and of the reading thread.
	 */
	static void readAll(Path f, int reps) {
		if (!Files.exists(f)) {
			System.out.println("(skipped, absent: " + f + ")");
			return;
		}
		var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		var threads = java.lang.management.ManagementFactory.getThreadMXBean();
		int frames, frameBytes;
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			frames = nwb.frameCount();
			frameBytes = nwb.width() * nwb.height();
		}
		byte[] all = new byte[Math.multiplyExact(frames, frameBytes)];
		Runnable once = () -> {
			try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
				nwb.readFrames(0, frames, all, 0);
			}
		};
		for (int i = 0; i < 10; i++) once.run(); // warm-up: JIT
		double[] wall = new double[reps];
		long cpu0 = os.getProcessCpuTime(), thread0 = threads.getCurrentThreadCpuTime();
		double load0 = os.getSystemLoadAverage();
		for (int i = 0; i < reps; i++) {
			long t0 = System.nanoTime();
			once.run();
			wall[i] = (System.nanoTime() - t0) * 1e-9;
		}
		double cpu = (os.getProcessCpuTime() - cpu0) * 1e-9 / reps, thread = (threads.getCurrentThreadCpuTime() - thread0) * 1e-9 / reps;
		java.util.Arrays.sort(wall);
		System.out.printf("%s, all %d frames (open + read + close), %d runs: median %.4f s, best %.4f s wall; CPU %.4f s a run "
				+ "(reading thread %.4f s); load %.1f -> %.1f%n", f.getFileName(), frames, reps, wall[reps / 2], wall[0], cpu, thread,
				load0, os.getSystemLoadAverage());
	}

	/**
	 * The floor under {@link #readAll}: jhdf's raw chunk buffers, each inflated by the JDK's zlib in one
	 * call into one array (no open, no checks, no cache); CPU time of this thread, median of reps.
	 */
	static void zlibFloor(Path f, int reps) throws java.util.zip.DataFormatException {
		if (!Files.exists(f)) return;
		var threads = java.lang.management.ManagementFactory.getThreadMXBean();
		try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(f)) {
			var d = (io.jhdf.api.dataset.ChunkedDataset) h.getDatasetByPath("/processing/MoSeq/Images/frames/data");
			int[] dims = d.getDimensions();
			int ct = d.getChunkDimensions()[0], frameBytes = dims[1] * dims[2];
			byte[] all = new byte[dims[0] * frameBytes];
			java.util.zip.Inflater z = new java.util.zip.Inflater();
			double[] cpu = new double[reps];
			for (int r = -10; r < reps; r++) {
				long c0 = threads.getCurrentThreadCpuTime();
				for (int t0 = 0; t0 < dims[0]; t0 += ct) {
					z.reset();
					z.setInput(d.getRawChunkBuffer(new int[] { t0, 0, 0 }));
					int off = t0 * frameBytes, len = Math.min(ct, dims[0] - t0) * frameBytes;
					for (int done = 0; done < len;) {
						int n = z.inflate(all, off + done, len - done);
						done += n;
						if (n == 0 && (z.finished() || z.needsInput() || z.needsDictionary()))
							throw new java.util.zip.DataFormatException("the chunk at frame " + t0 + " ends after " + done + " of " + len + " bytes");
					}
				}
				if (r >= 0) cpu[r] = (threads.getCurrentThreadCpuTime() - c0) * 1e-9;
			}
			z.end();
			java.util.Arrays.sort(cpu);
			System.out.printf("%s, zlib floor (jhdf's raw chunk buffers, one Inflater call a chunk): median %.4f s, best %.4f s CPU%n",
					f.getFileName(), cpu[reps / 2], cpu[0]);
		}
	}

	private static void concurrency(Path f) throws Exception {
		System.out.println();
		int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
		try (MoSeqNwb nwb = MoSeqNwb.open(f, 8L * 640_000)) { // 8 chunks: a crowd movie's working set
			int T = nwb.frameCount();
			for (int w : new int[] { 1, threads }) {
				ExecutorService pool = Executors.newFixedThreadPool(w);
				int perThread = 4000 / w;
				long t0 = System.nanoTime();
				Future<?>[] jobs = new Future<?>[w];
				for (int i = 0; i < w; i++) {
					int seed = i;
					jobs[i] = pool.submit(() -> {
						Random rnd = new Random(seed);
						byte[] frame = new byte[6400];
						// crowd-movie pattern: short runs of consecutive frames at random places
						for (int k = 0; k < perThread / 20; k++) {
							int start = rnd.nextInt(T - 20);
							for (int j = 0; j < 20; j++)
								nwb.readFrame(start + j, frame, 0);
						}
					});
				}
				for (Future<?> j : jobs)
					j.get();
				double s = (System.nanoTime() - t0) * 1e-9;
				pool.shutdown();
				System.out.printf("%d thread(s), 20-frame runs at random places (crowd movie), cache 8 chunks: %.0f frames/s%n",
						w, perThread * w / s);
			}
			System.out.printf("chunks decoded: %d, cache now %.1f MB (budget %.1f MB)%n", ReaderCounters.frameChunkLoads(nwb),
					ReaderCounters.frameCacheBytes(nwb) / 1e6, 8 * 0.64);
		}
	}

	private static void memory(Path f) {
		System.out.println();
		Runtime rt = Runtime.getRuntime();
		System.gc();
		long before = rt.totalMemory() - rt.freeMemory();
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			System.gc();
			long opened = rt.totalMemory() - rt.freeMemory();
			byte[] frame = new byte[6400];
			long maxCache = 0;
			for (int t = 0; t < nwb.frameCount(); t++) {
				nwb.readFrame(t, frame, 0);
				maxCache = Math.max(maxCache, ReaderCounters.frameCacheBytes(nwb));
			}
			System.gc();
			long after = rt.totalMemory() - rt.freeMemory();
			System.out.printf("36,000-frame session (%.0f MB of pixels): heap after open +%.1f MB; after reading every frame +%.1f MB; "
					+ "cache peak %.1f MB (budget %.1f MB)%n", nwb.frameCount() * 6400 / 1e6, (opened - before) / 1e6,
					(after - before) / 1e6, maxCache / 1e6, MoSeqNwb.DEFAULT_CACHE_BYTES / 1e6);
		}
	}
}
