package org.latentj.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Decoding streams (docs/promises.md, "Bounded memory"): a child JVM with a 160 MB heap decodes a
 * 2,000,000-frame, 8-state session, which the estimate before streaming (T x K x 36 bytes = 576 MB)
 * refused and which the whole-run forward-backward cannot hold (its log-likelihoods alone are
 * 128 MB, its messages three times that); the labels are checked against the sampled states.
 */
class LongDecodingTest {

	@Test
	void aLongSessionDecodesInASmallHeap() throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-Xmx160m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				LongDecoding.class.getName(), "2000000").redirectErrorStream(true).start();
		String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(child.waitFor(5, TimeUnit.MINUTES));
		assertEquals(0, child.exitValue(), out);
		List<String> lines = out.lines().toList();
		long heap = value(lines, "heap "); // the old estimate (36 bytes per frame and state) was 576 MB here
		for (String mode : new String[] { "POSTERIOR", "VITERBI" }) {
			assertTrue(value(lines, mode + " estimate ") < heap / 2, out);
			double agree = Double.parseDouble(line(lines, mode + " agreement "));
			assertTrue(agree > 0.99, mode + ": " + out);
		}
		assertTrue(lines.contains("whole-run posterior: OutOfMemoryError"), "the old path needed more heap: " + out);
	}

	private static String line(List<String> lines, String prefix) {
		return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " in " + lines))
				.substring(prefix.length());
	}

	private static long value(List<String> lines, String prefix) {
		return Long.parseLong(line(lines, prefix));
	}
}
