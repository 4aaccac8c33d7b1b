package org.latentj.syllables.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latentj.io.AtomicOutput;
import org.latentj.syllables.SyllableAnalysis;
import org.latentj.syllables.SyllableStatistics;
import org.latentj.syllables.TransitionNormalization;
import org.latentj.ui.Png;
import org.latentj.ui.Present;
import org.latentj.ui.TableCsv;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * The ImageJ side of Syllable Statistics (its rendering entry point): the tables, plots and images
 * of a {@link SyllableAnalysis.Result}, written to a folder (usage.csv, durations.csv, transitions.csv,
 * average_pcs.csv and the plots as PNG, moved in whole) and shown.
 */
public final class SyllableStatisticsReport {

	public final ResultsTable usage, durations, transitions, averages;
	public final Plot usagePlot, durationPlot;
	public final ImagePlus matrix;
	/** One "data and states" plot per session, and one average-PCs plot per syllable averaged. */
	public final List<ImagePlus> statesImages = new ArrayList<>(), averageImages = new ArrayList<>();
	private final SyllableAnalysis.Result result;

	private SyllableStatisticsReport(SyllableAnalysis.Result r) {
		this.result = r;
		List<String> names = r.names();
		SyllableStatistics pooled = r.pooled();
		usage = SyllableTables.usage(names, r.statistics(), pooled, r.frameIntervals());
		durations = SyllableTables.durations(names, r.runs(), r.frameIntervals());
		transitions = SyllableTables.transitions(names, r.statistics(), pooled);
		String scope = names.size() == 1 ? names.get(0) : "all sessions";
		usagePlot = SyllablePlots.usage(pooled, "Syllable usage, " + scope);
		durationPlot = SyllablePlots.durations(pooled, r.pooledInterval(), "Syllable durations, " + scope);
		TransitionNormalization norm = r.settings().normalization();
		matrix = TransitionMatrixImage.create(pooled.transitions(norm), r.syllables(), norm,
				"Transitions (" + norm.key + "), " + scope);
		int pcs = r.settings().pcs();
		for (int i = 0; i < names.size(); i++) {
			SyllableAnalysis.Window w = r.windows().get(i);
			double dt = r.frameIntervals().get(i);
			statesImages.add(SyllablePlots.dataAndStates(r.scaledPcs().get(i), pcs, r.labels().get(i), w.from(), w.to(), dt,
					names.get(i) + ": data and states, " + String.format(Locale.ROOT, "%.1f to %.1f s", w.from() * dt, w.to() * dt))
					.getImagePlus());
		}
		averages = new ResultsTable();
		for (SyllableAnalysis.Average a : r.averages()) {
			SyllableTables.addAveragePcs(averages, a.syllable(), a.instances(), a.average(), r.pooledInterval());
			averageImages.add(SyllablePlots.averagePcs(a.average(), a.syllable(), a.instances(), a.meanDuration(),
					r.pooledInterval()).getImagePlus());
		}
	}

	/** Makes the tables, plots and images of a result. */
	public static SyllableStatisticsReport of(SyllableAnalysis.Result result) {
		return new SyllableStatisticsReport(result);
	}

	/** Writes every table and plot to {@code folder}, whole or not at all. */
	public void write(Path folder) {
		try (AtomicOutput.Staging out = AtomicOutput.stageFolder(folder)) {
			Path dir = out.dir();
			TableCsv.write(usage, dir.resolve("usage.csv"));
			TableCsv.write(durations, dir.resolve("durations.csv"));
			TableCsv.write(transitions, dir.resolve("transitions.csv"));
			if (averages.size() > 0) TableCsv.write(averages, dir.resolve("average_pcs.csv"));
			Png.save(usagePlot.getImagePlus(), dir.resolve("usage.png"));
			Png.save(durationPlot.getImagePlus(), dir.resolve("durations.png"));
			Png.save(matrix, dir.resolve("transitions.png"));
			for (int i = 0; i < statesImages.size(); i++)
				Png.save(statesImages.get(i), dir.resolve("data_and_states_" + result.names().get(i) + ".png"));
			for (int i = 0; i < averageImages.size(); i++)
				Png.save(averageImages.get(i), dir.resolve("average_pcs_" + result.averages().get(i).syllable() + ".png"));
			out.commit();
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(folder, e);
		}
	}

	/** Shows the tables, plots and images (one stack of data-and-states plots, one of average PCs). */
	public void show() {
		Present.table(usage, "Syllable usage");
		Present.table(durations, "Syllable durations");
		Present.table(transitions, "Syllable transitions");
		Present.plot(usagePlot);
		Present.plot(durationPlot);
		Present.image(matrix);
		List<String> sliceLabels = new ArrayList<>(result.names());
		if (!statesImages.isEmpty()) Present.image(stack("Data and states", statesImages, sliceLabels));
		List<String> syllables = new ArrayList<>();
		for (SyllableAnalysis.Average a : result.averages()) syllables.add("syllable " + a.syllable());
		if (!averageImages.isEmpty()) Present.image(stack("Average PCs", averageImages, syllables));
	}

	/** Plot images of one size as a stack, one labeled slice per session or syllable. */
	private static ImagePlus stack(String title, List<ImagePlus> images, List<String> labels) {
		ImageStack stack = new ImageStack(images.get(0).getWidth(), images.get(0).getHeight());
		for (int i = 0; i < images.size(); i++) stack.addSlice(labels.get(i), images.get(i).getProcessor().convertToRGB());
		return new ImagePlus(title, stack);
	}
}
