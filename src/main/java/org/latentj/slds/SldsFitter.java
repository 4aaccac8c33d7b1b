package org.latentj.slds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.latentj.hmm.ConvergenceEstimate;
import org.latentj.hmm.FitResult;
import org.latentj.hmm.ForwardBackward;
import org.latentj.hmm.InitialDistribution;
import org.latentj.hmm.HmmFitter;
import org.latentj.hmm.LinearGaussianObservations;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.Standardization;
import org.latentj.hmm.Transitions;
import org.latentj.util.BadInputException;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Fits an SLDS by variational EM with structured mean-field inference, started from the AR-HMM that
 * Fit HMM fits to the same sessions (its standardisation, dynamics, transitions and labels; x starts at
 * y), and decodes and denoises every session with the final model. With linear emissions the AR-HMM is
 * fitted to the first `latent` standardized PCs (no second standardisation), C starts at [I; 0], the
 * offset at 0, and the M-step also learns C, the offset and R jointly by regression of y on E[x].
 * <p>
 * EM iteration i: inference on every training sequence (block updates to the tolerance) whose ELBO
 * is the one recorded for iteration i (the test ELBO under the same parameters beside it), then the
 * M-step from expected sufficient statistics. Each session's first train_fraction of frames is a
 * training sequence, the rest a test sequence; dropped frames stay inside their sequence as missing
 * observations. Deterministic: no randomness beyond the AR-HMM fit's seed.
 */
public final class SldsFitter {

	/**
	 * The least noise variance R_i (standardized units) a fit holds, at its start and after every M-step: below it
	 * 1 / R_i overflows the smoother's precisions long before the data could ask for it. A model file below it is
	 * refused ({@link SldsModel}).
	 */
	static final double NOISE_FLOOR = 1e-12;

	/** The AR-HMM's innovation covariances include the observation noise; the SLDS starts from this share of them. */
	static final double START_DYNAMICS_SHARE = 0.25;

	private SldsFitter() {
	}

	public static SldsResult fit(List<SessionData> sessions, SldsSettings s, Progress progress) {
		long start = System.nanoTime();
		if (sessions.isEmpty()) throw new BadInputException("No sessions to fit.");
		progress.update(0, "fitting the AR-HMM that starts the SLDS");
		int obs = s.pcs(), d = s.latentDim(), g = s.lags(), k = s.states();
		long bytes = 0; // every training and test sequence keeps its q(x) and q(z) between EM iterations
		for (SessionData sd : sessions)
			bytes = org.latentj.util.Memory.plus(bytes, decodingBytes(sd.frames, trainEnd(s, sd.frames), obs, d, g, k, s.labelMoves()));
		org.latentj.util.Memory.require(bytes, "Fit SLDS on " + sessions.size() + " session(s)"); // before the AR-HMM fit
		boolean linear = s.emissions() == SldsSettings.Emissions.LINEAR;
		Standardization st;
		FitResult hmm;
		if (!linear) {
			hmm = HmmFitter.fit(sessions, s.hmmSettings(), progress.stage(0, 0.3));
			st = hmm.standardization;
		} else { // standardize the PCs as Fit HMM does; the AR-HMM on the first `latent` of them starts x (C = [I; 0])
			st = standardize(sessions, s);
			List<SessionData> firsts = new ArrayList<>();
			for (SessionData sd : sessions) {
				double[] y = st.apply(sd.firstPcs(obs)), x = new double[sd.frames * d];
				for (int t = 0; t < sd.frames; t++) System.arraycopy(y, t * obs, x, t * d, d);
				double[] times = new double[sd.frames];
				for (int t = 0; t < sd.frames; t++) times[t] = sd.time(t);
				firsts.add(SessionData.withDroppedFrames(sd.name, x, d, times));
			}
			hmm = HmmFitter.fit(firsts, s.hmmSettings(d, Standardization.Kind.NONE), progress.stage(0, 0.3));
		}
		List<double[]> data = new ArrayList<>();
		List<StructuredMeanField> train = new ArrayList<>(), test = new ArrayList<>();
		StructuredMeanField[] trainOf = new StructuredMeanField[sessions.size()], testOf = new StructuredMeanField[sessions.size()];
		for (int i = 0; i < sessions.size(); i++) {
			SessionData sd = sessions.get(i);
			double[] y = st.apply(sd.firstPcs(obs));
			data.add(y);
			int end = trainEnd(s, sd.frames);
			int[] labels = hmm.decodings.get(i).labels;
			if (end > g)
				train.add(trainOf[i] = new StructuredMeanField(Arrays.copyOfRange(y, 0, end * obs), obs, d, g, k, startQz(labels, 0, end, g, k, hmm.hmm.transitions(), hmm.hmm.initial())));
			if (sd.frames - end > g)
				test.add(testOf[i] = new StructuredMeanField(Arrays.copyOfRange(y, end * obs, sd.frames * obs), obs, d, g, k,
						startQz(labels, end, sd.frames, g, k, hmm.hmm.transitions(), hmm.hmm.initial())));
		}
		if (train.isEmpty())
			throw new BadInputException("No session has more than lags = " + g + " training frames (train_fraction "
					+ s.trainFraction() + ").");
		SldsParameters m = start(hmm, d, g, train, linear).withDof(s.studentDof());
		long trainFrames = train.stream().mapToLong(StructuredMeanField::frames).sum();
		long testFrames = test.stream().mapToLong(StructuredMeanField::frames).sum();
		List<Double> trainHistory = new ArrayList<>(), testHistory = new ArrayList<>();
		double previous = Double.NaN;
		boolean converged = false;
		Progress em = progress.stage(0.3, 0.95);
		// the loop stops when the relative gain falls to the tolerance: count that, not the iteration maximum
		ConvergenceEstimate done = new ConvergenceEstimate(s.tolerance(), s.iterations());
		boolean moving = s.labelMoves();
		em.update(0, "EM from the AR-HMM's start"); // (SldsBench iteration times EM iteration 1 from here)
		for (int it = 1; it <= s.iterations(); it++) {
			progress.checkCancelled();
			double trainSum = infer(train, m, s), testSum = test.isEmpty() ? Double.NaN : infer(test, m, s);
			if (moving) { // label moves while they gain (the first few EM iterations: BENCHMARKS.md, SLDS)
				double before = trainSum;
				double[] sums = refine(train, test, m, s, em.quiet()); // training and test sequences side by side (one thread each)
				trainSum = sums[0];
				if (!test.isEmpty()) testSum = sums[1];
				moving = trainSum - before > LabelSearch.EM_GAIN * Math.abs(before);
			}
			double elbo = trainSum / trainFrames, testElbo = testSum / testFrames;
			trainHistory.add(elbo);
			testHistory.add(testElbo);
			double gain = Double.isNaN(previous) ? Double.NaN : Math.abs(elbo - previous) / Math.abs(elbo);
			em.update(done.step(it, gain), String.format("EM iteration %d/%d, ELBO/frame %.4f", it, s.iterations(), elbo));
			if (Math.abs(elbo - previous) <= s.tolerance() * Math.abs(elbo)) {
				converged = true;
				break;
			}
			previous = elbo;
			if (it == s.iterations()) break;
			m = maximize(m, train);
		}
		// most used state first, as Fit HMM
		double[] usage = new double[k];
		for (StructuredMeanField q : train)
			for (int t = 0; t < q.frames - g; t++)
				for (int j = 0; j < k; j++) usage[j] += q.w[t * k + j];
		int[] order = HmmFitter.orderByUsage(usage);
		SldsParameters model = m.permute(order);
		double[] sortedUsage = new double[k];
		for (int j = 0; j < k; j++) sortedUsage[j] = usage[order[j]];
		progress.update(0.95, "decoding sessions");
		int[] inverse = new int[k];
		for (int j = 0; j < k; j++) inverse[order[j]] = j;
		List<SldsResult.Session> decoded = new ArrayList<>();
		SldsResult.Session[] out = new SldsResult.Session[sessions.size()];
		int[][] emLabels = new int[sessions.size()][]; // as int[], so the decoding does not hold on to EM's sequences through a capture
		if (s.labelMoves())
			for (int i = 0; i < emLabels.length; i++)
				emLabels[i] = lastLabels(trainOf[i], testOf[i], sessions.get(i).frames, trainEnd(s, sessions.get(i).frames), inverse);
		Progress decoding = progress.stage(0.95, 1);
		Parallel.forEach(out.length, i -> {
			SessionData sd = sessions.get(i);
			double[] y = data.get(i);
			if (sd.frames <= g) {
				out[i] = SldsResult.Session.tooShort(sd.name, sd.frames, obs);
				return;
			}
			int[] labels = hmm.decodings.get(i).labels.clone();
			for (int t = 0; t < labels.length; t++) if (labels[t] >= 0) labels[t] = inverse[labels[t]];
			StructuredMeanField q = new StructuredMeanField(y, obs, d, g, k, startQz(labels, 0, sd.frames, g, k, model.transitions, model.initial));
			double elbo = q.converge(model, s.innerIterations(), s.tolerance(), null);
			if (s.labelMoves()) { // with label moves, also from the labels EM ended with (when they differ); the higher ELBO is kept
				elbo = LabelSearch.refine(q, model, s.innerIterations(), s.tolerance(), decoding.quiet());
				if (!Arrays.equals(emLabels[i], labels)) {
					StructuredMeanField fromEm = new StructuredMeanField(y, obs, d, g, k, startQz(emLabels[i], 0, sd.frames, g, k, model.transitions, model.initial));
					fromEm.converge(model, s.innerIterations(), s.tolerance(), null);
					double e = LabelSearch.refine(fromEm, model, s.innerIterations(), s.tolerance(), decoding.quiet());
					if (LabelSearch.LOG) System.err.printf("final decoding of %s: ELBO from the AR-HMM's labels %.3f, from EM's %.3f%n", sd.name, elbo, e);
					if (e > elbo) {
						q = fromEm;
						elbo = e;
					}
				}
			}
			double[] prob = new double[sd.frames];
			int[] l = q.labels(prob);
			double[] denoised = st.invert(model.observe(q.means()));
			for (int t = 0; t < sd.frames; t++)
				if (Double.isNaN(y[t * obs])) Arrays.fill(denoised, t * obs, t * obs + obs, Double.NaN); // no frame, no row
			out[i] = new SldsResult.Session(sd.name, l, prob, denoised, elbo, q.blockUpdates, q.converged);
		}, decoding, "decoding sessions");
		decoded.addAll(Arrays.asList(out));
		progress.update(1, "done");
		return new SldsResult(model, st, s, trainHistory, testHistory, trainFrames, testFrames, sortedUsage, decoded,
				converged, hmm, (System.nanoTime() - start) * 1e-9);
	}

	/**
	 * A session's labels as EM left them: the training sequence's on frames 0..end - 1, the test sequence's after (either
	 * may be null), -1 where neither labels (the first lags frames of each), states renumbered by inverse.
	 */
	private static int[] lastLabels(StructuredMeanField train, StructuredMeanField test, int frames, int end, int[] inverse) {
		int[] out = new int[frames];
		Arrays.fill(out, -1);
		if (train != null) System.arraycopy(train.labels(null), 0, out, 0, end);
		if (test != null) System.arraycopy(test.labels(null), 0, out, end, test.frames);
		for (int t = 0; t < frames; t++) if (out[t] >= 0) out[t] = inverse[out[t]];
		return out;
	}

	/** The first test frame of a session: its first floor(train_fraction x frames) frames train. */
	static int trainEnd(SldsSettings s, int frames) {
		return (int) Math.floor(s.trainFraction() * frames);
	}

	/**
	 * Bytes a session of frames frames (trainFrames of them training) holds at most: its training and test sequences' q
	 * (kept between EM iterations and through the decoding), the decoding's q and, with label moves, the second
	 * decoding's q (from EM's labels) and what {@link LabelSearch#refine} adds; or, if larger, EM's peak with label
	 * moves, which differs because EM refines the training and the test sequence at the same time (each adding its own
	 * filter, with its own kept tail, or second q on top of the two sequences' q; two q fewer than the decoding, so in
	 * practice below it); -1 on overflow.
	 */
	static long decodingBytes(long frames, long trainFrames, int obs, int d, int g, int k, boolean labelMoves) {
		long q = StructuredMeanField.bytes(frames, obs, d, g, k);
		if (!labelMoves) return org.latentj.util.Memory.plus(q, q);
		long decode = org.latentj.util.Memory.plus(q, q, q, LabelSearch.refineBytes(frames, obs, d, g, k)),
				em = org.latentj.util.Memory.plus(q, LabelSearch.refineBytes(trainFrames, obs, d, g, k),
						LabelSearch.refineBytes(frames - trainFrames, obs, d, g, k));
		return decode < 0 || em < 0 ? -1 : Math.max(decode, em);
	}

	/**
	 * Label moves ({@link LabelSearch#refine}) on every training and test sequence after inference, all in one parallel
	 * call (a session's training and test sequences side by side: each search runs on one thread); the summed ELBOs of
	 * the training and of the test sequences.
	 */
	static double[] refine(List<StructuredMeanField> train, List<StructuredMeanField> test, SldsParameters m, SldsSettings s, Progress progress) {
		int n = train.size();
		double[] elbo = new double[n + test.size()];
		Parallel.forEach(elbo.length, i -> elbo[i] = LabelSearch.refine(i < n ? train.get(i) : test.get(i - n), m, s.innerIterations(),
				s.tolerance(), progress), progress, null);
		double[] sums = new double[2];
		for (int i = 0; i < elbo.length; i++) sums[i < n ? 0 : 1] += elbo[i];
		return sums;
	}

	/** The standardisation Fit HMM would fit to these sessions' PCs (training frames, dropped frames left out). */
	static Standardization standardize(List<SessionData> sessions, SldsSettings s) {
		List<double[]> raw = new ArrayList<>();
		List<String> names = new ArrayList<>();
		int[] ends = new int[sessions.size()];
		for (int i = 0; i < sessions.size(); i++) {
			SessionData sd = sessions.get(i);
			raw.add(sd.firstPcs(s.pcs()));
			names.add(sd.name);
			ends[i] = trainEnd(s, sd.frames);
		}
		return Standardization.fit(s.standardize(), raw, ends, s.pcs(), names);
	}

	/** Inference on every sequence (in parallel); the summed ELBO. */
	static double infer(List<StructuredMeanField> seqs, SldsParameters m, SldsSettings s) {
		double[] elbo = new double[seqs.size()];
		Parallel.forEach(elbo.length, i -> elbo[i] = seqs.get(i).converge(m, s.innerIterations(), s.tolerance(), null));
		double sum = 0;
		for (double e : elbo) sum += e;
		return sum;
	}

	/**
	 * The SLDS an AR-HMM fit starts: its dynamics (covariances shrunk), transitions, initial distribution;
	 * the noise variance of each PC from its second differences, var(y_t - 2 y_{t-1} + y_{t-2}) / 6, which
	 * is 6 R plus the (small, for smooth poses) variance of the latent's second differences.
	 */
	static SldsParameters start(FitResult hmm, int d, int g, List<StructuredMeanField> train, boolean linear) {
		LinearGaussianObservations ar = (LinearGaussianObservations) hmm.hmm.observations();
		int k = hmm.hmm.states();
		double[][] w = new double[k][], q = new double[k][];
		int obs = train.get(0).obs;
		double[] noise = new double[obs], square = new double[obs];
		for (int j = 0; j < k; j++) {
			w[j] = ar.weights(j);
			q[j] = ar.covariance(j);
			for (int i = 0; i < d * d; i++) q[j][i] *= START_DYNAMICS_SHARE;
		}
		long count = 0;
		for (StructuredMeanField seq : train)
			for (int t = 2; t < seq.frames; t++) {
				double[] y = seq.y;
				if (Double.isNaN(y[t * obs]) || Double.isNaN(y[(t - 1) * obs]) || Double.isNaN(y[(t - 2) * obs])) continue;
				count++;
				for (int i = 0; i < obs; i++) {
					double v = y[t * obs + i] - 2 * y[(t - 1) * obs + i] + y[(t - 2) * obs + i];
					noise[i] += v * v;
					square[i] += y[t * obs + i] * y[t * obs + i];
				}
			}
		for (int i = 0; i < obs; i++) noise[i] = count > 0 && noise[i] > 0 ? Math.max(noise[i] / (6.0 * count), NOISE_FLOOR) : 0.1;
		if (!linear) return new SldsParameters(w, q, noise, 1.0, hmm.hmm.transitions(), hmm.hmm.initial(), g);
		// C = [I; 0], offset 0: the PCs past the latent dimension start as noise (their whole mean square)
		double[] c = new double[obs * d];
		for (int i = 0; i < d; i++) c[i * d + i] = 1;
		for (int i = d; i < obs; i++) noise[i] = count > 0 && square[i] > 0 ? Math.max(square[i] / count, NOISE_FLOOR) : 1;
		return new SldsParameters(w, q, noise, 1.0, hmm.hmm.transitions(), hmm.hmm.initial(), g, c, new double[obs]);
	}

	/**
	 * The first q(z) (T' x K rows for frames from + G .. to): one-hot on labelled frames and, on unlabelled
	 * ones (a gap the AR-HMM restarted at and the lags frames after it), the posterior of the Markov chain
	 * alone given the labels on both sides (forward-backward with flat likelihoods there). Uniform rows in a
	 * gap made q(x) follow the average dynamics there, and structured mean field then locked the whole gap
	 * onto the one state nearest that average (SldsBench gaps: 91% of dropped frames in one state, ARI 0.008).
	 */
	static double[] startQz(int[] labels, int from, int to, int g, int k, Transitions transitions, InitialDistribution initial) {
		int rows = to - from - g;
		double[] l = new double[rows * k];
		boolean gap = false;
		for (int r = 0; r < rows; r++) {
			int label = labels[from + g + r];
			if (label < 0) gap = true;
			else
				for (int s = 0; s < k; s++) l[r * k + s] = s == label ? 0 : -50; // one-hot to e^-50
		}
		if (!gap) return oneHot(labels, from, to, g, k);
		return ForwardBackward.smooth(initial.probabilities(), transitions.matrix(), l, rows, false).smoothed;
	}

	/** q(z) rows (T' x K) for frames from + G .. to, every one labelled: one-hot. */
	static double[] oneHot(int[] labels, int from, int to, int g, int k) {
		int rows = to - from - g;
		double[] w = new double[rows * k];
		for (int r = 0; r < rows; r++) w[r * k + labels[from + g + r]] = 1;
		return w;
	}

	// ------------------------------------------------------------------ M-step

	/** Frames per parallel block of the M-step's window moments. */
	static final int MOMENT_BLOCK = 1024;

	/**
	 * The M-step: per state, A and b by weighted least squares on the expected window moments
	 * (posterior covariances included) and Q from the expected residuals; R from the expected squared
	 * observation residuals; transitions and initial distribution from the expected counts. A state with
	 * too few expected frames for its regression keeps its parameters.
	 */
	public static SldsParameters maximize(SldsParameters m, List<StructuredMeanField> seqs) {
		int k = m.k, d = m.d, g = m.lags, n = (g + 1) * d, u = n + 1, obs = m.obs;
		int np = n * (n + 1) / 2, len = np + n; // E[v v^T]'s lower triangle and E[v] (StructuredMeanField.packedMoments)
		double[][] gram = new double[k][u * u], second = new double[k][len + 1];
		double[] noiseSum = new double[d], counts = new double[k * k], first = new double[k];
		// linear emissions: sums over observed frames of E[x~ x~^T] (x~ = (x, 1)), y E[x~]^T and y_i^2
		double[] ex = new double[(d + 1) * (d + 1)], yx = new double[(d + 1) * obs], yy = new double[obs];
		long observed = 0;
		for (StructuredMeanField q : seqs) {
			// per block of frames (its size fixed, not the thread count's) on all threads, added in block order:
			// the same sums for any number of threads
			int blocks = Parallel.blocks(q.frames - g, MOMENT_BLOCK), stride = len + 1;
			double[][][] part = new double[blocks][k][stride];
			Parallel.forEach(blocks, b -> {
				double[] s = new double[len];
				for (int t = g + b * MOMENT_BLOCK, end = Math.min(q.frames, t + MOMENT_BLOCK); t < end; t++) {
					q.packedMoments(t, s, 0);
					int row = (t - g) * k;
					for (int c = 0; c < k; c++) {
						double wt = q.w[row + c];
						if (wt == 0) continue;
						double[] sc = part[b][c]; // one long loop (vectorised; an offset into one array for all K was 1.2x slower)
						for (int i = 0; i < len; i++) sc[i] = Math.fma(wt, s[i], sc[i]);
						sc[len] += wt;
					}
				}
			});
			for (double[][] pb : part)
				for (int c = 0; c < k; c++)
					for (int i = 0; i <= len; i++) second[c][i] += pb[c][i];
			int g1 = g + 1;
			for (int t = 0; t < q.frames; t++) {
				if (Double.isNaN(q.y[t * obs])) continue;
				observed++;
				double wt = m.student() ? q.weight(t) : 1; // E[w_t] of Student-t noise: R = sum E[w_t] E[r_t r_t^T] / frames
				if (m.linear()) {
					emissionStats(q, t, wt, ex, yx, yy);
					continue;
				}
				for (int i = 0; i < d; i++) {
					double r = q.y[t * d + i] - q.qx.mean[t * d + i];
					noiseSum[i] += wt * (r * r + q.qx.cov[t * g1 * d * d + i * d + i]);
				}
			}
			for (int i = 0; i < k * k; i++) counts[i] += q.counts[i];
			for (int i = 0; i < k; i++) first[i] += q.first[i];
		}
		for (int c = 0; c < k; c++) { // E[v v^T], E[v] and the weight into the Gram matrix of (v, 1)
			double[] sc = second[c], gc = gram[c];
			for (int a = 0, o = 0; a < n; a++) {
				for (int b = 0; b <= a; b++, o++) gc[a * u + b] = gc[b * u + a] = sc[o];
				gc[a * u + n] = sc[np + a];
			}
			gc[n * u + n] = sc[len];
		}
		double[][] w = new double[k][], cov = new double[k][];
		int cols = g * d + 1, p = cols; // regressors: x_{t-G}..x_{t-1} (window order) and 1
		for (int c = 0; c < k; c++) {
			double[] gr = gram[c];
			for (int a = 0; a < n; a++) gr[n * u + a] = gr[a * u + n];
			w[c] = m.weights[c];
			cov[c] = m.covs[c];
			double frames = gr[n * u + n];
			if (frames < p + 1) continue;
			int[] reg = new int[p];
			for (int i = 0; i < g * d; i++) reg[i] = i;
			reg[p - 1] = n;
			double[] spp = new double[p * p], spx = new double[p * d];
			for (int a = 0; a < p; a++) {
				for (int b = 0; b < p; b++) spp[a * p + b] = gr[reg[a] * u + reg[b]];
				for (int i = 0; i < d; i++) spx[a * d + i] = gr[reg[a] * u + g * d + i];
			}
			double[] wt = Linear.solveSpd(spp, p, spx, d); // W'^T, p x D
			if (wt == null) continue;
			double[] q = new double[d * d];
			for (int i = 0; i < d; i++)
				for (int j = 0; j < d; j++) {
					double v = gr[(g * d + i) * u + g * d + j];
					for (int a = 0; a < p; a++) v -= wt[a * d + i] * spx[a * d + j];
					q[i * d + j] = v / frames;
				}
			for (int i = 0; i < d; i++)
				for (int j = 0; j < i; j++) q[i * d + j] = q[j * d + i] = 0.5 * (q[i * d + j] + q[j * d + i]);
			if (Linear.cholesky(q, d) == null) continue;
			// back to the engine's layout: column (lag - 1) D + j is x_{t-lag}, window block G - lag
			double[] lab = new double[d * cols];
			for (int i = 0; i < d; i++) {
				for (int lag = 1; lag <= g; lag++)
					for (int j = 0; j < d; j++) lab[i * cols + (lag - 1) * d + j] = wt[((g - lag) * d + j) * d + i];
				lab[i * cols + cols - 1] = wt[(p - 1) * d + i];
			}
			w[c] = lab;
			cov[c] = q;
		}
		double[] noise = m.noise.clone(), emission = m.emission, offset = m.offset;
		if (observed > 0 && !m.linear())
			for (int i = 0; i < d; i++) noise[i] = Math.max(noiseSum[i] / observed, NOISE_FLOOR);
		if (observed > d && m.linear()) {
			// [C offset]^T = E[x~ x~^T]^-1 sum E[x~] y^T; R_i = (sum y_i^2 - [C offset]_i sum E[x~] y_i) / frames
			double[] x = Linear.solveSpd(ex, d + 1, yx, obs);
			if (x != null) {
				emission = new double[obs * d];
				offset = new double[obs];
				for (int i = 0; i < obs; i++) {
					double fit = 0;
					for (int a = 0; a <= d; a++) fit += x[a * obs + i] * yx[a * obs + i];
					for (int a = 0; a < d; a++) emission[i * d + a] = x[a * obs + i];
					offset[i] = x[d * obs + i];
					noise[i] = Math.max((yy[i] - fit) / observed, NOISE_FLOOR);
				}
			}
		}
		return new SldsParameters(w, cov, noise, m.priorVariance, m.transitions.maximize(counts),
				m.initial.maximize(first), g, emission, offset, m.dof);
	}

	/**
	 * Adds frame t's E[x~ x~^T] (x~ = (x_t, 1)), E[x~] y_t^T ((d + 1) x obs) and y_t^2, each times the frame's weight u
	 * (E[w_t] of Student-t noise, else 1: weighted least squares), to the emission sums.
	 */
	private static void emissionStats(StructuredMeanField q, int t, double u, double[] ex, double[] yx, double[] yy) {
		int d = q.d, obs = q.obs, uu = d + 1, diag = t * (q.lags + 1) * d * d;
		double[] mu = q.qx.mean;
		for (int a = 0; a < d; a++) {
			double ma = mu[t * d + a];
			for (int b = 0; b < d; b++) ex[a * uu + b] += u * (q.qx.cov[diag + a * d + b] + ma * mu[t * d + b]);
			ex[a * uu + d] += u * ma;
			ex[d * uu + a] += u * ma;
		}
		ex[d * uu + d] += u;
		for (int i = 0; i < obs; i++) {
			double yi = q.y[t * obs + i];
			yy[i] += u * yi * yi;
			for (int a = 0; a < d; a++) yx[a * obs + i] += u * mu[t * d + a] * yi;
			yx[d * obs + i] += u * yi;
		}
	}
}
