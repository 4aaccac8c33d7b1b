package org.latentj.diffusion.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.Headless;
import org.latentj.diffusion.LatentCsv;
import org.latentj.ij1.CommandFailures;
import org.latentj.testing.SyntheticLatents;

/**
 * Issue 13 item 8: Latent Analysis opens at most three windows (its neurons table, one stack of plots,
 * the mean-mu map), however many neurons are informative; the rest is in the output folder.
 */
class LatentWindowsTest {

	@TempDir
	Path dir;

	@Test
	void latentAnalysisShowsTwoImagesAndOneTable() throws Exception {
		Path latents = dir.resolve("synthetic.csv"), out = dir.resolve("analysis"), list = dir.resolve("images.txt");
		LatentCsv.write(latents, SyntheticLatents.twoInformative(400, 10, 2));
		String macro = "run('Latent Analysis', 'data=[" + latents + "] length=400 output=[" + out + "]');\n"
				+ "s = '' + nImages; for (i = 1; i <= nImages; i++) { selectImage(i); s = s + '\\n' + getTitle() + ':' + nSlices; }\n"
				+ "File.saveString(s, '" + list + "');";
		assertEquals(0, Headless.runMacro(macro, "", "latent.ijm"), "first failure: " + CommandFailures.first());
		String[] lines = Files.readString(list).split("\n");
		// two images (the tables cannot show headless; in the GUI the neurons table is the third window)
		assertEquals("2", lines[0]);
		// plots: mu_vs_alpha, mu_vs_logD and one per informative neuron (2); the map: a slice per neuron (6)
		assertEquals("Latent Analysis plots:4", lines[1]);
		assertEquals("6", lines[2].substring(lines[2].lastIndexOf(':') + 1));
		// what is not shown is saved
		for (String f : new String[] { "latent_r2.csv", "hist_mu1_alpha.tif", "hist_mu4_best.tif", "mu4_vs_best.png" })
			assertEquals(true, Files.isRegularFile(out.resolve(f)), f);
	}
}
