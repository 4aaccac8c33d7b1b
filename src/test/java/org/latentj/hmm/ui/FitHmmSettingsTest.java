package org.latentj.hmm.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentj.hmm.FitSettings;
import org.latentj.util.BadInputException;
import org.latentj.util.Choices;
import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;

/** Fit HMM's macro keys and the fit settings are one list, declared by the command's fields. */
class FitHmmSettingsTest {

	@Test
	void everySettingIsAMacroKey() {
		List<String> fields = new ArrayList<>();
		for (Field f : FitHmmCommand.class.getFields())
			if (f.isAnnotationPresent(Parameter.class) && f.getAnnotation(Parameter.class).type() != ItemIO.OUTPUT) fields.add(f.getName());
		fields.remove("sessions");
		fields.remove("output");
		List<String> components = new ArrayList<>();
		for (RecordComponent c : FitSettings.class.getRecordComponents()) components.add(FitSettings.key(c.getName()));
		assertEquals(components, fields);
	}

	/** A choice field offers exactly the options of its enum. */
	@Test
	void choicesAreTheEnums() throws Exception {
		for (RecordComponent c : FitSettings.class.getRecordComponents())
			if (c.getType().isEnum()) {
				String[] choices = FitHmmCommand.class.getField(FitSettings.key(c.getName())).getAnnotation(Parameter.class)
						.choices();
				@SuppressWarnings("unchecked")
				String[] options = Choices.keys((Class<? extends Enum<?>>) c.getType());
				java.util.Arrays.sort(choices);
				java.util.Arrays.sort(options);
				assertArrayEquals(options, choices, c.getName());
			}
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
		assertEquals(org.latentj.hmm.ObservationModel.GAUSSIAN, s.observations());
		assertEquals(4, s.states());
		assertEquals(0.25, s.forgettingRate(), 0);
		assertEquals(77, s.seed());
		assertEquals(0.6, s.trainFraction(), 0);
		assertEquals(FitSettings.Initial.LEARNED, s.initial());
		assertEquals(false, s.splitMerge());
		assertEquals(0, s.lags()); // Gaussian observations use none
	}

	/** The bounds of the annotations hold for callers in Java too, with the macro's message. */
	@Test
	void boundsOfTheFieldsAreChecked() {
		FitHmmCommand c = new FitHmmCommand();
		c.stickiness = 1.5;
		BadInputException e = assertThrows(BadInputException.class, c::settings);
		assertEquals("Fit HMM: the key 'stickiness' must be at most 1, not 1.5.", e.getMessage());
		c.stickiness = 1;
		e = assertThrows(BadInputException.class, c::settings);
		assertTrue(e.getMessage().startsWith("stickiness must be between 0 and 1, exclusive"), e.getMessage());
	}
}
