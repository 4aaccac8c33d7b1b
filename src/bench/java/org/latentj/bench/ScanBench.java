package org.latentj.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.latentj.hmm.ScanModels;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.ui.FitHmmCommand;
import org.latentj.ij1.CommandSpec;
import org.latentj.nwb.simulate.MoSeqSimulationSettings;
import org.latentj.nwb.simulate.MoSeqSimulator;
import org.latentj.nwb.simulate.SimulatedSession;
import org.latentj.util.Progress;

/**
 * Scan Models on simulated MoSeq sessions (issue 14's case: 36,000 frames in 3 sessions of 12,000, 10 true
 * syllables, 10 PCs, 2 lags; states 8,12,16,20 x stickiness 0.9-0.99:3 = 12 points, 3 restarts, Fit HMM's
 * other defaults): {@code mvn -B -q -o -Pbench test-compile exec:java -Dbench=ScanBench
 * -Dexec.args="FRAMES STATES STICKINESS RESTARTS [SPLIT_MERGE]"} (defaults 36000 8,12,16,20 0.9-0.99:3 3 true).
 * Prints wall and CPU time and the load average before and after (the machine may be shared).
 */
public final class ScanBench {

	public static void main(String[] args) {
		System.out.println(Machine.describe());
		int frames = args.length > 0 ? Integer.parseInt(args[0]) : 36_000;
		String states = args.length > 1 ? args[1] : "8,12,16,20";
		String stickiness = args.length > 2 ? args[2] : "0.9-0.99:3";
		int restarts = args.length > 3 ? Integer.parseInt(args[3]) : 3;
		boolean splitMerge = args.length <= 4 || Boolean.parseBoolean(args[4]);
		List<SessionData> sessions = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			SimulatedSession s = MoSeqSimulator.simulate(MoSeqSimulationSettings.of(frames / 3, 10, 10, 2, 0.92, 20 + i, 7),
					"bench" + i, Progress.NONE);
			double[] pcs = new double[s.data.pcsClean.length];
			for (int j = 0; j < pcs.length; j++) pcs[j] = s.data.pcsClean[j];
			sessions.add(new SessionData("bench" + i, pcs, s.data.pcs, s.data.timestamps));
		}
		Map<String, Object> fit = CommandSpec.of(FitHmmCommand.class).values(new FitHmmCommand(), "sessions", "output");
		fit.put("restarts", restarts);
		fit.put("split_merge", splitMerge);
		ScanModels.Settings settings = ScanModels.Settings.parse(List.of(), fit, states, "0", stickiness,
				ScanModels.FitChoice.NONE, null);
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
				.getOperatingSystemMXBean();
		double load0 = os.getSystemLoadAverage();
		long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
		ScanModels.Result r = ScanModels.scan(sessions, settings, Progress.NONE);
		double wall = (System.nanoTime() - t0) * 1e-9, cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
		System.out.printf("Scan Models, %d frames (3 sessions), states %s x stickiness %s = %d points x %d restarts,"
				+ " split_merge %s: %.1f s wall, %.1f s CPU, load average %.1f -> %.1f%n", frames, states, stickiness,
				r.points().size(), restarts, splitMerge, wall, cpu, load0, os.getSystemLoadAverage());
		for (ScanModels.Point p : r.points())
			System.out.printf("  K=%d stickiness=%.4f held-out %.4f +- %.4f, used %d, median run %.1f frames%s%n",
					p.settings().states(), p.settings().stickiness(), p.heldoutMean(), p.heldoutSd(), p.statesUsed(),
					p.medianDurationFrames(), p.recommended() ? "  <- recommended" : "");
		System.out.println(ScanModels.report(r));
	}
}
