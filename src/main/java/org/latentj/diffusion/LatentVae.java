package org.latentj.diffusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.latentj.nn.Activation;
import org.latentj.nn.Mlp;

/**
 * A lean variational autoencoder for one-dimensional trajectories, after SPIVAE (Fernandez-Fernandez
 * et al., "Learning minimal representations of stochastic processes with variational autoencoders").
 * <p>
 * <b>Input transform</b> (scale-robust: D spans four decades): see {@link InputTransform}, the log
 * mean squares of log-spaced time windows relative to the trajectory's, plus its log mean square.
 * <p>
 * <b>Encoder</b>: MLP (33 inputs: 32 windows + 1) -> 200 -> 100 -> 2Z (SPIVAE's hidden sizes), ELU, giving mu and
 * log sigma^2 of q(z|x); z = mu + sigma * eps (reparameterisation).
 * <p>
 * <b>Decoder</b>: MLP Z -> 100 -> 200 -> 2K (SPIVAE's decoder sizes), ELU, giving coefficients
 * a_k, b_k of K = 6 Chebyshev polynomials phi_k(u_t) in u_t = 2 ln t / ln T - 1 (time enters as
 * log t). Each displacement is Gaussian with log variance v_t = logVarShift + sum_k a_k phi_k(u_t)
 * and mean m_t = exp(v_t / 2) sum_k b_k phi_k(u_t). SBM has log variance
 * ln(2D) + ln(t^alpha - (t-1)^alpha) ~ ln(2 alpha D) + (alpha - 1) ln t, smooth in ln t, which this
 * decoder can express; the cost per step is 4K multiply-adds and one exp instead of a network per step.
 * <p>
 * <b>Loss</b> per trajectory: the Gaussian negative log-likelihood averaged over the T steps, plus
 * beta * KL(q(z|x) || N(0, I)) summed over the Z latents; a batch's loss is the mean over its trajectories.
 * <p>
 * <b>Layers</b>: the encoder and decoder are ELU networks of the shared {@code org.latentj.nn} package ({@link Mlp},
 * whose kernels keep one array per row so that the JIT vectorises them), trained with its Adam. Encoding and loss
 * evaluation only read the parameters; each thread uses its own {@link Batch} (the networks' passes) and
 * {@link Gradient}.
 */
public final class LatentVae {

	/** Hidden layer sizes of the encoder and decoder, as SPIVAE's. */
	public static final int[] ENCODER_HIDDEN = { 200, 100 };
	public static final int[] DECODER_HIDDEN = { 100, 200 };
	/** Chebyshev polynomials of log t in the decoder. */
	public static final int BASIS = 6;
	private static final double LOG_2PI = Math.log(2 * Math.PI);

	private final int length;
	private final int latents;
	private final int basis;
	private final InputTransform input;
	private final double logVarShift;
	private final Mlp encoder, decoder;
	/** Every parameter array, live: the encoder's, then the decoder's, each in {@link Mlp#collect} order. */
	private final double[][] blocks;
	/** The networks' own gradients (what Adam steps), as one {@link Gradient}. */
	private final Gradient gradient;
	/** phi[k][t] = phi_k(u_{t+1}). */
	private final double[][] phi;

	/**
	 * A model with the given parameters in flat order (see {@link #flatParameters()}) and transform
	 * constants; {@link #parameterCount(int, int, int)} gives the length.
	 */
	public LatentVae(InputTransform input, int latents, int basis, double logVarShift, double[] flat) {
		int length = input.length();
		if (length < 2) throw new IllegalArgumentException("length must be >= 2");
		if (latents < 1) throw new IllegalArgumentException("latents must be >= 1");
		if (basis < 1) throw new IllegalArgumentException("basis must be >= 1");
		this.length = length;
		this.latents = latents;
		this.basis = basis;
		this.input = input;
		this.logVarShift = logVarShift;
		encoder = new Mlp(Activation.ELU, input.size(), ENCODER_HIDDEN[0], ENCODER_HIDDEN[1], 2 * latents);
		decoder = new Mlp(Activation.ELU, latents, DECODER_HIDDEN[0], DECODER_HIDDEN[1], 2 * basis);
		List<double[]> params = new ArrayList<>(), grads = new ArrayList<>();
		encoder.collect(params, grads);
		decoder.collect(params, grads);
		blocks = params.toArray(new double[0][]);
		gradient = new Gradient(encoder.gradient(), decoder.gradient());
		if (flat.length != parameterCount())
			throw new IllegalArgumentException("expected " + parameterCount() + " parameters, got " + flat.length);
		int o = 0;
		for (double[] b : blocks) {
			System.arraycopy(flat, o, b, 0, b.length);
			o += b.length;
		}
		this.phi = chebyshevBasis(length, basis);
	}

	/** Number of parameters of a model with this many encoder inputs. */
	public static int parameterCount(int inputs, int latents, int basis) {
		int n = 0, in = inputs;
		for (int h : ENCODER_HIDDEN) {
			n += (in + 1) * h;
			in = h;
		}
		n += (in + 1) * 2 * latents;
		in = latents;
		for (int h : DECODER_HIDDEN) {
			n += (in + 1) * h;
			in = h;
		}
		return n + (in + 1) * 2 * basis;
	}

	/**
	 * A freshly initialized model whose input transform is fitted to the given displacements.
	 * Weights are uniform in +-sqrt(6 / (in + out)) (Glorot), biases 0; the last layers start ten
	 * times smaller so that training starts near "z = 0, variance = the data's average variance".
	 */
	public static LatentVae initialize(Trajectories displacements, int latents, long seed) {
		InputTransform input = InputTransform.fit(displacements);
		double[] flat = new double[parameterCount(input.size(), latents, BASIS)];
		LatentVae vae = new LatentVae(input, latents, BASIS, input.meanLogMeanSquare(), flat);
		SplittableRandom random = new SplittableRandom(seed);
		for (Mlp net : new Mlp[] { vae.encoder, vae.decoder })
			for (int l = 0; l < net.layers(); l++) {
				double[][] w = net.weights(l);
				int in = w.length, out = w[0].length;
				double limit = Math.sqrt(6.0 / (in + out)) * (l == net.layers() - 1 ? 0.1 : 1);
				for (double[] row : w)
					for (int j = 0; j < out; j++) row[j] = limit * (2 * random.nextDouble() - 1);
			}
		return vae;
	}

	/** True when a trajectory never moves (all displacements 0): it has no scale, and the model cannot encode it. */
	public static boolean isStill(double[] x, int offset, int length) {
		for (int t = 0; t < length; t++)
			if (x[offset + t] != 0) return false;
		return true;
	}

	private static double[][] chebyshevBasis(int length, int basis) {
		double[][] phi = new double[basis][length];
		double logT = Math.log(length);
		for (int t = 0; t < length; t++) {
			double u = 2 * Math.log(t + 1) / logT - 1;
			double prev = 1, cur = u;
			phi[0][t] = 1;
			if (basis > 1) phi[1][t] = u;
			for (int k = 2; k < basis; k++) {
				double next = 2 * u * cur - prev;
				phi[k][t] = next;
				prev = cur;
				cur = next;
			}
		}
		return phi;
	}

	// ---- accessors (for model files and training) ----

	public int length() {
		return length;
	}

	public int latents() {
		return latents;
	}

	public int basis() {
		return basis;
	}

	public InputTransform input() {
		return input;
	}

	public double logVarShift() {
		return logVarShift;
	}

	public int parameterCount() {
		return parameterCount(input.size(), latents, basis);
	}

	/**
	 * All parameters in one array, layer by layer (encoder then decoder), each layer its weights
	 * input-major (W[i][j] at i * out + j) then its bias: the order of the model file.
	 */
	public double[] flatParameters() {
		double[] flat = new double[parameterCount()];
		int o = 0;
		for (double[] b : blocks) {
			System.arraycopy(b, 0, flat, o, b.length);
			o += b.length;
		}
		return flat;
	}

	/** The parameter arrays themselves (training updates them in place), in {@link #flatParameters()} order. */
	double[][] blocks() {
		return blocks;
	}

	Mlp encoder() {
		return encoder;
	}

	Mlp decoder() {
		return decoder;
	}

	/** Gradients of the encoder's and the decoder's parameters. */
	public static final class Gradient {
		final Mlp.Gradient encoder, decoder;
		private final double[][] rows;

		Gradient(Mlp.Gradient encoder, Mlp.Gradient decoder) {
			this.encoder = encoder;
			this.decoder = decoder;
			List<double[]> r = new ArrayList<>();
			encoder.collect(r);
			decoder.collect(r);
			rows = r.toArray(new double[0][]);
		}

		/** The gradient arrays, live, shaped and ordered as the parameter arrays ({@link LatentVae#blocks()}). */
		public double[][] rows() {
			return rows;
		}

		public void zero() {
			encoder.zero();
			decoder.zero();
		}

		/** this += other, element by element. */
		public void add(Gradient other) {
			encoder.add(other.encoder);
			decoder.add(other.decoder);
		}
	}

	/** A zero gradient, for a pass to add to. */
	public Gradient newGradient() {
		return new Gradient(encoder.newGradient(), decoder.newGradient());
	}

	/** The networks' own gradients, live: what an {@link org.latentj.nn.Adam} over the two networks steps. */
	Gradient gradient() {
		return gradient;
	}

	/**
	 * Scratch space for up to {@code capacity} trajectories processed together (one per thread): the encoder's and
	 * the decoder's passes and the signals between them, rows of a batch one after the other.
	 */
	public final class Batch {
		final int capacity;
		/** Encoder inputs: point y[s] at a transformed trajectory (or fill the own rows). */
		final double[][] y, ownY;
		final Mlp.Pass enc = encoder.newPass(), dec = decoder.newPass();
		/** The samples z, d loss / d encoder output and / d decoder output. */
		final double[] z, dOut, dq;
		final double[] a = new double[length], b = new double[length], dv = new double[length], dr = new double[length];
		/** Sums over the last batch of the negative log-likelihood (per step) and of the KL. */
		double nllSum, klSum;

		Batch(int capacity) {
			this.capacity = capacity;
			y = new double[capacity][];
			ownY = new double[capacity][input.size()];
			z = new double[capacity * latents];
			dOut = new double[capacity * 2 * latents];
			dq = new double[capacity * 2 * basis];
		}

		public double nllSum() {
			return nllSum;
		}

		public double klSum() {
			return klSum;
		}
	}

	/** Scratch space for batches of up to {@code capacity} trajectories. */
	public Batch batch(int capacity) {
		return new Batch(capacity);
	}

	// ---- forward ----

	/**
	 * Encodes {@code count} consecutive trajectories of displacements starting at row {@code first}
	 * of dx (rows of length T): mu and log sigma^2 of q(z|x) go to row first + i of mu and logVar
	 * (rows of length Z).
	 */
	public void encode(double[] dx, int first, int count, double[] mu, double[] logVar, Batch w) {
		for (int from = 0; from < count; from += w.capacity) {
			int n = Math.min(w.capacity, count - from);
			for (int s = 0; s < n; s++) {
				transformInput(dx, (first + from + s) * length, w.ownY[s]);
				w.y[s] = w.ownY[s];
			}
			double[] out = encoderForward(w.y, n, w);
			for (int s = 0; s < n; s++) {
				int row = (first + from + s) * latents;
				System.arraycopy(out, s * 2 * latents, mu, row, latents);
				System.arraycopy(out, s * 2 * latents + latents, logVar, row, latents);
			}
		}
	}

	/** The encoder input y (length {@link InputTransform#size()}) for dx[offset..offset+T). */
	public void transformInput(double[] dx, int offset, double[] y) {
		input.apply(dx, offset, y);
	}

	/** The encoder's outputs for y[0..n): n rows of 2Z (an array of w's encoder pass, valid until its next forward pass). */
	private double[] encoderForward(double[][] y, int n, Batch w) {
		return encoder.forward(w.enc, y, n);
	}

	/** a_t = logVarShift + sum_k q_k phi_k(t), b_t = sum_k q_{K+k} phi_k(t). */
	private void coefficientsToSteps(double[] q, int offset, double[] a, double[] b) {
		Arrays.fill(a, logVarShift);
		Arrays.fill(b, 0);
		for (int k = 0; k < basis; k++) {
			double ca = q[offset + k], cb = q[offset + basis + k];
			double[] p = phi[k];
			for (int t = 0; t < length; t++) {
				a[t] += ca * p[t];
				b[t] += cb * p[t];
			}
		}
	}

	// ---- loss and gradient ----

	/**
	 * Loss of one trajectory (displacements dx[offset..offset+T), offset a multiple of T) for the
	 * noise eps (Z standard normals), its gradient added times {@code weight} to grad (null to evaluate only).
	 * Returns the loss; the batch keeps its NLL and KL.
	 */
	public double loss(double[] dx, int offset, double[] eps, double beta, Gradient grad, double weight, Batch w) {
		transformInput(dx, offset, w.ownY[0]);
		w.y[0] = w.ownY[0];
		return lossOfInputs(dx, new int[] { offset / length }, 0, 1, eps, beta, grad, weight, w);
	}

	/**
	 * Summed loss of {@code n} trajectories, rows rows[from..from+n) of dx, whose transformed encoder
	 * inputs are w.y[0..n); eps holds n x Z standard normals. The gradient of the sum times
	 * {@code weight} is added to grad (if not null).
	 */
	double lossOfInputs(double[] dx, int[] rows, int from, int n, double[] eps, double beta, Gradient grad, double weight, Batch w) {
		int Z = latents, K = basis, T = length;
		double[] o = encoderForward(w.y, n, w);
		double klSum = 0;
		for (int s = 0; s < n; s++)
			for (int j = 0; j < Z; j++) {
				double mu = o[s * 2 * Z + j], lv = o[s * 2 * Z + Z + j];
				double sd = Math.exp(0.5 * lv);
				w.z[s * Z + j] = mu + sd * eps[s * Z + j];
				klSum += 0.5 * (mu * mu + sd * sd - 1 - lv);
			}
		double[] q = decoder.forward(w.dec, w.z, n);
		double invT = 1.0 / T, nllSum = 0;
		double[] a = w.a, b = w.b, dv = w.dv, dr = w.dr;
		for (int s = 0; s < n; s++) {
			coefficientsToSteps(q, s * 2 * K, a, b);
			int xo = rows[from + s] * T;
			double nll = 0;
			for (int t = 0; t < T; t++) {
				double x = dx[xo + t];
				double xs = x * Math.exp(-0.5 * a[t]); // x / sd
				double r = xs - b[t]; // standardized residual
				nll += a[t] + r * r;
				dv[t] = 0.5 - 0.5 * r * xs; // d nll_t / d a_t
				dr[t] = -r; // d nll_t / d b_t
			}
			nllSum += 0.5 * (nll * invT + LOG_2PI);
			if (grad == null) continue;
			for (int k = 0; k < K; k++) {
				w.dq[s * 2 * K + k] = weight * (dot(dv, phi[k], T) * invT);
				w.dq[s * 2 * K + K + k] = weight * (dot(dr, phi[k], T) * invT);
			}
		}
		w.nllSum = nllSum;
		w.klSum = klSum;
		double loss = nllSum + beta * klSum;
		if (grad == null) return loss;

		double[] dz = decoder.backward(w.dec, w.dq, true, grad.decoder);
		// through the reparameterisation and the KL, to d loss / d (mu, log sigma^2), times weight
		double wb = weight * beta;
		for (int s = 0; s < n; s++)
			for (int j = 0; j < Z; j++) {
				double mu = o[s * 2 * Z + j], lv = o[s * 2 * Z + Z + j];
				double sd = Math.exp(0.5 * lv), dzj = dz[s * Z + j];
				w.dOut[s * 2 * Z + j] = dzj + wb * mu;
				w.dOut[s * 2 * Z + Z + j] = dzj * eps[s * Z + j] * 0.5 * sd + wb * 0.5 * (sd * sd - 1);
			}
		encoder.backward(w.enc, w.dOut, false, grad.encoder);
		return loss;
	}

	/**
	 * The encoder's outputs for the inputs w.y[0..n): row s (entries 2Z s .. 2Z (s + 1)) holds the Z means, then the
	 * Z log variances (an array of w, valid until its next forward pass; kept for {@link #encoderBackward}).
	 */
	double[] encodeInputs(int n, Batch w) {
		return encoderForward(w.y, n, w);
	}

	/**
	 * Adds weight * d/dparams of sum_s delta[s] . out[s] to grad, out the encoder's outputs of the last forward pass
	 * on w ({@link #encodeInputs} or a loss); delta is n rows of 2Z, one after the other.
	 */
	void encoderBackward(double[] delta, int n, Gradient grad, double weight, Batch w) {
		for (int i = 0; i < n * 2 * latents; i++) w.dOut[i] = weight * delta[i];
		encoder.backward(w.enc, w.dOut, false, grad.encoder);
	}

	/** sum_t u[t] v[t] with four partial sums, so the adds do not wait on each other. */
	private static double dot(double[] u, double[] v, int n) {
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		int t = 0;
		for (; t + 4 <= n; t += 4) {
			s0 += u[t] * v[t];
			s1 += u[t + 1] * v[t + 1];
			s2 += u[t + 2] * v[t + 2];
			s3 += u[t + 3] * v[t + 3];
		}
		for (; t < n; t++) s0 += u[t] * v[t];
		return (s0 + s1) + (s2 + s3);
	}
}
