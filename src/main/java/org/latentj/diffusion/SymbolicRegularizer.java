package org.latentj.diffusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.latentj.util.BadInputException;
import org.latentj.util.Parallel;

/**
 * Train Latent Model's symbolic regularization (issue 11, the seed's step 7): a {@link CurveCritic}'s score of the
 * latent neurons' curves enters the loss. The curves are read as Latent Analysis and Score Curves read them
 * ({@link LatentCurves}): each neuron's mean mu per cell along alpha at the middle D of the training grid (or, when
 * only log10 D covers the critic's range, along log10 D at the middle alpha), here over a fixed probe of up to
 * {@value #PER_CELL} training trajectories per cell drawn from the seed. The penalty is the mean over the informative
 * neurons of the probe (Latent Analysis's rule, Var(mu) > exp(mean log sigma^2), re-evaluated at every step and not
 * differentiated) of softplus(threshold - score): the cross-entropy of the verdict "symbolic" for a logistic critic,
 * near 0 for curves the critic finds symbolic. It adds weight x penalty to each step's loss; its gradient flows
 * through the critic (resampling and gradient channel included) into the encoder's means.
 * <p>
 * Deterministic: the probe is fixed, its chunks of {@link VaeTrainer#CHUNK} are encoded in parallel with their
 * gradients summed in chunk order.
 */
public final class SymbolicRegularizer {

	/** Probe trajectories per cell of the curve (the cost per step is one encoder pass over cells x this). */
	public static final int PER_CELL = 4;

	/** The critic and the weight of its penalty in the loss. */
	public record Settings(CurveCritic critic, double weight) {
		public Settings {
			if (critic == null) throw new BadInputException("The key 'symbolic' (a critic.json) is not set.");
			if (!(weight >= 0) || Double.isInfinite(weight))
				throw new BadInputException("The key 'symbolic_weight' is " + weight + "; it must be a finite number >= 0.");
		}
	}

	private final CurveCritic critic;
	private final double weight;
	private final LatentCurves.Along along;
	private final double[] x;
	/** The probe's encoder inputs and the cell of each. */
	private final double[][] inputs;
	private final int[] cellOf, cellCount;
	private final int chunks;
	private LatentVae.Batch[] spaces;
	private LatentVae spacesOf;
	private LatentVae.Gradient[] grads;

	private SymbolicRegularizer(Settings s, LatentCurves.Along along, double[] x, double[][] inputs, int[] cellOf, int[] cellCount) {
		this.critic = s.critic();
		this.weight = s.weight();
		this.along = along;
		this.x = x;
		this.inputs = inputs;
		this.cellOf = cellOf;
		this.cellCount = cellCount;
		this.chunks = (inputs.length + VaeTrainer.CHUNK - 1) / VaeTrainer.CHUNK;
	}

	/** The probe of a model's training displacements (labels alpha, D); refused when no axis covers the critic's range. */
	public static SymbolicRegularizer of(Settings s, LatentVae vae, Trajectories dx, long seed) {
		double[] alphas = LatentCurves.distinct(dx.alphas()), ds = LatentCurves.distinct(dx.ds());
		double[] logDs = new double[ds.length];
		for (int k = 0; k < ds.length; k++) logDs[k] = Math.log10(ds[k]);
		LatentCurves.Along along = alphas.length >= 2 && s.critic().covers(alphas) ? LatentCurves.Along.ALPHA
				: ds.length >= 2 && s.critic().covers(logDs) ? LatentCurves.Along.LOG10_D : null;
		if (along == null)
			throw new BadInputException("The critic " + s.critic().source() + " reads x = " + s.critic().xMin() + ".." + s.critic().xMax()
					+ ", which neither the training data's alpha values (" + alphas[0] + ".." + alphas[alphas.length - 1] + ") nor their log10 D ("
					+ logDs[0] + ".." + logDs[logDs.length - 1] + ") cover; train the critic on one of these ranges.");
		double[] cells = along == LatentCurves.Along.ALPHA ? alphas : ds;
		double fixed = along == LatentCurves.Along.ALPHA ? ds[ds.length / 2] : alphas[alphas.length / 2];
		List<List<Integer>> rows = new ArrayList<>();
		for (int k = 0; k < cells.length; k++) rows.add(new ArrayList<>());
		for (int i = 0; i < dx.count(); i++) {
			boolean onLine = along == LatentCurves.Along.ALPHA ? dx.d(i) == fixed : dx.alpha(i) == fixed;
			if (onLine) rows.get(Arrays.binarySearch(cells, along == LatentCurves.Along.ALPHA ? dx.alpha(i) : dx.d(i))).add(i);
		}
		SplittableRandom random = new SplittableRandom(seed);
		List<Integer> probe = new ArrayList<>();
		List<Integer> cellList = new ArrayList<>();
		int[] cellCount = new int[cells.length];
		for (int k = 0; k < cells.length; k++) {
			List<Integer> r = rows.get(k);
			if (r.isEmpty())
				throw new BadInputException("The training data have no trajectory at " + (along == LatentCurves.Along.ALPHA
						? "alpha=" + cells[k] + ", D=" + fixed : "alpha=" + fixed + ", D=" + cells[k])
						+ "; the symbolic penalty reads each neuron's mean along that row of the grid and needs every cell of it.");
			int[] perm = VaeTrainer.permutation(r.size(), random);
			cellCount[k] = Math.min(PER_CELL, r.size());
			for (int q = 0; q < cellCount[k]; q++) {
				probe.add(r.get(perm[q]));
				cellList.add(k);
			}
		}
		double[][] inputs = new double[probe.size()][vae.input().size()];
		for (int p = 0; p < inputs.length; p++) vae.transformInput(dx.values(), probe.get(p) * dx.length(), inputs[p]);
		double[] x = along == LatentCurves.Along.ALPHA ? alphas : logDs;
		return new SymbolicRegularizer(s, along, x, inputs, cellList.stream().mapToInt(Integer::intValue).toArray(), cellCount);
	}

	public LatentCurves.Along along() {
		return along;
	}

	public double weight() {
		return weight;
	}

	public CurveCritic critic() {
		return critic;
	}

	/**
	 * The penalty (unweighted) of the model now; with grad not null, weight x its gradient is added to grad (shaped
	 * of vae).
	 */
	public double penalty(LatentVae vae, LatentVae.Gradient grad) {
		int Z = vae.latents(), n = inputs.length, C = VaeTrainer.CHUNK;
		if (spaces == null || spacesOf != vae) { // scratch belongs to one model (its shapes)
			spacesOf = vae;
			grads = null;
			spaces = new LatentVae.Batch[chunks];
			for (int c = 0; c < chunks; c++) spaces[c] = vae.batch(C);
		}
		double[][] out = new double[n][];
		Parallel.forEach(chunks, c -> {
			LatentVae.Batch w = spaces[c];
			int from = c * C, count = Math.min(n, from + C) - from;
			for (int k = 0; k < count; k++) w.y[k] = inputs[from + k];
			double[] o = vae.encodeInputs(count, w);
			for (int k = 0; k < count; k++) out[from + k] = Arrays.copyOfRange(o, k * 2 * Z, (k + 1) * 2 * Z);
		});
		List<Integer> on = new ArrayList<>();
		for (int j = 0; j < Z; j++) {
			double[] mu = new double[n], logVar = new double[n];
			for (int p = 0; p < n; p++) {
				mu[p] = out[p][j];
				logVar[p] = out[p][Z + j];
			}
			if (LatentAnalysis.isInformative(mu, logVar)) on.add(j);
		}
		if (on.isEmpty()) return 0;
		int m = on.size();
		double[][] curves = new double[m][x.length];
		for (int q = 0; q < m; q++)
			for (int p = 0; p < n; p++) curves[q][cellOf[p]] += out[p][on.get(q)] / cellCount[cellOf[p]];
		double[][] g = grad == null ? null : new double[m][x.length];
		double[] scores = critic.scores(x, curves, g);
		double penalty = 0;
		double[] dScore = new double[m];
		for (int q = 0; q < m; q++) {
			double z = critic.threshold() - scores[q];
			penalty += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) / m;
			dScore[q] = -1 / (1 + Math.exp(-z)) / m; // d softplus(z) / d score
		}
		if (grad == null) return penalty;
		if (grads == null) {
			grads = new LatentVae.Gradient[chunks];
			for (int c = 0; c < chunks; c++) grads[c] = vae.newGradient();
		}
		Parallel.forEach(chunks, c -> {
			LatentVae.Batch w = spaces[c]; // still holds this chunk's forward pass
			int from = c * C, count = Math.min(n, from + C) - from;
			double[] delta = new double[count * 2 * Z];
			for (int k = 0; k < count; k++) {
				int p = from + k, cell = cellOf[p];
				for (int q = 0; q < m; q++) delta[k * 2 * Z + on.get(q)] = dScore[q] * g[q][cell] / cellCount[cell];
			}
			grads[c].zero();
			vae.encoderBackward(delta, count, grads[c], weight, w);
		});
		for (int c = 0; c < chunks; c++) grad.add(grads[c]);
		return penalty;
	}
}
