package org.latentj.diffusion;

import java.util.SplittableRandom;

import org.latentj.nn.Adam;
import org.latentj.util.BadInputException;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Trains a {@link LatentVae} by minimizing the mean loss over mini-batches with Adam ({@link org.latentj.nn.Adam}:
 * beta1 = 0.9, beta2 = 0.999, eps = 1e-8, no weight decay, constant learning rate).
 * <p>
 * Reproducible: the validation split, the per-epoch shuffles, the initial weights and every noise
 * sample come from the seed through generators keyed by (epoch, batch, chunk), and each batch is
 * cut into fixed chunks of {@value #CHUNK} trajectories whose gradients are summed in chunk order,
 * so the result is bit-identical whatever the number of threads. Chunks run on all cores.
 * <p>
 * Since the move onto {@code org.latentj.nn} (7 December 2026) a seed gives weights that differ in the last bits from
 * the hand-written layers' before (the weight gradient sums its terms in another order, and Adam folds its bias
 * correction otherwise; docs/symbolic.md gives the size). Saved models encode as before, bit for bit.
 * <p>
 * A run whose loss or gradient leaves the finite numbers (a step too large for the data) stops at
 * once with a {@link BadInputException} naming the learning rate: Adam cannot recover from NaN
 * parameters, and a model file cannot hold them.
 */
public final class VaeTrainer {

	/** Trajectories per unit of parallel work; fixed so that sums do not depend on the thread count. */
	static final int CHUNK = 32;

	/** What to train. */
	public record Settings(int latents, int epochs, int batch, double learningRate, BetaSchedule beta, long seed,
			double validationFraction) {
		public Settings {
			if (latents < 1) throw new IllegalArgumentException("latents must be >= 1");
			if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1");
			if (batch < 1) throw new IllegalArgumentException("batch must be >= 1");
			if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0");
			if (!(validationFraction >= 0 && validationFraction < 1))
				throw new IllegalArgumentException("validation fraction must be in [0, 1)");
		}
	}

	/**
	 * A trained model with its loss history and the settings it was trained with; with a symbolic regularizer, the
	 * regularizer and its penalty per epoch (mean over the epoch's steps, before each step), otherwise null.
	 */
	public record Result(LatentVae model, TrainingHistory history, Settings settings, int trainCount, int validationCount,
			SymbolicRegularizer symbolic, double[] symbolicPenalty) {
		public Result(LatentVae model, TrainingHistory history, Settings settings, int trainCount, int validationCount) {
			this(model, history, settings, trainCount, validationCount, null, null);
		}
	}

	private VaeTrainer() {
	}

	/**
	 * Trains on the given displacements (a random validation fraction is held out and only
	 * evaluated). Progress is reported per batch with the running loss; cancellation is honoured
	 * between batches.
	 */
	public static Result train(Trajectories data, Settings s, Progress progress) {
		return train(data, s, null, progress);
	}

	/**
	 * {@link #train(Trajectories, Settings, Progress)} with a symbolic penalty ({@link SymbolicRegularizer}; null for
	 * none): weight x penalty is added to every step's loss, its probe drawn from the training trajectories.
	 */
	public static Result train(Trajectories data, Settings s, SymbolicRegularizer.Settings symbolic, Progress progress) {
		Trajectories dx = data.displacements();
		int n = dx.count(), length = dx.length();
		int validCount = (int) Math.round(n * s.validationFraction());
		if (n - validCount < 1) throw new IllegalArgumentException("no trajectories left to train on");
		int[] order = permutation(n, new SplittableRandom(mix(s.seed(), 0x5EED_0001L)));
		int[] validRows = java.util.Arrays.copyOfRange(order, 0, validCount);
		int[] trainRows = java.util.Arrays.copyOfRange(order, validCount, n);
		java.util.Arrays.sort(validRows);
		java.util.Arrays.sort(trainRows);
		Trajectories train = dx.rows(trainRows);
		Trajectories valid = validCount > 0 ? dx.rows(validRows) : null;

		LatentVae vae = LatentVae.initialize(train, s.latents(), mix(s.seed(), 0x5EED_0002L));
		double[][] inputs = transformAll(vae, train);
		int nTrain = train.count();
		int chunksPerBatch = (Math.min(s.batch(), nTrain) + CHUNK - 1) / CHUNK;
		// chunk 0 backpropagates into the networks' own gradient, which the others are added to and Adam steps
		LatentVae.Gradient[] grads = new LatentVae.Gradient[chunksPerBatch];
		for (int c = 0; c < chunksPerBatch; c++) grads[c] = c == 0 ? vae.gradient() : vae.newGradient();
		LatentVae.Batch[] spaces = new LatentVae.Batch[chunksPerBatch];
		for (int c = 0; c < chunksPerBatch; c++) spaces[c] = vae.batch(CHUNK);
		double[] chunkLoss = new double[chunksPerBatch], chunkNll = new double[chunksPerBatch], chunkKl = new double[chunksPerBatch];
		Adam adam = new Adam(s.learningRate(), 0.9, 0.999, 0).add(vae.encoder()).add(vae.decoder());
		TrainingHistory history = new TrainingHistory(validCount);
		int batches = (nTrain + s.batch() - 1) / s.batch();
		int Z = s.latents();
		SymbolicRegularizer regularizer = symbolic == null ? null : SymbolicRegularizer.of(symbolic, vae, train, mix(s.seed(), 0x5EED_0003L));
		double[] penalties = regularizer == null ? null : new double[s.epochs()];

		for (int epoch = 0; epoch < s.epochs(); epoch++) {
			double beta = s.beta().valueAt(epoch, s.epochs());
			int[] perm = permutation(nTrain, new SplittableRandom(mix(s.seed(), 0xE90C_0000L + epoch)));
			double sumLoss = 0, sumNll = 0, sumKl = 0;
			for (int b = 0; b < batches; b++) {
				progress.checkCancelled();
				int from = b * s.batch(), size = Math.min(s.batch(), nTrain - from);
				int chunks = (size + CHUNK - 1) / CHUNK;
				double weight = 1.0 / size;
				long batchKey = mix(mix(s.seed(), epoch), b);
				Parallel.forEach(chunks, c -> {
					LatentVae.Gradient g = grads[c];
					g.zero();
					LatentVae.Batch w = spaces[c];
					SplittableRandom noise = new SplittableRandom(mix(batchKey, c));
					int start = c * CHUNK, count = Math.min(size, start + CHUNK) - start;
					double[] eps = new double[count * Z];
					for (int k = 0; k < eps.length; k++) eps[k] = noise.nextGaussian();
					for (int k = 0; k < count; k++) w.y[k] = inputs[perm[from + start + k]];
					double l = vae.lossOfInputs(train.values(), perm, from + start, count, eps, beta, g, weight, w);
					double nll = w.nllSum(), kl = w.klSum();
					chunkLoss[c] = l;
					chunkNll[c] = nll;
					chunkKl[c] = kl;
				});
				LatentVae.Gradient g0 = grads[0];
				for (int c = 1; c < chunks; c++) g0.add(grads[c]);
				double batchLoss = 0;
				for (int c = 0; c < chunks; c++) {
					batchLoss += chunkLoss[c];
					sumLoss += chunkLoss[c];
					sumNll += chunkNll[c];
					sumKl += chunkKl[c];
				}
				if (regularizer != null) penalties[epoch] += regularizer.penalty(vae, g0) / batches;
				if (!Double.isFinite(batchLoss)) throw diverged(epoch, "loss " + batchLoss, s);
				if (!finite(g0.rows())) throw diverged(epoch, "gradient not finite", s);
				adam.step();
				int seen = from + size;
				progress.update((epoch + seen / (double) nTrain) / s.epochs(),
						String.format("epoch %d/%d, loss %.4f", epoch + 1, s.epochs(), sumLoss / seen));
			}
			double[] v = valid == null ? new double[] { Double.NaN, Double.NaN, Double.NaN }
					: evaluate(vae, valid, beta, mix(s.seed(), 0x7A1D_0000L));
			if (valid != null && !Double.isFinite(v[0])) throw diverged(epoch, "validation loss " + v[0], s);
			history.add(new TrainingHistory.Epoch(epoch + 1, beta, sumLoss / nTrain, sumNll / nTrain, sumKl / nTrain, v[0], v[1], v[2]));
		}
		return new Result(vae, history, s, nTrain, validCount, regularizer, penalties);
	}

	/** True when every gradient entry is finite (an overflow shows here a batch before the loss). */
	private static boolean finite(double[][] g) {
		for (double[] row : g) {
			double sum = 0;
			for (double v : row) sum += v * 0; // 0 for finite entries, NaN for Inf or NaN
			if (sum != 0) return false;
		}
		return true;
	}

	/**
	 * A run whose loss left the finite numbers (too large a step): stop at once, since the model
	 * cannot recover and its file could not hold it.
	 */
	private static BadInputException diverged(int epoch, String what, Settings s) {
		return new BadInputException("Training diverged at epoch " + (epoch + 1) + " (" + what + "); lower 'learning_rate' (now "
				+ s.learningRate() + ").");
	}

	/**
	 * Mean loss, NLL and KL over a set of trajectories with noise drawn from the seed (the same
	 * noise every call, so successive epochs are comparable); deterministic and parallel.
	 */
	public static double[] evaluate(LatentVae vae, Trajectories dx, double beta, long seed) {
		int n = dx.count(), length = dx.length(), Z = vae.latents();
		int chunks = (n + CHUNK - 1) / CHUNK;
		double[][] sums = new double[chunks][3];
		Parallel.forEach(chunks, c -> {
			LatentVae.Batch w = vae.batch(CHUNK);
			SplittableRandom noise = new SplittableRandom(mix(seed, c));
			int start = c * CHUNK, count = Math.min(n, start + CHUNK) - start;
			double[] eps = new double[count * Z];
			for (int k = 0; k < eps.length; k++) eps[k] = noise.nextGaussian();
			int[] rows = new int[count];
			for (int k = 0; k < count; k++) {
				rows[k] = start + k;
				vae.transformInput(dx.values(), rows[k] * length, w.ownY[k]);
				w.y[k] = w.ownY[k];
			}
			sums[c][0] = vae.lossOfInputs(dx.values(), rows, 0, count, eps, beta, null, 0, w);
			sums[c][1] = w.nllSum();
			sums[c][2] = w.klSum();
		});
		double[] total = new double[3];
		for (double[] s : sums)
			for (int k = 0; k < 3; k++) total[k] += s[k];
		for (int k = 0; k < 3; k++) total[k] /= n;
		return total;
	}

	/** The encoder inputs of every training trajectory, computed once (T logs each). */
	private static double[][] transformAll(LatentVae vae, Trajectories dx) {
		int n = dx.count(), length = dx.length();
		double[][] y = new double[n][vae.input().size()];
		int blocks = (n + 255) / 256;
		Parallel.forEach(blocks, b -> {
			for (int i = b * 256; i < Math.min(n, (b + 1) * 256); i++) vae.transformInput(dx.values(), i * length, y[i]);
		});
		return y;
	}

	static int[] permutation(int n, SplittableRandom random) {
		int[] p = new int[n];
		for (int i = 0; i < n; i++) p[i] = i;
		for (int i = n - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int t = p[i];
			p[i] = p[j];
			p[j] = t;
		}
		return p;
	}

	/** A well-mixed 64-bit key from two (the SplitMix64 finaliser of their combination). */
	static long mix(long a, long b) {
		long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
