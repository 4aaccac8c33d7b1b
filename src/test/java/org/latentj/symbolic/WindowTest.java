package org.latentj.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentj.util.BadInputException;

/** Both Symbolic commands take a window longer than the training as all its epochs; only a window below 1 is refused. */
class WindowTest {

	@Test
	void theDefaultWindowIsReducedToTheEpochs() {
		CriticTrainer.Settings base = new CriticTrainer.Settings(FunctionLibrary.load("lib2"), -1, 1, 40, MlpGenerator.seed(),
				CriticTrainer.Extensions.NONE, true, 1, 8, 2, 32, Critic.Loss.LOGISTIC, 0, 3e-3, 1e-7, 2, 16, 2, 100, 1);
		SymbolicStudy.Settings s = new SymbolicStudy.Settings(base, List.of(FunctionLibrary.load("lib2")), List.of(CriticTrainer.Extensions.NONE), 50);
		assertEquals(2, s.window());
		assertEquals("; window 50 reduced to the 2 epochs trained", SymbolicStudy.windowNote(50, 2));
		assertEquals("", SymbolicStudy.windowNote(2, 2));
		assertEquals(1, SymbolicStudy.window(1, 2));
		BadInputException e = assertThrows(BadInputException.class, () -> SymbolicStudy.window(0, 2));
		assertEquals("The key 'window' is 0; it must be at least 1.", e.getMessage());
	}
}
