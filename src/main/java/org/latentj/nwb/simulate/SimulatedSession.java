package org.latentj.nwb.simulate;

import org.latentj.nwb.MoSeqSessionData;

/** A simulated session: what goes into the NWB file, and the truth it was drawn from. */
public final class SimulatedSession {
	public final MoSeqSimulationSettings settings;
	public final SyllableLibrary library;
	/** The session in the NWB layout (labels_clean = the true states). */
	public final MoSeqSessionData data;
	/** True state of each frame. */
	public final int[] states;
	/** Frames dropped (NaN PCs and label -5 in the raw series). */
	public final int[] droppedFrames;

	SimulatedSession(MoSeqSimulationSettings settings, SyllableLibrary library, MoSeqSessionData data, int[] states,
			int[] droppedFrames) {
		this.settings = settings;
		this.library = library;
		this.data = data;
		this.states = states;
		this.droppedFrames = droppedFrames;
	}
}
