package org.latentj.syllables.ui;

import java.io.File;
import java.util.List;

import org.latentj.ij1.MacroAlias;
import org.latentj.nwb.SessionFiles;
import org.latentj.syllables.CrowdMovies;
import org.latentj.syllables.SyllableLabels;
import org.latentj.ui.Present;
import org.latentj.ij1.DefaultsToOpenSession;
import org.latentj.ij1.LatentJCommand;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Crowd movies (moseq2-viz semantics): many occurrences of one syllable, each mouse turned back by
 * its heading and pasted at its centroid in the 512 x 424 arena, from {@code pad} frames before the
 * onset to {@code max_duration + pad} after; a dot in the syllable's color marks each mouse while the
 * syllable is active. One stack per syllable (8-bit heights with the dots as an overlay, or RGB);
 * with an output folder, crowd_&lt;id&gt;.tif and crowd_&lt;id&gt;.csv (the instances shown; onset times in
 * seconds from the session's first frame) and crowd_movies.csv (instances available and used per
 * syllable). The work is {@link CrowdMovies#run}; the stacks are {@link CrowdMovieStacks}. The
 * {@code sessions} key was {@code session} before 0.9; macros that use it still work.
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Crowd Movie", headless = true)
public class CrowdMovieCommand extends LatentJCommand {

	public static final String LABEL = "Crowd Movie";

	@DefaultsToOpenSession
	@MacroAlias("session")
	@Parameter(label = "Sessions (NWB file, folder, or list separated by ;)", description = "MoSeq NWB sessions: a .nwb file, a folder of them, or files separated by ;; the open session by default")
	public String sessions = "";

	@Parameter(label = "Labels (nwb, a labels CSV, or a Fit HMM / Apply Model folder)", description = "where the syllables come from: nwb (the labels stored in each session), a labels CSV, or a Fit HMM / Apply Model output folder")
	public String labels = SyllableLabels.NWB;

	@Parameter(label = "Syllable (id, ids separated by commas, or all)", description = "which syllables get a movie: an id, ids separated by commas, or all")
	public String syllable = "all";

	@Parameter(label = "Max examples", min = "1", description = "most instances shown in one movie")
	public int max_examples = 40;

	@Parameter(label = "Min duration (frames, exclusive)", min = "0", description = "instances must last longer than this many frames")
	public int min_duration = 3;

	@Parameter(label = "Max duration (frames, exclusive)", min = "2", description = "instances must last shorter than this many frames")
	public int max_duration = 60;

	@Parameter(label = "Frames before onset (pad)", min = "0", description = "frames shown before each onset")
	public int pad = 30;

	@Parameter(label = "Min height (mm)", min = "0", max = "255", description = "pixels lower than this height (mm) are background")
	public int min_height = 10;

	@Parameter(label = "Random seed", description = "random seed of the choice of instances")
	public long seed = 0;

	@Parameter(label = "Heading angle convention", choices = { "auto", "counterclockwise", "clockwise" }, description = "how the session's heading angle turns on screen; auto detects it from the motion")
	public String heading = "auto";

	@Parameter(label = "RGB (dots burnt in)", description = "make RGB movies with the dots burnt in, instead of 8-bit movies with an overlay")
	public boolean rgb = false;

	@Parameter(label = "Crop to the mice", description = "crop the movies to where the mice are")
	public boolean crop = false;

	@Parameter(label = "Output folder", required = false, style = "directory", description = "folder for one TIFF and CSV per syllable; leave empty to only show the movies")
	public File output;

	/** The movies made and kept (null until run). */
	@Parameter(type = ItemIO.OUTPUT, label = "Crowd movies")
	public List<ImagePlus> movies;
	/** The file or folder written (null when nothing was saved). */
	@Parameter(type = ItemIO.OUTPUT, label = "Saved to")
	public File saved;

	/** The settings these fields stand for (checked). */
	public CrowdMovies.Settings settings() {
		CrowdMovies.Heading h = CrowdMovies.Heading.parse(heading);
		return new CrowdMovies.Settings(SessionFiles.resolve(sessions), labels, syllable, max_examples, min_duration,
				max_duration, pad, min_height, seed, h, output == null ? null : output.toPath());
	}

	@Override
	protected void execute() {
		CrowdMovies.Settings s = settings();
		CrowdMovieStacks stacks = new CrowdMovieStacks(rgb, crop);
		CrowdMovies.Result r = CrowdMovies.run(s, Present.progress(LABEL), stacks);
		movies = stacks.kept();
		saved = output;
		for (String note : r.notes()) Present.status(LABEL + ": " + note);
		for (ImagePlus imp : movies) Present.image(imp);
		if (r.rows().size() > 1) Present.table(CrowdMovieStacks.summary(r), "Crowd movies");
		Present.status(String.format("%s: %d movie%s%s%s", LABEL, r.made(), r.made() == 1 ? "" : "s",
				r.empty().isEmpty() ? "" : "; no qualifying instance for syllable" + (r.empty().size() == 1 ? " " : "s ")
						+ r.empty() + " (" + s.criteria() + ")",
				output == null ? " (no output folder: nothing saved)"
						: ", saved to " + output + (r.kept() ? "" : " (not shown: several syllables with an output folder)")));
	}
}
