package org.latentj.slds;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.latentj.hmm.ApplyModel;
import org.latentj.hmm.Decoding;
import org.latentj.hmm.FitHmm;
import org.latentj.hmm.HmmModel;
import org.latentj.hmm.SessionData;
import org.latentj.io.Outputs;
import org.latentj.util.BadInputException;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Apply Model for an SLDS model.json: inference only (structured mean field with the model's fixed
 * parameters, to the tolerance and inner_iterations it was fitted with), dropped frames as missing
 * observations. Writes what Apply Model writes for an HMM (labels/, the caller's sessions.csv,
 * model.json: a copy) plus denoised/&lt;session&gt;.csv as Fit SLDS does; the log-likelihood of each
 * decoding is the session's ELBO (nats, standardized units).
 */
public final class SldsApply {

	private SldsApply() {
	}

	public static ApplyModel.Result run(ApplyModel.Settings s, Progress progress, Function<ApplyModel.Result, FitHmm.Extra> extra) {
		SldsModel model = SldsModel.read(s.model());
		if (s.output() != null) Outputs.check(s.output(), Outputs.Kind.FOLDER, s.sessions(), s.model()); // before inference, not after
		List<String> notes = new ArrayList<>();
		int d = model.parameters.obs; // PCs read (the latent dimension may be lower)
		List<SessionData> sessions = FitHmm.readSessions(s.sessions(), d, notes, progress.stage(0, 0.2));
		SldsParameters p = model.parameters;
		long bytes = 0;
		int inner = (int) setting(model, "inner_iterations", SldsSettings.DEFAULT_INNER_ITERATIONS, 1);
		double tolerance = setting(model, "tolerance", SldsSettings.DEFAULT_TOLERANCE, 0);
		boolean moves = model.labelMoves();
		for (SessionData sd : sessions) { // q per session, and with label moves what LabelSearch.refine holds beside it
			long q = StructuredMeanField.bytes(sd.frames, p.obs, p.d, p.lags, p.k);
			bytes = org.latentj.util.Memory.plus(bytes, q, moves ? LabelSearch.refineBytes(sd.frames, p.obs, p.d, p.lags, p.k) : 0);
		}
		org.latentj.util.Memory.require(bytes, "SLDS inference on " + sessions.size() + " session(s)");
		Progress inference = progress.stage(0.2, 0.9);
		int n = sessions.size();
		SldsModel.Inferred[] inferred = new SldsModel.Inferred[n];
		Decoding[] decoded = new Decoding[n];
		Parallel.forEach(n, i -> {
			SessionData sd = sessions.get(i);
			SldsModel.Inferred r = model.infer(sd.name, sd.firstPcs(d, "The model describes " + d + " PCs but session "
					+ sd.name + " stores " + sd.columns + "."), s.decode(), inner, tolerance, moves, inference.quiet());
			inferred[i] = r;
			decoded[i] = Decoding.of(sd.name, r.labels(), r.probability(), r.elbo(), r.scoredFrames());
		}, inference, "structured mean field");
		boolean[] inTraining = new boolean[n];
		for (int i = 0; i < n; i++) inTraining[i] = model.data.sessions.contains(sessions.get(i).name);
		HmmModel hmm = HmmModel.of(model.data, s.model().toString());
		ApplyModel.Result r = new ApplyModel.Result(hmm, sessions, List.of(decoded), inTraining, List.copyOf(notes), s.output());
		FitHmm.Extra more = extra.apply(r);
		if (s.output() != null) {
			progress.update(0.95, "writing " + s.output());
			ApplyModel.write(s.model(), r, folder -> {
				Files.createDirectories(folder.resolve("denoised"));
				for (int i = 0; i < n; i++) {
					SessionData sd = sessions.get(i);
					SldsFiles.writeDenoised(folder.resolve("denoised").resolve(sd.name + ".csv"), sd, inferred[i].denoised(), d);
				}
			}, more);
		}
		progress.update(1, null);
		return r;
	}

	/** A recorded inference setting, Fit SLDS's default when absent; a recorded value out of range is refused. */
	private static double setting(SldsModel m, String key, double fallback, double min) {
		Object v = m.data.settings.get(key);
		if (v == null) return fallback;
		if (!(v instanceof Number num) || !(num.doubleValue() >= min) || (min == 1 && num.doubleValue() != Math.rint(num.doubleValue())))
			throw new BadInputException("The model file records " + key + " = " + v + "; it must be " + (min == 1 ? "a whole number >= 1" : "a number >= 0") + ".");
		return num.doubleValue();
	}
}
