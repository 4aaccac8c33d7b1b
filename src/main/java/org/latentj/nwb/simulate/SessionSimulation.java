package org.latentj.nwb.simulate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.latentj.io.AtomicOutput;
import org.latentj.nwb.MoSeqNwbWriter;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/**
 * The work of Simulate MoSeq Session, headless: check the output file, simulate the session
 * ({@link MoSeqSimulator}), write it as NWB ({@link MoSeqNwbWriter}, under a temporary name moved in
 * when complete). The output is checked before anything is simulated.
 */
public final class SessionSimulation {

	private SessionSimulation() {
	}

	/**
	 * What to simulate and where. {@code output} is the .nwb file (".nwb" is added to a name without
	 * extension); an existing folder or an existing path that is not a regular file (a device, a
	 * FIFO) is refused. {@code name} is the NWB identifier, the file name without .nwb when blank.
	 */
	public record Settings(Path output, MoSeqSimulationSettings model, String name) {
		public Settings {
			if (output == null) throw new BadInputException("output is required (the .nwb file to write).");
			if (model == null) throw new IllegalArgumentException("no simulation settings");
			output = target(output);
			String stem = output.getFileName().toString();
			name = name == null || name.isBlank() ? stem.substring(0, stem.length() - ".nwb".length()) : name.trim();
		}
	}

	/** The session simulated (with its truth) and the file written. */
	public record Result(SimulatedSession session, Path written) {
	}

	public static Result run(Settings s, Progress progress) {
		Path parent = s.output().toAbsolutePath().getParent();
		if (parent == null) throw new BadInputException("output " + s.output() + " names no file; give a path ending in .nwb.");
		org.latentj.io.Outputs.check(s.output(), org.latentj.io.Outputs.Kind.FILE);
		AtomicOutput.ensureWritableFolder(parent);
		SimulatedSession session = MoSeqSimulator.simulate(s.model(), s.name(), progress.stage(0, 0.8));
		progress.update(0.8, "writing " + s.output().getFileName());
		progress.checkCancelled();
		try {
			MoSeqNwbWriter.write(s.output(), session.data);
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(s.output(), e);
		}
		progress.update(1, null);
		return new Result(session, s.output());
	}

	/** The file an {@code output} value names, or a one-sentence refusal. */
	static Path target(Path output) {
		if (Files.isDirectory(output))
			throw new BadInputException("output " + output + " is a folder; give a file name ending in .nwb.");
		if (Files.exists(output, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(output))
			throw new BadInputException("output " + output + " exists and is not a regular file; give a file name ending in .nwb.");
		Path name = output.getFileName();
		if (name == null) throw new BadInputException("output " + output + " names no file; give a path ending in .nwb.");
		String fileName = name.toString();
		Path target = output;
		if (!fileName.contains(".")) target = output.resolveSibling(fileName + ".nwb");
		else if (!fileName.toLowerCase().endsWith(".nwb"))
			throw new BadInputException("output must be a .nwb file (got " + output + ").");
		if (Files.isDirectory(target))
			throw new BadInputException("output " + target + " is a folder; give a file name ending in .nwb.");
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target))
			throw new BadInputException("output " + target + " exists and is not a regular file; give a file name ending in .nwb.");
		return target;
	}
}
