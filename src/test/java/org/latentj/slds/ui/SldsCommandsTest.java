package org.latentj.slds.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.ApplyModel;
import org.latentj.hmm.LabelsFile;
import org.latentj.hmm.Metrics;
import org.latentj.hmm.ModelFile;
import org.latentj.hmm.ui.ApplyModelCommand;
import org.latentj.ij1.CommandRunner;
import org.latentj.ij1.CommandSpec;
import org.latentj.ij1.MacroOptions;
import org.latentj.io.CsvTable;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.slds.SldsModel;
import org.latentj.syllables.ui.CrowdMovieCommand;
import org.latentj.syllables.ui.SyllableStatisticsCommand;
import org.latentj.testing.SharedData;

import ij.IJ;
import ij.ImagePlus;

/**
 * Fit SLDS and Apply Model (on an SLDS model.json) through the macro-option runner: the outputs, that
 * the syllable views read the labels, and that Apply Model infers with the SLDS (not its AR part).
 */
class SldsCommandsTest {

	static final Path S1 = SharedData.testData("sim_session_1.nwb"), S2 = SharedData.testData("sim_session_2.nwb");

	@TempDir
	Path tmp;

	@Test
	void fitFromMacroOptionsThenViewsAndApplyModel() throws Exception {
		Path fit = tmp.resolve("fit"), applied = tmp.resolve("applied");
		FitSldsCommand c = (FitSldsCommand) CommandRunner.run(CommandSpec.of(FitSldsCommand.class), MacroOptions.parse(
				"sessions=[" + S1 + "] states=6 pcs=4 restarts=1 iterations=3 inner_iterations=10 figure_start=100 figure_frames=200 output=["
						+ fit + "]"));
		for (String f : new String[] { "model.json", "loglik.csv", "states.csv", "sessions.csv", "loglik.png",
				"labels/sim_session_1.csv", "denoised/sim_session_1.csv", "slds_sim_session_1.png" })
			assertTrue(Files.exists(fit.resolve(f)), f + " written");
		ModelFile.Data m = ModelFile.read(fit.resolve("model.json"));
		assertTrue(SldsModel.isSlds(m));
		assertEquals(6, m.states);
		assertEquals(3, ((Number) m.settings.get("iterations")).intValue()); // the macro's keys are recorded
		int[] truth;
		try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
			truth = nwb.labels();
		}
		LabelsFile.Labels labels = LabelsFile.read(fit.resolve("labels").resolve("sim_session_1.csv"));
		assertEquals(truth.length, labels.size());
		assertEquals(-1, labels.labels[1]);
		assertEquals(m.fitId, labels.fitId);
		// a short fit (3 EM iterations, 4 PCs): labels about as good as the AR-HMM start's
		double ari = Metrics.adjustedRandIndex(labels.labels, truth), start = Metrics.adjustedRandIndex(c.result.hmm().decodings.get(0).labels, truth);
		assertTrue(ari > 0.6 && ari > start - 0.05, "ARI " + ari + ", AR-HMM start " + start);
		assertEquals(c.result.sessions().get(0).labels()[500], labels.labels[500]);
		assertEquals(truth.length, CsvTable.read(fit.resolve("denoised").resolve("sim_session_1.csv")).rowCount());
		ImagePlus png = IJ.openImage(fit.resolve("slds_sim_session_1.png").toString());
		assertTrue(png.getWidth() > 200);

		// the syllable views read the fit folder as a Fit HMM output
		Path stats = tmp.resolve("stats"), crowd = tmp.resolve("crowd");
		CommandRunner.run(CommandSpec.of(SyllableStatisticsCommand.class),
				MacroOptions.parse("sessions=[" + S1 + "] labels=[" + fit + "] output=[" + stats + "]"));
		CsvTable usage = CsvTable.read(stats.resolve("usage.csv"));
		long frames = 0;
		for (int r = 0; r < usage.rowCount(); r++)
			if (usage.text(r, usage.column("session")).equals("all")) frames += usage.integer(r, usage.column("frames"));
		assertEquals(truth.length - 2, frames); // every scored frame counted once
		int used = labels.labels[labels.size() / 2];
		CommandRunner.run(CommandSpec.of(CrowdMovieCommand.class), MacroOptions.parse("sessions=[" + S1 + "] labels=[" + fit
				+ "] syllable=" + used + " max_examples=3 output=[" + crowd + "]"));
		assertTrue(Files.exists(crowd.resolve("crowd_" + used + ".tif")));

		// Apply Model on a session the fit never saw: SLDS inference, labels and denoised PCs
		ApplyModelCommand a = (ApplyModelCommand) CommandRunner.run(CommandSpec.of(ApplyModelCommand.class), MacroOptions.parse(
				"model=[" + fit.resolve("model.json") + "] sessions=[" + S2 + "] decode=posterior output=[" + applied + "]"));
		ApplyModel.Result r = a.result;
		int[] truth2;
		try (MoSeqNwb nwb = MoSeqNwb.open(S2)) {
			truth2 = nwb.labels();
		}
		LabelsFile.Labels l2 = LabelsFile.read(applied.resolve("labels").resolve("sim_session_2.csv"));
		double ari2 = Metrics.adjustedRandIndex(l2.labels, truth2);
		System.out.println("SLDS ARI fit " + ari + " (start " + start + "), applied " + ari2);
		assertTrue(ari2 > 0.6, "ARI " + ari2);
		assertEquals(truth2.length, CsvTable.read(applied.resolve("denoised").resolve("sim_session_2.csv")).rowCount());
		assertTrue(SldsModel.isSlds(ModelFile.read(applied.resolve("model.json"))));
		CsvTable sessions = CsvTable.read(applied.resolve("sessions.csv"));
		assertEquals(0, sessions.integers("in_training")[0]);
		assertEquals(r.logLikPerFrame(), sessions.numbers("loglik_per_frame")[0], 1e-6 * Math.abs(r.logLikPerFrame()));

		// a model file whose recorded inference setting is out of range is one sentence, not a silent default
		String json = Files.readString(fit.resolve("model.json"));
		String bad = json.replaceFirst("\"inner_iterations\"\\s*:\\s*[0-9.]+", "\"inner_iterations\": 0");
		assertNotEquals(json, bad, "model.json records inner_iterations");
		Path badModel = Files.createDirectories(fit.getParent().resolve("bad")).resolve("model.json");
		Files.writeString(badModel, bad);
		Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> CommandRunner.run(CommandSpec.of(ApplyModelCommand.class),
				MacroOptions.parse("model=[" + badModel + "] sessions=[" + S2 + "] decode=posterior")));
		assertTrue(e.getMessage().contains("records inner_iterations = 0") && e.getMessage().contains("whole number >= 1"), e.getMessage());
	}

	/** noise=student dof=3 from macro options: the fit's model, model.json and Apply Model (its ELBO) use Student-t noise. */
	@Test
	void studentNoiseFromMacroOptionsReachesModelFileAndApplyModel() throws Exception {
		Path fit = tmp.resolve("fit-t"), applied = tmp.resolve("applied-t");
		FitSldsCommand c = (FitSldsCommand) CommandRunner.run(CommandSpec.of(FitSldsCommand.class), MacroOptions.parse(
				"sessions=[" + S1 + "] states=4 pcs=4 restarts=1 iterations=2 inner_iterations=10 noise=student dof=3 output=[" + fit + "]"));
		assertEquals(3, c.result.model().dof());
		String json = Files.readString(fit.resolve("model.json"));
		// the slds section (not the settings echo, which also holds noise and dof) records the model's noise
		com.google.gson.JsonObject slds = com.google.gson.JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("slds");
		assertEquals("student", slds.get("noise").getAsString(), "slds.noise");
		assertEquals(3, slds.get("dof").getAsDouble(), "slds.dof");
		SldsModel m = SldsModel.read(fit.resolve("model.json"));
		assertEquals(3, m.parameters.dof());
		ApplyModelCommand a = (ApplyModelCommand) CommandRunner.run(CommandSpec.of(ApplyModelCommand.class), MacroOptions.parse(
				"model=[" + fit.resolve("model.json") + "] sessions=[" + S1 + "] decode=posterior output=[" + applied + "]"));
		double[] pcs;
		try (MoSeqNwb nwb = MoSeqNwb.open(S1)) {
			pcs = nwb.pcs(4).values();
		}
		// Apply Model's ELBO is the Student-t model's, not that of the same parameters with Gaussian noise
		double student = m.infer("s", pcs, org.latentj.hmm.Decoding.Mode.POSTERIOR, 10, 1e-6).elbo() / (pcs.length / 4 - 2); // per scored frame (lags 2)
		assertEquals(student, a.result.logLikPerFrame(), 1e-9 * Math.abs(student));
	}

	/**
	 * No session with more than lags held-out frames: the status says "test none" and the note says why (loglik.csv's
	 * test column is NaN); values of a million or more are written with 4 significant digits, not hundreds of digits.
	 */
	@Test
	void noHeldOutFramesIsSaidAsSuch() {
		java.util.Random random = new java.util.Random(3);
		double[] y = new double[2 * 200];
		for (int t = 1; t < 200; t++)
			for (int i = 0; i < 2; i++) y[t * 2 + i] = 0.9 * y[(t - 1) * 2 + i] + random.nextGaussian();
		org.latentj.slds.SldsSettings s = new org.latentj.slds.SldsSettings(2, 1, 2, org.latentj.slds.SldsSettings.Emissions.IDENTITY,
				0, false, 0.9, 0, 1, 2, 10, 1e-6, 1, 0, 0.995, org.latentj.hmm.Standardization.Kind.ZSCORE);
		org.latentj.slds.SldsResult r = org.latentj.slds.SldsFitter.fit(
				java.util.List.of(org.latentj.hmm.SessionData.withDroppedFrames("walk", y, 2, null)), s, org.latentj.util.Progress.NONE);
		assertEquals("no session has more than lags = 1 held-out frames (train_fraction 0.995): no test ELBO; loglik.csv's test"
				+ " column is NaN.", r.noTestNote());
		String status = FitSldsCommand.summary(r, 1);
		assertTrue(status.startsWith("Fit SLDS: 2 states, 1 sessions, ELBO/frame train " + org.latentj.util.Texts.score(r.finalTrainElbo())
				+ ", test none, "), status);
		assertEquals(String.format(java.util.Locale.ROOT, "%.4f", r.finalTrainElbo()), org.latentj.util.Texts.score(r.finalTrainElbo()));
		assertEquals("-4.7929", org.latentj.util.Texts.score(-4.79291));
		assertEquals("-2.711e+270", org.latentj.util.Texts.score(-2.7114e270));
		assertEquals("1.000e+06", org.latentj.util.Texts.score(1e6));
		assertEquals("NaN", org.latentj.util.Texts.score(Double.NaN));
	}
}
