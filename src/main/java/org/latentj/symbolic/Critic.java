package org.latentj.symbolic;

import java.util.Random;

import org.latentj.nn.Adam;
import org.latentj.nn.Mlp;

/**
 * The seed's SDNet: a curve of N points, each point a few channels (its value, optionally its input x and its
 * gradient), becomes one score. With several channels and {@code embed} the channels of every point go through
 * a small shared network to one number per point (the seed's per-point embedding); with {@code stack} they are
 * laid side by side (N * channels inputs). Then the vector goes through dense ReLU layers to one score.
 * <p>
 * Inputs are batches laid out [sample][point][channel]. {@link #step} is one optimizer step of the Wasserstein
 * loss with gradient penalty or of the logistic loss; every number is computed in a fixed order by one thread (large
 * products are cut into pieces per thread, see org.latentj.nn.Kernels), so results do not depend on the thread count.
 */
public final class Critic {

	public enum Loss {
		/** -mean(C(library)) + mean(C(generated)) + gp * mean((|grad C(interpolate)| - 1)^2), the seed's. */
		WGAN_GP,
		/** Binary cross-entropy of sigmoid(C): library 1, generated 0. */
		LOGISTIC;

		public String key() {
			return this == WGAN_GP ? "wgan-gp" : "logistic";
		}

		public static Loss parse(String s) {
			for (Loss l : values())
				if (l.key().equalsIgnoreCase(s.trim())) return l;
			throw new org.latentj.util.BadInputException("The key 'loss' is '" + s + "'; it must be wgan-gp or logistic.");
		}
	}

	private final int points, channels;
	private final boolean embedded;
	private final Mlp embed, head;

	/**
	 * @param embedSizes hidden widths of the per-point embedding (used when channels > 1 and {@code embedded})
	 * @param headSizes hidden widths of the dense layers
	 */
	public Critic(int points, int channels, boolean embedded, int[] embedSizes, int[] headSizes, Random random) {
		this(points, channels, embedded, build(embedded && channels > 1 ? withEnds(channels, embedSizes, 1) : null, random),
				build(withEnds(embedded || channels == 1 ? points : points * channels, headSizes, 1), random));
	}

	/** A critic from its (trained) networks; {@code embed} is null unless embedded with several channels. */
	public Critic(int points, int channels, boolean embedded, Mlp embed, Mlp head) {
		this.points = points;
		this.channels = channels;
		this.embedded = embedded;
		this.embed = embed;
		this.head = head;
	}

	private static Mlp build(int[] sizes, Random random) {
		return sizes == null ? null : new Mlp(sizes).initTorch(random);
	}

	static int[] withEnds(int first, int[] hidden, int last) {
		int[] s = new int[hidden.length + 2];
		s[0] = first;
		System.arraycopy(hidden, 0, s, 1, hidden.length);
		s[s.length - 1] = last;
		return s;
	}

	private double[] scales;

	/**
	 * What each channel is divided by before the network reads it (value, then input and gradient where read):
	 * the root mean square of the first training batch, so that the layers see inputs of order one.
	 */
	public double[] scales() {
		if (scales == null) {
			scales = new double[channels];
			java.util.Arrays.fill(scales, 1);
		}
		return scales;
	}

	public void setScales(double[] scales) {
		if (scales.length != channels) throw new IllegalArgumentException("one scale per channel");
		for (double v : scales)
			if (!(v > 0 && Double.isFinite(v))) throw new IllegalArgumentException("scales must be positive: " + java.util.Arrays.toString(scales));
		this.scales = scales.clone();
	}

	public int points() {
		return points;
	}

	public int channels() {
		return channels;
	}

	public boolean embedded() {
		return embedded;
	}

	/** The per-point embedding, or null. */
	public Mlp embedding() {
		return embed;
	}

	public Mlp head() {
		return head;
	}

	public Adam optimizer(double lr, double weightDecay) {
		Adam adam = new Adam(lr, 0.9, 0.999, weightDecay);
		if (embed != null) adam.add(embed);
		return adam.add(head);
	}

	private final Mlp.Pass[] passes = new Mlp.Pass[4];

	private Mlp.Pass pass(int i) {
		if (passes[i] == null) passes[i] = (i % 2 == 0 ? (embed == null ? head : embed) : head).newPass();
		return passes[i];
	}

	/** Scores of {@code count} samples (a fresh array). */
	public double[] scores(double[] x, int count) {
		double[] s = forward(x, count, pass(0), pass(1));
		return java.util.Arrays.copyOf(s, count);
	}

	/**
	 * Scores of {@code count} samples (a fresh array) and, in {@code dx} (shaped like x), the gradient of each score
	 * with respect to its own sample's inputs (a sample's score reads only its sample).
	 */
	public double[] scores(double[] x, int count, double[] dx) {
		double[] s = scores(x, count);
		double[] ones = new double[count];
		java.util.Arrays.fill(ones, 1);
		double[] g = head.inputGradient(pass(1), ones);
		if (embed != null) g = embed.inputGradient(pass(0), g);
		System.arraycopy(g, 0, dx, 0, count * points * channels);
		return s;
	}

	private double[] forward(double[] x, int count, Mlp.Pass e, Mlp.Pass h) {
		if (embed == null) return head.forward(h, x, count);
		double[] perPoint = embed.forward(e, x, count * points);
		return head.forward(h, perPoint, count);
	}

	/** Loss value and training-batch accuracy (score > 0 for library curves, <= 0 for generated) of a step. */
	public record StepResult(double loss, double penalty, double accuracy) {
	}

	/**
	 * One optimizer step on a batch: the first {@code count} samples of {@code x} from the library, the next
	 * {@code count} generated. Adds the loss gradient (and, when gp > 0, the gradient penalty's at random
	 * interpolates drawn from {@code random}) and steps {@code adam}.
	 */
	public StepResult step(double[] x, int count, Loss loss, double gp, Random random, Adam adam) {
		zeroGradients();
		StepResult r = accumulate(x, count, loss, gp, random);
		adam.step();
		return r;
	}

	void zeroGradients() {
		if (embed != null) embed.zeroGradients();
		head.zeroGradients();
	}

	/** Adds the gradients of the loss (see {@link #step}) without stepping; returns the loss. */
	StepResult accumulate(double[] x, int count, Loss loss, double gp, Random random) {
		int total = 2 * count;
		double[] s = forward(x, total, pass(0), pass(1));
		double[] dOut = new double[total];
		double value = 0;
		int correct = 0;
		for (int i = 0; i < total; i++) {
			boolean real = i < count;
			if (real == s[i] > 0) correct++;
			if (loss == Loss.WGAN_GP) {
				value += (real ? -s[i] : s[i]) / count;
				dOut[i] = (real ? -1.0 : 1.0) / count;
			} else {
				double z = real ? -s[i] : s[i]; // softplus(z) is the cross-entropy
				value += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) / count;
				double sig = 1 / (1 + Math.exp(-z));
				dOut[i] = (real ? -sig : sig) / count;
			}
		}
		double[] dPerPoint = head.backward(pass(1), dOut, embed != null);
		if (embed != null) embed.backward(pass(0), dPerPoint, false);
		double penalty = gp > 0 ? penalty(x, count, gp, random) : 0;
		return new StepResult(value + gp * penalty, penalty, correct / (double) total);
	}

	/** Adds gp * dPenalty/dparams; returns the penalty mean((|g| - 1)^2) at interpolates of library and generated. */
	double penalty(double[] x, int count, double gp, Random random) {
		int width = points * channels;
		double[] mix = new double[count * width];
		for (int b = 0; b < count; b++) {
			double t = random.nextDouble();
			for (int i = 0, o = b * width, f = (count + b) * width; i < width; i++) mix[o + i] = t * x[o + i] + (1 - t) * x[f + i];
		}
		return penaltyAt(mix, count, gp);
	}

	double penaltyAt(double[] mix, int count, double gp) {
		int width = points * channels;
		forward(mix, count, pass(2), pass(3));
		double[] ones = new double[count];
		java.util.Arrays.fill(ones, 1);
		double[] g = head.inputGradient(pass(3), ones);
		if (embed != null) g = embed.inputGradient(pass(2), g);
		double penalty = 0;
		double[] eps = new double[g.length];
		for (int b = 0; b < count; b++) {
			double ss = 0;
			for (int i = 0, o = b * width; i < width; i++) ss += g[o + i] * g[o + i];
			double norm = Math.sqrt(ss);
			penalty += (norm - 1) * (norm - 1) / count;
			double f = norm > 0 ? gp * 2 * (norm - 1) / norm / count : 0;
			for (int i = 0, o = b * width; i < width; i++) eps[o + i] = f * g[o + i];
		}
		double[] e = eps;
		if (embed != null) e = embed.inputGradientBackward(pass(2), e);
		head.inputGradientBackward(pass(3), e);
		return penalty;
	}
}
