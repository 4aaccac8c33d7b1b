package org.latentj.syllables.ui;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.latentj.io.PathText;
import org.latentj.io.AtomicOutput;
import org.latentj.nwb.SessionFiles;
import org.latentj.syllables.SyllableAnalysis;
import org.latentj.syllables.SyllableLabels;
import org.latentj.syllables.SyllableStatistics;
import org.latentj.syllables.TransitionNormalization;
import org.latentj.ui.Present;
import org.latentj.util.Progress;
import org.latentj.ij1.DefaultsToOpenSession;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Syllable statistics of one or more sessions, per session and pooled: usage (onsets and frames),
 * durations of every run, transitions of the run-length-compressed sequences (counts, bigram, row
 * and column normalized) as tables; plots of usage by rank, the duration histogram, the transition
 * matrix, the STATS320 ARHMM lab's "data and states" view of each session and the PC trajectories averaged
 * around each syllable's onsets (mean +- 2 SD). With an output folder: usage.csv, durations.csv,
 * transitions.csv, average_pcs.csv and the plots as PNG. The work is {@link SyllableAnalysis#run};
 * the tables, plots and files are {@link SyllableStatisticsReport}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Syllable Statistics", headless = true)
public class SyllableStatisticsCommand extends LatentJCommand {

	public static final String LABEL = "Syllable Statistics";

	@DefaultsToOpenSession
	@Parameter(label = "Sessions (NWB file, folder, or list separated by ;)", style = "both,extensions:nwb", required = false, description = "MoSeq NWB sessions: a .nwb file, a folder of them, or files separated by ;; the open session by default")
	public File sessions;

	@Parameter(label = "Labels (nwb, a labels CSV, or a Fit HMM / Apply Model folder)", style = "both,extensions:csv", required = false, description = "where the syllables come from: nwb (the labels stored in each session), a labels CSV, or a Fit HMM / Apply Model output folder")
	public File labels = new File(SyllableLabels.NWB);

	@Parameter(label = "Transition matrix shown", choices = { "bigram", "row", "column", "counts" }, description = "how the transition matrix is normalized: over all transitions (bigram), per row, or per column")
	public String normalization = "bigram";

	@Parameter(label = "Number of PCs in the plots", min = "1", description = "number of PCs in the data-and-states and average-PC plots")
	public int pcs = 10;

	@Parameter(label = "Data and states: window start (s)", min = "0", description = "data and states plot: start of the window, in seconds")
	public double window_start = 0;

	@Parameter(label = "Data and states: window length (s)", min = "0", description = "data and states plot: length of the window, in seconds")
	public double window_length = 30;

	@Parameter(label = "Average PCs: min duration (frames, exclusive)", min = "0", description = "average PCs: instances must last longer than this many frames")
	public int min_duration = 3;

	@Parameter(label = "Average PCs: max duration (frames, exclusive)", min = "2", description = "average PCs: instances must last shorter than this many frames")
	public int max_duration = 60;

	@Parameter(label = "Average PCs: frames before onset (pad)", min = "0", description = "average PCs: frames shown before each onset")
	public int pad = 30;

	@Parameter(label = "Output folder", required = false, style = "directory", description = "folder for the tables and plots; leave empty to only show them")
	public File output;

	/** The statistics per session and pooled (last), for callers in Java (null until run). */
	@Parameter(type = ItemIO.OUTPUT, label = "Statistics (per session, then pooled)")
	public List<SyllableStatistics> statistics;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	/** The settings these fields stand for (checked). */
	public SyllableAnalysis.Settings settings() {
		return new SyllableAnalysis.Settings(SessionFiles.resolve(PathText.of(sessions)), PathText.of(labels),
				TransitionNormalization.parse(normalization), pcs, window_start, window_length, min_duration, max_duration, pad);
	}

	@Override
	protected void execute() {
		SyllableAnalysis.Settings s = settings();
		org.latentj.io.Outputs.checkFolder(output, s.sessions(), s.labels());
		Progress progress = Present.progress(LABEL);
		SyllableAnalysis.Result r = SyllableAnalysis.run(s, progress.stage(0, 0.6));
		for (String note : r.notes()) Present.status(LABEL + ": " + note);
		progress.update(0.6, "plots");
		SyllableStatisticsReport report = SyllableStatisticsReport.of(r);
		if (output != null) {
			progress.update(0.8, "writing " + output);
			report.write(output.toPath());
		}
		progress.update(1, null);
		statistics = new ArrayList<>(r.statistics());
		statistics.add(r.pooled());
		saved = output;
		report.show();
		List<Integer> none = r.withoutAverage();
		Present.status(String.format("%s: %d sessions, %d syllables, %d runs, %d transitions%s%s", LABEL, r.names().size(),
				r.syllables(), r.pooled().totalOnsets(), Arrays.stream(r.pooled().transitionCounts()).sum(),
				none.isEmpty() ? "" : "; no instance to average PCs for syllable" + (none.size() == 1 ? " " : "s ") + none,
				Present.savedSuffix(output)));
	}
}
