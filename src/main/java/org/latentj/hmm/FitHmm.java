package org.latentj.hmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.Pcs;
import org.latentj.util.Progress;

/**
 * Fit HMM without ImageJ, the engine of the Fit HMM command and the call for scripts and tests:
 * read sessions, standardize, fit, decode, write outputs. Writes, into the output folder (whole, or
 * not at all): model.json, loglik.csv (iteration,train,test per frame), labels/&lt;session&gt;.csv
 * (frame,time,label,probability), then whatever the caller's {@link Extra} adds (the command: the
 * states and sessions tables and loglik.png).
 */
public final class FitHmm {

	private FitHmm() {
	}

	/**
	 * @param sessions the NWB files (nwb.SessionFiles resolves the {@code sessions} key)
	 * @param fit the fit's settings
	 * @param output the output folder, or null to write nothing
	 */
	public record Settings(List<Path> sessions, FitSettings fit, Path output) {
		public Settings {
			sessions = List.copyOf(sessions);
		}
	}

	/**
	 * @param fit what the fit produced (states numbered by usage)
	 * @param sessions the sessions as read (names, PCs, timestamps)
	 * @param model the model as model.json records it
	 * @param notes what the user should know about the inputs (dropped frames)
	 * @param output the folder written, or null
	 * @param seconds the run's wall-clock time (not in model.json, so that model.json depends only on inputs and seed)
	 */
	public record Result(FitResult fit, List<SessionData> sessions, HmmModel model, List<String> notes, Path output,
			double seconds) {
	}

	/** Files a caller adds to the output folder (figures and tables drawn outside the core). */
	public interface Extra {
		void write(Path folder) throws IOException;
	}

	public static Result run(Settings s, Progress progress) {
		return run(s, progress, r -> folder -> { });
	}

	/** As {@link #run(Settings, Progress)}, with files that the caller derives from the result written into the same folder. */
	public static Result run(Settings s, Progress progress, Function<Result, Extra> extra) {
		long start = System.nanoTime();
		if (s.output() != null) Outputs.check(s.output(), Outputs.Kind.FOLDER, s.sessions()); // before the fit, not after it
		List<String> notes = new ArrayList<>();
		List<SessionData> sessions = readSessions(s.sessions(), s.fit().pcs(), notes, progress.stage(0, 0.03));
		HmmMemory.requireFit(sessions, s.fit()); // before the fit, not at its final decoding
		return fit(sessions, s.fit(), s.output(), notes, start, progress.stage(0.03, 1), extra);
	}

	/** The steps after reading, on sessions already in memory (tests, scripts with their own PCs). */
	public static Result fit(List<SessionData> sessions, FitSettings settings, Path output, Progress progress,
			Function<Result, Extra> extra) {
		if (output != null) Outputs.check(output, Outputs.Kind.FOLDER);
		HmmMemory.requireFit(sessions, settings);
		return fit(sessions, settings, output, List.of(), System.nanoTime(), progress, extra);
	}

	private static Result fit(List<SessionData> sessions, FitSettings settings, Path output, List<String> notes, long start,
			Progress progress, Function<Result, Extra> extra) {
		FitData data = new FitData(sessions, settings); // standardize, cut into training and test stretches
		HmmFitter fitter = new HmmFitter(settings);
		HmmFitter.Best best = fitter.fit(data, progress.stage(0, 0.93));
		FitResult fit = fitter.decode(sessions, data, best, progress.stage(0.93, 0.97));
		HmmModel model = HmmModel.of(fit, sessions.stream().map(d -> d.name).toList());
		Result r = new Result(fit, sessions, model, List.copyOf(notes), output, (System.nanoTime() - start) * 1e-9);
		Extra more = extra.apply(r); // asked even without an output folder: the caller may only show what it derives
		if (output != null) {
			progress.update(0.98, "writing " + output);
			write(r, more);
		}
		progress.update(1, null);
		return r;
	}

	private static void write(Result r, Extra extra) {
		try (AtomicOutput.Staging out = AtomicOutput.stageFolder(r.output())) {
			writeInto(out.dir(), r, extra);
			out.commit();
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(r.output(), e);
		}
	}

	/** Fit HMM's files into {@code dir}, a folder being staged by the caller (Scan Models: its best/ folder). */
	static void writeInto(Path dir, Result r, Extra extra) throws IOException {
		Files.createDirectories(dir);
		r.model().write(dir.resolve("model.json"));
		FitResult f = r.fit();
		LoglikFile.write(dir.resolve("loglik.csv"), f.trainHistory.stream().mapToDouble(Double::doubleValue).toArray(),
				f.testHistory.stream().mapToDouble(Double::doubleValue).toArray());
		for (int i = 0; i < r.sessions().size(); i++) writeLabels(dir.resolve("labels"), r.sessions().get(i), f.decodings.get(i), ModelFile.fitId(r.model().data));
		extra.write(dir);
	}

	/**
	 * Each session's first {@code pcs} PCs (all it stores when it stores fewer: the fit then says so,
	 * naming the key) and timestamps: pcs_clean, or the raw PCs where there is no clean set, whose NaN
	 * rows are dropped frames, left unscored (a line in {@code notes} says how many).
	 */
	public static List<SessionData> readSessions(List<Path> files, int pcs, List<String> notes, Progress progress) {
		List<SessionData> out = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			progress.checkCancelled();
			progress.update((double) i / files.size(), "reading " + files.get(i).getFileName());
			try (MoSeqNwb nwb = MoSeqNwb.open(files.get(i))) {
				int n = Math.min(pcs, nwb.storedPcs());
				if (nwb.hasPcs(false))
					out.add(new SessionData(nwb.sessionName(), nwb.pcs(n).values(), n, nwb.timestamps()));
				else {
					Pcs raw = nwb.pcs(n, true);
					out.add(SessionData.withDroppedFrames(nwb.sessionName(), raw.values(), n, nwb.timestamps()));
					if (raw.droppedFrames().length > 0)
						notes.add(nwb.sessionName() + ": no cleaned PCs; " + raw.droppedFrames().length
								+ " dropped frames (NaN rows of the raw PCs) are not scored (label -1).");
				}
			}
		}
		progress.update(1, null);
		return out;
	}

	/** labels/&lt;session&gt;.csv for one decoded session. */
	public static void writeLabels(Path folder, SessionData session, Decoding d, String fitId) throws IOException {
		int n = d.labels.length;
		int[] frames = new int[n];
		double[] times = new double[n];
		for (int t = 0; t < n; t++) {
			frames[t] = t;
			times[t] = session.time(t);
		}
		Files.createDirectories(folder);
		LabelsFile.write(folder.resolve(session.name + ".csv"), new LabelsFile.Labels(frames, times, d.labels, d.probability, fitId));
	}
}
