package org.latentj.nwb.ui;

import org.latentj.ui.Present;

import java.io.File;
import java.nio.file.Path;

import org.latentj.nwb.simulate.MoSeqSimulationSettings;
import org.latentj.nwb.simulate.SessionSimulation;
import org.latentj.nwb.simulate.SimulatedSession;
import org.latentj.util.BadInputException;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Writes a synthetic MoSeq session (NWB, the layout of the STATS320 ARHMM lab's sessions): a sticky
 * AR(lags)-HMM in PC space, depth frames rendered from the PCs, the mouse moving per syllable, the
 * true syllables as labels_clean. Sessions with the same states/pcs/lags/stickiness/model_seed
 * share their syllables, so one model fits several of them. Macro keys:
 * <ul>
 * <li>{@code output} the .nwb file to write (required; ".nwb" is added to a name without extension)</li>
 * <li>{@code frames} (3000), {@code states} (6), {@code pcs} (10), {@code lags} (2)</li>
 * <li>{@code stickiness} probability of keeping the syllable from one frame to the next (0.92)</li>
 * <li>{@code seed} of the sampled session (1); {@code model_seed} of the syllable library (1)</li>
 * <li>{@code name} NWB identifier (default: the file name without .nwb)</li>
 * <li>{@code open} open the written session as "Open MoSeq NWB" would show its frames (false)</li>
 * </ul>
 * An existing folder, or an existing path that is not a regular file, is refused before anything is
 * simulated. The work is {@link SessionSimulation#run}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Simulate MoSeq Session", headless = true)
public class SimulateMoSeqSessionCommand extends LatentJCommand {

	public static final String LABEL = "Simulate MoSeq Session";

	@Parameter(label = "Output NWB file", style = "save", description = "NWB file written, laid out like a MoSeq session")
	public File output;

	@Parameter(label = "Frames", min = "10", max = "60000", description = "number of video frames")
	public int frames = 3000;

	@Parameter(label = "States (syllables)", min = "1", max = "50", description = "number of syllables in the simulated sequence")
	public int states = 6;

	@Parameter(label = "PCs", min = "1", max = "50", description = "number of principal components")
	public int pcs = 10;

	@Parameter(label = "AR lags", min = "1", max = "10", description = "autoregressive lags of each syllable's dynamics")
	public int lags = 2;

	@Parameter(label = "Stickiness (self-transition probability)", min = "0", max = "0.999", stepSize = "0.01", description = "probability of staying in the same syllable from one frame to the next")
	public double stickiness = 0.92;

	@Parameter(label = "Seed", description = "random seed of the sequence and the noise")
	public long seed = 1;

	@Parameter(label = "Model seed (syllable library)", description = "random seed of the syllable library (the AR dynamics)")
	public long model_seed = 1;

	@Parameter(label = "Name (NWB identifier)", required = false, description = "NWB identifier of the session; empty uses the file name")
	public String name = "";

	@Parameter(label = "Open the session", description = "open the session after writing it")
	public boolean open = false;

	/** What the last run made (for scripts and tests). */
	public SimulatedSession session;
	public Path written;
	@Parameter(type = ItemIO.OUTPUT, label = "Frames")
	public ImagePlus image;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	/** The settings these fields stand for (checked, the output included). */
	public SessionSimulation.Settings settings() {
		if (output == null) throw new BadInputException(LABEL + ": output is required (the .nwb file to write).");
		return new SessionSimulation.Settings(output.toPath(),
				MoSeqSimulationSettings.of(frames, states, pcs, lags, stickiness, seed, model_seed), name);
	}

	@Override
	protected void execute() {
		SessionSimulation.Result r = SessionSimulation.run(settings(), Present.progress(LABEL));
		session = r.session();
		written = r.written();
		saved = written.toFile();
		Present.status("Wrote " + written + " (" + frames + " frames, " + states + " states)");
		if (open) {
			image = MoSeqSessionView.framesImage(written); // owns the session (closed if the image cannot be made)
			Present.image(image);
		}
	}
}
