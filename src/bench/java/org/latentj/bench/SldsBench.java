package org.latentj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.latentj.hmm.InitialDistribution;
import org.latentj.hmm.Metrics;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.Transitions;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.slds.LdsSmoother;
import org.latentj.slds.SldsFiles;
import org.latentj.slds.SldsFitter;
import org.latentj.slds.SldsParameters;
import org.latentj.slds.SldsResult;
import org.latentj.slds.SldsSettings;
import org.latentj.slds.StructuredMeanField;
import org.latentj.util.Progress;

/**
 * Fit SLDS's recovery on ../shared/data/moseq-noisy (ARI against labels_clean beside the AR-HMM that
 * starts it; smoothed RMS against the noise-free latent PCs) and its speed for T = 36,000, D = 10,
 * K = 20, 2 lags: {@code mvn -B -q -Pbench test-compile exec:java -Dbench=SldsBench} (args: recovery|speed|all [states [sessions,...]]).
 * Where the SLDS might win on labels (docs/slds.md): gaps (dropped frames), pcnoise (unequal noise per PC) and jumps
 * (occasional large jumps; with {@code student DOF} Fit SLDS uses Student-t noise), each against Fit HMM.
 * {@code oracle SESSION[,SESSION] [half]}: the true-parameter reference, parameters estimated from the truth,
 * inferred by structured mean field alone and then with label moves (LabelSearch.refine).
 * recovery takes {@code -Dslds.labelMoves=false} (Fit SLDS without label moves) and {@code -Dslds.iterations=N} (EM
 * iterations, default 50); {@code -Dslds.searchLog=true} prints each label-move round (LabelSearch).
 */
public final class SldsBench {

	static final Path DATA = Path.of("../shared/data/moseq-noisy");

	public static void main(String[] args) throws IOException {
		System.out.println(Machine.describe());
		String what = args.length > 0 ? args[0] : "all";
		if (what.equals("figure")) { // figure FIT_FOLDER SESSION.nwb START FRAMES OUT.png: redraw a fit's session figure
			figure(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]));
			return;
		}
		if (what.equals("iteration")) { // iteration STATES SESSION [WARM [FITS [ITERATIONS]]]: time per EM iteration of FITS (1) fits of ITERATIONS (21) after a warm-up fit of WARM (2) iterations
			iteration(Integer.parseInt(args[1]), args[2], args.length > 3 ? Integer.parseInt(args[3]) : 2, args.length > 4 ? Integer.parseInt(args[4]) : 1,
					args.length > 5 ? Integer.parseInt(args[5]) : 21);
			return;
		}
		if (what.equals("profile")) { // profile STATES SESSION: where a steady EM iteration's time goes (thread CPU per part)
			profile(Integer.parseInt(args[1]), args[2]);
			return;
		}
		if (what.equals("oracle")) { // oracle SESSION[,SESSION...]: structured mean field with parameters estimated from the truth
			for (String name : args[1].split(",")) oracle(name, args.length > 2 && args[2].equals("half"));
			return;
		}
		if (what.equals("kernels")) { // EJML's m x m kernels at the smoother's size (m = GD = 20): CPU time per 18,000 calls
			kernels(20, 18000);
			return;
		}
		if (what.equals("lanes")) { // lanes [S,...]: LaneSmoother (src/bench prototype) against LdsSmoother, thread CPU, T = 36,000
			lanes(args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] { 16, 32, 64 });
			return;
		}
		if (what.equals("export")) { // export SESSION OUT.csv: frame, label (labels_clean), pc1..pc10, for src/bench/python/ssm_slds.py
			try (MoSeqNwb nwb = MoSeqNwb.open(DATA.resolve(args[1] + ".nwb"));
					java.io.PrintWriter w = new java.io.PrintWriter(Files.newBufferedWriter(Path.of(args[2])))) {
				double[] y = nwb.hasPcs(false) ? nwb.pcs(10).values() : nwb.pcs(10, true).values();
				int[] labels = nwb.labels();
				w.println("frame,label,pc1,pc2,pc3,pc4,pc5,pc6,pc7,pc8,pc9,pc10");
				for (int t = 0; t < labels.length; t++) {
					StringBuilder b = new StringBuilder().append(t).append(',').append(labels[t]);
					for (int i = 0; i < 10; i++) b.append(',').append(y[t * 10 + i]);
					w.println(b);
				}
			}
			return;
		}
		if (what.equals("gaps")) { // gaps STATES SESSION DROPPED_SHARE ITERATIONS [FIT_OUT]: Fit HMM vs Fit SLDS with runs of frames dropped
			gaps(Integer.parseInt(args[1]), args[2], Double.parseDouble(args[3]), Integer.parseInt(args[4]),
					args.length > 5 ? Path.of(args[5]) : null);
			return;
		}
		if (what.equals("pcnoise") || what.equals("jumps")) { // pcnoise|jumps STATES ITERATIONS SEED [student DOF]: see perturbed
			perturbed(what, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]),
					args.length > 5 && args[4].equals("student") ? Double.parseDouble(args[5]) : Double.POSITIVE_INFINITY);
			return;
		}
		if (!what.equals("speed"))
			recovery(args.length > 1 ? Integer.parseInt(args[1]) : 10, args.length > 2 ? args[2].split(",") : new String[] { "noisy_a", "noisy_b" });
		if (!what.equals("recovery")) speed();
	}

	static void recovery(int states, String[] names) throws IOException {
		System.out.printf("%nRecovery, one fit per session, states = %d, otherwise defaults:%n", states);
		System.out.println("session  noise SD  Fit HMM ARI  Fit SLDS ARI  RMS(noisy)  RMS(smoothed)  ratio to noise SD  EM its  seconds  final train ELBO/frame");
		for (String name : names) {
			double sd = name.equals("noisy_a") ? 2.0 : 3.0;
			SessionData session;
			int[] truth;
			try (MoSeqNwb nwb = MoSeqNwb.open(DATA.resolve(name + ".nwb"))) {
				int n = Math.min(10, nwb.storedPcs());
				session = nwb.hasPcs(false) ? new SessionData(nwb.sessionName(), nwb.pcs(n).values(), n, nwb.timestamps())
						: SessionData.withDroppedFrames(nwb.sessionName(), nwb.pcs(n, true).values(), n, nwb.timestamps());
				truth = nwb.labels();
			}
			double[] latent = latent(DATA.resolve(name + "_latent.csv"), session.frames, 10);
			SldsSettings s = new SldsSettings(states, 2, 10, SldsSettings.Emissions.IDENTITY, 0, false, 0.95, 0, 1, Integer.getInteger("slds.iterations", 50),
					100, 1e-6, 3, 0, 0.8, org.latentj.hmm.Standardization.Kind.ZSCORE)
					.withLabelMoves(Boolean.parseBoolean(System.getProperty("slds.labelMoves", "true")));
			com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
					.getOperatingSystemMXBean();
			long cpu0 = os.getProcessCpuTime();
			SldsResult r = SldsFitter.fit(List.of(session), s, Progress.NONE);
			double cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
			System.out.printf("  label moves %b, %d EM iterations at most, process CPU %.1f s: ELBO/frame of the whole session %.4f, training ELBO/frame first %.4f, last %.4f%n",
					s.labelMoves(), s.iterations(), cpu, r.sessions().get(0).elbo() / (session.frames - 2), r.trainHistory().get(0),
					r.trainHistory().get(r.trainHistory().size() - 1));
			double hmmAri = ari(r.hmm().decodings.get(0).labels, truth);
			double sldsAri = ari(r.sessions().get(0).labels(), truth);
			double[] y = session.firstPcs(10), x = r.sessions().get(0).denoised();
			System.out.printf("%-8s %8.1f %12.3f %13.3f %11.3f %14.3f %18.2f %7d %8.1f  %.6f%n", name, sd, hmmAri, sldsAri,
					rms(y, latent), rms(x, latent), rms(x, latent) / sd, r.trainHistory().size(), r.seconds(), r.finalTrainElbo());
		}
	}

	/**
	 * Drops runs of 5-30 frames (uniform length, uniform start, seed 3) until the share of dropped frames
	 * reaches {@code share}, then fits the SLDS (which fits Fit HMM's AR-HMM to the same gapped session
	 * first: that fit is Fit HMM's result). ARI against labels_clean over the frames both label (the
	 * AR-HMM restarts after each gap and leaves it and the next lags frames unlabelled), over every
	 * frame each labels, and the SLDS's ARI on the dropped frames alone. With FIT_OUT the fit's files
	 * are written there (then figure mode redraws its figure).
	 */
	static void gaps(int states, String name, double share, int iterations, Path out) throws IOException {
		SessionData full;
		int[] truth;
		try (MoSeqNwb nwb = MoSeqNwb.open(DATA.resolve(name + ".nwb"))) {
			full = nwb.hasPcs(false) ? new SessionData(nwb.sessionName(), nwb.pcs(10).values(), 10, nwb.timestamps())
					: SessionData.withDroppedFrames(nwb.sessionName(), nwb.pcs(10, true).values(), 10, nwb.timestamps());
			truth = nwb.labels();
		}
		double[] y = full.firstPcs(10);
		int frames = full.frames;
		boolean[] dropped = new boolean[frames];
		Random r = new Random(3);
		int count = 0, runs = 0;
		while (count < share * frames) {
			int len = 5 + r.nextInt(26), at = 10 + r.nextInt(frames - len - 20);
			for (int t = at; t < at + len; t++)
				if (!dropped[t]) {
					dropped[t] = true;
					count++;
				}
			runs++;
		}
		for (int t = 0; t < frames; t++) if (dropped[t]) java.util.Arrays.fill(y, t * 10, t * 10 + 10, Double.NaN);
		double[] times = new double[frames];
		for (int t = 0; t < frames; t++) times[t] = full.time(t);
		SessionData session = share > 0 ? SessionData.withDroppedFrames(full.name, y, 10, times) : full;
		SldsSettings s = new SldsSettings(states, 2, 10, SldsSettings.Emissions.IDENTITY, 0, false, 0.95, 0, 1, iterations,
				100, 1e-6, 3, 0, 0.8, org.latentj.hmm.Standardization.Kind.ZSCORE);
		SldsResult fit = SldsFitter.fit(List.of(session), s, Progress.NONE);
		int[] hmm = fit.hmm().decodings.get(0).labels, slds = fit.sessions().get(0).labels();
		int[] hmmCommon = hmm.clone(), sldsCommon = slds.clone(), sldsGaps = slds.clone();
		int hmmLabelled = 0, sldsLabelled = 0;
		for (int t = 0; t < frames; t++) {
			if (hmm[t] >= 0) hmmLabelled++;
			if (slds[t] >= 0) sldsLabelled++;
			if (hmm[t] < 0 || slds[t] < 0) hmmCommon[t] = sldsCommon[t] = -1;
			if (!dropped[t]) sldsGaps[t] = -1;
		}
		double[] latent = latent(DATA.resolve(name + "_latent.csv"), frames, 10);
		double[] den = fit.sessions().get(0).denoised();
		System.out.printf("%n%s, states %d, %d frames, %d dropped (%.1f%%) in %d runs of 5-30, %d EM iterations, %.1f s%n", name, states,
				frames, count, 100.0 * count / frames, runs, fit.trainHistory().size(), fit.seconds());
		System.out.printf("  labelled frames: Fit HMM %d, Fit SLDS %d%n", hmmLabelled, sldsLabelled);
		System.out.printf("  ARI on frames both label: Fit HMM %.3f, Fit SLDS %.3f%n", ari(hmmCommon, truth), ari(sldsCommon, truth));
		System.out.printf("  ARI on every frame each labels: Fit HMM %.3f, Fit SLDS %.3f%n", ari(hmm, truth), ari(slds, truth));
		if (count > 0) {
			System.out.printf("  Fit SLDS ARI on the dropped frames alone: %.3f%n", ari(sldsGaps, truth));
			gapDiagnostics(fit, dropped, slds, truth);
		}
		System.out.printf("  smoothed RMS on observed frames %.3f (noisy %.3f)%n", rms(den, latent), rms(y, latent));
		if (out != null) {
			java.nio.file.Files.createDirectories(out);
			org.latentj.slds.SldsFiles.write(out, fit, List.of(session), java.util.Map.of("states", states));
		}
	}

	/**
	 * The "true-parameter" reference: an SLDS whose parameters come from the truth, then Apply Model's
	 * inference with them fixed (SldsModel.infer: structured mean field to convergence from its own start, the
	 * posterior labels of the AR-HMM the SLDS implies on the noisy PCs). Per labels_clean state k, A_k (2 lags), b_k
	 * and Q_k by least squares on the noise-free latent PCs at frames t labelled k whose t-1, t-2 are labelled too;
	 * R = s^2 I (s the session's noise SD); transitions from consecutive label pairs, the initial distribution from
	 * the state shares. All in Fit SLDS's units: the PCs z-scored as Fit HMM does (first 80% of frames), the latent
	 * through the same affine map (least squares is equivariant under it), R_i = s^2 m_ii^2. With half, every
	 * parameter comes from the first half of the session alone and the ARI is also given on each half: the gap
	 * between them is what estimating on the scored frames themselves gains.
	 */
	static void oracle(String name, boolean half) throws IOException {
		SessionData session;
		int[] truth;
		try (MoSeqNwb nwb = MoSeqNwb.open(DATA.resolve(name + ".nwb"))) {
			session = new SessionData(nwb.sessionName(), nwb.pcs(10).values(), 10, nwb.timestamps());
			truth = nwb.labels();
		}
		int frames = session.frames, d = 10, g = 2, cols = g * d + 1, fitEnd = half ? frames / 2 : frames;
		double sd = name.equals("noisy_a") ? 2.0 : 3.0;
		double[] y = session.firstPcs(d), latent = latent(DATA.resolve(name + "_latent.csv"), frames, d);
		int k = 0;
		for (int l : truth) k = Math.max(k, l + 1);
		org.latentj.hmm.Standardization st = org.latentj.hmm.Standardization.fit(org.latentj.hmm.Standardization.Kind.ZSCORE,
				List.of(y), new int[] { (int) Math.floor(0.8 * frames) }, d, List.of(session.name));
		double[] x = st.apply(latent), mat = st.matrix();
		double diff = 0; // the noise variance estimated as var(noisy - latent), pooled over PCs
		for (int i = 0; i < y.length; i++) diff += (y[i] - latent[i]) * (y[i] - latent[i]);
		System.out.printf("%n%s: %d frames, %d states in labels_clean; noise SD known %.2f, estimated sqrt(mean (y - latent)^2) %.4f%n",
				name, frames, k, sd, Math.sqrt(diff / y.length));
		double[][] w = new double[k][], q = new double[k][];
		for (int s = 0; s < k; s++) {
			int p = cols; // regressors x_{t-1}, x_{t-2}, 1 (the engine's layout)
			double[] spp = new double[p * p], spx = new double[p * d], sxx = new double[d * d], phi = new double[p];
			int n = 0;
			for (int t = g; t < fitEnd; t++) {
				if (truth[t] != s || truth[t - 1] < 0 || truth[t - 2] < 0) continue;
				n++;
				for (int lag = 1; lag <= g; lag++) System.arraycopy(x, (t - lag) * d, phi, (lag - 1) * d, d);
				phi[p - 1] = 1;
				for (int a = 0; a < p; a++) {
					for (int b = 0; b < p; b++) spp[a * p + b] += phi[a] * phi[b];
					for (int i = 0; i < d; i++) spx[a * d + i] += phi[a] * x[t * d + i];
				}
				for (int i = 0; i < d; i++)
					for (int j = 0; j < d; j++) sxx[i * d + j] += x[t * d + i] * x[t * d + j];
			}
			org.ejml.simple.SimpleMatrix a = new org.ejml.simple.SimpleMatrix(p, p, true, spp),
					bx = new org.ejml.simple.SimpleMatrix(p, d, true, spx), sol = a.solve(bx); // p x d: W^T
			double[] cov = new double[d * d], lab = new double[d * cols];
			for (int i = 0; i < d; i++) {
				for (int j = 0; j < d; j++) {
					double v = sxx[i * d + j];
					for (int c = 0; c < p; c++) v -= sol.get(c, i) * spx[c * d + j];
					cov[i * d + j] = v / n;
				}
				for (int c = 0; c < p; c++) lab[i * cols + c] = sol.get(c, i);
			}
			for (int i = 0; i < d; i++)
				for (int j = 0; j < i; j++) cov[i * d + j] = cov[j * d + i] = 0.5 * (cov[i * d + j] + cov[j * d + i]);
			w[s] = lab;
			q[s] = cov;
			double tr = 0;
			for (int i = 0; i < d; i++) tr += cov[i * d + i];
			System.out.printf("  state %d: %d frames, tr Q %.4f (standardised units)%n", s, n, tr);
		}
		double[] counts = new double[k * k], share = new double[k];
		for (int t = 0; t < fitEnd; t++) {
			if (truth[t] >= 0) share[truth[t]]++;
			if (t > 0 && truth[t] >= 0 && truth[t - 1] >= 0) counts[truth[t - 1] * k + truth[t]]++;
		}
		double[] tm = new double[k * k]; // one pseudo-count per entry: no transition the labels never make is impossible
		int unseen = 0;
		for (int i = 0; i < k; i++) {
			double row = 0;
			for (int j = 0; j < k; j++) row += counts[i * k + j] + 1;
			for (int j = 0; j < k; j++) {
				tm[i * k + j] = (counts[i * k + j] + 1) / row;
				if (counts[i * k + j] == 0) unseen++;
			}
		}
		System.out.printf("  transitions: %d of %d pairs never seen in the labels; P(stay) %s%n", unseen, k * k,
				java.util.stream.IntStream.range(0, k).mapToObj(i -> String.format("%.4f", tm[i * share.length + i])).toList());
		double all = java.util.Arrays.stream(share).sum();
		for (int i = 0; i < k; i++) share[i] /= all;
		double[] noise = new double[d];
		for (int i = 0; i < d; i++) noise[i] = sd * sd * mat[i * d + i] * mat[i * d + i]; // zscore: diagonal matrix
		SldsSettings settings = new SldsSettings(k, g, d, SldsSettings.Emissions.IDENTITY, 0, false, 0.95, 0, 1, 50,
				100, 1e-6, 3, 0, 0.8, org.latentj.hmm.Standardization.Kind.ZSCORE);
		SldsParameters m = new SldsParameters(w, q, noise, 1.0, Transitions.fixed(org.latentj.hmm.TransitionMatrix.dense(k, tm)),
				InitialDistribution.of(share, true), g);
		// through model.json and SldsModel.read, so that inference is Apply Model's exactly
		SldsResult r = new SldsResult(m, st, settings, List.of(0.0), List.of(0.0), frames, 0, share, List.of(), true, null, 0);
		Path tmp = Files.createTempDirectory("sldsoracle");
		tmp.toFile().deleteOnExit();
		SldsFiles.write(tmp, r, List.of(), java.util.Map.of("states", k));
		long t0 = System.nanoTime();
		org.latentj.slds.SldsModel model = org.latentj.slds.SldsModel.read(tmp.resolve("model.json"));
		org.latentj.slds.SldsModel.Inferred inf = model.infer(session.name, y,
				org.latentj.hmm.Decoding.Mode.POSTERIOR, 100, 1e-6, false, org.latentj.util.Progress.NONE);
		double seconds = (System.nanoTime() - t0) * 1e-9;
		double smoothed = rms(inf.denoised(), latent);
		System.out.printf("  true-parameter SMF: ARI %.3f, smoothed RMS %.3f (%.2f x noise SD; noisy %.3f), ELBO/frame %.4f"
				+ " (standardised PCs), %d block updates, converged %b, %.1f s%n", ari(inf.labels(), truth), smoothed, smoothed / sd,
				rms(y, latent), inf.elbo() / inf.scoredFrames(), inf.blockUpdates(), inf.converged(), seconds);
		{ // Apply Model's start on its own: the AR-HMM the SLDS implies (SldsModel.startingStates), argmax per frame
			double[] oneHot = model.startingStates(session.name, st.apply(y)); // in the model's standardised units, as infer passes it
			int[] start = new int[frames];
			java.util.Arrays.fill(start, -1);
			for (int t = g; t < frames; t++) {
				int best = 0;
				for (int s = 1; s < k; s++) if (oneHot[(t - g) * k + s] > oneHot[(t - g) * k + best]) best = s;
				start[t] = best;
			}
			System.out.printf("  its start alone (posterior labels of the AR-HMM the SLDS implies): ARI %.3f; SMF's labels vs the start's ARI %.3f%n",
					ari(start, truth), ari(inf.labels(), start));
			// is 1e-6 what stops it? the same start, 30 block updates with no tolerance
			StructuredMeanField longer = new StructuredMeanField(st.apply(y), d, d, g, k, oneHot);
			double e30 = longer.converge(m, 30, 0, null);
			int[] l30 = longer.labels(new double[frames]);
			System.out.printf("  from that start, 30 block updates, tolerance 0: ARI %.3f, vs the start %.3f, ELBO/frame %.4f%n",
					ari(l30, truth), ari(l30, start), e30 / (frames - g));
		}
		{ // inference that can leave its start (LabelSearch.refine, now Apply Model's default): its start, then label moves judged by log p(y, z)
			double[] oneHot = model.startingStates(session.name, st.apply(y));
			StructuredMeanField smf = new StructuredMeanField(st.apply(y), d, d, g, k, oneHot);
			double e0 = smf.converge(m, 100, 1e-6, null);
			int[] l0 = smf.labels(null);
			long t1 = System.nanoTime();
			double e1 = org.latentj.slds.LabelSearch.refine(smf, m, 100, 1e-6, org.latentj.util.Progress.NONE);
			int[] l1 = smf.labels(null);
			System.out.printf("  with LabelSearch.refine: ARI %.3f (from %.3f), ELBO/frame %.4f (from %.4f), smoothed RMS %.3f, %.1f s%n",
					ari(l1, truth), ari(l0, truth), e1 / (frames - g), e0 / (frames - g), rms(st.invert(smf.means()), latent),
					(System.nanoTime() - t1) * 1e-9);
			{ // where the refined labels still differ from the truth (oracle states are the truth's)
				int[] hist = new int[6]; int runs = 0, wrong = 0, atBoundary = 0;
				for (int t = g; t < frames;) {
					if (l1[t] == truth[t] || truth[t] < 0) { t++; continue; }
					int e = t; while (e + 1 < frames && l1[e + 1] != truth[e + 1] && truth[e + 1] >= 0) e++;
					int len = e - t + 1; runs++; wrong += len;
					hist[len <= 1 ? 0 : len <= 3 ? 1 : len <= 8 ? 2 : len <= 20 ? 3 : len <= 50 ? 4 : 5]++;
					if ((t > 0 && truth[t - 1] != truth[t]) || (e + 1 < frames && truth[e + 1] != truth[e])) atBoundary++;
					t = e + 1;
				}
				System.out.printf("  refined vs truth: %d wrong frames in %d runs (%d touching a true boundary); run lengths 1, 2-3, 4-8, 9-20, 21-50, >50: %s%n",
						wrong, runs, atBoundary, java.util.Arrays.toString(hist));
			}
		}
		if (half) {
			int[] first = inf.labels().clone(), second = inf.labels().clone();
			for (int t = 0; t < frames; t++) if (t < fitEnd) second[t] = -1; else first[t] = -1;
			System.out.printf("  parameters from the first half only: ARI first half %.3f, second half %.3f%n", ari(first, truth),
					ari(second, truth));
		}
		// the same parameters from the best start there is, q(z) one-hot on labels_clean: how much the start costs
		double[] start = new double[(frames - g) * k];
		for (int t = g; t < frames; t++)
			if (truth[t] >= 0) start[(t - g) * k + truth[t]] = 1;
			else java.util.Arrays.fill(start, (t - g) * k, (t - g + 1) * k, 1.0 / k); // unlabelled: uniform
		StructuredMeanField smf = new StructuredMeanField(st.apply(y), d, d, g, k, start);
		double elbo = smf.converge(m, 100, 1e-6, null);
		double[] den = st.invert(smf.means());
		smoothed = rms(den, latent);
		System.out.printf("  the same from q(z) one-hot on labels_clean: ARI %.3f, smoothed RMS %.3f (%.2f x noise SD), ELBO/frame %.4f%n",
				ari(smf.labels(new double[frames]), truth), smoothed, smoothed / sd, elbo / (frames - g));
	}

	/** Noise SD of PC i (0-based) in the pcnoise scenario: 0.5 to 4, geometric, 0.5 x 8^(i / 9). */
	static double pcNoiseSd(int i) {
		return 0.5 * Math.pow(8, i / 9.0);
	}

	/** Jumps scenario: share of frames with an outlier, PCs hit per outlier frame, size in noise SDs (noisy_a's SD 2.0). */
	static final double JUMP_SHARE = 0.01, JUMP_SDS = 15;
	static final int JUMP_PCS = 3;

	/**
	 * Fit HMM (the AR-HMM that starts the SLDS) against Fit SLDS on noisy_a perturbed (data seed 3, fit seed
	 * SEED, both methods the same states, lags 2, restarts 3), ARI against labels_clean and RMS against the
	 * noise-free latent PCs. pcnoise: the latent PCs plus N(0, s_i^2), s_i = {@link #pcNoiseSd} (noisy_a's own noise
	 * is replaced). jumps: noisy_a's PCs with, at 1% of frames (uniform), +-15 noise SDs (+-30, random sign) added
	 * to 3 PCs drawn at random. dof finite: Fit SLDS with Student-t observation noise of dof degrees of freedom.
	 */
	static void perturbed(String scenario, int states, int iterations, long seed, double dof) throws IOException {
		SessionData full;
		int[] truth;
		try (MoSeqNwb nwb = MoSeqNwb.open(DATA.resolve("noisy_a.nwb"))) {
			full = new SessionData(nwb.sessionName(), nwb.pcs(10).values(), 10, nwb.timestamps());
			truth = nwb.labels();
		}
		int frames = full.frames;
		double[] latent = latent(DATA.resolve("noisy_a_latent.csv"), frames, 10), y;
		boolean[] jump = new boolean[frames];
		Random r = new Random(3);
		if (scenario.equals("pcnoise")) {
			y = latent.clone();
			for (int t = 0; t < frames; t++)
				for (int i = 0; i < 10; i++) y[t * 10 + i] += pcNoiseSd(i) * r.nextGaussian();
		} else {
			y = full.firstPcs(10).clone();
			for (int t = 0; t < frames; t++) {
				if (r.nextDouble() >= JUMP_SHARE) continue;
				jump[t] = true;
				int[] pcs = r.ints(0, 10).distinct().limit(JUMP_PCS).toArray();
				for (int i : pcs) y[t * 10 + i] += (r.nextBoolean() ? 1 : -1) * JUMP_SDS * 2.0;
			}
		}
		double[] times = new double[frames];
		for (int t = 0; t < frames; t++) times[t] = full.time(t);
		SessionData session = new SessionData(full.name, y, 10, times);
		SldsSettings s = new SldsSettings(states, 2, 10, SldsSettings.Emissions.IDENTITY, 0, false, 0.95, 0, 1, iterations,
				100, 1e-6, 3, seed, 0.8, org.latentj.hmm.Standardization.Kind.ZSCORE, dof);
		SldsResult fit = SldsFitter.fit(List.of(session), s, Progress.NONE);
		int[] hmm = fit.hmm().decodings.get(0).labels, slds = fit.sessions().get(0).labels();
		double[] den = fit.sessions().get(0).denoised();
		int jumps = 0;
		for (boolean j : jump) if (j) jumps++;
		System.out.printf("%n%s, seed %d, states %d, %d frames%s, Fit SLDS noise %s, %d EM iterations (final train ELBO/frame %.6f), %.1f s%n",
				scenario, seed, states, frames, scenario.equals("jumps") ? ", " + jumps + " jump frames" : "",
				Double.isInfinite(dof) ? "gaussian" : "student dof " + dof, fit.trainHistory().size(), fit.finalTrainElbo(), fit.seconds());
		int[] hmmScored = hmm.clone(); // the SLDS labels from frame lags on, the AR-HMM too (no gaps here)
		System.out.printf("  ARI: Fit HMM %.3f, Fit SLDS %.3f (Fit SLDS vs Fit HMM %.3f); RMS vs latent: noisy %.3f, smoothed %.3f%n",
				ari(hmm, truth), ari(slds, truth), ari(slds, hmmScored), rms(y, latent), rms(den, latent));
		System.out.printf("  frames whose Fit SLDS label is not the Fit HMM label it started from (states matched by majority): %d of %d%n",
				moved(hmm, slds, states), frames - 2);
		// the same model inferred again from another start: Apply Model's (the posterior labels of the AR-HMM the SLDS implies)
		Path tmp = Files.createTempDirectory("sldsbench");
		org.latentj.slds.SldsFiles.write(tmp, fit, List.of(session), java.util.Map.of("states", states));
		org.latentj.slds.SldsModel.Inferred again = org.latentj.slds.SldsModel.read(tmp.resolve("model.json")).infer(session.name, y,
				org.latentj.hmm.Decoding.Mode.POSTERIOR, 100, 1e-6, false, org.latentj.util.Progress.NONE);
		System.out.printf("  Apply Model on the same session (its own start): ARI %.3f, smoothed RMS %.3f%n", ari(again.labels(), truth),
				rms(again.denoised(), latent));
		starts(fit, y, truth, slds);
		if (scenario.equals("jumps")) { // frames within 5 of a jump, and the others
			boolean[] near = new boolean[frames];
			for (int t = 0; t < frames; t++)
				if (jump[t]) for (int u = Math.max(0, t - 5); u <= Math.min(frames - 1, t + 5); u++) near[u] = true;
			int[][] split = { hmm.clone(), slds.clone(), hmm.clone(), slds.clone() };
			for (int t = 0; t < frames; t++) {
				if (near[t]) split[2][t] = split[3][t] = -1;
				else split[0][t] = split[1][t] = -1;
			}
			double[] dn = den.clone(), df = den.clone();
			for (int t = 0; t < frames; t++) java.util.Arrays.fill(near[t] ? df : dn, t * 10, t * 10 + 10, Double.NaN);
			jumpDiagnostics(fit, y, jump, slds, dof);
			System.out.printf("  frames within 5 of a jump: ARI Fit HMM %.3f, Fit SLDS %.3f, smoothed RMS %.3f; other frames: ARI"
					+ " %.3f, %.3f, smoothed RMS %.3f%n", ari(split[0], truth), ari(split[1], truth), rms(dn, latent),
					ari(split[2], truth), ari(split[3], truth), rms(df, latent));
		}
		double[] noise = fit.model().noise(), mat = fit.standardization().matrix(); // zscore: diagonal 1 / SD
		StringBuilder b = new StringBuilder("  learned noise SD per PC (PC units):");
		for (int i = 0; i < 10; i++) b.append(String.format(" %.2f", Math.sqrt(noise[i]) / mat[i * 11]));
		if (scenario.equals("pcnoise")) {
			b.append("\n  true:");
			for (int i = 0; i < 10; i++) b.append(String.format(" %.2f", pcNoiseSd(i)));
		}
		System.out.println(b);
		for (int i = 0; i < 10; i++) { // per PC RMS, noisy and smoothed
			double[] yi = new double[frames], xi = new double[frames], li = new double[frames];
			for (int t = 0; t < frames; t++) {
				yi[t] = y[t * 10 + i];
				xi[t] = den[t * 10 + i];
				li[t] = latent[t * 10 + i];
			}
			System.out.printf("  PC%d RMS noisy %.3f smoothed %.3f%n", i + 1, rms(yi, li), rms(xi, li));
		}
	}

	/**
	 * Where the jump frames go: per state log det Q, share of all labelled frames and of jump frames; and (Student-t)
	 * E[w_t] ~ (nu + D) / (nu + r_t^T R^-1 r_t) from the smoothed means alone (q(x)'s covariance left out), at jump
	 * frames and elsewhere.
	 */
	static void jumpDiagnostics(SldsResult fit, double[] y, boolean[] jump, int[] slds, double dof) {
		int frames = slds.length, k = fit.model().k, d = fit.model().d, n = 0;
		int[] inJump = new int[k], all = new int[k];
		for (int t = 0; t < frames; t++) {
			if (slds[t] < 0) continue;
			all[slds[t]]++;
			if (jump[t]) {
				inJump[slds[t]]++;
				n++;
			}
		}
		System.out.println("  state: log det Q, share of all labelled frames, share of jump frames");
		for (int c = 0; c < k; c++) {
			double ld = Math.log(org.ejml.dense.row.CommonOps_DDRM.det(org.ejml.data.DMatrixRMaj.wrap(d, d, fit.model().covariance(c))));
			System.out.printf("    %2d  %8.2f  %.3f  %.3f%n", c, ld, all[c] / (double) (frames - 2), inJump[c] / (double) n);
		}
		if (Double.isInfinite(dof)) return;
		double[] z = fit.standardization().apply(y), x = fit.standardization().apply(fit.sessions().get(0).denoised()),
				r = fit.model().noise();
		double[] sum = new double[2];
		int[] count = new int[2];
		for (int t = 0; t < frames; t++) {
			double e = 0;
			for (int i = 0; i < d; i++) e += Math.pow(z[t * d + i] - x[t * d + i], 2) / r[i];
			int c = jump[t] ? 1 : 0;
			sum[c] += (dof + d) / (dof + e);
			count[c]++;
		}
		System.out.printf("  E[w_t] from the smoothed means: mean %.3f at jump frames, %.3f elsewhere%n", sum[1] / count[1], sum[0] / count[0]);
	}

	/**
	 * Is the lock in inference or in the model? The fitted model's structured mean field on the whole session from
	 * other first q(z): the fit's labels one-hot (its own final decoding), the same softened (half one-hot, half
	 * uniform), and labels_clean one-hot (truth states matched to model states greedily by overlap, the rest to
	 * their most overlapping state): ARI and ELBO per frame of each converged result.
	 */
	static void starts(SldsResult fit, double[] y, int[] truth, int[] fitted) {
		SldsParameters m = fit.model();
		int k = m.k, g = m.lags, frames = fitted.length, kt = 0;
		for (int l : truth) kt = Math.max(kt, l + 1);
		int[][] c = new int[kt][k];
		for (int t = g; t < frames; t++) if (truth[t] >= 0) c[truth[t]][fitted[t]]++;
		int[] map = new int[kt];
		java.util.Arrays.fill(map, -1);
		boolean[] used = new boolean[k];
		for (int round = 0; round < Math.min(kt, k); round++) { // greedy: the largest overlap left
			int bi = -1, bj = -1;
			for (int i = 0; i < kt; i++)
				for (int j = 0; j < k; j++)
					if (map[i] < 0 && !used[j] && (bi < 0 || c[i][j] > c[bi][bj])) {
						bi = i;
						bj = j;
					}
			map[bi] = bj;
			used[bj] = true;
		}
		for (int i = 0; i < kt; i++)
			if (map[i] < 0) {
				map[i] = 0;
				for (int j = 1; j < k; j++) if (c[i][j] > c[i][map[i]]) map[i] = j;
			}
		double[] z = fit.standardization().apply(y);
		String[] names = { "the fit's labels, one-hot", "the fit's labels, half one-hot + half uniform", "labels_clean, one-hot" };
		for (int v = 0; v < 3; v++) {
			double[] w = new double[(frames - g) * k];
			for (int t = g; t < frames; t++) {
				int l = v == 2 ? (truth[t] >= 0 ? map[truth[t]] : fitted[t]) : fitted[t];
				for (int j = 0; j < k; j++) w[(t - g) * k + j] = v == 1 ? 0.5 / k : 0;
				w[(t - g) * k + l] += v == 1 ? 0.5 : 1;
			}
			StructuredMeanField q = new StructuredMeanField(z, m.obs, m.d, g, k, w);
			double elbo = q.converge(m, 100, 1e-6, null);
			System.out.printf("  inference from %s: ARI %.3f, ELBO/frame %.4f%n", names[v], ari(q.labels(null), truth), elbo / frames);
		}
	}

	/** Frames labelled by both whose label b differs from the b-state most frames of a's state get (a, b in 0..k-1). */
	static int moved(int[] a, int[] b, int k) {
		int[][] c = new int[k][k];
		for (int t = 0; t < a.length; t++) if (a[t] >= 0 && b[t] >= 0) c[a[t]][b[t]]++;
		int n = 0;
		for (int t = 0; t < a.length; t++) {
			if (a[t] < 0 || b[t] < 0) continue;
			int best = 0;
			for (int j = 1; j < k; j++) if (c[a[t]][j] > c[a[t]][best]) best = j;
			if (b[t] != best) n++;
		}
		return n;
	}

	/**
	 * Why the labels inside gaps are poor: the same labels with each gap filled by the label of the last
	 * observed frame before it (what sticky transitions alone would give), how sure q(z) is there, and
	 * whether gap frames go to the states with the broadest innovation covariance (log det Q_k).
	 */
	static void gapDiagnostics(SldsResult fit, boolean[] dropped, int[] slds, int[] truth) {
		int frames = slds.length, k = fit.model().k;
		int[] carried = new int[frames], inGap = new int[k], all = new int[k];
		java.util.Arrays.fill(carried, -1);
		int last = -1;
		double prob = 0;
		int n = 0;
		double[] p = fit.sessions().get(0).probability();
		for (int t = 0; t < frames; t++) {
			if (!dropped[t]) last = slds[t];
			else {
				carried[t] = last;
				prob += p[t];
				n++;
				if (slds[t] >= 0) inGap[slds[t]]++;
			}
			if (slds[t] >= 0) all[slds[t]]++;
		}
		System.out.printf("  dropped frames: ARI of the last observed frame's SLDS label carried into the gap %.3f; mean q(z) of the"
				+ " SLDS label there %.3f%n", ari(carried, truth), prob / n);
		System.out.println("  state: log det Q, share of all labelled frames, share of dropped frames");
		for (int c = 0; c < k; c++) {
			double[] q = fit.model().covariance(c).clone();
			double ld = Math.log(org.ejml.dense.row.CommonOps_DDRM.det(org.ejml.data.DMatrixRMaj.wrap(fit.model().d, fit.model().d, q)));
			System.out.printf("    %2d  %8.2f  %.3f  %.3f%n", c, ld, all[c] / (double) (frames - 2), inGap[c] / (double) n);
		}
	}

	/**
	 * Time of one EM iteration on a whole session: a fit's progress reports "EM iteration i" after the inference of
	 * iteration i, so what passes between two consecutive reports is one M-step plus one inference (to the tolerance,
	 * on the training and test sequences). Three clocks: wall; process CPU (all threads, the JIT's compiler and the
	 * GC's included); and the work threads' CPU (main and the LatentJ workers only, from ThreadMXBean, which leaves
	 * the JIT and the GC out and, on a shared machine, the wait for a core). After a warm-up fit (`warm` iterations,
	 * 2 by default, 21 to leave compilation out as ssm_slds.py leaves numba's out), `fits` fits of `iterations`
	 * iterations (several in one process tell a state of the process, such as the JIT's code, from the machine's
	 * load); for each, the per-iteration work CPU, then means and medians over the `iterations` intervals: the fit
	 * reports "EM from the AR-HMM's start" before EM iteration 1, so iteration 1 (with the first label moves) is one
	 * of them.
	 */
	static void iteration(int states, String name, int warm, int fits, int iterations) throws IOException {
		SessionData session;
		try (MoSeqNwb nwb = MoSeqNwb.open(DATA.resolve(name + ".nwb"))) {
			session = nwb.hasPcs(false) ? new SessionData(nwb.sessionName(), nwb.pcs(10).values(), 10, nwb.timestamps())
					: SessionData.withDroppedFrames(nwb.sessionName(), nwb.pcs(10, true).values(), 10, nwb.timestamps());
		}
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
				.getOperatingSystemMXBean();
		for (int pass = 0; pass <= fits; pass++) {
			int its = pass == 0 ? warm : iterations;
			SldsSettings s = new SldsSettings(states, 2, 10, SldsSettings.Emissions.IDENTITY, 0, false, 0.95, 0, 1, its, 100,
					1e-6, 3, 0, 0.8, org.latentj.hmm.Standardization.Kind.ZSCORE);
			// wall, process CPU, work threads' CPU and user CPU (s) at EM's start and at each "EM iteration" report: every
			// iteration is timed, the first (inference from the AR-HMM's start, and label moves) included
			List<double[]> marks = new java.util.ArrayList<>();
			Progress p = (fraction, message) -> {
				if (message != null && message.startsWith("EM "))
					marks.add(new double[] { System.nanoTime() * 1e-9, os.getProcessCpuTime() * 1e-9, workCpu(false), workCpu(true) });
			};
			double before = pass == 0 ? 0 : fmaClock();
			SldsResult r = SldsFitter.fit(List.of(session), s, p);
			if (pass == 0) continue; // warm-up
			double after = fmaClock();
			int n = marks.size() - 1;
			double[][] per = new double[4][n];
			StringBuilder work = new StringBuilder();
			for (int i = 0; i < n; i++) {
				for (int c = 0; c < 4; c++) per[c][i] = marks.get(i + 1)[c] - marks.get(i)[c];
				work.append(String.format(" %.3f", per[2][i]));
			}
			System.out.printf("%s, states %d, %d frames, %d EM iterations (ELBO/frame %.6f), work threads' CPU s per iteration (M-step +"
					+ " inference to 1e-6 on training and test sequences):%s%n", name, states, session.frames, r.trainHistory().size(),
					r.finalTrainElbo(), work);
			System.out.printf("  per iteration, mean (median) of %d: wall %.3f (%.3f) s, process CPU %.3f (%.3f) s, work threads' CPU %.3f (%.3f) s"
					+ " (system %.3f s)%n", n, mean(per[0]), org.latentj.util.Median.of(per[0]), mean(per[1]), org.latentj.util.Median.of(per[1]),
					mean(per[2]), org.latentj.util.Median.of(per[2]), mean(per[2]) - mean(per[3]));
			System.out.printf("  clock from a chain of dependent FMAs (4 cycles each), before and after the fit: %.2f, %.2f GHz%n", before, after);
		}
	}

	/**
	 * The core's clock in GHz as a chain of dependent fused multiply-adds sees it (4 cycles each on Zen 4 and 5), per
	 * thread CPU time, median of 5 chains of 10^7: a slower fit at the same code and a lower clock means the machine
	 * (boost, neighbours), not the program.
	 */
	static double fmaClock() {
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		double[] ghz = new double[5];
		for (int rep = 0; rep < ghz.length; rep++) {
			double a = FMA_A, b = FMA_B, x = fmaSink + 1; // volatile: C2 removed the chain when these were constants
			long c0 = mx.getCurrentThreadCpuTime();
			for (int i = 0; i < 10_000_000; i++) x = Math.fma(x, a, b);
			ghz[rep] = 4e7 / (mx.getCurrentThreadCpuTime() - c0);
			fmaSink = x;
		}
		return org.latentj.util.Median.of(ghz);
	}

	private static volatile double FMA_A = 0.999999999, FMA_B = 1e-9, fmaSink;

	/** CPU (or user-mode CPU) seconds of the threads that do a fit's work: main and the LatentJ workers (not the JIT's or the GC's). */
	private static double workCpu(boolean user) {
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		long sum = 0;
		for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
			if (t == null || !(t.getThreadName().equals("main") || t.getThreadName().startsWith("LatentJ worker"))) continue;
			long c = user ? mx.getThreadUserTime(t.getThreadId()) : mx.getThreadCpuTime(t.getThreadId());
			if (c > 0) sum += c;
		}
		return sum * 1e-9;
	}

	/**
	 * The same window potential (jw, hw; nn = (G + 1) d) at every frame and node potentials of observations y with
	 * noise variance 0.3 (every 97th frame from the 13th missing, when gaps), for timing smoothers on one input.
	 */
	static org.latentj.slds.FullWindow fixedPotentials(double[] jw, double[] hw, int nn, int d, double[] y, boolean gaps) {
		return new org.latentj.slds.FullWindow() {
			@Override
			public void window(int tt, double[] j, double[] h) {
				System.arraycopy(jw, 0, j, 0, nn * nn);
				System.arraycopy(hw, 0, h, 0, nn);
			}

			@Override
			public void node(int tt, double[] j, double[] h) {
				if (gaps && tt % 97 == 13) return; // a missing frame now and then
				for (int i = 0; i < d; i++) {
					j[i * d + i] += 1 / 0.3;
					h[i] += y[tt * d + i] / 0.3;
				}
			}
		};
	}

	private static double mean(double[] v) {
		double s = 0;
		for (double x : v) s += x;
		return s / v.length;
	}

	/**
	 * Where a steady EM iteration goes, by part (thread CPU time): after a 10-iteration fit, its model and
	 * labels start q(z) on the training frames (the first 80%); inference to 1e-6 then runs once to settle,
	 * 5 EM iterations warm the JIT up (the M-step runs once per iteration, so it compiles late), and each of 5 more is one M-step plus inference with the block updates (x: window potentials +
	 * smoother; z: expected log dynamics + forward-backward; the ELBO after each) replayed and timed here.
	 */
	static void profile(int states, String name) throws IOException {
		SessionData session;
		try (MoSeqNwb nwb = MoSeqNwb.open(DATA.resolve(name + ".nwb"))) {
			session = nwb.hasPcs(false) ? new SessionData(nwb.sessionName(), nwb.pcs(10).values(), 10, nwb.timestamps())
					: SessionData.withDroppedFrames(nwb.sessionName(), nwb.pcs(10, true).values(), 10, nwb.timestamps());
		}
		SldsSettings s = new SldsSettings(states, 2, 10, SldsSettings.Emissions.IDENTITY, 0, false, 0.95, 0, 1, 10, 100, 1e-6, 3, 0,
				0.8, org.latentj.hmm.Standardization.Kind.ZSCORE);
		SldsResult r = SldsFitter.fit(List.of(session), s, Progress.NONE);
		int g = 2, k = states, end = (int) Math.floor(0.8 * session.frames);
		double[] y = java.util.Arrays.copyOf(r.standardization().apply(session.firstPcs(10)), end * 10);
		int[] labels = r.sessions().get(0).labels();
		double[] w = new double[(end - g) * k];
		for (int t = g; t < end; t++) w[(t - g) * k + Math.max(0, labels[t])] = 1;
		StructuredMeanField q = new StructuredMeanField(y, 10, g, k, w);
		SldsParameters m = r.model();
		q.converge(m, 100, 1e-6, null);
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		double[] sum = new double[4]; // M-step, x updates, z updates, ELBOs
		int blocks = 0, its = 5, warm = 5;
		for (int it = -warm; it < its; it++) {
			if (it == 0) {
				java.util.Arrays.fill(sum, 0);
				blocks = 0;
			}
			long c0 = mx.getCurrentThreadCpuTime();
			m = SldsFitter.maximize(m, List.of(q));
			long c1 = mx.getCurrentThreadCpuTime();
			sum[0] += (c1 - c0) * 1e-9;
			double previous = Double.NaN;
			for (int b = 0; b < 100; b++) {
				long a0 = mx.getCurrentThreadCpuTime();
				q.updateX(m);
				long a1 = mx.getCurrentThreadCpuTime();
				q.updateZ(m);
				long a2 = mx.getCurrentThreadCpuTime();
				double elbo = q.elbo(m);
				long a3 = mx.getCurrentThreadCpuTime();
				sum[1] += (a1 - a0) * 1e-9;
				sum[2] += (a2 - a1) * 1e-9;
				sum[3] += (a3 - a2) * 1e-9;
				blocks++;
				if (Math.abs(elbo - previous) <= 1e-6 * Math.abs(elbo)) break;
				previous = elbo;
			}
		}
		// the smoother alone on the same potentials: the x update's share that is not the window potentials
		double smooth = Double.POSITIVE_INFINITY;
		for (int rep = 0; rep < 5; rep++) {
			long c0 = mx.getCurrentThreadCpuTime();
			q.updateX(m);
			smooth = Math.min(smooth, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
		}
		double mBest = Double.POSITIVE_INFINITY, zBest = Double.POSITIVE_INFINITY;
		for (int rep = 0; rep < 5; rep++) {
			long c0 = mx.getCurrentThreadCpuTime();
			SldsFitter.maximize(m, List.of(q));
			long c1 = mx.getCurrentThreadCpuTime();
			q.updateZ(m);
			mBest = Math.min(mBest, (c1 - c0) * 1e-9);
			zBest = Math.min(zBest, (mx.getCurrentThreadCpuTime() - c1) * 1e-9);
		}
		double total = sum[0] + sum[1] + sum[2] + sum[3];
		System.out.printf("%n%s, states %d, %d training frames, %d EM iterations replayed after 5 warm-up ones: %.1f block updates per iteration,"
				+ " %.3f s thread CPU per iteration (training sequence only; the fit also infers on the 20%% test frames)%n", name, k, end,
				its, blocks / (double) its, total / its);
		String[] parts = { "M-step (window moments, K n^2 statistics, regressions)", "x updates (window potentials K n^2 + smoother)",
				"z updates (expected log dynamics K n(n+1)/2 + forward-backward)", "ELBO after each block update" };
		for (int i = 0; i < 4; i++)
			System.out.printf("  %-66s %.4f s per iteration (%4.1f%%)%n", parts[i], sum[i] / its, 100 * sum[i] / total);
		System.out.printf("  best of 5 (warm): one x update %.4f s, one z update %.4f s, one M-step %.4f s%n", smooth, zBest, mBest);
	}

	/**
	 * Rates of EJML's m x m kernels and LdsSmoother's own product (SmallDense) at the smoother's size, CPU time,
	 * best of 4; multiply-adds as done: Cholesky (m^3 - m) / 6, inverse from it (L^-1: (m^3 - m) / 6, L^-T L^-1:
	 * m (m + 1)(2m + 1) / 6), products m^3. Then a long-loop probe (four fused axpys on 1,024 doubles, which
	 * C2 vectorises fully): what one core reaches on this JVM when the loop is long.
	 */
	static void kernels(int m, int calls) {
		Random r = new Random(1);
		org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(m, m), spd = new org.ejml.data.DMatrixRMaj(m, m),
				b = new org.ejml.data.DMatrixRMaj(m, m), c = new org.ejml.data.DMatrixRMaj(m, m), inv = new org.ejml.data.DMatrixRMaj(m, m),
				a = new org.ejml.data.DMatrixRMaj(m, m);
		for (int i = 0; i < m * m; i++) {
			x.data[i] = r.nextGaussian();
			b.data[i] = r.nextGaussian();
		}
		org.ejml.dense.row.CommonOps_DDRM.multTransB(x, x, spd);
		for (int i = 0; i < m; i++) spd.add(i, i, m);
		var solver = new org.ejml.dense.row.linsol.chol.LinearSolverChol_DDRM(
				new org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM(true));
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		String[] names = { "EJML Cholesky", "EJML inverse from it", "EJML mult", "EJML multTransB", "SmallDense multAdd" };
		Runnable[] work4 = { () -> {
			a.setTo(spd);
			solver.setA(a);
		}, () -> solver.invert(inv), () -> org.ejml.dense.row.CommonOps_DDRM.mult(spd, b, c),
				() -> org.ejml.dense.row.CommonOps_DDRM.multTransB(spd, b, c),
				() -> org.latentj.slds.SmallDense.multAdd(spd.data, b.data, c.data, m) };
		double tri = (m * (double) m * m - m) / 6, m3 = (double) m * m * m;
		double[] madds = { tri, tri + m * (m + 1.0) * (2 * m + 1) / 6, m3, m3, m3 };
		System.out.printf("%n%d x %d kernels, %d calls each (CPU time, best of 4):%n", m, m, calls);
		for (int q = 0; q < work4.length; q++) {
			double best = 1e9;
			for (int rep = 0; rep < 4; rep++) {
				long t0 = mx.getCurrentThreadCpuTime();
				for (int i = 0; i < calls; i++) work4[q].run();
				best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) * 1e-9);
			}
			System.out.printf("  %-31s %.3f s = %.2f G multiply-adds/s%n", names[q], best, madds[q] * calls / best * 1e-9);
		}
		int n = 1024, reps = 200000;
		double[] u = new double[n], v = new double[n];
		double best = 1e9;
		for (int rep = 0; rep < 4; rep++) {
			long t0 = mx.getCurrentThreadCpuTime();
			for (int i = 0; i < reps; i++)
				for (int j = 0; j < n; j++) v[j] = Math.fma(1e-9, u[j], Math.fma(1e-9, u[j], Math.fma(1e-9, u[j], Math.fma(1e-9, u[j], v[j]))));
			best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) * 1e-9);
		}
		System.out.printf("  long-loop probe (4 fused axpys, n = %d)  %.2f G multiply-adds/s (v[0] = %.1g)%n", n, 4.0 * n * reps / best * 1e-9, v[0]);
	}

	/**
	 * LaneSmoother (S segments side by side, src/bench) against LdsSmoother on speed()'s fixed potentials (T = 36,000,
	 * D = 10, K = 20, G = 2): thread CPU time, the two alternating in one process, median and best of 5 after 2 warm-ups;
	 * multiply-adds as each does them (class comments) and as LdsSmoother needs them.
	 */
	static void lanes(int[] laneCounts) {
		int t = 36000, d = 10, g = 2, nn = (g + 1) * d;
		Random r = new Random(1);
		double[] jw = new double[nn * nn], hw = new double[nn], y = new double[t * d];
		for (int i = 0; i < d; i++) { // a stable AR(2) window potential of the speed() kind: x_t = 1.6 x_{t-1} - 0.7 x_{t-2} + e, var 0.1
			double[] a = new double[nn];
			a[2 * d + i] = 1;
			a[d + i] = -1.6;
			a[i] = 0.7;
			for (int p = 0; p < nn; p++)
				for (int q = 0; q < nn; q++) jw[p * nn + q] += a[p] * a[q] / 0.1;
			for (int p = 0; p < nn; p++) hw[p] += a[p] * 0.1 * r.nextGaussian() / 0.1;
		}
		for (int i = 0; i < y.length; i++) y[i] = r.nextGaussian();
		org.latentj.slds.FullWindow fixed = fixedPotentials(jw, hw, nn, d, y, true);
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		double bandMadds = (double) t * bandedMaddsPerFrame(d, g);
		LdsSmoother.Result ref = LdsSmoother.smooth(t, d, g, fixed);
		double[] potCpu = Machine.medianAndBestCpuSeconds(2, 5, () -> { // what both pay for the potentials alone
			double[] j = new double[LdsSmoother.windowBlocksLength(d, g)], h = new double[nn], jn = new double[d * d], hn = new double[d];
			for (int tt = 0; tt < t; tt++) {
				fixed.node(tt, jn, hn);
				if (tt >= g) fixed.windowBlocks(tt, j, h);
			}
		});
		System.out.printf("%nThe potentials alone (node + windowBlocks for every frame, no scatter): %.3f (%.3f) s%n", potCpu[0], potCpu[1]);
		laneKernels(20);
		System.out.printf("%nLaneSmoother against LdsSmoother, T = %d, D = %d, G = %d, thread CPU seconds, median (best) of 5 after 2 warm-ups:%n", t, d, g);
		for (int s : laneCounts) {
			double[][] x = LaneSmoother.smooth(t, d, g, s, fixed);
			double diff = Math.abs(x[2][0] - ref.logDetPrecision) / Math.abs(ref.logDetPrecision);
			for (int i = 0; i < ref.mean.length; i++) diff = Math.max(diff, Math.abs(x[0][i] - ref.mean[i]));
			for (int i = 0; i < ref.cov.length; i++) diff = Math.max(diff, Math.abs(x[1][i] - ref.cov[i]));
			double[] old = new double[5], lane = new double[5];
			java.util.Arrays.fill(LaneSmoother.PHASES, 0);
			for (int rep = -2; rep < 5; rep++) {
				if (rep == 0) java.util.Arrays.fill(LaneSmoother.PHASES, 0);
				long c0 = mx.getCurrentThreadCpuTime();
				LdsSmoother.smooth(t, d, g, fixed);
				long c1 = mx.getCurrentThreadCpuTime();
				LaneSmoother.smooth(t, d, g, s, fixed);
				long c2 = mx.getCurrentThreadCpuTime();
				if (rep >= 0) {
					old[rep] = (c1 - c0) * 1e-9;
					lane[rep] = (c2 - c1) * 1e-9;
				}
			}
			double om = org.latentj.util.Median.of(old), lm = org.latentj.util.Median.of(lane);
			double ob = java.util.Arrays.stream(old).min().getAsDouble(), lb = java.util.Arrays.stream(lane).min().getAsDouble();
			int supers = (t + g - 1) / g, n = Math.max(1, supers / s);
			double laneMadds = (double) s * n * LaneSmoother.maddsPerSuperFrame(g * d);
			System.out.printf("  S = %3d: LdsSmoother %.3f (%.3f) s = %.2f G/s; LaneSmoother %.3f (%.3f) s = %.2f G/s done (%.0f M, %.1f%% of 55 G/s),"
					+ " %.2f G/s of LdsSmoother's %.0f M; LdsSmoother / LaneSmoother %.2f; max |difference| %.1e%n", s, om, ob, bandMadds / om * 1e-9,
					lm, lb, laneMadds / lm * 1e-9, laneMadds * 1e-6, 100 * laneMadds / lm * 1e-9 / 55, bandMadds / lm * 1e-9, bandMadds * 1e-6,
					om / lm, diff);
			long[] ph = LaneSmoother.PHASES;
			System.out.printf("         LaneSmoother's parts, mean of the 5: assembly %.3f s, forward %.3f s = %.2f G/s, separators %.3f s,"
					+ " backward %.3f s = %.2f G/s%n", ph[0] / 5e9, ph[1] / 5e9, s * n * LaneSmoother.maddsForward(g * d) / ph[1] * 5,
					ph[2] / 5e9, ph[3] / 5e9, s * n * (LaneSmoother.maddsPerSuperFrame(g * d) - LaneSmoother.maddsForward(g * d)) / ph[3] * 5);
		}
	}

	/**
	 * The lane product c += a b (m x m, S lanes) as LaneSmoother does it (one array per entry, lanes from index 0, three
	 * terms per lane loop) against the same product on one array per matrix (a[entry * S + lane], offsets), thread CPU,
	 * best of 5: JDK 17's C2 vectorises the first and leaves the second scalar.
	 */
	static void laneKernels(int m) {
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		System.out.printf("%nLane products, %d x %d, c += a b, thread CPU, best of 5:%n", m, m);
		for (int s : new int[] { 32, 64 }) {
			LaneSmoother.Lanes lanes = new LaneSmoother.Lanes(m, s);
			double[][] a = new double[m * m][s], b = new double[m * m][s], c = new double[m * m][s];
			double[] fa = new double[m * m * s], fb = new double[m * m * s], fc = new double[m * m * s];
			for (int e = 0; e < m * m; e++) {
				java.util.Arrays.fill(a[e], 1e-3);
				java.util.Arrays.fill(b[e], 1e-3);
			}
			java.util.Arrays.fill(fa, 1e-3);
			java.util.Arrays.fill(fb, 1e-3);
			int calls = 200_000_000 / (m * m * m * s) + 1;
			for (int form = 0; form < 2; form++) {
				double best = Double.POSITIVE_INFINITY;
				for (int rep = 0; rep < 5; rep++) {
					long c0 = mx.getCurrentThreadCpuTime();
					for (int i = 0; i < calls; i++)
						if (form == 0) lanes.mm(c, a, m, 1, b, m, 1, false, false);
						else flatLaneProduct(fc, fa, fb, m, s);
					best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
				}
				System.out.printf("  S = %d, %-38s %.2f G multiply-adds/s%n", s, form == 0 ? "one array per entry (LaneSmoother):" : "one array per matrix, offsets:",
						(double) m * m * m * s * calls / best * 1e-9);
			}
		}
	}

	/** c += a b on S lanes, each matrix one array a[entry * S + lane], two terms per lane loop. */
	static void flatLaneProduct(double[] c, double[] a, double[] b, int m, int s) {
		for (int i = 0; i < m; i++)
			for (int j = 0; j < m; j++) {
				int co = (i * m + j) * s;
				for (int q = 0; q + 1 < m; q += 2) {
					int a0 = (i * m + q) * s, a1 = a0 + s, b0 = (q * m + j) * s, b1 = b0 + m * s;
					for (int v = 0; v < s; v++) c[co + v] = Math.fma(a[a0 + v], b[b0 + v], Math.fma(a[a1 + v], b[b1 + v], c[co + v]));
				}
			}
	}

	/** Multiply-adds of main's chunked smoother per chunk of m = GD numbers (ChunkSmoother). */
	static double chunkMaddsPerChunk(int m) {
		double tri = (m * (double) m * m - m) / 6;
		return tri + tri + m * (m + 1.0) * (2 * m + 1) / 6 + 4.0 * m * m * m + 3.0 * m * m;
	}

	/** Multiply-adds of LdsSmoother per frame away from the ends, triangles counted exactly (its class comment). */
	static double bandedMaddsPerFrame(int d, int g) {
		double d3 = (double) d * d * d, tri = d * (d + 1.0) / 2;
		double forward = g * (g - 1) / 2.0 * d3 + 2 * g * d * tri + (d3 - d) / 3 + g * d * d + tri;
		double backward = g * d * tri + g * g * d3 + tri * (d + g * d) + d * (d + g * d) - d * (d - 1) / 2.0;
		return forward + backward;
	}

	static void figure(Path fit, Path nwbFile, int start, int frames, Path png) throws IOException {
		try (MoSeqNwb nwb = MoSeqNwb.open(nwbFile)) {
			String name = nwb.sessionName();
			org.latentj.io.CsvTable den = org.latentj.io.CsvTable.read(fit.resolve("denoised").resolve(name + ".csv"));
			int d = den.header().length - 2, t = den.rowCount();
			double[] x = new double[t * d];
			for (int r = 0; r < t; r++)
				for (int i = 0; i < d; i++) x[r * d + i] = den.numberOrNaN(r, i + 2);
			int[] labels = org.latentj.hmm.LabelsFile.read(fit.resolve("labels").resolve(name + ".csv")).labels;
			double[] y = nwb.hasPcs(false) ? nwb.pcs(d).values() : nwb.pcs(d, true).values();
			org.latentj.ui.Png.save(org.latentj.slds.ui.SldsViews.sessionPlot(name, y, x, d, labels, start, frames).getImagePlus(), png);
		}
	}

	static double ari(int[] labels, int[] truth) {
		int n = 0;
		for (int t = 0; t < labels.length; t++) if (labels[t] >= 0 && truth[t] >= 0) n++;
		int[] a = new int[n], b = new int[n];
		n = 0;
		for (int t = 0; t < labels.length; t++)
			if (labels[t] >= 0 && truth[t] >= 0) {
				a[n] = labels[t];
				b[n++] = truth[t];
			}
		return Metrics.adjustedRandIndex(a, b);
	}

	static double rms(double[] x, double[] truth) {
		double s = 0;
		long n = 0;
		for (int i = 0; i < x.length; i++)
			if (!Double.isNaN(x[i]) && !Double.isNaN(truth[i])) {
				double e = x[i] - truth[i];
				s += e * e;
				n++;
			}
		return Math.sqrt(s / n);
	}

	static double[] latent(Path csv, int frames, int d) throws IOException {
		List<String> lines = Files.readAllLines(csv);
		double[] x = new double[frames * d];
		java.util.Arrays.fill(x, Double.NaN);
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			int t = Integer.parseInt(f[0]);
			for (int i = 0; i < d; i++) x[t * d + i] = Double.parseDouble(f[i + 1]);
		}
		return x;
	}

	/** One EM iteration's parts on T = 36,000, D = 10, K = 20, G = 2 (random stable dynamics, uniform q(z) to start). */
	static void speed() {
		int t = 36000, d = 10, k = 20, g = 2;
		Random r = new Random(1);
		int cols = g * d + 1;
		double[][] w = new double[k][d * cols], q = new double[k][d * d];
		for (int s = 0; s < k; s++) {
			for (int i = 0; i < d; i++) {
				w[s][i * cols + i] = 1.6 + 0.05 * r.nextGaussian();
				w[s][i * cols + d + i] = -0.7;
				w[s][i * cols + cols - 1] = 0.1 * r.nextGaussian();
				q[s][i * d + i] = 0.1;
			}
		}
		double[] noise = new double[d];
		java.util.Arrays.fill(noise, 0.3);
		SldsParameters m = new SldsParameters(w, q, noise, 1, Transitions.fixedSticky(k, 0.95), InitialDistribution.uniform(k), g);
		double[] y = new double[t * d];
		for (int i = 0; i < y.length; i++) y[i] = r.nextGaussian();
		double[] w0 = new double[(t - g) * k];
		java.util.Arrays.fill(w0, 1.0 / k);
		StructuredMeanField sm = new StructuredMeanField(y, d, g, k, w0);
		System.out.printf("%nSpeed, T = %d, D = %d, K = %d, G = %d:%n", t, d, k, g);
		double[] block = Machine.medianAndBestSeconds(1, 5, () -> {
			sm.updateX(m);
			sm.updateZ(m);
		});
		double[] x = Machine.medianAndBestSeconds(1, 5, () -> sm.updateX(m));
		// the x update runs on one thread: its CPU time is what it costs, whatever else shares the cores
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		double cpuBest = Double.POSITIVE_INFINITY;
		for (int rep = 0; rep < 3; rep++) {
			long c0 = mx.getCurrentThreadCpuTime();
			sm.updateX(m);
			cpuBest = Math.min(cpuBest, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
		}
		// the smoother alone: the same window potential (q(z)-averaged) copied into every frame
		int nn = (g + 1) * d;
		double[] jw = new double[nn * nn], hw = new double[nn];
		sm.updateX(m);
		for (int s = 0; s < k; s++) {
			double[] pk = m.windowPrecision(s), hk = m.windowLinear(s);
			for (int i = 0; i < nn * nn; i++) jw[i] += pk[i] / k;
			for (int i = 0; i < nn; i++) hw[i] += hk[i] / k;
		}
		org.latentj.slds.FullWindow fixed = fixedPotentials(jw, hw, nn, d, y, false);
		// old (main's chunked smoother) and new, alternately in the same session (the machine is shared)
		double smoothCpu = Double.POSITIVE_INFINITY, chunkCpu = Double.POSITIVE_INFINITY;
		for (int rep = 0; rep < 5; rep++) {
			long c0 = mx.getCurrentThreadCpuTime();
			LdsSmoother.smooth(t, d, g, fixed);
			smoothCpu = Math.min(smoothCpu, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
			c0 = mx.getCurrentThreadCpuTime();
			ChunkSmoother.smooth(t, d, g, fixed);
			chunkCpu = Math.min(chunkCpu, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
		}
		LdsSmoother.Result banded = LdsSmoother.smooth(t, d, g, fixed);
		double[][] chunked = ChunkSmoother.smooth(t, d, g, fixed);
		double diff = 0;
		for (int i = 0; i < banded.cov.length; i++) diff = Math.max(diff, Math.abs(banded.cov[i] - chunked[1][i]));
		for (int i = 0; i < banded.mean.length; i++) diff = Math.max(diff, Math.abs(banded.mean[i] - chunked[0][i]));
		double chunkMadds = (double) (t / g) * chunkMaddsPerChunk(g * d), bandMadds = (double) t * bandedMaddsPerFrame(d, g);
		System.out.printf("  chunked smoother (main's, m = GD), CPU time: best %.3f s = %.2f G multiply-adds/s (%.0f per chunk, %.0f M in all)%n",
				chunkCpu, chunkMadds / chunkCpu * 1e-9, chunkMaddsPerChunk(g * d), chunkMadds * 1e-6);
		System.out.printf("  block-banded smoother (now), CPU time: best %.3f s = %.2f G multiply-adds/s (%.0f per frame, %.0f M in all);"
				+ " %.2fx the chunked one; max |difference| %.1e%n", smoothCpu, bandMadds / smoothCpu * 1e-9, bandedMaddsPerFrame(d, g),
				bandMadds * 1e-6, chunkCpu / smoothCpu, diff);
		int n = (g + 1) * d;
		double smootherMadds = bandMadds;
		double assembleMadds = (double) t * k * n * n;
		System.out.printf("  x update (potentials K n^2 per frame + smoother), CPU time of its (single) thread: best %.3f s%n", cpuBest);
		if (System.getProperty("slds.smootherOnly") != null) return;
		double[] mstep = Machine.medianAndBestSeconds(1, 5, () -> SldsFitter.maximize(m, List.of(sm)));
		System.out.printf("  smoother + its potentials (x update): %.3f s (best %.3f); smoother arithmetic %.0f M"
				+ " multiply-adds, potentials K n^2 per frame = %.0f M: %.2f G multiply-adds/s at best%n", x[0], x[1],
				smootherMadds * 1e-6, assembleMadds * 1e-6, (smootherMadds + assembleMadds) / x[1] * 1e-9);
		System.out.printf("  x update, CPU time of its (single) thread: best %.3f s = %.2f G multiply-adds/s per core%n", cpuBest,
				(smootherMadds + assembleMadds) / cpuBest * 1e-9);
		System.out.printf("  one block update (x then z: + expected log-likelihoods K n^2 per frame + forward-backward): %.3f s (best %.3f)%n",
				block[0], block[1]);
		System.out.printf("  M-step (expected statistics K n^2 per frame): %.3f s (best %.3f)%n", mstep[0], mstep[1]);
		System.out.printf("  EM iteration with B block updates ~ B x %.3f + %.3f s%n", block[1], mstep[1]);
		// the same parts in thread CPU time (what load changes least), best of 3
		double[] cpu = { Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY };
		for (int rep = 0; rep < 3; rep++) {
			long c0 = mx.getCurrentThreadCpuTime();
			sm.updateX(m);
			long c1 = mx.getCurrentThreadCpuTime();
			sm.updateZ(m); // after a new q(x): the expected log dynamics are recomputed
			long c2 = mx.getCurrentThreadCpuTime();
			sm.elbo(m);
			long c3 = mx.getCurrentThreadCpuTime();
			SldsFitter.maximize(m, List.of(sm));
			long c4 = mx.getCurrentThreadCpuTime();
			long[] c = { c0, c1, c2, c3, c4 };
			for (int i = 0; i < 4; i++) cpu[i] = Math.min(cpu[i], (c[i + 1] - c[i]) * 1e-9);
		}
		System.out.printf("  thread CPU, best of 3: x update %.3f s, z update %.3f s, ELBO %.3f s, M-step %.3f s%n", cpu[0], cpu[1], cpu[2], cpu[3]);
	}
}
