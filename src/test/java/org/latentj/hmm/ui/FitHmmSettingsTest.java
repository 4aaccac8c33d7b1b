package org.latentj.hmm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.FitSettings;
import org.scijava.plugin.Parameter;

/** Fit HMM's macro keys and the fit settings are one list. */
class FitHmmSettingsTest {

	@Test
	void everySettingIsAMacroKey() {
		Set<String> fields = new TreeSet<>();
		for (Field f : FitHmmCommand.class.getFields())
			if (f.isAnnotationPresent(Parameter.class)) fields.add(f.getName());
		fields.remove("sessions");
		fields.remove("output");
		assertEquals(fields, new TreeSet<>(FitSettings.keys()));
	}

	@Test
	void macroValuesBecomeSettings() {
		FitHmmCommand c = new FitHmmCommand();
		c.observations = "gaussian";
		c.states = 4;
		c.forgetting_rate = 0.25;
		c.seed = 77;
		c.train_fraction = 0.6;
		c.initial = "learned";
		c.split_merge = false;
		FitSettings s = c.settings();
		assertEquals("gaussian", s.observations);
		assertEquals(4, s.states);
		assertEquals(0.25, s.forgettingRate, 0);
		assertEquals(77, s.seed);
		assertEquals(0.6, s.trainFraction, 0);
		assertEquals(true, s.learnInitial);
		assertEquals(false, s.splitMerge);
		assertEquals(new FitSettings().lags, s.lags);
	}
}
