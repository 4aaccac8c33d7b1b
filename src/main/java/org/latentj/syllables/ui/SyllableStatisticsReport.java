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
	/**
	 * One "data and states" plot per session, and one average-PCs plot per syllable averaged: live
	 * ImageJ plots (their data series are the PCs, named "PC1"..., "PC1 mean", "PC1 +2SD"...).
	 */
	public final List<Plot> statesPlots = new ArrayList<>(), averagePlots = new ArrayList<>();
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
			statesPlots.add(SyllablePlots.dataAndStates(r.scaledPcs().get(i), pcs, r.labels().get(i), w.from(), w.to(), dt,
					names.get(i) + ": data and states, " + String.format(Locale.ROOT, "%.1f to %.1f s", w.from() * dt, w.to() * dt)));
		}
		averages = new ResultsTable();
		for (SyllableAnalysis.Average a : r.averages()) {
			SyllableTables.addAveragePcs(averages, a.syllable(), a.instances(), a.average(), r.pooledInterval());
			averagePlots.add(SyllablePlots.averagePcs(a.average(), a.syllable(), a.instances(), a.meanDuration(),
					r.pooledInterval()));
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
			for (int i = 0; i < statesPlots.size(); i++)
				Png.save(statesPlots.get(i).getImagePlus(), dir.resolve("data_and_states_" + result.names().get(i) + ".png"));
			for (int i = 0; i < averagePlots.size(); i++)
				Png.save(averagePlots.get(i).getImagePlus(), dir.resolve("average_pcs_" + result.averages().get(i).syllable() + ".png"));
			out.commit();
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(folder, e);
		}
	}

	/**
	 * Shows the tables, plots and images; the data-and-states and average-PC plots each as one window
	 * ({@link Present#plots}: live when there is one, a stack of pictures when several).
	 */
	public void show() {
		Present.table(usage, "Syllable usage");
		Present.table(durations, "Syllable durations");
		Present.table(transitions, "Syllable transitions");
		Present.plot(usagePlot);
		Present.plot(durationPlot);
		Present.image(matrix);
		Present.plots("Data and states", statesPlots, result.names());
		List<String> syllables = new ArrayList<>();
		for (SyllableAnalysis.Average a : result.averages()) syllables.add("syllable " + a.syllable());
		Present.plots("Average PCs", averagePlots, syllables);
	}
}
