package org.latentj.nwb.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.Pcs;
import org.latentj.ui.TableCsv;
import org.latentj.util.BadInputException;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * The work of Open MoSeq NWB, an entry point in the ui package because what it makes is ImageJ's
 * (a virtual stack, ResultsTables): open the session, read the PCs asked for (refusing more than
 * stored before anything is shown), make the PCs and scalars tables, write them as CSV, make the
 * frames' stack. Nothing of the file is changed.
 */
public final class SessionOpening {

	private SessionOpening() {
	}

	/** What to open and show; {@code pcs} 0 means every stored PC; {@code output} a folder or null. */
	public record Settings(Path path, int pcs, boolean rawPcs, boolean frames, boolean tables, Path output) {
		public Settings {
			if (path == null) throw new BadInputException("path is required (the .nwb file to open).");
			if (pcs < 0) throw new BadInputException("pcs must be 0 (all stored) or more (got " + pcs + ").");
		}
	}

	/**
	 * The session's name and summary figures, the tables (null unless asked for or written), the
	 * frames (null unless asked for; the image owns the session), the CSV files written.
	 */
	public record Result(String session, int frameCount, double fps, int pcs, int scalars, ResultsTable pcsTable,
			ResultsTable scalarsTable, ImagePlus image, List<Path> written) {
	}

	public static Result run(Settings s) {
		// checked before anything is read: the folder is replaced whole (docs/promises.md)
		if (s.output() != null) Outputs.check(s.output(), Outputs.Kind.FOLDER, s.path());
		MoSeqNwb nwb = MoSeqNwb.open(s.path());
		boolean keepOpen = false;
		try {
			Pcs values = nwb.pcs(s.pcs() == 0 ? nwb.storedPcs() : s.pcs(), s.rawPcs());
			String session = nwb.sessionName();
			ResultsTable pcsTable = null, scalarsTable = null;
			List<Path> written = new ArrayList<>();
			if (s.tables() || s.output() != null) {
				pcsTable = MoSeqSessionView.pcsTable(nwb, values, s.rawPcs());
				scalarsTable = MoSeqSessionView.scalarsTable(nwb);
			}
			if (s.output() != null) written.addAll(writeTables(s.output(), session, pcsTable, scalarsTable));
			ImagePlus image = null;
			if (s.frames()) {
				image = MoSeqSessionView.framesImage(nwb); // the image now owns the session
				keepOpen = true;
			}
			return new Result(session, nwb.frameCount(), nwb.fps(), values.columns(), nwb.scalarNames().size(),
					s.tables() ? pcsTable : null, s.tables() ? scalarsTable : null, image, List.copyOf(written));
		} finally {
			if (!keepOpen) nwb.close();
		}
	}

	/**
	 * Writes both tables into a staged folder swapped in whole: a second run replaces the first's
	 * files (another session's CSVs do not stay beside them), a failure leaves the old folder.
	 */
	static List<Path> writeTables(Path output, String session, ResultsTable pcsTable, ResultsTable scalarsTable) {
		List<String> names = List.of(session + "_pcs.csv", session + "_scalars.csv");
		try (AtomicOutput.Staging st = AtomicOutput.stageFolder(output)) {
			TableCsv.write(pcsTable, st.dir().resolve(names.get(0)));
			TableCsv.write(scalarsTable, st.dir().resolve(names.get(1)));
			st.commit();
		} catch (IOException | java.io.UncheckedIOException e) {
			throw AtomicOutput.writeFailure(output, e);
		}
		return List.of(output.resolve(names.get(0)), output.resolve(names.get(1)));
	}
}
