package org.latentj.diffusion;

import java.io.IOException;
import java.nio.file.Path;

import org.latentj.io.AtomicOutput;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * The Simulate SBM entry point: scaled Brownian motion on an (alpha, D) grid (see
 * {@link SbmSimulator}), written as a trajectory CSV when an output is given. Steps: check the
 * settings (in the record), simulate, write.
 */
public final class SimulateSbm {

	/**
	 * Validated settings; {@code what} is displacements or positions, {@code output} may be null
	 * (nothing written).
	 */
	public record Settings(double alphaMin, double alphaMax, int alphaSteps, double dMin, double dMax, int dSteps, int n, int length,
			long seed, What what, Path output) {
		public Settings {
			if (what == What.AUTO) throw new BadInputException("The key 'what' is 'auto'; a simulation writes displacements or positions.");
			DiffusionInputs.alphaRange("alpha_min", alphaMin);
			DiffusionInputs.alphaRange("alpha_max", alphaMax);
			if (alphaMax < alphaMin)
				throw new BadInputException("The key 'alpha_max' (" + alphaMax + ") is smaller than 'alpha_min' (" + alphaMin + ").");
			DiffusionInputs.positive("d_min", dMin);
			DiffusionInputs.positive("d_max", dMax);
			if (dMax < dMin) throw new BadInputException("The key 'd_max' (" + dMax + ") is smaller than 'd_min' (" + dMin + ").");
			DiffusionInputs.atLeast("alpha_steps", alphaSteps, 1);
			DiffusionInputs.atLeast("d_steps", dSteps, 1);
			DiffusionInputs.atLeast("n", n, 1);
			DiffusionInputs.atLeast("length", length, 2);
			long values = (long) alphaSteps * dSteps * n * length;
			if (values > Integer.MAX_VALUE - 8)
				throw new BadInputException("The simulation would hold " + values + " values (alpha_steps x d_steps x n x length); at most "
						+ (Integer.MAX_VALUE - 8) + " fit in memory at once.");
			org.latentj.util.Memory.require(org.latentj.util.Memory.product(values, 8, 2), "Simulate SBM (" + values + " values)");
			if (output != null) DiffusionInputs.outputFile(output, "output");
		}

		public SbmGrid grid() {
			return SbmGrid.of(alphaMin, alphaMax, alphaSteps, dMin, dMax, dSteps);
		}
	}

	/** The trajectories and the file written (null when none). */
	public record Result(Trajectories trajectories, Path output) {
	}

	private SimulateSbm() {
	}

	public static Result run(Settings s, Progress progress) {
		Trajectories t = SbmSimulator.simulate(s.grid(), s.n(), s.length(), s.seed(), s.what().kind(),
				progress.stage(0, s.output() != null ? 0.3 : 1));
		if (s.output() != null) {
			try {
				TrajectoryCsv.write(s.output(), t, progress.stage(0.3, 1));
			} catch (IOException e) {
				throw AtomicOutput.writeFailure(s.output(), e);
			}
		}
		progress.update(1, null);
		return new Result(t, s.output());
	}
}
