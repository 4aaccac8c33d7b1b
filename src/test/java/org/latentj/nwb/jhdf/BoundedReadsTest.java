package org.latentj.nwb.jhdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.storage.HdfBackingStorage;

/** The channel swap under jhdf: reads inside the file work as before, reads outside fail at once. */
class BoundedReadsTest {

	@TempDir
	Path dir;

	@Test
	void readsInsideWorkAndReadsOutsideFailAtOnce() throws Exception {
		Path f = dir.resolve("x.h5");
		try (WritableHdfFile w = HdfFile.write(f)) {
			w.putDataset("d", new double[] { 1, 2, 3 });
		}
		long size = Files.size(f);
		try (HdfFile h = new HdfFile(f)) {
			BoundedReads.install(h);
			BoundedReads.install(h); // twice is harmless
			assertArrayEquals(new double[] { 1, 2, 3 }, (double[]) h.getDatasetByPath("d").getData());
			Field s = HdfFile.class.getDeclaredField("hdfBackingStorage");
			s.setAccessible(true);
			HdfBackingStorage storage = (HdfBackingStorage) s.get(h);
			assertTrue(storage.mapNoOffset(size - 8, 8).remaining() == 8);
			// before: jhdf read into a fresh buffer past the end (after a failed map, every read did)
			BoundedReads.OutsideFileException e = assertThrows(BoundedReads.OutsideFileException.class,
					() -> storage.readBufferFromAddress(size - 8, 1 << 20));
			assertTrue(e.getMessage().contains("but the file has " + size), e.getMessage());
			assertThrows(BoundedReads.OutsideFileException.class, () -> storage.mapNoOffset(size - 8, 9));
			// mapping still works afterwards (jhdf did not fall back to reading whole buffers)
			assertTrue(storage.mapNoOffset(0, 8).remaining() == 8);
		}
	}
}
