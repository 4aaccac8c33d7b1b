package org.latentj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.diffusion.LatentCsv;
import org.latentj.diffusion.TrajectoryCsv;
import org.latentj.util.BadInputException;
import org.latentj.util.Progress;

/** A JSON file (a model or critic) given where a CSV is expected is said to be JSON, not a field-count mismatch. */
class CsvJsonTest {

	@TempDir
	Path dir;

	@Test
	void aJsonFileIsNamedAsSuchWithWhatToGive() throws IOException {
		Path model = dir.resolve("model.json");
		Files.writeString(model, "\n  {\n  \"format\": \"latentj\",\n  \"weights\": [1, 2]\n}\n");
		BadInputException e = assertThrows(BadInputException.class, () -> CsvTable.read(model));
		assertEquals("The CSV file " + model + " is a JSON file (a model or critic?), not a CSV table; give a CSV table with a header row.",
				e.getMessage());
		e = assertThrows(BadInputException.class, () -> LatentCsv.read(model));
		assertEquals("The CSV file " + model + " is a JSON file (a model or critic?), not a CSV table;"
				+ " give a latent CSV (alpha,D,mu_0..,logvar_0.., as Encode Trajectories writes).", e.getMessage());
		Path array = dir.resolve("list.json");
		Files.writeString(array, "[1,\n2]\n");
		e = assertThrows(BadInputException.class, () -> TrajectoryCsv.read(array, null, Progress.NONE));
		assertEquals("The CSV file " + array + " is a JSON file (a model or critic?), not a CSV table; give a trajectory CSV (alpha,D,x1..xT).",
				e.getMessage());
		// a CSV whose first field merely contains a brace is still read as CSV
		Path csv = dir.resolve("ok.csv");
		Files.writeString(csv, "a{,b\n1,2\n");
		assertEquals(2.0, CsvTable.read(csv).number(0, 1));
	}
}
