package org.latentj.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many fields a CSV file holds, estimated from its first megabyte, so that a reader can check
 * the memory it will need before it reads (util.Memory) rather than fail with OutOfMemoryError
 * half-way.
 */
public final class CsvSize {

	private static final int SAMPLE = 1 << 20;

	private CsvSize() {
	}

	/** Fields in the file (header included), extrapolated from the first megabyte; 0 when unreadable. */
	public static long estimatedFields(Path path) {
		try (InputStream in = Files.newInputStream(path)) {
			long size = Files.size(path);
			byte[] buf = in.readNBytes((int) Math.min(SAMPLE, size));
			long fields = 0;
			boolean inField = false;
			for (byte b : buf) {
				if (b == ',' || b == '\n') {
					if (inField || b == ',') fields++;
					inField = false;
				} else if (b != '\r') inField = true;
			}
			if (inField) fields++;
			if (buf.length == 0) return 0;
			return (long) Math.ceil(fields * ((double) size / buf.length));
		} catch (IOException e) {
			return 0; // the reader itself reports it
		}
	}
}
