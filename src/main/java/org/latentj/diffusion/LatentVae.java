package org.latentj.diffusion;

import java.util.Arrays;
import java.util.SplittableRandom;

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
 * <b>Layout</b>: each layer's weights are rows W[i] (one array of outputs per input) and a bias
 * array; trajectories are processed in small batches with one array per trajectory and layer.
 * Every inner loop is then a multiply-add over the same index of distinct arrays, which the JIT
 * vectorises (with offsets into one flat array it cannot prove the accesses independent and stays
 * scalar, about 3x slower). Encoding and loss evaluation only read the parameters; each thread uses
 * its own {@link Batch}.
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
	/** Every parameter array, layer by layer: the layer's weight rows, then its bias. */
	private final double[][] blocks;
	private final Dense[] encoder;
	private final Dense[] decoder;
	/** phi[k][t] = phi_k(u_{t+1}). */
	private final double[][] phi;

	/** A dense layer: rows [first, first + in) of the blocks are its weights, row first + in its bias. */
	static final class Dense {
		final int in, out, first;

		Dense(int in, int out, int first) {
			this.in = in;
			this.out = out;
			this.first = first;
		}
	}

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
		int[] encOut = { ENCODER_HIDDEN[0], ENCODER_HIDDEN[1], 2 * latents };
		int[] decOut = { DECODER_HIDDEN[0], DECODER_HIDDEN[1], 2 * basis };
		encoder = new Dense[3];
		decoder = new Dense[3];
		int rows = 0, in = input.size();
		for (int l = 0; l < 3; l++) {
			encoder[l] = new Dense(in, encOut[l], rows);
			rows += in + 1;
			in = encOut[l];
		}
		in = latents;
		for (int l = 0; l < 3; l++) {
			decoder[l] = new Dense(in, decOut[l], rows);
			rows += in + 1;
			in = decOut[l];
		}
		blocks = new double[rows][];
		for (Dense d : layers())
			for (int r = 0; r <= d.in; r++) blocks[d.first + r] = new double[d.out];
		if (flat.length != parameterCount())
			throw new IllegalArgumentException("expected " + parameterCount() + " parameters, got " + flat.length);
		int o = 0;
		for (double[] b : blocks) {
			System.arraycopy(flat, o, b, 0, b.length);
			o += b.length;
		}
		this.phi = chebyshevBasis(length, basis);
	}

	private Dense[] layers() {
		return new Dense[] { encoder[0], encoder[1], encoder[2], decoder[0], decoder[1], decoder[2] };
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
		for (Dense[] net : new Dense[][] { vae.encoder, vae.decoder })
			for (int l = 0; l < net.length; l++) {
				Dense d = net[l];
				double limit = Math.sqrt(6.0 / (d.in + d.out)) * (l == net.length - 1 ? 0.1 : 1);
				for (int i = 0; i < d.in; i++) {
					double[] w = vae.blocks[d.first + i];
					for (int j = 0; j < d.out; j++) w[j] = limit * (2 * random.nextDouble() - 1);
				}
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

	/** The parameter arrays themselves (training updates them in place). */
	double[][] blocks() {
		return blocks;
	}

	/** Zeroed arrays shaped like the parameters, for gradients. */
	public double[][] newGradient() {
		double[][] g = new double[blocks.length][];
		for (int r = 0; r < blocks.length; r++) g[r] = new double[blocks[r].length];
		return g;
	}

	/**
	 * Scratch arrays for up to {@code capacity} trajectories processed together (one per thread):
	 * one array per trajectory and layer.
	 */
	public final class Batch {
		final int capacity;
		/** Encoder inputs: point y[s] at a transformed trajectory (or fill the own rows). */
		final double[][] y, ownY;
		final double[][][] encPre = new double[3][][], encAct = new double[3][][];
		final double[][][] decPre = new double[3][][], decAct = new double[3][][];
		final double[][] z, dz, dOut, dq, dA, dB;
		/** Transposed weights (out x in) for input gradients. */
		final double[][] transposed;
		final double[] a = new double[length], b = new double[length], dv = new double[length], dr = new double[length];
		/** Sums over the last batch of the negative log-likelihood (per step) and of the KL. */
		double nllSum, klSum;

		Batch(int capacity) {
			this.capacity = capacity;
			y = new double[capacity][];
			ownY = new double[capacity][input.size()];
			int widest = 0, widestOut = 0;
			for (int l = 0; l < 3; l++) {
				encPre[l] = new double[capacity][encoder[l].out];
				encAct[l] = new double[capacity][encoder[l].out];
				decPre[l] = new double[capacity][decoder[l].out];
				decAct[l] = new double[capacity][decoder[l].out];
				widest = Math.max(widest, Math.max(encoder[l].in, decoder[l].in));
				widestOut = Math.max(widestOut, Math.max(encoder[l].out, decoder[l].out));
			}
			z = new double[capacity][latents];
			dz = new double[capacity][latents];
			dOut = new double[capacity][2 * latents];
			dq = new double[capacity][2 * basis];
			dA = new double[capacity][widest];
			dB = new double[capacity][widest];
			transposed = new double[widestOut][widest];
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
			double[][] out = encoderForward(w.y, n, w);
			for (int s = 0; s < n; s++) {
				int row = (first + from + s) * latents;
				System.arraycopy(out[s], 0, mu, row, latents);
				System.arraycopy(out[s], latents, logVar, row, latents);
			}
		}
	}

	/** The encoder input y (length {@link InputTransform#size()}) for dx[offset..offset+T). */
	public void transformInput(double[] dx, int offset, double[] y) {
		input.apply(dx, offset, y);
	}

	private double[][] encoderForward(double[][] y, int n, Batch w) {
		double[][] in = y;
		for (int l = 0; l < 3; l++) {
			dense(encoder[l], in, w.encPre[l], n);
			if (l < 2) elu(w.encPre[l], w.encAct[l], n);
			in = l < 2 ? w.encAct[l] : w.encPre[l];
		}
		return w.encPre[2];
	}

	private double[][] decoderForward(double[][] z, int n, Batch w) {
		double[][] in = z;
		for (int l = 0; l < 3; l++) {
			dense(decoder[l], in, w.decPre[l], n);
			if (l < 2) elu(w.decPre[l], w.decAct[l], n);
			in = l < 2 ? w.decAct[l] : w.decPre[l];
		}
		return w.decPre[2];
	}

	/** a_t = logVarShift + sum_k q_k phi_k(t), b_t = sum_k q_{K+k} phi_k(t). */
	private void coefficientsToSteps(double[] q, double[] a, double[] b) {
		Arrays.fill(a, logVarShift);
		Arrays.fill(b, 0);
		for (int k = 0; k < basis; k++) {
			double ca = q[k], cb = q[basis + k];
			double[] p = phi[k];
			for (int t = 0; t < length; t++) {
				a[t] += ca * p[t];
				b[t] += cb * p[t];
			}
		}
	}

	/**
	 * out[s] = bias + sum_i in[s][i] W[i] for n rows. Four rows share each weight row while it is in
	 * L1, so the weights stream from L2 once per four trajectories.
	 */
	private void dense(Dense d, double[][] in, double[][] out, int n) {
		int ni = d.in, no = d.out;
		double[] bias = blocks[d.first + ni];
		for (int s = 0; s < n; s++) System.arraycopy(bias, 0, out[s], 0, no);
		int s = 0;
		for (; s + 4 <= n; s += 4) {
			double[] in0 = in[s], in1 = in[s + 1], in2 = in[s + 2], in3 = in[s + 3];
			double[] o0 = out[s], o1 = out[s + 1], o2 = out[s + 2], o3 = out[s + 3];
			for (int i = 0; i < ni; i++) {
				double x0 = in0[i], x1 = in1[i], x2 = in2[i], x3 = in3[i];
				double[] wr = blocks[d.first + i];
				for (int j = 0; j < no; j++) {
					double wij = wr[j];
					o0[j] += x0 * wij;
					o1[j] += x1 * wij;
					o2[j] += x2 * wij;
					o3[j] += x3 * wij;
				}
			}
		}
		for (; s < n; s++) {
			double[] x = in[s], o = out[s];
			for (int i = 0; i < ni; i++) {
				double xi = x[i];
				double[] wr = blocks[d.first + i];
				for (int j = 0; j < no; j++) o[j] += xi * wr[j];
			}
		}
	}

	/** ELU: x above 0, e^x - 1 below (Math.exp is an intrinsic, expm1 is not; the lost digits near 0 do not matter). */
	private static void elu(double[][] pre, double[][] act, int n) {
		for (int s = 0; s < n; s++) {
			double[] p = pre[s], a = act[s];
			for (int j = 0; j < p.length; j++) {
				double v = p[j];
				a[j] = v > 0 ? v : Math.exp(v) - 1;
			}
		}
	}

	// ---- loss and gradient ----

	/**
	 * Loss of one trajectory (displacements dx[offset..offset+T), offset a multiple of T) for the
	 * noise eps (Z standard normals), its gradient added times {@code weight} to grad (shaped by
	 * {@link #newGradient()}; null to evaluate only). Returns the loss; the batch keeps its NLL and KL.
	 */
	public double loss(double[] dx, int offset, double[] eps, double beta, double[][] grad, double weight, Batch w) {
		transformInput(dx, offset, w.ownY[0]);
		w.y[0] = w.ownY[0];
		return lossOfInputs(dx, new int[] { offset / length }, 0, 1, eps, beta, grad, weight, w);
	}

	/**
	 * Summed loss of {@code n} trajectories, rows rows[from..from+n) of dx, whose transformed encoder
	 * inputs are w.y[0..n); eps holds n x Z standard normals. The gradient of the sum times
	 * {@code weight} is added to grad (if not null).
	 */
	double lossOfInputs(double[] dx, int[] rows, int from, int n, double[] eps, double beta, double[][] grad, double weight,
			Batch w) {
		int Z = latents, K = basis, T = length;
		double[][] o = encoderForward(w.y, n, w);
		double klSum = 0;
		for (int s = 0; s < n; s++)
			for (int j = 0; j < Z; j++) {
				double mu = o[s][j], lv = o[s][Z + j];
				double sd = Math.exp(0.5 * lv);
				w.z[s][j] = mu + sd * eps[s * Z + j];
				klSum += 0.5 * (mu * mu + sd * sd - 1 - lv);
			}
		double[][] q = decoderForward(w.z, n, w);
		double invT = 1.0 / T, nllSum = 0;
		double[] a = w.a, b = w.b, dv = w.dv, dr = w.dr;
		for (int s = 0; s < n; s++) {
			coefficientsToSteps(q[s], a, b);
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
				w.dq[s][k] = dot(dv, phi[k], T) * invT;
				w.dq[s][K + k] = dot(dr, phi[k], T) * invT;
			}
		}
		w.nllSum = nllSum;
		w.klSum = klSum;
		double loss = nllSum + beta * klSum;
		if (grad == null) return loss;

		double[][] delta = w.dq;
		for (int l = 2; l >= 0; l--) {
			Dense d = decoder[l];
			double[][] in = l == 0 ? w.z : w.decAct[l - 1];
			double[][] dIn = l == 0 ? w.dz : (l % 2 == 0 ? w.dA : w.dB);
			weightGradient(d, in, delta, n, grad, weight);
			inputGradient(d, delta, dIn, n, w.transposed);
			if (l > 0) eluBackward(w.decPre[l - 1], w.decAct[l - 1], dIn, n, d.in);
			delta = dIn;
		}
		// through the reparameterisation and the KL, to d loss / d (mu, log sigma^2)
		for (int s = 0; s < n; s++)
			for (int j = 0; j < Z; j++) {
				double mu = o[s][j], lv = o[s][Z + j];
				double sd = Math.exp(0.5 * lv), dz = w.dz[s][j];
				w.dOut[s][j] = dz + beta * mu;
				w.dOut[s][Z + j] = dz * eps[s * Z + j] * 0.5 * sd + beta * 0.5 * (sd * sd - 1);
			}
		encoderBackward(w.dOut, n, grad, weight, w);
		return loss;
	}

	/**
	 * The encoder's outputs for the inputs w.y[0..n): row s holds the Z means, then the Z log variances (live rows of
	 * w, kept for {@link #encoderBackward}).
	 */
	double[][] encodeInputs(int n, Batch w) {
		return encoderForward(w.y, n, w);
	}

	/**
	 * Adds weight * d/dparams of sum_s delta[s] . out[s] to grad, out the encoder's outputs of the last forward pass
	 * on w ({@link #encodeInputs} or a loss); delta is n rows of 2Z.
	 */
	void encoderBackward(double[][] delta, int n, double[][] grad, double weight, Batch w) {
		for (int l = 2; l >= 0; l--) {
			Dense d = encoder[l];
			double[][] in = l == 0 ? w.y : w.encAct[l - 1];
			weightGradient(d, in, delta, n, grad, weight);
			if (l == 0) break; // the input needs no gradient
			double[][] dIn = l % 2 == 0 ? w.dA : w.dB;
			inputGradient(d, delta, dIn, n, w.transposed);
			eluBackward(w.encPre[l - 1], w.encAct[l - 1], dIn, n, d.in);
			delta = dIn;
		}
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

	/**
	 * grad(W[i]) += weight * sum_s in[s][i] delta[s] and grad(bias) += weight * sum_s delta[s]; each
	 * gradient row is loaded and stored once per four trajectories.
	 */
	private void weightGradient(Dense d, double[][] in, double[][] delta, int n, double[][] grad, double weight) {
		int ni = d.in, no = d.out;
		double[] gb = grad[d.first + ni];
		for (int s = 0; s < n; s++) {
			double[] ds = delta[s];
			for (int j = 0; j < no; j++) gb[j] += weight * ds[j];
		}
		int s = 0;
		for (; s + 4 <= n; s += 4) {
			double[] in0 = in[s], in1 = in[s + 1], in2 = in[s + 2], in3 = in[s + 3];
			double[] d0 = delta[s], d1 = delta[s + 1], d2 = delta[s + 2], d3 = delta[s + 3];
			for (int i = 0; i < ni; i++) {
				double x0 = weight * in0[i], x1 = weight * in1[i], x2 = weight * in2[i], x3 = weight * in3[i];
				double[] g = grad[d.first + i];
				for (int j = 0; j < no; j++) g[j] += x0 * d0[j] + x1 * d1[j] + x2 * d2[j] + x3 * d3[j];
			}
		}
		for (; s < n; s++) {
			double[] x = in[s], ds = delta[s];
			for (int i = 0; i < ni; i++) {
				double xi = weight * x[i];
				double[] g = grad[d.first + i];
				for (int j = 0; j < no; j++) g[j] += xi * ds[j];
			}
		}
	}

	/**
	 * dIn[s] = W delta[s] over n rows. W is first transposed (out x in) so that the inner loop is a
	 * multiply-add over inputs rather than a dot product whose adds wait on each other.
	 */
	private void inputGradient(Dense d, double[][] delta, double[][] dIn, int n, double[][] wt) {
		int ni = d.in, no = d.out;
		for (int i = 0; i < ni; i++) {
			double[] wr = blocks[d.first + i];
			for (int j = 0; j < no; j++) wt[j][i] = wr[j];
		}
		for (int s = 0; s < n; s++) {
			double[] di = dIn[s], ds = delta[s];
			Arrays.fill(di, 0, ni, 0);
			for (int j = 0; j < no; j++) {
				double g = ds[j];
				if (g == 0) continue;
				double[] col = wt[j];
				for (int i = 0; i < ni; i++) di[i] += g * col[i];
			}
		}
	}

	/** Multiplies gradients with respect to ELU outputs by ELU'(pre) (1 above 0, act + 1 = e^pre below). */
	private static void eluBackward(double[][] pre, double[][] act, double[][] d, int n, int size) {
		for (int s = 0; s < n; s++) {
			double[] p = pre[s], a = act[s], g = d[s];
			for (int j = 0; j < size; j++)
				if (p[j] <= 0) g[j] *= a[j] + 1;
		}
	}
}
