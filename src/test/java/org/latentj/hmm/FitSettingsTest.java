package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.ui.FitHmmCommand;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

class FitSettingsTest {

	static FitHmmCommand unusual() {
		FitHmmCommand s = new FitHmmCommand();
		s.observations = "ar";
		s.states = 3;
		s.lags = 4;
		s.pcs = 2;
		s.iterations = 7;
		s.tolerance = 1e-7;
		s.transitions = "learned";
		s.stickiness = 0.9;
		s.kappa = 2.5;
		s.alpha = 1.25;
		s.method = "em";
		s.epochs = 3;
		s.forgetting_rate = 0.75;
		s.restarts = 1;
		s.seed = 1L << 40;
		s.train_fraction = 0.7;
		s.standardize = "whiten";
		s.init = "random";
		s.initial = "learned";
		s.split_merge = false;
		return s;
	}

	/** The keys, their order and their value types are what model.json has always recorded. */
	@Test
	void mapByMacroKey() {
		Map<String, Object> m = unusual().settings().toMap();
		assertEquals(List.of("observations", "states", "lags", "pcs", "iterations", "tolerance", "transitions", "stickiness",
				"kappa", "alpha", "method", "epochs", "forgetting_rate", "restarts", "seed", "train_fraction", "standardize",
				"init", "initial", "split_merge"), List.copyOf(m.keySet()));
		assertEquals(List.of("ar", 3, 4, 2, 7, 1e-7, "learned", 0.9, 2.5, 1.25, "em", 3, 0.75, 1, 1L << 40, 0.7,
				"whiten", "random", "learned", false), List.copyOf(m.values()));
		assertEquals(m, FitSettings.of(m).toMap());
		assertEquals("uniform", new FitHmmCommand().settings().toMap().get("initial"));
	}

	/** The record states what runs: Gaussian observations use no lags, split/merge needs 3 states. */
	@Test
	void settingsStateWhatRuns() {
		FitHmmCommand c = unusual();
		c.observations = "gaussian";
		assertEquals(0, c.settings().lags());
		c.split_merge = true;
		assertTrue(c.settings().splitMerge());
		c.states = 2;
		assertFalse(c.settings().splitMerge());
	}

	/**
	 * Settings written to model.json read back to the same settings, value for value; each fact once:
	 * training.settings holds only what the model body does not state (a Gaussian fit asked for lags=2
	 * wrote lags 0 at the top and 2 in training.settings).
	 */
	@Test
	void modelFileRoundTrip(@TempDir Path dir) throws Exception {
		for (String observations : new String[] { "ar", "gaussian" }) {
			FitHmmCommand c = unusual();
			c.observations = observations;
			c.lags = 2;
			c.split_merge = true;
			c.iterations = 3;
			FitSettings s = c.settings();
			FitResult r = HmmFitter.fit(Synthetic.sessions(0, 3, 2, new int[] { 300 }, 2), s, Progress.NONE);
			Path file = dir.resolve(observations + ".json");
			HmmModel.of(r, List.of("synthetic_0")).write(file);
			ModelFile.Data read = ModelFile.read(file);
			assertEquals(List.of("iterations", "tolerance", "method", "epochs", "forgetting_rate", "restarts", "seed",
					"train_fraction", "init", "split_merge"), List.copyOf(read.settings.keySet()));
			assertEquals(s.observations() == ObservationModel.AR ? 2 : 0, read.lags);
			assertEquals(s, FitSettings.of(read));
			assertFalse(Files.readString(file).contains("\"seconds\""));
		}
	}

	/** A model file written before training.settings lost the keys the body states still reads; the body wins. */
	@Test
	void oldModelFilesStillRead(@TempDir Path dir) throws Exception {
		FitHmmCommand c = unusual();
		c.observations = "gaussian";
		c.iterations = 2;
		FitResult r = HmmFitter.fit(Synthetic.sessions(0, 3, 2, new int[] { 300 }, 2), c.settings(), Progress.NONE);
		Path file = dir.resolve("model.json");
		HmmModel.of(r, List.of("synthetic_0")).write(file);
		String text = Files.readString(file).replace("\"settings\": {", "\"settings\": {\"observations\": \"gaussian\", "
				+ "\"states\": 3, \"lags\": 2, \"pcs\": 2, \"transitions\": \"learned\", \"stickiness\": 0.9, \"kappa\": 2.5, "
				+ "\"alpha\": 1.25, \"standardize\": \"whiten\", \"initial\": \"learned\", ")
				.replace("\"converged\":", "\"seconds\": 31.86, \"converged\":");
		Files.writeString(file, text);
		assertEquals(c.settings(), FitSettings.of(ModelFile.read(file)));
		assertEquals(3, HmmModel.read(file).hmm.states());
	}

	@Test
	void badValuesNameTheKey() {
		Map<String, Object> m = new LinkedHashMap<>(unusual().settings().toMap());
		m.put("states", 2.5);
		BadInputException e = assertThrows(BadInputException.class, () -> FitSettings.of(m));
		assertTrue(e.getMessage().startsWith("states must be a whole number"), e.getMessage());
		m.put("states", 3);
		m.put("initial", "first");
		e = assertThrows(BadInputException.class, () -> FitSettings.of(m));
		assertEquals("initial must be uniform or learned (got 'first').", e.getMessage());
		m.put("color", "red");
		e = assertThrows(BadInputException.class, () -> FitSettings.of(m));
		assertTrue(e.getMessage().contains("'color' is not a Fit HMM setting"), e.getMessage());
	}

	/** Stochastic EM ran without split/merge while model.json said split_merge true: the combination is refused. */
	@Test
	void stochasticWithSplitMergeIsRefused() {
		FitHmmCommand c = new FitHmmCommand();
		c.method = "stochastic";
		BadInputException e = assertThrows(BadInputException.class, c::settings);
		assertTrue(e.getMessage().contains("split_merge=false"), e.getMessage());
		c.split_merge = false;
		assertFalse(c.settings().splitMerge());
	}
}
