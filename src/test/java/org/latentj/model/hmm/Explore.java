package org.latentj.model.hmm;

import java.util.ArrayList;
import java.util.List;

import org.latentj.testing.MoSeqSessions;
import org.latentj.util.Progress;

/** Scratch experiment (not a test). */
public class Explore {
	public static void main(String[] args) {
		List<SessionData> sessions = new ArrayList<>();
		List<int[]> truth = new ArrayList<>();
		for (String n : MoSeqSessions.NAMES) {
			sessions.add(MoSeqSessions.session(n));
			truth.add(MoSeqSessions.labels(n));
		}
		String mode = args.length > 0 ? args[0] : "joint";
		for (long seed = Long.getLong("seed0", 0); seed < Long.getLong("seed1", 5); seed++) {
			FitSettings s = new FitSettings();
			s.states = 6;
			s.seed = seed;
			s.restarts = 1;
			s.splitMerge = false;
			for (int a = 1; a + 1 < args.length; a += 2) set(s, args[a], args[a + 1]);
			if (mode.equals("joint")) {
				FitResult r = HmmFitter.fit(sessions, s, Progress.NONE);
				StringBuilder sb = new StringBuilder();
				for (int i = 0; i < sessions.size(); i++)
					sb.append(String.format(" %.3f", Metrics.adjustedRandIndex(r.decodings.get(i).labels, truth.get(i))));
				System.out.printf("seed %d: LL %.5f test %.5f iters %d ARI%s (%.1fs)%n", seed, r.finalTrainLogLik(),
						r.finalTestLogLik(), r.trainHistory.size(), sb, r.seconds);
			} else {
				for (int i = 0; i < sessions.size(); i++) {
					if (System.getProperty("only") != null && !sessions.get(i).name.equals(System.getProperty("only"))) continue;
					FitResult r = HmmFitter.fit(List.of(sessions.get(i)), s, Progress.NONE);
					System.out.printf("seed %d %s: LL %.5f iters %d ARI %.3f (%.1fs)%n", seed, sessions.get(i).name,
							r.finalTrainLogLik(), r.trainHistory.size(),
							Metrics.adjustedRandIndex(r.decodings.get(0).labels, truth.get(i)), r.seconds);
					if (System.getProperty("table") != null) table(r.decodings.get(0).labels, truth.get(i));
				}
			}
		}
	}

	static void table(int[] a, int[] b) {
		int[][] c = new int[10][10];
		for (int i = 0; i < a.length; i++) if (a[i] >= 0) c[a[i]][b[i]]++;
		for (int i = 0; i < 6; i++) {
			StringBuilder sb = new StringBuilder("   ");
			for (int j = 0; j < 6; j++) sb.append(String.format("%6d", c[i][j]));
			System.out.println(sb);
		}
	}

	static void set(FitSettings s, String key, String v) {
		switch (key) {
		case "init": s.init = v; break;
		case "transitions": s.transitions = v; break;
		case "kappa": s.kappa = Double.parseDouble(v); break;
		case "restarts": s.restarts = Integer.parseInt(v); break;
		case "iterations": s.iterations = Integer.parseInt(v); break;
		case "splitMerge": s.splitMerge = Boolean.parseBoolean(v); break;
		case "train": s.trainFraction = Double.parseDouble(v); break;
		case "standardize": s.standardize = v; break;
		case "stickiness": s.stickiness = Double.parseDouble(v); break;
		case "tolerance": s.tolerance = Double.parseDouble(v); break;
		default: throw new IllegalArgumentException(key);
		}
	}
}
