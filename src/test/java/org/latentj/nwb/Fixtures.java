package org.latentj.nwb;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The tiny libhdf5-written files in src/test/resources/org/latentj/io/fixtures (see make_fixtures.py there). */
final class Fixtures {
	private Fixtures() {
	}

	static Path path(String name) {
		try {
			return Path.of(Fixtures.class.getResource("fixtures/" + name).toURI());
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}
}
