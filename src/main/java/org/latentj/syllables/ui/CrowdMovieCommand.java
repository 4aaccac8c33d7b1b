package org.latentj.syllables.ui;

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
import org.latentj.io.CsvWriter;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.syllables.InstanceSelection;
import org.latentj.syllables.SyllableInstance;
import org.latentj.syllables.SyllableRuns;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;
import org.latentj.syllables.CrowdMovie;
import org.latentj.syllables.ui.CrowdMovieImage;
import org.latentj.syllables.CrowdMovieRenderer;
import org.latentj.syllables.HeadingConvention;
import org.latentj.syllables.NwbFrameSource;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * Crowd movies (moseq2-viz semantics): many occurrences of one syllable, each mouse turned back by
 * its heading and pasted at its centroid in the 512 x 424 arena, from {@code pad} frames before the
 * onset to {@code max_duration + pad} after; a dot in the syllable's colour marks each mouse while the
 * syllable is active. One stack per syllable (8-bit heights with the dots as an overlay, or RGB);
 * with an output folder, crowd_&lt;id&gt;.tif and crowd_&lt;id&gt;.csv (the instances shown; onset times in
 * seconds from the session's first frame) and
 * crowd_movies.csv (instances available and used per syllable).
 */
@Plugin(type = Command.class, menuPath = "Plugins>LatentJ>Behavior>Crowd Movie", headless = true)
public class CrowdMovieCommand implements Command {

	public static final String LABEL = "Crowd Movie";

	@Parameter(label = "Sessions (NWB file, folder, or list separated by ;)", persist = false)
	public String session = "";

	@Parameter(label = "Labels (nwb, a labels CSV, or a Fit HMM / Apply Model folder)", persist = false)
	public String labels = SyllableLabels.NWB;

	@Parameter(label = "Syllable (id, ids separated by commas, or all)", persist = false)
	public String syllable = "all";

	@Parameter(label = "Max examples", min = "1", persist = false)
	public int max_examples = 40;

	@Parameter(label = "Min duration (frames, exclusive)", min = "0", persist = false)
	public int min_duration = 3;

	@Parameter(label = "Max duration (frames, exclusive)", min = "2", persist = false)
	public int max_duration = 60;

	@Parameter(label = "Frames before onset (pad)", min = "0", persist = false)
	public int pad = 30;

	@Parameter(label = "Min height (mm)", min = "0", max = "255", persist = false)
	public int min_height = 10;

	@Parameter(label = "Random seed", persist = false)
	public long seed = 0;

	@Parameter(label = "Heading angle convention", choices = { "auto", "counterclockwise", "clockwise" }, persist = false)
	public String heading = "auto";

	@Parameter(label = "RGB (dots burnt in)", persist = false)
	public boolean rgb = false;

	@Parameter(label = "Crop to the mice", persist = false)
	public boolean crop = false;

	@Parameter(label = "Output folder", required = false, style = "directory", persist = false)
	public File output;

	/** The movies made, for callers in Java (null until run). */
	public List<ImagePlus> movies;

	@Override
	public void run() {
		if (max_examples < 1) throw new BadInputException("max_examples must be at least 1 (got " + max_examples + ").");
		if (min_duration < 0) throw new BadInputException("min_duration must be 0 or more (got " + min_duration + ").");
		if (max_duration <= min_duration + 1)
			throw new BadInputException("max_duration (" + max_duration + ") must exceed min_duration + 1 (" + (min_duration + 1)
					+ "): no run length lies strictly between them.");
		if (pad < 0) throw new BadInputException("pad must be 0 or more (got " + pad + ").");
		if (min_height < 0 || min_height > 255) throw new BadInputException("min_height must be in 0..255 mm (got " + min_height + ").");
		HeadingConvention forced = null;
		if (!heading.equalsIgnoreCase("auto")) {
			forced = HeadingConvention.of(heading);
			if (forced == null)
				throw new BadInputException("heading must be auto, counterclockwise or clockwise (got '" + heading + "').");
		}
		List<Path> files = SessionFiles.resolve(session, "session");
		Outputs.checkFolder(output, files, labels);
		Progress progress = Present.progress(LABEL);
		List<MoSeqNwb> open = new ArrayList<>();
		try {
			List<NwbFrameSource> sources = new ArrayList<>();
			for (Path f : files) {
				MoSeqNwb nwb = MoSeqNwb.open(f);
				open.add(nwb);
				sources.add(new NwbFrameSource(nwb).requireMotion());
			}
			SyllableLabels.Resolved resolved = SyllableLabels.resolve(labels, open);
			int[] ids = SyllableLabels.syllables(syllable, resolved.syllables());
			List<HeadingConvention> headings = new ArrayList<>();
			for (NwbFrameSource s : sources) headings.add(forced != null ? forced : detect(s));

			List<SyllableRuns> runs = new ArrayList<>();
			List<boolean[]> dropped = new ArrayList<>();
			for (int i = 0; i < sources.size(); i++) {
				runs.add(SyllableRuns.of(resolved.labels().get(i)));
				dropped.add(sources.get(i).dropped());
			}
			InstanceSelection selection = new InstanceSelection(min_duration, max_duration, pad);
			CrowdMovieRenderer renderer = new CrowdMovieRenderer(pad, max_duration, min_height);
			ResultsTable summary = new ResultsTable();
			movies = new ArrayList<>();
			List<Integer> empty = new ArrayList<>();
			boolean keep = output == null || ids.length == 1;
			// select every movie's instances first (label arithmetic only), to check the memory before reading
			List<List<SyllableInstance>> qualifying = new ArrayList<>(), chosenPer = new ArrayList<>();
			for (int id : ids) {
				List<SyllableInstance> all = selection.qualifying(id, runs, dropped);
				qualifying.add(all);
				chosenPer.add(all.isEmpty() ? all : InstanceSelection.sample(all, max_examples, seed));
			}
			checkMemory(chosenPer, renderer, sources, keep);
			try (AtomicOutput.Staging out = output == null ? null : AtomicOutput.stageFolder(output.toPath())) {
				for (int n = 0; n < ids.length; n++) {
					progress.checkCancelled();
					int id = ids[n];
					List<SyllableInstance> all = qualifying.get(n);
					summary.addRow();
					summary.addValue("syllable", id);
					summary.addValue("runs", countRuns(runs, id));
					summary.addValue("qualifying", all.size());
					if (all.isEmpty()) {
						summary.addValue("shown", 0);
						summary.addValue("file", "");
						empty.add(id);
						continue;
					}
					List<SyllableInstance> chosen = chosenPer.get(n);
					summary.addValue("shown", chosen.size());
					summary.addValue("file", output == null ? "" : "crowd_" + id + ".tif");
					Progress stage = progress.stage((double) n / ids.length, (double) (n + 1) / ids.length);
					CrowdMovie movie = renderer.render(id, chosen, sources, headings, stage);
					ImagePlus imp = CrowdMovieImage.create(movie, rgb, crop);
					if (out != null) {
						Path tif = out.dir().resolve("crowd_" + id + ".tif");
						try {
							org.latentj.ui.Tiff.save(imp, tif);
						} catch (IOException e) {
							throw AtomicOutput.writeFailure(tif, e);
						}
						writeInstances(out.dir().resolve("crowd_" + id + ".csv"), chosen, open);
					}
					if (keep) movies.add(imp);
				}
				if (ids.length == 1 && !empty.isEmpty()) throw new BadInputException(noInstanceMessage(ids[0], runs));
				if (empty.size() == ids.length)
					throw new BadInputException("No syllable of " + (syllable.trim().equalsIgnoreCase("all") ? "the labels" : "'" + syllable + "'")
							+ " has an instance for a crowd movie (" + criteria() + ").");
				if (out != null) {
					TableCsv.write(summary, out.dir().resolve("crowd_movies.csv"));
					out.commit();
				}
			} catch (IOException e) {
				throw new BadInputException("Cannot write the crowd movies to " + output + " (" + e.getMessage() + ").", e);
			}
			progress.update(1, null);
			for (ImagePlus imp : movies) Present.image(imp);
			if (ids.length > 1) Present.table(summary, "Crowd movies");
			int made = ids.length - empty.size();
			Present.status(String.format("%s: %d movie%s%s%s", LABEL, made, made == 1 ? "" : "s",
					empty.isEmpty() ? "" : "; no qualifying instance for syllable" + (empty.size() == 1 ? " " : "s ") + empty
							+ " (" + criteria() + ")",
					output == null ? " (no output folder: nothing saved)"
							: ", saved to " + output + (keep ? "" : " (not shown: several syllables with an output folder)")));
		} finally {
			for (MoSeqNwb nwb : open) nwb.close();
		}
	}

	/** The most memory Java may use (Runtime.maxMemory); tests lower it. */
	static java.util.function.LongSupplier memoryLimit = () -> Runtime.getRuntime().maxMemory();

	/**
	 * Refuses, before any frame is read, movies whose frames would not fit in memory: the largest
	 * movie's windows ({@code instances x (max_duration + 2 pad)} frames) and canvases, plus its image,
	 * or every image when the movies are kept to be shown.
	 */
	private void checkMemory(List<List<SyllableInstance>> chosen, CrowdMovieRenderer renderer, List<NwbFrameSource> sources,
			boolean keep) {
		int frameBytes = 0;
		for (NwbFrameSource s : sources) frameBytes = Math.max(frameBytes, s.frameWidth() * s.frameHeight());
		long image = CrowdMovieImage.maxBytes(renderer.movieLength(), CrowdMovieRenderer.ARENA_WIDTH,
				CrowdMovieRenderer.ARENA_HEIGHT, rgb);
		long largest = 0, images = 0;
		int most = 0, made = 0;
		for (List<SyllableInstance> c : chosen) {
			if (c.isEmpty()) continue;
			largest = Math.max(largest, renderer.bytesNeeded(c.size(), frameBytes));
			most = Math.max(most, c.size());
			images += image;
			made++;
		}
		if (made == 0) return;
		// plus each session's chunk cache, which fills as the frames are read (up to 64 MiB, or the session's frames)
		long caches = 0;
		for (NwbFrameSource s : sources)
			caches += Math.min(org.latentj.nwb.MoSeqNwb.DEFAULT_CACHE_BYTES, (long) s.frameCount() * s.frameWidth() * s.frameHeight());
		long need = largest + (keep ? images : image) + caches;
		long limit = Math.min(memoryLimit.getAsLong(), org.latentj.util.Memory.available());
		if (need > limit) {
			System.gc();
			limit = Math.min(memoryLimit.getAsLong(), org.latentj.util.Memory.available());
		}
		if (need > limit)
			throw new BadInputException(String.format(Locale.ROOT, "%s of up to %d instances of %d frames (max_duration %d + 2 x pad %d)"
					+ " %s about %d MB of memory%s, more than the %d MB Java has free; lower max_examples, max_duration or pad%s,"
					+ " or " + org.latentj.util.Memory.HOW + ".",
					made == 1 ? "A crowd movie" : made + " crowd movies", most, renderer.movieLength(), max_duration, pad,
					made == 1 ? "needs" : "need", Math.round(need / 1e6), keep && made > 1 ? " (all kept to be shown)" : "", limit / 1_000_000,
					keep && made > 1 ? ", give an output folder" : ""));
	}

	private HeadingConvention detect(NwbFrameSource s) {
		HeadingConvention.Detection d = HeadingConvention.detect(s.centroidX(), s.centroidY(), s.angle(), 1);
		if (d.convention() != null) {
			Present.status(String.format("%s: %s: heading angle taken as %s (mouse axis along motion: %.2f vs %.2f)", LABEL,
					s.name(), d.convention().key, Math.max(d.clockwiseAgreement(), d.counterclockwiseAgreement()),
					Math.min(d.clockwiseAgreement(), d.counterclockwiseAgreement())));
			return d.convention();
		}
		Present.status(LABEL + ": " + s.name() + ": the heading convention cannot be told from the motion; using MoSeq's "
				+ "(counterclockwise). Set heading=clockwise if the mice look mirrored.");
		return HeadingConvention.COUNTERCLOCKWISE;
	}

	private String criteria() {
		return min_duration + " < duration < " + max_duration + " frames, " + pad + " frames before and "
				+ (max_duration + pad) + " after the onset inside the recording, no dropped frame";
	}

	private static int countRuns(List<SyllableRuns> runs, int id) {
		int n = 0;
		for (SyllableRuns r : runs)
			for (int i = 0; i < r.count(); i++)
				if (r.label(i) == id) n++;
		return n;
	}

	private String noInstanceMessage(int id, List<SyllableRuns> runs) {
		return "Syllable " + id + " has no instance for a crowd movie (" + criteria() + "); it has " + countRuns(runs, id)
				+ " runs in all.";
	}

	private static void writeInstances(Path file, List<SyllableInstance> chosen, List<MoSeqNwb> sessions) throws IOException {
		try (CsvWriter w = new CsvWriter(file, "session", "onset_frame", "duration_frames", "onset_time_s")) {
			double[][] times = new double[sessions.size()][];
			for (SyllableInstance in : chosen) {
				MoSeqNwb s = sessions.get(in.session());
				if (times[in.session()] == null) times[in.session()] = s.timestamps();
				// seconds from the session's first frame, as the overlay counts them (NWB timestamps are often absolute)
				w.row(s.sessionName(), in.onset(), in.duration(), times[in.session()][in.onset()] - times[in.session()][0]);
			}
			w.commit();
		}
	}
}
