package org.latentj.nwb.ui;

import org.latentj.ui.Present;
import org.latentj.ui.TableCsv;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.latentj.nwb.Pcs;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.util.BadInputException;
import org.latentj.nwb.ui.MoSeqSessionView;
import org.latentj.io.Outputs;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * Opens a MoSeq NWB session: the depth frames as a calibrated virtual time series titled after the
 * session, and the PCs and every scalar (with the labels) as tables. Nothing of the file is
 * changed. Macro keys:
 * <ul>
 * <li>{@code path} the .nwb file (required)</li>
 * <li>{@code pcs} number of PCs to show, 1 to the number stored; 0 (the default) shows all stored</li>
 * <li>{@code raw_pcs} show {@code pcs} (NaN rows at dropped frames, a "dropped" column) instead of {@code pcs_clean}</li>
 * <li>{@code frames} show the frames (default true)</li>
 * <li>{@code tables} show the PCs and scalars tables (default true; they cannot be shown headless)</li>
 * <li>{@code output} optional folder: writes {@code <session>_pcs.csv} and {@code <session>_scalars.csv}</li>
 * </ul>
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Open MoSeq NWB", headless = true)
public class OpenMoSeqNwbCommand implements Command {

	public static final String LABEL = "Open MoSeq NWB";

	@Parameter(label = "NWB file", persist = false)
	public File path;

	/** 0: all the PCs the session stores (MoSeq sessions hold 10; some fewer). */
	@Parameter(label = "Number of PCs (0 = all stored)", min = "0", persist = false)
	public int pcs = 0;

	@Parameter(label = "Raw PCs (NaN at dropped frames)", persist = false)
	public boolean raw_pcs = false;

	@Parameter(label = "Show frames", persist = false)
	public boolean frames = true;

	@Parameter(label = "Show tables", persist = false)
	public boolean tables = true;

	@Parameter(label = "Save tables as CSV to folder", style = "directory", required = false, persist = false)
	public File output;

	/** What the last run made (for scripts and tests); null when not asked for. */
	public ImagePlus image;
	public ResultsTable pcsTable;
	public ResultsTable scalarsTable;

	@Override
	public void run() {
		if (path == null) throw new BadInputException(LABEL + ": path is required (the .nwb file to open).");
		if (pcs < 0) throw new BadInputException(LABEL + ": pcs must be 0 (all stored) or more (got " + pcs + ").");
		Outputs.checkFilesInto(output, path);
		MoSeqNwb nwb = MoSeqNwb.open(path.toPath());
		boolean keepOpen = false;
		try {
			// refuses, naming file and dataset, more PCs than stored: before showing anything
			Pcs values = nwb.pcs(pcs == 0 ? nwb.storedPcs() : pcs, raw_pcs);
			String session = nwb.sessionName();
			if (tables || output != null) {
				pcsTable = MoSeqSessionView.pcsTable(nwb, values, raw_pcs);
				scalarsTable = MoSeqSessionView.scalarsTable(nwb);
			}
			if (output != null) {
				Path dir = output.toPath();
				writeCsv(pcsTable, dir.resolve(session + "_pcs.csv"));
				writeCsv(scalarsTable, dir.resolve(session + "_scalars.csv"));
			}
			if (tables) {
				Present.table(pcsTable, session + " PCs");
				Present.table(scalarsTable, session + " Scalars");
			}
			if (frames) {
				image = MoSeqSessionView.framesImage(nwb); // the image now owns the session
				keepOpen = true;
				Present.image(image);
			}
			Present.status(String.format(java.util.Locale.ROOT, "%s: %d frames at %.2f fps, %d PCs, %d scalars", session,
					nwb.frameCount(), nwb.fps(), values.columns(), nwb.scalarNames().size()));
		} finally {
			if (!keepOpen) nwb.close();
		}
	}

	private static void writeCsv(ResultsTable rt, Path file) {
		try {
			TableCsv.write(rt, file);
		} catch (IOException e) {
			throw new BadInputException("Cannot write " + file + " (" + e.getMessage() + ").", e);
		}
	}
}
