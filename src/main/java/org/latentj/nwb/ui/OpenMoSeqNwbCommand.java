package org.latentj.nwb.ui;

import org.latentj.ui.Present;

import java.io.File;

import org.latentj.util.BadInputException;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
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
 * <li>{@code output} optional folder: writes {@code <session>_pcs.csv} and {@code <session>_scalars.csv}; like
 * every LatentJ output folder it is replaced whole (an earlier run's files do not stay beside them) and only
 * when LatentJ wrote it or it is empty</li>
 * </ul>
 * The work is {@link SessionOpening#run} (in this package: it makes ImageJ tables and a stack).
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Open MoSeq NWB", headless = true)
public class OpenMoSeqNwbCommand extends LatentJCommand {

	public static final String LABEL = "Open MoSeq NWB";

	@Parameter(label = "NWB file", description = "a MoSeq NWB session (.nwb); nothing in it is changed", style = "open,extensions:nwb")
	public File path;

	/** 0: all the PCs the session stores (MoSeq sessions hold 10; some fewer). */
	@Parameter(label = "Number of PCs (0 = all stored)", min = "0", description = "number of principal components shown; 0 shows all stored")
	public int pcs = 0;

	@Parameter(label = "Raw PCs (NaN at dropped frames)", description = "show the raw PCs, with NaN at dropped frames, instead of the cleaned ones")
	public boolean raw_pcs = false;

	@Parameter(label = "Show frames", description = "open the depth video as a virtual stack")
	public boolean frames = true;

	@Parameter(label = "Show tables", description = "show the PCs and scalars as tables")
	public boolean tables = true;

	@Parameter(label = "Save tables as CSV to folder", style = "directory", required = false, description = "folder for the PCs and scalars as CSV; leave empty to save nothing")
	public File output;

	/** What the last run made (for scripts); null when not asked for. */
	@Parameter(type = ItemIO.OUTPUT, label = "Frames")
	public ImagePlus image;
	@Parameter(type = ItemIO.OUTPUT, label = "PCs")
	public ResultsTable pcsTable;
	@Parameter(type = ItemIO.OUTPUT, label = "Scalars")
	public ResultsTable scalarsTable;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	/** The settings these fields stand for (checked). */
	public SessionOpening.Settings settings() {
		if (path == null) throw new BadInputException(LABEL + ": path is required (the .nwb file to open).");
		return new SessionOpening.Settings(path.toPath(), pcs, raw_pcs, frames, tables, output == null ? null : output.toPath());
	}

	@Override
	protected void execute() {
		SessionOpening.Result r = SessionOpening.run(settings());
		image = r.image();
		saved = output;
		pcsTable = r.pcsTable();
		scalarsTable = r.scalarsTable();
		if (pcsTable != null) {
			Present.table(pcsTable, r.session() + " PCs");
			Present.table(scalarsTable, r.session() + " Scalars");
		}
		if (image != null) Present.image(image);
		Present.status(String.format(java.util.Locale.ROOT, "%s: %d frames at %.2f fps, %d PCs, %d scalars", r.session(),
				r.frameCount(), r.fps(), r.pcs(), r.scalars()));
	}
}
