package org.latentj.hmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.latentj.io.AtomicOutput;
import org.latentj.io.Outputs;
import org.latentj.util.BadInputException;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Apply Model without ImageJ: read the model, read the sessions (only the PCs the model describes),
 * decode them, write outputs: labels/&lt;session&gt;.csv, then the caller's {@link FitHmm.Extra}
 * (the command: sessions.csv), then model.json, a copy of the model that labeled them (so that the
 * syllable views know its number of states, used or not).
 */
public final class ApplyModel {

	private ApplyModel() {
	}

	/** @param output the output folder, or null to write nothing */
	public record Settings(Path model, List<Path> sessions, Decoding.Mode decode, Path output) {
		public Settings {
			sessions = List.copyOf(sessions);
		}
	}

	/**
	 * @param inTraining per session: whether the model was trained on it (its log-likelihood is then
	 *        not held-out)
	 */
	public record Result(HmmModel model, List<SessionData> sessions, List<Decoding> decodings, boolean[] inTraining,
			List<String> notes, Path output) {

		/** Log-likelihood per scored frame over all sessions (standardized units). */
		public double logLikPerFrame() {
			double total = 0;
			long count = 0;
			for (Decoding d : decodings) {
				total += d.logLik;
				count += d.scoredFrames;
			}
			return total / count;
		}

		public int sessionsInTraining() {
			int n = 0;
			for (boolean b : inTraining) n += b ? 1 : 0;
			return n;
		}
	}

	public static Result run(Settings s, Progress progress) {
		return run(s, progress, r -> folder -> { });
	}

	public static Result run(Settings s, Progress progress, Function<Result, FitHmm.Extra> extra) {
		HmmModel model = HmmModel.read(s.model());
		com.google.gson.JsonElement type = model.data.extra.get("type");
		if (type != null && type.isJsonPrimitive() && "slds".equals(type.getAsString())) // its AR part alone would mislabel noisy PCs
			throw new BadInputException("The model file " + s.model() + " is an SLDS (Fit SLDS): apply it with "
					+ "org.latentj.slds.SldsApply.run, as the Apply Model command does.");
		if (s.output() != null) Outputs.check(s.output(), Outputs.Kind.FOLDER, s.sessions(), s.model()); // before decoding, not after
		List<String> notes = new ArrayList<>();
		List<SessionData> sessions = FitHmm.readSessions(s.sessions(), model.hmm.dim(), notes, progress.stage(0, 0.3));
		HmmMemory.requireDecoding(sessions, model.hmm.states(), s.decode()); // streams: far below a fit
		int n = sessions.size();
		Decoding[] decoded = new Decoding[n];
		Parallel.forEach(n, i -> decoded[i] = model.decode(sessions.get(i), s.decode()), progress.stage(0.3, 0.9), "decoding");
		boolean[] inTraining = new boolean[n];
		for (int i = 0; i < n; i++) inTraining[i] = model.data.sessions.contains(sessions.get(i).name);
		Result r = new Result(model, sessions, List.of(decoded), inTraining, List.copyOf(notes), s.output());
		FitHmm.Extra more = extra.apply(r); // asked even without an output folder: the caller may only show what it derives
		if (s.output() != null) {
			progress.update(0.95, "writing " + s.output());
			write(s.model(), r, folder -> { }, more);
		}
		progress.update(1, null);
		return r;
	}

	/**
	 * An applied model's folder ({@code r.output()}), whole or not at all: labels/&lt;session&gt;.csv, the files
	 * {@code own} adds (Apply Model on an SLDS: the denoised PCs), the caller's {@code more} and a copy of the model file.
	 */
	public static void write(Path modelFile, Result r, FitHmm.Extra own, FitHmm.Extra more) {
		Path output = r.output();
		try (AtomicOutput.Staging out = AtomicOutput.stageFolder(output)) {
			for (int i = 0; i < r.sessions().size(); i++)
				FitHmm.writeLabels(out.dir().resolve("labels"), r.sessions().get(i), r.decodings().get(i), r.model().data.fitId);
			own.write(out.dir());
			more.write(out.dir());
			Files.copy(modelFile, out.dir().resolve("model.json"));
			out.commit();
		} catch (IOException e) {
			throw AtomicOutput.writeFailure(output, e);
		}
	}
}
