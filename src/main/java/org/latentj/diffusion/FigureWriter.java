package org.latentj.diffusion;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the pictures of a result (plots, calibrated images) into the output folder while it is
 * staged, so that tables and pictures appear together or not at all. ImageJ renders them, which the
 * core may not import: the commands pass their views' writer, scripts may pass null (tables only).
 */
@FunctionalInterface
public interface FigureWriter<R> {
	void write(R result, Path folder) throws IOException;
}
