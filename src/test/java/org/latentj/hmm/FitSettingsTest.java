package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.hmm.ModelFile;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

class FitSettingsTest {

	static FitSettings unusual() {
		FitSettings s = new FitSettings();
		s.observations = "gaussian";
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
		s.forgettingRate = 0.75;
		s.restarts = 1;
		s.seed = 1L << 40;
		s.trainFraction = 0.7;
		s.standardize = "whiten";
		s.init = "random";
		s.learnInitial = true;
		s.splitMerge = false;
		return s;
	}

	/** The keys, their order and their value types are what model.json has always recorded. */
	@Test
	void mapByMacroKey() {
		Map<String, Object> m = unusual().toMap();
		assertEquals(List.of("observations", "states", "lags", "pcs", "iterations", "tolerance", "transitions", "stickiness",
				"kappa", "alpha", "method", "epochs", "forgetting_rate", "restarts", "seed", "train_fraction", "standardize",
				"init", "initial", "split_merge"), List.copyOf(m.keySet()));
		assertEquals(List.of("gaussian", 3, 4, 2, 7, 1e-7, "learned", 0.9, 2.5, 1.25, "em", 3, 0.75, 1, 1L << 40, 0.7,
				"whiten", "random", "learned", false), List.copyOf(m.values()));
		assertEquals(FitSettings.keys(), List.copyOf(m.keySet()));
		assertEquals("uniform", new FitSettings().toMap().get("initial"));
	}

	@Test
	void copyKeepsEverySetting() {
		FitSettings s = unusual(), c = s.copy();
		assertNotSame(s, c);
		assertEquals(s.toMap(), c.toMap());
		assertEquals(s.forgettingRate, c.forgettingRate, 0);
		assertEquals(s.seed, c.seed);
		assertEquals(s.learnInitial, c.learnInitial);
	}

	/** Settings written to model.json read back to the same settings, value for value. */
	@Test
	void modelFileRoundTrip(@TempDir Path dir) throws Exception {
		FitSettings s = unusual();
		s.splitMerge = true;
		s.iterations = 3;
		FitResult r = HmmFitter.fit(Synthetic.sessions(0, 3, 2, new int[] { 300 }, 2), s, Progress.NONE);
		Path file = dir.resolve("model.json");
		HmmModel.of(r, List.of("synthetic_0")).write(file);
		Map<String, Object> read = ModelFile.read(file).settings;
		assertEquals(s.toMap().toString(), read.toString());
		assertEquals(s.toMap(), FitSettings.of(read).toMap());
	}

	@Test
	void badValuesNameTheKey() {
		FitSettings s = new FitSettings();
		BadInputException e = assertThrows(BadInputException.class, () -> s.set("states", 2.5));
		assertTrue(e.getMessage().startsWith("states must be a whole number"), e.getMessage());
		e = assertThrows(BadInputException.class, () -> s.set("initial", "first"));
		assertEquals("initial must be uniform or learned (got 'first').", e.getMessage());
		e = assertThrows(BadInputException.class, () -> s.set("colour", "red"));
		assertTrue(e.getMessage().contains("'colour' is not a Fit HMM setting"), e.getMessage());
	}
}
