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
			return channels(1);
		}

		/** Per point: the value, then each input and/or each partial derivative where read. */
		public int channels(int inputs) {
			return 1 + (input ? inputs : 0) + (gradient ? inputs : 0);
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
			int d = library.inputs();
			if (d > 1 && Math.pow(2, d) > points)
				throw new BadInputException("The key 'points' is " + points + "; a library of " + d + " inputs needs at least 2^" + d + " = "
						+ (long) Math.pow(2, d) + " (a grid of 2 or more values per input).");
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

		/** How many inputs the curves have: the library's. */
		public int inputs() {
			return library.inputs();
		}

		/** The grid points per input: {@code points} for one input, about its d-th root for d inputs. */
		public int perInput() {
			return Curves.perInput(points, inputs());
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
	 * (score > 0 counted as library); the calibrated threshold; held-out accuracy with 0 and with it. {@code grid} is
	 * the grid of x0 (for several inputs, held-out curves are on the tensor grid of {@link Curves#grid(double, double, int, int)}).
	 */
	public record Result(Settings settings, Critic critic, double[] grid, double[] loss, double[] penalty, double[] accuracy,
			double threshold, double signAccuracy, double calibratedAccuracy, HeldOut test, double seconds) {
	}

	private CriticTrainer() {
	}

	/**
	 * Fills sample {@code s} of {@code x} ([sample][point][channel]) with a library or generated curve at the points
	 * (points[k][i]: input x_k of point i; one row for one input, where the grid's own differences give a derivative
	 * the library does not).
	 */
	static void draw(boolean library, Settings st, CurveGenerator gen, Random r, double[][] points, double[] y, double[][] dy,
			double[] x, int s, double[] scales) {
		boolean g = st.extensions.gradient;
		if (points.length == 1) {
			if (library) st.library.sample(r, points[0], y, g ? dy[0] : null);
			else gen.sample(r, points[0], y, g ? dy[0] : null);
		} else if (library) st.library.sample(r, points, y, g ? dy : null);
		else gen.sample(r, points, y, g ? dy : null);
		layout(st.extensions, points, y, dy, x, s, scales);
	}

	/** {@link #layout(Extensions, double[][], double[], double[][], double[], int, double[])} for one input. */
	static void layout(Extensions ext, double[] grid, double[] y, double[] dy, double[] x, int s, double[] scales) {
		layout(ext, new double[][] { grid }, y, new double[][] { dy }, x, s, scales);
	}

	/**
	 * Writes sample s of x: per point the value, then the inputs x0, x1, ... and the partial derivatives d/dx0, ...
	 * where read, each divided by its channel's scale.
	 */
	static void layout(Extensions ext, double[][] points, double[] y, double[][] dy, double[] x, int s, double[] scales) {
		int d = points.length, n = points[0].length, c = ext.channels(d), o = s * n * c;
		for (int i = 0; i < n; i++) {
			int k = o + i * c, ch = 0;
			x[k++] = y[i] / scales[ch++];
			if (ext.input) for (int q = 0; q < d; q++) x[k++] = points[q][i] / scales[ch++];
			if (ext.gradient) for (int q = 0; q < d; q++) x[k++] = dy[q][i] / scales[ch++];
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

	/** The points a critic of these settings reads: the grid of one input, or the tensor grid of several. */
	static double[][] points(Settings st) {
		int d = st.inputs();
		return d == 1 ? new double[][] { Curves.grid(st.xMin, st.xMax, st.points) } : Curves.grid(st.xMin, st.xMax, st.perInput(), d);
	}

	public static Result train(Settings st, Progress progress) {
		long start = System.nanoTime();
		Random random = new Random(st.seed);
		double[][] grid = points(st);
		int d = grid.length, n = grid[0].length, c = st.extensions.channels(d);
		Critic critic = new Critic(n, c, st.embedded, st.embedSizes(), st.headSizes(), random);
		Adam adam = critic.optimizer(st.lr, st.weightDecay);
		CurveGenerator gen = st.generator;
		double[] x = new double[2 * st.batch * n * c], y = new double[n];
		double[][] dy = new double[d][n];
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
		double[] axis = d == 1 ? grid[0] : Curves.grid(st.xMin, st.xMax, st.perInput());
		return new Result(st, critic, axis, loss, penalty, accuracy, threshold, sign, calibrated, test, (System.nanoTime() - start) / 1e9);
	}

	static HeldOut heldOut(Settings st, Critic critic, CurveGenerator gen, Random r, double[][] grid) {
		int d = grid.length, n = grid[0].length, c = st.extensions.channels(d), total = 2 * st.heldOut;
		double[][] curves = new double[total][n];
		double[] scores = new double[total];
		int chunk = 64;
		double[] x = new double[chunk * n * c];
		double[][] dy = new double[d][n];
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
