package org.latentj.syllables.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.latentj.syllables.CrowdMovie;
import org.latentj.syllables.CrowdMovies;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * The ImageJ side of {@link CrowdMovies}: each rendered movie as a stack ({@link CrowdMovieImage}),
 * saved as {@code crowd_<id>.tif} in the output folder and kept when the run asks to keep it.
 */
public final class CrowdMovieStacks implements CrowdMovies.Sink {

	private final boolean rgb;
	private final boolean crop;
	private final List<ImagePlus> kept = new ArrayList<>();

	/** @param rgb dots burnt in (else 8-bit with an overlay); @param crop to the mice */
	public CrowdMovieStacks(boolean rgb, boolean crop) {
		this.rgb = rgb;
		this.crop = crop;
	}

	@Override
	public long imageBytes(int frames, int width, int height) {
		return CrowdMovieImage.maxBytes(frames, width, height, rgb);
	}

	@Override
	public void accept(CrowdMovie movie, Path folder, boolean keep) throws IOException {
		ImagePlus imp = CrowdMovieImage.create(movie, rgb, crop);
		String name = "crowd_" + movie.syllable() + ".tif";
		if (folder != null) try {
			org.latentj.ui.Tiff.save(imp, folder.resolve(name));
		} catch (IOException e) {
			throw org.latentj.io.AtomicOutput.writeFailure(folder.resolve(name), e);
		}
		if (keep) kept.add(imp);
	}

	/** The movies kept, in the order made. */
	public List<ImagePlus> kept() {
		return List.copyOf(kept);
	}

	/** The rows of crowd_movies.csv as a table to show. */
	public static ResultsTable summary(CrowdMovies.Result result) {
		ResultsTable t = new ResultsTable();
		for (CrowdMovies.Row r : result.rows()) {
			t.addRow();
			t.addValue("syllable", r.syllable());
			t.addValue("runs", r.runs());
			t.addValue("qualifying", r.qualifying());
			t.addValue("shown", r.shown());
			t.addValue("file", r.file());
		}
		return org.latentj.ui.ResultsTables.format(t);
	}
}
