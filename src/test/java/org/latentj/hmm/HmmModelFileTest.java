package org.latentj.hmm;

import org.latentj.hmm.ui.FitHmmCommand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.ModelFile;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/** model.json saves and loads exactly, and a wrong file gets a clear message. */
class HmmModelFileTest {

	@TempDir
	Path dir;

	private HmmModel fitted(String observations, String transitions, String standardize) {
		List<SessionData> sessions = Synthetic.sessions(observations.equals("ar") ? 2 : 0, 3, 3, new int[] { 600, 500 }, 9);
		FitHmmCommand s = new FitHmmCommand();
		s.observations = observations;
		s.transitions = transitions;
		s.standardize = standardize;
		s.states = 3;
		s.pcs = 3;
		s.restarts = 1;
		s.iterations = 15;
		FitResult r = HmmFitter.fit(sessions, s.settings(), Progress.NONE);
		return HmmModel.of(r, List.of("synthetic_0", "synthetic_1"));
	}

	@Test
	void roundTripIsExact() throws Exception {
		for (String[] c : new String[][] { { "ar", "fixed", "zscore" }, { "gaussian", "learned", "whiten" },
				{ "ar", "learned", "none" } }) {
			HmmModel m = fitted(c[0], c[1], c[2]);
			Path a = dir.resolve(c[0] + c[1] + ".json"), b = dir.resolve(c[0] + c[1] + "-again.json");
			m.write(a);
			HmmModel back = HmmModel.read(a);
			back.write(b);
			assertEquals(Files.readString(a), Files.readString(b));
			LinearGaussianObservations o1 = (LinearGaussianObservations) m.hmm.observations(),
					o2 = (LinearGaussianObservations) back.hmm.observations();
			for (int k = 0; k < 3; k++) {
				assertArrayEquals(o1.weights(k), o2.weights(k), 0);
				assertArrayEquals(o1.covariance(k), o2.covariance(k), 0);
			}
			assertArrayEquals(m.hmm.transitions().matrix().toArray(), back.hmm.transitions().matrix().toArray(), 0);
			assertArrayEquals(m.hmm.initial().probabilities(), back.hmm.initial().probabilities(), 0);
			assertArrayEquals(m.standardization.matrix(), back.standardization.matrix(), 0);
			assertArrayEquals(m.standardization.mean(), back.standardization.mean(), 0);
			assertEquals(c[1].equals("fixed"), back.hmm.transitions().matrix().isSticky());
			assertArrayEquals(m.data.trainLoglik, back.data.trainLoglik, 0);
			assertEquals(m.data.settings.toString(), back.data.settings.toString());
			SessionData s = Synthetic.sessions(c[0].equals("ar") ? 2 : 0, 3, 3, new int[] { 300 }, 10).get(0);
			Decoding d1 = m.decode(s, Decoding.Mode.VITERBI), d2 = back.decode(s, Decoding.Mode.VITERBI);
			assertArrayEquals(d1.labels, d2.labels);
			assertEquals(d1.logLik, d2.logLik, 0);
		}
	}

	/** Sampling in PC units: standardizing the sample gives the model's own sample, and a refit finds the states. */
	@Test
	void samplesInPcUnits() {
		HmmModel m = fitted("ar", "fixed", "whiten");
		Hmm.Sample pcs = m.sample(400, 5), z = m.hmm.sample(400, 5, null);
		assertArrayEquals(z.states, pcs.states);
		double[] back = m.standardization.apply(pcs.data);
		assertArrayEquals(z.data, back, 1e-9);
		int[] path = m.hmm.viterbi(back, 2, 400).path;
		int agree = 0;
		for (int t = 2; t < 400; t++)
			if (path[t - 2] == z.states[t]) agree++;
		assertTrue(agree > 380, agree + " of 398");
	}

	@Test
	void wrongFilesGiveClearMessages() throws Exception {
		HmmModel m = fitted("ar", "fixed", "zscore");
		Path good = dir.resolve("model.json");
		m.write(good);
		String text = Files.readString(good);
		assertMessage(text.replace("\"version\": 1", "\"version\": 2"), "has version 2; this LatentJ reads version 1");
		assertMessage(text.replace("\"format\": \"latentj-hmm\"", "\"format\": \"other\""), "is not a LatentJ HMM model");
		assertMessage(text.replace("\"states\": 3", "\"states\": 4"), "field 'initial.probabilities' has 3 numbers, expected 4");
		assertMessage(text.replace("\"dim\": 3", "\"dim\": 2"), "field 'standardization.mean' has 3 numbers, expected 2");
		assertMessage(text.substring(0, text.length() / 2), "is not valid JSON");
		assertMessage("[1, 2]", "is not a JSON object");
		// the optional training and loglik sections are checked like the rest
		assertMessage(text.replaceFirst("\"train_frames\": \\d+", "\"train_frames\": \"many\""),
				"field 'training.train_frames' holds 'many', not a whole number");
		assertMessage(text.replaceFirst("\"sessions\": \\[", "\"sessions\": [{}, "),
				"field 'training.sessions[0]' holds '{}', not a session name");
		assertMessage(text.replaceFirst("\"empty_states\": \\[\\]", "\"empty_states\": [3]"),
				"field 'training.empty_states[0]' is 3, not a state (0 to 2)");
		assertMessage(text.replaceFirst("\"train\": \\[", "\"train\": [true, "), "field 'loglik.train[0]' holds 'true', not a number");
		assertMessage(text.replaceFirst("\"converged\": ", "\"converged\": [1], \"was\": "), "field 'training.converged' is not true/false");
		assertMessage(text.replaceFirst("\"loglik\": \\{", "\"loglik\": 5, \"was\": {"), "field 'loglik' is not an object");
		// NaN as the user wrote it (not '"NaN"'), and a covariance edited on one side of its diagonal only
		assertMessage(text.replaceFirst("(\"matrix\": \\[\\s*\\[)\\s*[-0-9.eE]+", "$1 \"NaN\""), "holds 'NaN', not a finite number");
		assertMessage(text.replaceFirst("(\"covariance\": \\[\\s*\\[\\s*[-0-9.eE]+,)\\s*[-0-9.eE]+", "$1 0.123456"),
				"field 'parameters[0].covariance' is not symmetric: [1][0] = ");
		BadInputException e = assertThrows(BadInputException.class, () -> HmmModel.read(dir.resolve("missing.json")));
		assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
		// a model for 3 PCs applied to a session with 2
		SessionData two = new SessionData("narrow", new double[200], 2, null);
		e = assertThrows(BadInputException.class, () -> m.decode(two, Decoding.Mode.POSTERIOR));
		assertTrue(e.getMessage().contains("describes 3 PCs but session narrow stores 2"), e.getMessage());
		// a covariance that is not positive definite
		ModelFile.Data d = ModelFile.read(good);
		d.covariances[1] = new double[] { 1, 2, 0, 2, 1, 0, 0, 0, 1 };
		e = assertThrows(BadInputException.class, () -> HmmModel.of(d, "edited.json"));
		assertTrue(e.getMessage().contains("edited.json") && e.getMessage().contains("not positive definite"),
				e.getMessage());
	}

	private void assertMessage(String content, String expected) throws Exception {
		Path p = dir.resolve("bad.json");
		Files.writeString(p, content);
		BadInputException e = assertThrows(BadInputException.class, () -> HmmModel.read(p));
		assertTrue(e.getMessage().contains(expected), e.getMessage());
		assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
	}
}
