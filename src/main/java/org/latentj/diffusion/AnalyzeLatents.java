package org.latentj.diffusion;

import java.io.IOException;
import java.nio.file.Path;

import org.latentj.io.AtomicOutput;
import org.latentj.util.Progress;

/**
 * The Latent Analysis entry point (see {@link LatentAnalysis} for the statistics). Steps: read the
 * latent CSV, judge each neuron's curves with the critic if one is given, analyze, write the tables and figures into the output folder (staged, swapped in whole).
 */
public final class AnalyzeLatents {

	/**
	 * Validated settings: a latent CSV, the trajectory length T of the expressions, an output folder or null, and a
	 * critic for the symbolic verdict column or null (issue 11).
	 */
	public record Settings(Path data, int length, Path output, CurveCritic critic) {
		public Settings {
			DiffusionInputs.existingFile(data, "data");
			DiffusionInputs.atLeast("length", length, 2);
			if (output != null) DiffusionInputs.outputFolder(output, "the analysis", data, critic == null ? null : Path.of(critic.source()));
		}

		public Settings(Path data, int length, Path output) {
			this(data, length, output, null);
		}
	}

	/** The latents read, their analysis, the folder written (or null) and the symbolic verdicts (or null, without a critic). */
	public record Result(Latents latents, LatentAnalysis.Result analysis, Path output, NeuronVerdicts verdicts) {
		public Result(Latents latents, LatentAnalysis.Result analysis, Path output) {
			this(latents, analysis, output, null);
		}
	}

	private AnalyzeLatents() {
	}

	public static Result run(Settings s, Progress progress, FigureWriter<Result> figures) {
		progress.update(0, "reading " + s.data().getFileName());
		Latents l = LatentCsv.read(s.data());
		NeuronVerdicts verdicts = s.critic() == null ? null : NeuronVerdicts.judge(l, s.critic());
		Result result = new Result(l, LatentAnalysis.analyze(l, s.length()), s.output(), verdicts);
		if (s.output() != null) {
			try (AtomicOutput.Staging staging = AtomicOutput.stageFolder(s.output())) {
				LatentTables.write(staging.dir(), result.analysis(), verdicts);
				if (figures != null) figures.write(result, staging.dir());
				staging.commit();
			} catch (IOException e) {
				throw AtomicOutput.writeFailure(s.output(), e);
			}
		}
		progress.update(1, null);
		return result;
	}
}
