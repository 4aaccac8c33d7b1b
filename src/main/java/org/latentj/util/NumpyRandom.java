package org.latentj.util;

/**
 * numpy's legacy {@code np.random.RandomState(seed)}, bit for bit for the draws hmmlearn and scikit-learn make from
 * it: the Mersenne Twister MT19937 seeded as {@code init_genrand(seed)}, 53-bit doubles, {@code randint(n)}, the
 * legacy Gaussian, gamma and Dirichlet. So that a restart started here with random_state r starts where
 * {@code GaussianHMM(random_state=r)} does (issue 9: users compare LatentJ's fits with the seed notebook's).
 * <p>
 * Sources followed (numpy 1.24): {@code numpy/random/src/mt19937/mt19937.c} and {@code mt19937-jump}'s seeding
 * ({@code mt19937_seed}, {@code mt19937_gen}), {@code numpy/random/_mt19937.pyx} ({@code _legacy_seeding}),
 * {@code numpy/random/src/legacy/legacy-distributions.c} ({@code legacy_double}, {@code legacy_gauss},
 * {@code legacy_standard_exponential}, {@code legacy_standard_gamma}), {@code numpy/random/src/distributions/
 * distributions.c} ({@code random_bounded_uint64_fill}, {@code buffered_bounded_masked_uint32}, {@code gen_mask}) and
 * {@code numpy/random/mtrand.pyx} ({@code RandomState.dirichlet}, {@code randint}, {@code uniform}). Checked against
 * the installed numpy 1.24.2 by {@code NumpyRandomTest} (src/test/python/numpy_draws_reference.py). The uniform
 * draws and the Dirichlet/gamma arithmetic are the same operations; {@link Math#log}, {@link Math#pow} and
 * {@link Math#sqrt} may round the last bit differently from C's libm, so gamma draws agree to ~1e-16 relative.
 * Not thread-safe (one generator per restart).
 */
public final class NumpyRandom {

	private static final int N = 624, M = 397;
	private final int[] mt = new int[N];
	private int pos;
	private boolean hasGauss;
	private double gauss;

	/** numpy's largest integer seed, 2^32 - 1. */
	public static final long MAX_SEED = 0xffffffffL;

	/** {@code RandomState(seed)}: seed in [0, MAX_SEED], as numpy requires of an integer seed. */
	public NumpyRandom(long seed) {
		if (seed < 0 || seed > MAX_SEED)
			throw new BadInputException("A numpy random seed must be between 0 and 2^32 - 1 (got " + seed + ").");
		int s = (int) seed;
		for (int i = 0; i < N; i++) {
			mt[i] = s;
			s = 1812433253 * (s ^ (s >>> 30)) + i + 1; // mod 2^32 by int overflow
		}
		pos = N;
	}

	/** The next raw 32-bit word (numpy's {@code random_raw}), as an unsigned value. */
	public long nextUint32() {
		return nextInt() & 0xffffffffL;
	}

	private int nextInt() {
		if (pos == N) generate();
		int y = mt[pos++];
		y ^= y >>> 11;
		y ^= (y << 7) & 0x9d2c5680;
		y ^= (y << 15) & 0xefc60000;
		return y ^ (y >>> 18);
	}

	private void generate() {
		int i = 0;
		for (; i < N - M; i++) {
			int y = (mt[i] & 0x80000000) | (mt[i + 1] & 0x7fffffff);
			mt[i] = mt[i + M] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
		}
		for (; i < N - 1; i++) {
			int y = (mt[i] & 0x80000000) | (mt[i + 1] & 0x7fffffff);
			mt[i] = mt[i + M - N] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
		}
		int y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
		mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
		pos = 0;
	}

	/** {@code random_sample()}: [0, 1) from two words, 27 + 26 bits. */
	public double random() {
		long a = nextUint32() >>> 5, b = nextUint32() >>> 6;
		return (a * 67108864.0 + b) / 9007199254740992.0;
	}

	/** {@code uniform(low, high)}: low + (high - low) random(). */
	public double uniform(double low, double high) {
		return low + (high - low) * random();
	}

	/** {@code randint(n)}: uniform on 0..n-1 by masked rejection of 32-bit words (n up to 2^32). */
	public long randint(long n) {
		if (n < 1 || n > 0x100000000L) throw new BadInputException("randint needs 1 <= n <= 2^32 (got " + n + ").");
		long max = n - 1;
		if (max == 0) return 0;
		long mask = max;
		mask |= mask >>> 1;
		mask |= mask >>> 2;
		mask |= mask >>> 4;
		mask |= mask >>> 8;
		mask |= mask >>> 16;
		long v;
		while ((v = nextUint32() & mask) > max) {
		}
		return v;
	}

	/** {@code standard_normal()}: the polar method, its second value kept for the next call. */
	public double gauss() {
		if (hasGauss) {
			hasGauss = false;
			double g = gauss;
			gauss = 0;
			return g;
		}
		double x1, x2, r2;
		do {
			x1 = 2.0 * random() - 1.0;
			x2 = 2.0 * random() - 1.0;
			r2 = x1 * x1 + x2 * x2;
		} while (r2 >= 1.0 || r2 == 0.0);
		double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
		gauss = f * x1;
		hasGauss = true;
		return f * x2;
	}

	/** {@code standard_exponential()}. */
	public double exponential() {
		return -Math.log(1.0 - random());
	}

	/** {@code standard_gamma(shape)}: Marsaglia-Tsang for shape > 1, the U/V exponential rejection below 1. */
	public double gamma(double shape) {
		if (shape == 1.0) return exponential();
		if (shape == 0.0) return 0.0;
		if (shape < 1.0) {
			while (true) {
				double u = random(), v = exponential();
				if (u <= 1.0 - shape) {
					double x = Math.pow(u, 1.0 / shape);
					if (x <= v) return x;
				} else {
					double y = -Math.log((1 - u) / shape);
					double x = Math.pow(1.0 - shape + shape * y, 1.0 / shape);
					if (x <= v + y) return x;
				}
			}
		}
		double b = shape - 1.0 / 3.0, c = 1.0 / Math.sqrt(9 * b);
		while (true) {
			double x, v;
			do {
				x = gauss();
				v = 1.0 + c * x;
			} while (v <= 0.0);
			v = v * v * v;
			double u = random();
			if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return b * v;
			if (Math.log(u) < 0.5 * x * x + b * (1.0 - v + Math.log(v))) return b * v;
		}
	}

	/** {@code dirichlet(alpha)}: a gamma draw per alpha, each times 1 / their sum (numpy multiplies, not divides). */
	public double[] dirichlet(double[] alpha) {
		double[] g = new double[alpha.length];
		double acc = 0;
		for (int j = 0; j < alpha.length; j++) {
			if (!(alpha[j] > 0)) throw new BadInputException("Dirichlet alpha[" + j + "] must be > 0 (got " + alpha[j] + ").");
			acc += g[j] = gamma(alpha[j]);
		}
		double inv = 1 / acc;
		for (int j = 0; j < g.length; j++) g[j] *= inv;
		return g;
	}
}
