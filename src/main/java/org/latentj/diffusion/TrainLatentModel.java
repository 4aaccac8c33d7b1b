package org.latentj.diffusion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.io.AtomicOutput;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * The Train Latent Model entry point: trains the latent model ({@link LatentVae}, after SPIVAE) on
 * a trajectory CSV and writes it as a model file. Steps: read (refusing trajectories that never
 * move), hold out the validation fraction, train ({@link VaeTrainer}, with the symbolic penalty of
 * {@link SymbolicRegularizer} when a critic is given; Esc cancels and nothing is written), write the model file.
 */
public final class TrainLatentModel {

	/** At most this many latent neurons (the encoder's last layer grows with them). */
	public static final int MAX_LATENTS = 64;

	/**
	 * Validated settings; {@code output} is the model file. {@code epochs} and {@code batch} may be
	 * {@link TrainingLength#AUTO} (0): chosen from the number of training trajectories.
	 */
	public record Settings(Path data, What what, int latents, int epochs, int batch, double learningRate, BetaSchedule beta, long seed,
			double validation, Path output, SymbolicRegularizer.Settings symbolic) {
		/** Without the symbolic penalty ({@code symbolic}: the critic and weight of issue 11's regularization, or null). */
		public Settings(Path data, What what, int latents, int epochs, int batch, double learningRate, BetaSchedule beta, long seed,
				double validation, Path output) {
			this(data, what, latents, epochs, batch, learningRate, beta, seed, validation, output, null);
		}

		public Settings {
			if (what == null) what = What.AUTO;
			DiffusionInputs.existingFile(data, "data");
			DiffusionInputs.outputFile(output, "output", data, symbolic == null ? null : symbolic.critic().source());
			DiffusionInputs.atLeast("latents", latents, 1);
			if (latents > MAX_LATENTS)
				throw new BadInputException("The key 'latents' is " + latents + "; at most " + MAX_LATENTS + " latent neurons are supported.");
			DiffusionInputs.atLeast("epochs", epochs, TrainingLength.AUTO);
			DiffusionInputs.atLeast("batch", batch, TrainingLength.AUTO);
			DiffusionInputs.positive("learning_rate", learningRate);
			if (!(validation >= 0 && validation < 1))
				throw new BadInputException("The key 'validation' is " + validation + "; it must be in [0, 1).");
			if (beta == null) throw new BadInputException("The key 'beta' is not set.");
		}

		/** The trainer's settings for {@code count} trajectories (before the validation split), 'auto' resolved. */
		VaeTrainer.Settings trainer(int count) {
			int n = count - (int) Math.round(count * validation);
			int b = batch == TrainingLength.AUTO ? TrainingLength.batch(n) : batch;
			int e = epochs == TrainingLength.AUTO ? TrainingLength.epochs(n, b) : epochs;
			return new VaeTrainer.Settings(latents, e, b, learningRate, beta, seed, validation);
		}
	}

	/** The key 'beta' as a schedule (see {@link BetaSchedule#parse}). */
	public static BetaSchedule beta(String text) {
		try {
			return BetaSchedule.parse(text);
		} catch (IllegalArgumentException e) {
			throw new BadInputException("The key 'beta' is not a schedule: " + e.getMessage() + " (e.g. '" + BetaSchedule.SPIVAE
					+ "' or '0@1, 1e-3@10').");
		}
	}

	/** The training run, the trajectories as read (before conversion to displacements), the file written and warnings. */
	public record Result(VaeTrainer.Result training, Trajectories read, Path output, List<String> warnings) {
	}

	private TrainLatentModel() {
	}

	/** The number of parameters SBM-like data have (alpha, D): a model that disentangles them keeps this many neurons on. */
	public static final int SBM_PARAMETERS = 2;

	/**
	 * Issue 14: whether the latent space collapsed to the informative neurons. The trajectories are
	 * encoded and each neuron tested by {@link LatentAnalysis#isInformative}; more than
	 * {@link #SBM_PARAMETERS} on means too few Adam steps for the data size, and the warning names
	 * the steps taken and settings with more ({@link #moreSteps}).
	 */
	static String collapseWarning(VaeTrainer.Result r, Trajectories displacements, Progress progress) {
		if (r.model().latents() <= SBM_PARAMETERS) return null;
		Latents l = LatentEncoder.encode(r.model(), displacements, progress);
		int on = 0;
		StringBuilder which = new StringBuilder();
		for (int j = 0; j < l.latents(); j++) {
			if (LatentAnalysis.isInformative(l.muOf(j), l.logVarOf(j))) {
				which.append(on == 0 ? "" : ", ").append("mu_").append(j);
				on++;
			}
		}
		if (on <= SBM_PARAMETERS) return null;
		VaeTrainer.Settings s = r.settings();
		int n = r.trainCount();
		long steps = (long) s.epochs() * TrainingLength.batchesPerEpoch(n, s.batch());
		int[] more = moreSteps(n, s.batch(), steps);
		return on + " of " + l.latents() + " latent neurons stay informative (" + which + "), more than the " + SBM_PARAMETERS
				+ " parameters (alpha, D) of SBM-like data: the latent space has not collapsed after " + steps + " Adam steps ("
				+ s.epochs() + " epochs of batch " + s.batch() + " over " + n + " trajectories); try batch=" + more[0] + " epochs="
				+ more[1] + " (" + (long) more[1] * TrainingLength.batchesPerEpoch(n, more[0]) + " steps).";
	}

	/**
	 * {batch, epochs} with at least twice the steps taken and at least {@link TrainingLength#MIN_STEPS}:
	 * the batch no larger than the automatic one (smaller steps are cheaper).
	 */
	static int[] moreSteps(int n, int batch, long steps) {
		int b = Math.min(batch, TrainingLength.batch(n));
		int per = TrainingLength.batchesPerEpoch(n, b);
		long target = Math.max(2 * steps, TrainingLength.MIN_STEPS);
		return new int[] { b, (int) Math.min(Integer.MAX_VALUE, (target + per - 1) / per) };
	}

	public static Result run(Settings s, Progress progress) {
		TrajectoryCsv.Loaded read = DiffusionInputs.read(s.data(), s.what(), progress.stage(0, 0.05));
		DiffusionInputs.requireMoving(read, s.data());
		List<String> warnings = new ArrayList<>();
		DiffusionInputs.warnIfKindLooksWrong(s.what(), read.trajectories(), warnings);
		Trajectories t = read.trajectories().displacements();
		if (Math.round(t.count() * s.validation()) >= t.count())
			throw new BadInputException("The trajectory file " + s.data() + " has " + t.count()
					+ " trajectories; none would be left for training with validation " + s.validation() + ".");
		VaeTrainer.Result r = VaeTrainer.train(t, s.trainer(t.count()), s.symbolic(), progress.stage(0.05, 0.97));
		String collapse = collapseWarning(r, t, progress.stage(0.97, 0.99));
		if (collapse != null) warnings.add(collapse);
		try {
			LatentModelFile.write(s.output(), r, s.data().getFileName().toString());
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(s.output(), e);
		}
		progress.update(1, null);
		return new Result(r, read.trajectories(), s.output(), List.copyOf(warnings));
	}
}
