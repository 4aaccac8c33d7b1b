package org.latentj.syllables.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.latentj.dynamics.ui.FitTrainingPhasesCommand;
import org.latentj.hmm.GaussianHmm;
import org.latentj.ij1.CommandSpec;
import org.latentj.util.BadInputException;
import org.latentj.syllables.CrowdMovies;
import org.latentj.syllables.SyllableOverlaySettings;
import org.latentj.syllables.TransitionNormalization;

/**
 * The choices a dialog offers (the {@code @Parameter} annotation, which can only hold constants) are
 * the keys of the enums the entry points take, so every choice parses and every enum value is offered.
 */
class ChoicesMatchEnumsTest {

	private static String[] sorted(String[] keys) {
		String[] s = keys.clone();
		Arrays.sort(s);
		return s;
	}

	@Test
	void everyChoiceIsAnEnumKey() {
		assertArrayEquals(sorted(Arrays.stream(TransitionNormalization.values()).map(n -> n.key).toArray(String[]::new)),
				sorted(CommandSpec.of(SyllableStatisticsCommand.class).input("normalization").choices()));
		assertArrayEquals(sorted(Arrays.stream(CrowdMovies.Heading.values()).map(h -> h.key).toArray(String[]::new)),
				sorted(CommandSpec.of(CrowdMovieCommand.class).input("heading").choices()));
		assertArrayEquals(sorted(Arrays.stream(SyllableOverlaySettings.Render.values()).map(r -> r.key).toArray(String[]::new)),
				sorted(CommandSpec.of(SyllableOverlayCommand.class).input("render").choices()));
		for (Class<?> c : new Class<?>[] { org.latentj.symbolic.ui.TrainSymbolicDiscriminatorCommand.class, org.latentj.symbolic.ui.SymbolicStudyCommand.class })
			assertArrayEquals(sorted(org.latentj.util.Choices.keys(org.latentj.symbolic.CurveGenerator.Kind.class)),
					sorted(CommandSpec.of(c).input("generator").choices()));
	}

	/** Fit Training Phases' covariance (full, diag) is GaussianHmm.Covariance, each choice parsing to its constant. */
	@Test
	void covarianceChoicesAreTheGaussianHmmCovariances() {
		String[] choices = CommandSpec.of(FitTrainingPhasesCommand.class).input("covariance").choices();
		assertArrayEquals(sorted(Arrays.stream(GaussianHmm.Covariance.values()).map(GaussianHmm.Covariance::key).toArray(String[]::new)),
				sorted(choices));
		for (String c : choices) assertEquals(c, GaussianHmm.Covariance.parse(c).key());
		assertEquals("covariance must be full or diag (got 'spherical').",
				assertThrows(BadInputException.class, () -> GaussianHmm.Covariance.parse("spherical")).getMessage());
	}
}
