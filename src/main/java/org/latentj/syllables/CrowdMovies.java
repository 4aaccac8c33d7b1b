package org.latentj.syllables;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latentj.hmm.SyllableRuns;
import org.latentj.io.AtomicOutput;
import org.latentj.io.CsvWriter;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.util.BadInputException;
import org.latentj.util.Choices;
import org.latentj.util.Progress;

/**
 * The work of Crowd Movie, headless (moseq2-viz semantics): many occurrences of a syllable, each
 * mouse turned back by its heading and pasted at its centroid in the 512 x 424 arena. {@link #run}
 * reads as its steps: open the sessions, resolve the labels, settle each session's heading
 * convention, select every movie's instances (label arithmetic only), check the memory, then render
 * each movie, hand it to the caller's {@link Sink} (the ImageJ stack and its TIFF live in
 * {@code syllables.ui}) and write its instances, and last the summary. With an output folder, all
 * of it is written to a staging folder moved in whole.
 */
public final class CrowdMovies {

	private CrowdMovies() {
	}

	/** The {@code heading} choices: detected from the motion, or forced. */
	public enum Heading {
		AUTO(null), COUNTERCLOCKWISE(HeadingConvention.COUNTERCLOCKWISE), CLOCKWISE(HeadingConvention.CLOCKWISE);

		/** The option string ({@link Choices#key}). */
		public final String key = Choices.key(this);
		final HeadingConvention forced;

		Heading(HeadingConvention forced) {
			this.forced = forced;
		}

		/** The choice named by {@code key} (case-insensitive). */
		public static Heading parse(String key) {
			return Choices.parse(Heading.class, "heading", key);
		}
	}

	/**
	 * What to make. {@code syllables} is the {@code syllable} key (ids separated by commas, or all),
	 * read once the labels say how many syllables there are; {@code output} is a folder or null.
	 */
	public record Settings(List<Path> sessions, String labels, String syllables, int maxExamples, int minDuration,
			int maxDuration, int pad, int minHeight, long seed, Heading heading, Path output) {
		public Settings {
			if (maxExamples < 1) throw new BadInputException("max_examples must be at least 1 (got " + maxExamples + ").");
			if (minDuration < 0) throw new BadInputException("min_duration must be 0 or more (got " + minDuration + ").");
			if (maxDuration <= minDuration + 1)
				throw new BadInputException("max_duration (" + maxDuration + ") must exceed min_duration + 1 (" + (minDuration + 1)
						+ "): no run length lies strictly between them.");
			if (pad < 0) throw new BadInputException("pad must be 0 or more (got " + pad + ").");
			if (minHeight < 0 || minHeight > 255) throw new BadInputException("min_height must be in 0..255 mm (got " + minHeight + ").");
			sessions = List.copyOf(sessions);
			if (heading == null) heading = Heading.AUTO;
		}

		/** The instances a movie may show, in words (for messages). */
		public String criteria() {
			return minDuration + " < duration < " + maxDuration + " frames, " + pad + " frames before and " + (maxDuration + pad)
					+ " after the onset inside the recording, no dropped frame";
		}
	}

	/** One row of crowd_movies.csv: the syllable's runs, qualifying instances, instances shown and its TIFF. */
	public record Row(int syllable, int runs, int qualifying, int shown, String file) {
	}

	/**
	 * What was made: one row per syllable asked for, those without a qualifying instance, notes for
	 * the status line (the heading convention each session was taken to use), whether the caller
	 * was asked to keep every movie (no output folder, or one syllable).
	 */
	public record Result(List<Row> rows, List<Integer> empty, List<String> notes, boolean kept, Path output) {
		public int made() {
			return rows.size() - empty.size();
		}
	}

	/** What becomes of each rendered movie (the ImageJ side: an image, a TIFF). */
	public interface Sink {
		/** The most bytes one movie's image of this size takes (for the memory check before any frame is read). */
		long imageBytes(int frames, int width, int height);

		/**
		 * Takes a rendered movie; {@code folder} is where its {@code crowd_<id>.tif} goes (null without
		 * an output folder), {@code keep} whether the image is wanted after the run (to show it).
		 */
		void accept(CrowdMovie movie, Path folder, boolean keep) throws IOException;
	}

	/** Makes the movies with the memory Java may use ({@link Runtime#maxMemory}) as the bound. */
	public static Result run(Settings s, Progress progress, Sink sink) {
		return run(s, progress, sink, Runtime.getRuntime().maxMemory());
	}

	/** Makes the movies, refusing before any frame is read those that need more than {@code memoryLimit} bytes. */
	public static Result run(Settings s, Progress progress, Sink sink, long memoryLimit) {
		if (s.output() != null) org.latentj.io.Outputs.check(s.output(), org.latentj.io.Outputs.Kind.FOLDER, s.sessions(), s.labels());
		List<MoSeqNwb> open = new ArrayList<>();
		try {
			List<NwbFrameSource> sources = new ArrayList<>();
			for (Path f : s.sessions()) {
				MoSeqNwb nwb = MoSeqNwb.open(f);
				open.add(nwb);
				sources.add(new NwbFrameSource(nwb).requireMotion());
			}
			SyllableLabels.Resolved resolved = SyllableLabels.resolve(s.labels(), open);
			int[] ids = SyllableLabels.syllables(s.syllables(), resolved.syllables());
			List<String> notes = new ArrayList<>();
			List<HeadingConvention> headings = headings(s.heading(), sources, notes);
			List<SyllableRuns> runs = new ArrayList<>();
			List<boolean[]> dropped = new ArrayList<>();
			for (int i = 0; i < sources.size(); i++) {
				runs.add(SyllableRuns.of(resolved.labels().get(i)));
				dropped.add(sources.get(i).dropped());
			}
			InstanceSelection selection = new InstanceSelection(s.minDuration(), s.maxDuration(), s.pad());
			List<List<SyllableInstance>> qualifying = new ArrayList<>(), chosen = new ArrayList<>();
			for (int id : ids) {
				List<SyllableInstance> all = selection.qualifying(id, runs, dropped);
				qualifying.add(all);
				chosen.add(all.isEmpty() ? all : InstanceSelection.sample(all, s.maxExamples(), s.seed()));
			}
			CrowdMovieRenderer renderer = new CrowdMovieRenderer(s.pad(), s.maxDuration(), s.minHeight());
			boolean keep = s.output() == null || ids.length == 1;
			checkMemory(s, chosen, renderer, sources, sink, keep, memoryLimit);
			List<Row> rows = new ArrayList<>();
			List<Integer> empty = new ArrayList<>();
			try (AtomicOutput.Staging out = s.output() == null ? null : AtomicOutput.stageFolder(s.output())) {
				Path dir = out == null ? null : out.dir();
				for (int n = 0; n < ids.length; n++) {
					progress.checkCancelled();
					int id = ids[n];
					List<SyllableInstance> c = chosen.get(n);
					String file = c.isEmpty() || dir == null ? "" : "crowd_" + id + ".tif";
					rows.add(new Row(id, countRuns(runs, id), qualifying.get(n).size(), c.size(), file));
					if (c.isEmpty()) {
						empty.add(id);
						continue;
					}
					Progress stage = progress.stage((double) n / ids.length, (double) (n + 1) / ids.length);
					sink.accept(renderer.render(id, c, sources, headings, stage), dir, keep);
					if (dir != null) writeInstances(dir.resolve("crowd_" + id + ".csv"), c, open);
				}
				if (ids.length == 1 && !empty.isEmpty())
					throw new BadInputException("Syllable " + ids[0] + " has no instance for a crowd movie (" + s.criteria()
							+ "); it has " + countRuns(runs, ids[0]) + " runs in all.");
				if (empty.size() == ids.length)
					throw new BadInputException("No syllable of " + (s.syllables().trim().equalsIgnoreCase("all") ? "the labels"
							: "'" + s.syllables() + "'") + " has an instance for a crowd movie (" + s.criteria() + ").");
				if (out != null) {
					writeSummary(dir.resolve("crowd_movies.csv"), rows);
					out.commit();
				}
			} catch (IOException e) {
				throw AtomicOutput.writeFailure(s.output(), e);
			}
			progress.update(1, null);
			return new Result(List.copyOf(rows), List.copyOf(empty), List.copyOf(notes), keep, s.output());
		} finally {
			for (MoSeqNwb nwb : open) nwb.close();
		}
	}

	/** Each session's convention: the one forced, or the one its motion shows (MoSeq's when it cannot be told). */
	private static List<HeadingConvention> headings(Heading heading, List<NwbFrameSource> sources, List<String> notes) {
		List<HeadingConvention> out = new ArrayList<>();
		for (NwbFrameSource src : sources) {
			if (heading.forced != null) {
				out.add(heading.forced);
				continue;
			}
			HeadingConvention.Detection d = HeadingConvention.detect(src.centroidX(), src.centroidY(), src.angle(), 1);
			if (d.convention() != null) {
				notes.add(String.format("%s: heading angle taken as %s (mouse axis along motion: %.2f vs %.2f)", src.name(),
						d.convention().key, Math.max(d.clockwiseAgreement(), d.counterclockwiseAgreement()),
						Math.min(d.clockwiseAgreement(), d.counterclockwiseAgreement())));
				out.add(d.convention());
			} else {
				notes.add(src.name() + ": the heading convention cannot be told from the motion; using MoSeq's "
						+ "(counterclockwise). Set heading=clockwise if the mice look mirrored.");
				out.add(HeadingConvention.COUNTERCLOCKWISE);
			}
		}
		return out;
	}

	/**
	 * Refuses, before any frame is read, movies whose frames would not fit in memory: the largest
	 * movie's windows ({@code instances x (max_duration + 2 pad)} frames) and canvases, plus its image,
	 * or every image when the movies are kept to be shown.
	 */
	private static void checkMemory(Settings s, List<List<SyllableInstance>> chosen, CrowdMovieRenderer renderer,
			List<NwbFrameSource> sources, Sink sink, boolean keep, long limit) {
		int frameBytes = 0;
		for (NwbFrameSource src : sources) frameBytes = Math.max(frameBytes, src.frameWidth() * src.frameHeight());
		long image = sink.imageBytes(renderer.movieLength(), CrowdMovieRenderer.ARENA_WIDTH, CrowdMovieRenderer.ARENA_HEIGHT);
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
		for (NwbFrameSource src : sources)
			caches += Math.min(MoSeqNwb.DEFAULT_CACHE_BYTES, (long) src.frameCount() * src.frameWidth() * src.frameHeight());
		long need = largest + (keep ? images : image) + caches;
		if (need > Math.min(limit, org.latentj.util.Memory.available())) System.gc();
		limit = Math.min(limit, org.latentj.util.Memory.available());
		if (need > limit)
			throw new BadInputException(String.format(Locale.ROOT, "%s of up to %d instances of %d frames (max_duration %d + 2 x pad %d)"
					+ " %s about %d MB of memory%s, more than the %d MB Java has free; lower max_examples, max_duration or pad%s,"
					+ " or " + org.latentj.util.Memory.HOW + ".",
					made == 1 ? "A crowd movie" : made + " crowd movies", most, renderer.movieLength(), s.maxDuration(), s.pad(),
					made == 1 ? "needs" : "need", Math.round(need / 1e6), keep && made > 1 ? " (all kept to be shown)" : "",
					limit / 1_000_000, keep && made > 1 ? ", give an output folder" : ""));
	}

	private static int countRuns(List<SyllableRuns> runs, int id) {
		int n = 0;
		for (SyllableRuns r : runs)
			for (int i = 0; i < r.count(); i++)
				if (r.label(i) == id) n++;
		return n;
	}

	/** crowd_&lt;id&gt;.csv: the instances shown, onset times in seconds from the session's first frame. */
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

	private static void writeSummary(Path file, List<Row> rows) throws IOException {
		try (CsvWriter w = new CsvWriter(file, "syllable", "runs", "qualifying", "shown", "file")) {
			for (Row r : rows) w.row((long) r.syllable(), (long) r.runs(), (long) r.qualifying(), (long) r.shown(), r.file());
			w.commit();
		}
	}
}
