package org.latentj.symbolic;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.latentj.nn.Adam;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * Trains a {@link Critic} to tell curves of a {@link FunctionLibrary} from the untrained-network curves of
 * {@link MlpGenerator} (or the Gaussian-process samples of {@link GpGenerator}), as the seed's step 15.3: every epoch draws {@code batch} fresh curves of each kind and
 * takes {@code iters} optimizer steps on them. At the end the score threshold is calibrated on fresh curves of
 * both kinds (the Wasserstein loss ignores a constant offset, so the seed's "score > 0" need not separate
 * anything) and the accuracy is measured on another fresh, held-out set with both thresholds.
 */
public final class CriticTrainer {

	/** What the critic sees of each point besides the curve's value. */
	public enum Extensions {
		NONE(false, false), INPUT(true, false), GRADIENT(false, true), BOTH(true, true);

		public final boolean input, gradient;

		Extensions(boolean input, boolean gradient) {
			this.input = input;
			this.gradient = gradient;
		}

		public int channels() {
			return 1 + (input ? 1 : 0) + (gradient ? 1 : 0);
		}

		public String key() {
			return this == BOTH ? "input+gradient" : name().toLowerCase(Locale.ROOT);
		}

		public static Extensions parse(String s) {
			for (Extensions e : values())
				if (e.key().equalsIgnoreCase(s.trim()) || (e == BOTH && s.trim().equalsIgnoreCase("gradient+input"))) return e;
			throw new BadInputException("The key 'extensions' is '" + s + "'; it must be none, input, gradient or input+gradient.");
		}
	}

	/** Validated settings of one training run. */
	public record Settings(FunctionLibrary library, double xMin, double xMax, int points, CurveGenerator generator, Extensions extensions,
			boolean embedded, int embedLayers, int embedWidth, int layers, int width, Critic.Loss loss, double gp, double lr,
			double weightDecay, int iters, int batch, int epochs, int heldOut, long seed) {
		public Settings {
			if (library == null) throw new BadInputException("The key 'library' is missing.");
			if (!(Double.isFinite(xMin) && Double.isFinite(xMax) && xMin < xMax))
				throw new BadInputException("The input range x_min = " + xMin + ", x_max = " + xMax + " is empty; x_min must be below x_max.");
			positive("points", points, 2);
			positive("embed_layers", embedLayers, 0);
			positive("embed_width", embedWidth, 1);
			positive("layers", layers, 0);
			positive("width", width, 1);
			positive("iters", iters, 1);
			positive("batch", batch, 1);
			positive("epochs", epochs, 1);
			positive("held_out", heldOut, 10);
			if (!(gp >= 0 && Double.isFinite(gp))) throw new BadInputException("The key 'gp' is " + gp + "; it must be 0 or more.");
			if (!(lr > 0 && Double.isFinite(lr))) throw new BadInputException("The key 'lr' is " + lr + "; it must be positive.");
			if (!(weightDecay >= 0 && Double.isFinite(weightDecay)))
				throw new BadInputException("The key 'weight_decay' is " + weightDecay + "; it must be 0 or more.");
			if (generator == null) throw new BadInputException("The key 'generator' is not set.");
		}

		/** These settings with another library and extension set. */
		public Settings with(FunctionLibrary library, Extensions extensions) {
			return new Settings(library, xMin, xMax, points, generator, extensions, embedded, embedLayers, embedWidth, layers, width, loss, gp, lr,
					weightDecay, iters, batch, epochs, heldOut, seed);
		}

		private static void positive(String key, int v, int min) {
			if (v < min) throw new BadInputException("The key '" + key + "' is " + v + "; it must be at least " + min + ".");
		}

		int[] embedSizes() {
			int[] s = new int[embedLayers];
			Arrays.fill(s, embedWidth);
			return s;
		}

		int[] headSizes() {
			int[] s = new int[layers];
			Arrays.fill(s, width);
			return s;
		}
	}

	/** Held-out curves (values only) with their scores: the first half from the library. */
	public record HeldOut(double[][] curves, double[] scores, int library) {
	}

	/**
	 * The trained critic and what was measured: per epoch the mean training loss, penalty and batch accuracy
	 * (score > 0 counted as library); the calibrated threshold; held-out accuracy with 0 and with it.
	 */
	public record Result(Settings settings, Critic critic, double[] grid, double[] loss, double[] penalty, double[] accuracy,
			double threshold, double signAccuracy, double calibratedAccuracy, HeldOut test, double seconds) {
	}

	private CriticTrainer() {
	}

	/** Fills sample {@code s} of {@code x} ([sample][point][channel]) with a library or generated curve. */
	static void draw(boolean library, Settings st, CurveGenerator gen, Random r, double[] grid, double[] y, double[] dy,
			double[] x, int s, double[] scales) {
		if (library) st.library.sample(r, grid, y, st.extensions.gradient ? dy : null);
		else gen.sample(r, grid, y, st.extensions.gradient ? dy : null);
		layout(st.extensions, grid, y, dy, x, s, scales);
	}

	/** Writes sample s of x: per point the value, then input and gradient where read, each divided by its scale. */
	static void layout(Extensions ext, double[] grid, double[] y, double[] dy, double[] x, int s, double[] scales) {
		int n = grid.length, c = ext.channels(), o = s * n * c;
		for (int i = 0; i < n; i++) {
			int k = o + i * c, ch = 0;
			x[k++] = y[i] / scales[ch++];
			if (ext.input) x[k++] = grid[i] / scales[ch++];
			if (ext.gradient) x[k] = dy[i] / scales[ch];
		}
	}

	/** Root mean square of each channel over a batch laid out by {@link #layout} with unit scales. */
	static double[] rms(double[] x, int channels) {
		double[] ss = new double[channels];
		for (int i = 0; i < x.length; i++) ss[i % channels] += x[i] * x[i];
		for (int c = 0; c < channels; c++) {
			ss[c] = Math.sqrt(ss[c] / (x.length / channels));
			if (!(ss[c] > 0)) ss[c] = 1;
		}
		return ss;
	}

	public static Result train(Settings st, Progress progress) {
		long start = System.nanoTime();
		Random random = new Random(st.seed);
		int n = st.points, c = st.extensions.channels();
		double[] grid = Curves.grid(st.xMin, st.xMax, n);
		Critic critic = new Critic(n, c, st.embedded, st.embedSizes(), st.headSizes(), random);
		Adam adam = critic.optimizer(st.lr, st.weightDecay);
		CurveGenerator gen = st.generator;
		double[] x = new double[2 * st.batch * n * c], y = new double[n], dy = new double[n];
		double[] loss = new double[st.epochs], penalty = new double[st.epochs], accuracy = new double[st.epochs];
		double[] ones = critic.scales();
		for (int s = 0; s < 2 * st.batch; s++) draw(s < st.batch, st, gen, random, grid, y, dy, x, s, ones);
		critic.setScales(rms(x, c));
		double[] scales = critic.scales();
		for (int e = 0; e < st.epochs; e++) {
			progress.checkCancelled();
			for (int s = 0; s < 2 * st.batch; s++) draw(s < st.batch, st, gen, random, grid, y, dy, x, s, scales);
			for (int it = 0; it < st.iters; it++) {
				Critic.StepResult r = critic.step(x, st.batch, st.loss, st.gp, random, adam);
				loss[e] += r.loss() / st.iters;
				penalty[e] += r.penalty() / st.iters;
				accuracy[e] += r.accuracy() / st.iters;
			}
			if (!Double.isFinite(loss[e]))
				throw new BadInputException("Training diverged at epoch " + (e + 1) + " (loss " + loss[e] + "); lower 'lr' or 'gp'.");
			progress.update(0.95 * (e + 1) / st.epochs, String.format(Locale.ROOT, "epoch %d/%d, accuracy %.2f", e + 1, st.epochs, accuracy[e]));
		}
		Random fresh = new Random(st.seed ^ 0x5eed5eedL);
		HeldOut calibration = heldOut(st, critic, gen, fresh, grid);
		double threshold = calibrate(calibration.scores, calibration.library);
		HeldOut test = heldOut(st, critic, gen, fresh, grid);
		double sign = accuracy(test, 0), calibrated = accuracy(test, threshold);
		progress.update(1, null);
		return new Result(st, critic, grid, loss, penalty, accuracy, threshold, sign, calibrated, test, (System.nanoTime() - start) / 1e9);
	}

	static HeldOut heldOut(Settings st, Critic critic, CurveGenerator gen, Random r, double[] grid) {
		int n = grid.length, c = st.extensions.channels(), total = 2 * st.heldOut;
		double[][] curves = new double[total][n];
		double[] scores = new double[total];
		int chunk = 64;
		double[] x = new double[chunk * n * c], dy = new double[n];
		for (int s0 = 0; s0 < total; s0 += chunk) {
			int m = Math.min(chunk, total - s0);
			for (int s = 0; s < m; s++) draw(s0 + s < st.heldOut, st, gen, r, grid, curves[s0 + s], dy, x, s, critic.scales());
			System.arraycopy(critic.scores(x, m), 0, scores, s0, m);
		}
		return new HeldOut(curves, scores, st.heldOut);
	}

	/** Fraction right when score > threshold means library (the first {@code library} scores). */
	public static double accuracy(HeldOut h, double threshold) {
		int right = 0;
		for (int i = 0; i < h.scores.length; i++)
			if ((i < h.library) == (h.scores[i] > threshold)) right++;
		return right / (double) h.scores.length;
	}

	/**
	 * The threshold with the most right on a sample whose first {@code library} scores are library curves: the
	 * midpoint between the two sorted scores where the count of right answers peaks (0 when every score is the same).
	 */
	static double calibrate(double[] scores, int library) {
		int n = scores.length;
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) order[i] = i;
		Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
		// threshold below everything: all called library, right = library count
		int right = library, best = right;
		double threshold = scores[order[0]] - 1;
		for (int k = 0; k < n; k++) {
			right += order[k] < library ? -1 : 1; // scores[order[k]] and below now called generated
			double next = k + 1 < n ? scores[order[k + 1]] : scores[order[k]] + 1;
			if (right > best && next > scores[order[k]]) {
				best = right;
				threshold = (scores[order[k]] + next) / 2;
			}
		}
		return threshold;
	}
}
