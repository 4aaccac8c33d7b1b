package org.latentj.syllables.ui;

import org.latentj.ui.Png;
import org.latentj.ui.TableCsv;

import org.latentj.nwb.SessionFiles;
import org.latentj.syllables.SyllableLabels;
import org.latentj.ui.Present;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.Pcs;
import org.latentj.syllables.ColumnScaling;
import org.latentj.syllables.InstanceSelection;
import org.latentj.syllables.OnsetLockedAverage;
import org.latentj.syllables.SyllableInstance;
import org.latentj.syllables.SyllableRuns;
import org.latentj.syllables.SyllableStatistics;
import org.latentj.syllables.TransitionNormalisation;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
import org.latentj.syllables.NwbFrameSource;
import org.latentj.syllables.ui.SyllablePlots;
import org.latentj.syllables.ui.SyllableTables;
import org.latentj.syllables.ui.TransitionMatrixImage;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * Syllable statistics of one or more sessions, per session and pooled: usage (onsets and frames),
 * durations of every run, transitions of the run-length-compressed sequences (counts, bigram, row
 * and column normalised) as tables; plots of usage by rank, the duration histogram, the transition
 * matrix, the lab's "data and states" view of each session and the PC trajectories averaged around
 * each syllable's onsets (mean +- 2 SD). With an output folder: usage.csv, durations.csv,
 * transitions.csv, average_pcs.csv and the plots as PNG.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Syllable Statistics", headless = true)
public class SyllableStatisticsCommand implements Command {

	public static final String LABEL = "Syllable Statistics";

	@Parameter(label = "Sessions (NWB file, folder, or list separated by ;)", persist = false)
	public String sessions = "";

	@Parameter(label = "Labels (nwb, a labels CSV, or a Fit HMM / Apply Model folder)", persist = false)
	public String labels = SyllableLabels.NWB;

	@Parameter(label = "Transition matrix shown", choices = { "bigram", "row", "column", "counts" }, persist = false)
	public String normalization = "bigram";

	@Parameter(label = "Number of PCs in the plots", min = "1", persist = false)
	public int pcs = 10;

	@Parameter(label = "Data and states: window start (s)", min = "0", persist = false)
	public double window_start = 0;

	@Parameter(label = "Data and states: window length (s)", min = "0", persist = false)
	public double window_length = 30;

	@Parameter(label = "Average PCs: min duration (frames, exclusive)", min = "0", persist = false)
	public int min_duration = 3;

	@Parameter(label = "Average PCs: max duration (frames, exclusive)", min = "2", persist = false)
	public int max_duration = 60;

	@Parameter(label = "Average PCs: frames before onset (pad)", min = "0", persist = false)
	public int pad = 30;

	@Parameter(label = "Output folder", required = false, style = "directory", persist = false)
	public File output;

	/** The statistics per session and pooled (last), for callers in Java (null until run). */
	public List<SyllableStatistics> statistics;

	@Override
	public void run() {
		TransitionNormalisation norm = TransitionNormalisation.of(normalization);
		if (norm == null)
			throw new BadInputException("normalization must be bigram, row, column or counts (got '" + normalization + "').");
		if (pcs < 1) throw new BadInputException("pcs must be at least 1 (got " + pcs + ").");
		if (!(window_start >= 0) || !(window_length > 0))
			throw new BadInputException("window_start must be 0 or more and window_length more than 0 seconds (got "
					+ window_start + " and " + window_length + ").");
		if (min_duration < 0 || max_duration <= min_duration + 1 || pad < 0)
			throw new BadInputException("min_duration (" + min_duration + ") must be 0 or more, max_duration (" + max_duration
					+ ") above min_duration + 1 and pad (" + pad + ") 0 or more.");
		List<Path> files = SessionFiles.resolve(sessions);
		Outputs.checkFolder(output, files, labels);
		Progress progress = Present.progress(LABEL);

		List<MoSeqNwb> open = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<Double> dts = new ArrayList<>();
		List<double[]> pcData = new ArrayList<>();
		List<boolean[]> dropped = new ArrayList<>();
		SyllableLabels.Resolved resolved;
		try {
			for (int i = 0; i < files.size(); i++) {
				progress.update(0.3 * i / files.size(), "reading " + files.get(i).getFileName());
				MoSeqNwb nwb = MoSeqNwb.open(files.get(i));
				open.add(nwb);
				names.add(nwb.sessionName());
				dts.add(nwb.frameInterval());
				if (pcs > nwb.storedPcs())
					throw new BadInputException("pcs is " + pcs + " but the NWB file " + nwb.file() + " holds " + nwb.storedPcs() + " PCs.");
				SessionPcs p = readPcs(nwb, pcs);
				pcData.add(p.values());
				dropped.add(p.dropped());
			}
			resolved = SyllableLabels.resolve(labels, open);
		} finally {
			for (MoSeqNwb nwb : open) nwb.close();
		}
		progress.checkCancelled();
		int k = resolved.syllables();
		List<SyllableRuns> runs = new ArrayList<>();
		statistics = new ArrayList<>();
		for (int[] l : resolved.labels()) {
			SyllableRuns r = SyllableRuns.of(l);
			runs.add(r);
			statistics.add(SyllableStatistics.of(r, k));
		}
		SyllableStatistics pooled = SyllableStatistics.pooled(statistics);
		List<SyllableStatistics> perSession = new ArrayList<>(statistics);
		statistics.add(pooled);
		double dt = SyllableTables.pooledInterval(dts); // pooled plots and averages, as the pooled usage rows

		progress.update(0.4, "tables");
		ResultsTable usage = SyllableTables.usage(names, perSession, pooled, dts);
		ResultsTable durations = SyllableTables.durations(names, runs, dts);
		ResultsTable transitions = SyllableTables.transitions(names, perSession, pooled);
		String scope = names.size() == 1 ? names.get(0) : "all sessions";
		Plot usagePlot = SyllablePlots.usage(pooled, "Syllable usage, " + scope);
		Plot durationPlot = SyllablePlots.durations(pooled, dt, "Syllable durations, " + scope);
		ImagePlus matrix = TransitionMatrixImage.create(pooled.transitions(norm), k, norm,
				"Transitions (" + norm.key + "), " + scope);

		progress.update(0.5, "data and states");
		ColumnScaling scaling = ColumnScaling.of(pcData, pcs);
		List<double[]> z = new ArrayList<>();
		for (double[] p : pcData) z.add(scaling.apply(p));
		ImageStack statesStack = null;
		List<ImagePlus> statesImages = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			int frames = resolved.labels().get(i).length;
			double dti = dts.get(i);
			// the window asked for, clipped to the session (a short session does not stop the others)
			long asked = Math.round(window_start / dti), length = Math.max(1, Math.round(window_length / dti));
			int from = (int) Math.min(asked, frames), to = (int) Math.min(frames, asked + length);
			if (from >= frames) {
				from = (int) Math.max(0, frames - length);
				to = frames;
			}
			if (from != asked || to != asked + length)
				Present.status(String.format(Locale.ROOT, "%s: %s lasts %.2f s; its data and states show %.2f to %.2f s"
						+ " (window_start %.2f s, window_length %.2f s).", LABEL, names.get(i), frames * dti, from * dti,
						to * dti, window_start, window_length));
			Plot p = SyllablePlots.dataAndStates(z.get(i), pcs, resolved.labels().get(i), from, to, dti,
					names.get(i) + ": data and states, " + String.format(Locale.ROOT, "%.1f to %.1f s", from * dti, to * dti));
			ImagePlus imp = p.getImagePlus();
			statesImages.add(imp);
			if (statesStack == null) statesStack = new ImageStack(imp.getWidth(), imp.getHeight());
			statesStack.addSlice(names.get(i), imp.getProcessor().convertToRGB());
		}

		progress.update(0.6, "average PCs");
		InstanceSelection selection = new InstanceSelection(min_duration, max_duration, pad);
		ResultsTable averages = new ResultsTable();
		ImageStack avgStack = null;
		List<Integer> averaged = new ArrayList<>();
		List<ImagePlus> avgImages = new ArrayList<>();
		for (int s = 0; s < k; s++) {
			progress.checkCancelled();
			List<SyllableInstance> in = selection.qualifying(s, runs, dropped);
			if (in.isEmpty()) continue;
			OnsetLockedAverage a = OnsetLockedAverage.of(in, z, pcs, pad);
			SyllableTables.addAveragePcs(averages, s, in.size(), a, dt);
			ImagePlus imp = SyllablePlots.averagePcs(a, s, in.size(), meanDuration(in), dt).getImagePlus();
			avgImages.add(imp);
			averaged.add(s);
			if (avgStack == null) avgStack = new ImageStack(imp.getWidth(), imp.getHeight());
			avgStack.addSlice("syllable " + s, imp.getProcessor().convertToRGB());
		}

		if (output != null) {
			progress.update(0.8, "writing " + output);
			try (AtomicOutput.Staging out = AtomicOutput.stageFolder(output.toPath())) {
				Path dir = out.dir();
				TableCsv.write(usage, dir.resolve("usage.csv"));
				TableCsv.write(durations, dir.resolve("durations.csv"));
				TableCsv.write(transitions, dir.resolve("transitions.csv"));
				if (averages.size() > 0) TableCsv.write(averages, dir.resolve("average_pcs.csv"));
				Png.save(usagePlot.getImagePlus(), dir.resolve("usage.png"));
				Png.save(durationPlot.getImagePlus(), dir.resolve("durations.png"));
				Png.save(matrix, dir.resolve("transitions.png"));
				for (int i = 0; i < names.size(); i++)
					Png.save(statesImages.get(i), dir.resolve("data_and_states_" + names.get(i) + ".png"));
				for (int i = 0; i < averaged.size(); i++)
					Png.save(avgImages.get(i), dir.resolve("average_pcs_" + averaged.get(i) + ".png"));
				out.commit();
			} catch (IOException e) {
				throw new BadInputException("Cannot write the statistics to " + output + " (" + e.getMessage() + ").", e);
			}
		}
		progress.update(1, null);
		Present.table(usage, "Syllable usage");
		Present.table(durations, "Syllable durations");
		Present.table(transitions, "Syllable transitions");
		Present.plot(usagePlot);
		Present.plot(durationPlot);
		Present.image(matrix);
		if (statesStack != null) Present.image(stack("Data and states", statesStack));
		if (avgStack != null) Present.image(stack("Average PCs", avgStack));
		List<Integer> none = new ArrayList<>();
		for (int s = 0; s < k; s++)
			if (!averaged.contains(s)) none.add(s);
		Present.status(String.format("%s: %d sessions, %d syllables, %d runs, %d transitions%s%s", LABEL, names.size(), k,
				pooled.totalOnsets(), java.util.Arrays.stream(pooled.transitionCounts()).sum(),
				none.isEmpty() ? "" : "; no instance to average PCs for syllable" + (none.size() == 1 ? " " : "s ") + none,
				output == null ? " (no output folder: nothing saved)" : ", saved to " + output));
	}

	/** The PCs shown (row-major, {@code frames x pcs}) and the frames dropped during acquisition. */
	record SessionPcs(double[] values, boolean[] dropped) {
	}

	/**
	 * The first {@code n} PCs, raw (NaN rows at dropped frames) where the file has them, and the
	 * dropped frames; the PCs are read and inflated once (the dropped frames are the NaN rows of every
	 * stored raw PC, or the dropped label without raw PCs).
	 */
	static SessionPcs readPcs(MoSeqNwb nwb, int n) {
		if (!nwb.hasPcs(true)) return new SessionPcs(nwb.pcs(n, false).values(), NwbFrameSource.droppedFrames(nwb));
		Pcs all = nwb.pcs(nwb.storedPcs(), true);
		boolean[] dropped = NwbFrameSource.droppedFrames(nwb.frameCount(), all);
		int stored = all.columns(), frames = all.frames();
		if (stored == n) return new SessionPcs(all.values(), dropped);
		double[] values = new double[frames * n];
		for (int t = 0; t < frames; t++) System.arraycopy(all.values(), t * stored, values, t * n, n);
		return new SessionPcs(values, dropped);
	}

	private static double meanDuration(List<SyllableInstance> in) {
		double s = 0;
		for (SyllableInstance i : in) s += i.duration();
		return s / in.size();
	}

	/** Plot images of one size as a stack, one slice per session or syllable (labelled). */
	private static ImagePlus stack(String title, ImageStack stack) {
		return new ImagePlus(title, stack);
	}

}
