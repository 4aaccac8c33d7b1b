package org.latentj.slds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.latentj.hmm.ConvergenceEstimate;
import org.latentj.hmm.FitResult;
import org.latentj.hmm.HmmFitter;
import org.latentj.hmm.LinearGaussianObservations;
import org.latentj.hmm.SessionData;
import org.latentj.hmm.Standardization;
import org.latentj.util.BadInputException;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Fits an SLDS (identity emissions) by variational EM with structured mean-field inference, started
 * from the AR-HMM that Fit HMM fits to the same sessions (its standardisation, dynamics, transitions
 * and labels; x starts at y), and decodes and denoises every session with the final model.
 * <p>
 * EM iteration i: inference on every training sequence (block updates to the tolerance) whose ELBO
 * is the one recorded for iteration i (the test ELBO under the same parameters beside it), then the
 * M-step from expected sufficient statistics. Each session's first train_fraction of frames is a
 * training sequence, the rest a test sequence; dropped frames stay inside their sequence as missing
 * observations. Deterministic: no randomness beyond the AR-HMM fit's seed.
 */
public final class SldsFitter {

	/** The AR-HMM's innovation covariances include the observation noise; the SLDS starts from this share of them. */
	static final double START_DYNAMICS_SHARE = 0.25;

	private SldsFitter() {
	}

	public static SldsResult fit(List<SessionData> sessions, SldsSettings s, Progress progress) {
		long start = System.nanoTime();
		if (sessions.isEmpty()) throw new BadInputException("No sessions to fit.");
		progress.update(0, "fitting the AR-HMM that starts the SLDS");
		FitResult hmm = HmmFitter.fit(sessions, s.hmmSettings(), progress.stage(0, 0.3));
		Standardization st = hmm.standardization;
		int d = s.pcs(), g = s.lags(), k = s.states();
		List<double[]> data = new ArrayList<>();
		List<StructuredMeanField> train = new ArrayList<>(), test = new ArrayList<>();
		for (int i = 0; i < sessions.size(); i++) {
			SessionData sd = sessions.get(i);
			double[] y = st.apply(sd.firstPcs(d));
			data.add(y);
			int end = (int) Math.floor(s.trainFraction() * sd.frames);
			int[] labels = hmm.decodings.get(i).labels;
			if (end > g) train.add(new StructuredMeanField(Arrays.copyOfRange(y, 0, end * d), d, g, k, oneHot(labels, 0, end, g, k)));
			if (sd.frames - end > g)
				test.add(new StructuredMeanField(Arrays.copyOfRange(y, end * d, sd.frames * d), d, g, k,
						oneHot(labels, end, sd.frames, g, k)));
		}
		if (train.isEmpty())
			throw new BadInputException("No session has more than lags = " + g + " training frames (train_fraction "
					+ s.trainFraction() + ").");
		SldsParameters m = start(hmm, d, g, train);
		long trainFrames = train.stream().mapToLong(StructuredMeanField::frames).sum();
		long testFrames = test.stream().mapToLong(StructuredMeanField::frames).sum();
		List<Double> trainHistory = new ArrayList<>(), testHistory = new ArrayList<>();
		double previous = Double.NaN;
		boolean converged = false;
		Progress em = progress.stage(0.3, 0.95);
		// the loop stops when the relative gain falls to the tolerance: count that, not the iteration maximum
		ConvergenceEstimate done = new ConvergenceEstimate(s.tolerance(), s.iterations());
		for (int it = 1; it <= s.iterations(); it++) {
			progress.checkCancelled();
			double elbo = infer(train, m, s) / trainFrames;
			double testElbo = test.isEmpty() ? Double.NaN : infer(test, m, s) / testFrames;
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
		int[] order = orderByUsage(usage);
		SldsParameters model = m.permute(order);
		double[] sortedUsage = new double[k];
		for (int j = 0; j < k; j++) sortedUsage[j] = usage[order[j]];
		progress.update(0.95, "decoding sessions");
		int[] inverse = new int[k];
		for (int j = 0; j < k; j++) inverse[order[j]] = j;
		List<SldsResult.Session> decoded = new ArrayList<>();
		SldsResult.Session[] out = new SldsResult.Session[sessions.size()];
		Parallel.forEach(out.length, i -> {
			SessionData sd = sessions.get(i);
			double[] y = data.get(i);
			if (sd.frames <= g) {
				out[i] = SldsResult.Session.tooShort(sd.name, sd.frames, d);
				return;
			}
			int[] labels = hmm.decodings.get(i).labels.clone();
			for (int t = 0; t < labels.length; t++) if (labels[t] >= 0) labels[t] = inverse[labels[t]];
			StructuredMeanField q = new StructuredMeanField(y, d, g, k, oneHot(labels, 0, sd.frames, g, k));
			double elbo = q.converge(model, s.innerIterations(), s.tolerance(), null);
			double[] prob = new double[sd.frames];
			int[] l = q.labels(prob);
			double[] denoised = st.invert(q.means());
			for (int t = 0; t < sd.frames; t++)
				if (Double.isNaN(y[t * d])) Arrays.fill(denoised, t * d, t * d + d, Double.NaN); // no frame, no row
			out[i] = new SldsResult.Session(sd.name, l, prob, denoised, elbo, q.blockUpdates, q.converged);
		});
		decoded.addAll(Arrays.asList(out));
		progress.update(1, "done");
		return new SldsResult(model, st, s, trainHistory, testHistory, trainFrames, testFrames, sortedUsage, decoded,
				converged, hmm, (System.nanoTime() - start) * 1e-9);
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
	static SldsParameters start(FitResult hmm, int d, int g, List<StructuredMeanField> train) {
		LinearGaussianObservations obs = (LinearGaussianObservations) hmm.hmm.observations();
		int k = hmm.hmm.states();
		double[][] w = new double[k][], q = new double[k][];
		double[] noise = new double[d];
		for (int j = 0; j < k; j++) {
			w[j] = obs.weights(j);
			q[j] = obs.covariance(j);
			for (int i = 0; i < d * d; i++) q[j][i] *= START_DYNAMICS_SHARE;
		}
		long count = 0;
		for (StructuredMeanField seq : train)
			for (int t = 2; t < seq.frames; t++) {
				double[] y = seq.y;
				if (Double.isNaN(y[t * d]) || Double.isNaN(y[(t - 1) * d]) || Double.isNaN(y[(t - 2) * d])) continue;
				count++;
				for (int i = 0; i < d; i++) {
					double v = y[t * d + i] - 2 * y[(t - 1) * d + i] + y[(t - 2) * d + i];
					noise[i] += v * v;
				}
			}
		for (int i = 0; i < d; i++) noise[i] = count > 0 && noise[i] > 0 ? noise[i] / (6.0 * count) : 0.1;
		return new SldsParameters(w, q, noise, 1.0, hmm.hmm.transitions(), hmm.hmm.initial(), g);
	}

	/** q(z) rows (T' x K) for frames from + G .. to from labels: one-hot, uniform where unlabelled. */
	static double[] oneHot(int[] labels, int from, int to, int g, int k) {
		int rows = to - from - g;
		double[] w = new double[rows * k];
		for (int r = 0; r < rows; r++) {
			int l = labels[from + g + r];
			if (l >= 0) w[r * k + l] = 1;
			else Arrays.fill(w, r * k, r * k + k, 1.0 / k);
		}
		return w;
	}

	// ------------------------------------------------------------------ M-step

	/**
	 * The M-step: per state, A and b by weighted least squares on the expected window moments
	 * (posterior covariances included) and Q from the expected residuals; R from the expected squared
	 * observation residuals; transitions and initial distribution from the expected counts. A state with
	 * too few expected frames for its regression keeps its parameters.
	 */
	public static SldsParameters maximize(SldsParameters m, List<StructuredMeanField> seqs) {
		int k = m.k, d = m.d, g = m.lags, n = (g + 1) * d, u = n + 1;
		double[][] gram = new double[k][u * u];
		double[] noiseSum = new double[d], counts = new double[k * k], first = new double[k];
		long observed = 0;
		double[] mu = new double[n], s = new double[n * n];
		for (StructuredMeanField q : seqs) {
			for (int t = g; t < q.frames; t++) {
				q.windowMoments(t, mu, s);
				int row = (t - g) * k;
				for (int c = 0; c < k; c++) {
					double wt = q.w[row + c];
					if (wt == 0) continue;
					double[] gr = gram[c];
					for (int a = 0; a < n; a++) {
						for (int b = 0; b < n; b++) gr[a * u + b] += wt * s[a * n + b];
						gr[a * u + n] += wt * mu[a];
					}
					gr[n * u + n] += wt;
				}
			}
			int g1 = g + 1;
			for (int t = 0; t < q.frames; t++) {
				if (Double.isNaN(q.y[t * d])) continue;
				observed++;
				for (int i = 0; i < d; i++) {
					double r = q.y[t * d + i] - q.qx.mean[t * d + i];
					noiseSum[i] += r * r + q.qx.cov[t * g1 * d * d + i * d + i];
				}
			}
			for (int i = 0; i < k * k; i++) counts[i] += q.counts[i];
			for (int i = 0; i < k; i++) first[i] += q.first[i];
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
		double[] noise = m.noise.clone();
		if (observed > 0)
			for (int i = 0; i < d; i++) noise[i] = Math.max(noiseSum[i] / observed, 1e-12);
		return new SldsParameters(w, cov, noise, m.priorVariance, m.transitions.maximize(counts),
				m.initial.maximize(first), g);
	}

	static int[] orderByUsage(double[] usage) {
		Integer[] idx = new Integer[usage.length];
		for (int i = 0; i < idx.length; i++) idx[i] = i;
		Arrays.sort(idx, (a, b) -> usage[a] != usage[b] ? Double.compare(usage[b], usage[a]) : Integer.compare(a, b));
		int[] order = new int[idx.length];
		for (int i = 0; i < order.length; i++) order[i] = idx[i];
		return order;
	}
}
