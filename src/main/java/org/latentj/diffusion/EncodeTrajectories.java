package org.latentj.diffusion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.io.AtomicOutput;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * The Encode Trajectories entry point: the latent CSV (alpha,D,mu_0..,logvar_0.., the layout
 * SPIVAE exports) of trajectories under a trained model. Steps: read the model, check the
 * trajectories' length from the file's header (before its rows), read them, encode, write.
 */
public final class EncodeTrajectories {

	/** Validated settings; {@code output} is the latent CSV. */
	public record Settings(Path model, Path data, What what, Path output) {
		public Settings {
			if (what == null) what = What.AUTO;
			DiffusionInputs.existingFile(model, "model");
			DiffusionInputs.existingFile(data, "data");
			DiffusionInputs.outputFile(output, "output", model, data);
		}
	}

	/** The latents, the trajectories as read, the file written and warnings. */
	public record Result(Latents latents, Trajectories read, Path output, List<String> warnings) {
	}

	private EncodeTrajectories() {
	}

	public static Result run(Settings s, Progress progress) {
		LatentVae vae = LatentModelFile.read(s.model()).model();
		int length = TrajectoryCsv.length(s.data(), s.what().kind()); // from the header: before reading the rows
		if (length != vae.length())
			throw new BadInputException("The model file " + s.model() + " was trained on trajectories of " + vae.length()
					+ " steps, but the trajectory file " + s.data() + " has " + length + ".");
		TrajectoryCsv.Loaded read = DiffusionInputs.read(s.data(), s.what(), progress.stage(0, 0.6));
		Trajectories t = read.trajectories().displacements();
		DiffusionInputs.requireMoving(read, s.data());
		List<String> warnings = new ArrayList<>();
		DiffusionInputs.warnIfKindLooksWrong(s.what(), read.trajectories(), warnings);
		Latents l = LatentEncoder.encode(vae, t, progress.stage(0.6, 0.9));
		requireFinite(l, read, s.data(), s.model());
		try {
			LatentCsv.write(s.output(), l);
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(s.output(), e);
		}
		progress.update(1, null);
		return new Result(l, read.trajectories(), s.output(), List.copyOf(warnings));
	}

	/**
	 * Refuses latents that are not all finite (a damaged model's weights can overflow even when the
	 * values are in range), naming the first trajectory's file row, so that no NaN is written.
	 */
	static void requireFinite(Latents l, TrajectoryCsv.Loaded read, Path data, Path model) {
		int z = l.latents();
		for (int i = 0; i < l.count(); i++)
			for (int j = 0; j < z; j++)
				if (!Double.isFinite(l.mu(i, j)) || !Double.isFinite(l.logVar(i, j)))
					throw new BadInputException("The trajectory in row " + read.row(i) + " of " + data + " encodes to a non-finite latent ("
							+ (Double.isFinite(l.mu(i, j)) ? "logvar_" : "mu_") + j + ") under the model " + model
							+ "; its values or the model's weights are too large. Nothing was written.");
	}
}
