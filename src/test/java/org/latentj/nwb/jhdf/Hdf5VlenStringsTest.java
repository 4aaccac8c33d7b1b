package org.latentj.nwb.jhdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import io.jhdf.checksum.ChecksumUtils;
import io.jhdf.object.datatype.VariableLength;

/** Fixed-length strings of a jhdf file patched into variable-length UTF-8 strings, pinned byte by byte. */
class Hdf5VlenStringsTest {

	@TempDir
	Path dir;

	/** The datatype HDF5 (h5py 3.7, libhdf5 1.10) writes for a variable-length UTF-8 string: class 9 over uint8. */
	private static final byte[] HDF5_VLEN_UTF8 = { 0x19, 0x01, 0x01, 0x00, 16, 0, 0, 0, 0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 8, 0 };

	private Path write(boolean reserve) {
		Path file = dir.resolve(reserve ? "vlen.h5" : "fixed.h5");
		try (WritableHdfFile f = HdfFile.write(file)) {
			f.putAttribute("nwb_version", "2.6.0");
			f.putAttribute("object_id", "a-long-enough-value-to-shrink-when-referenced");
			f.putAttribute("count", 7L);
			f.putDataset("file_create_date", new String[] { "2026-12-06T22:00:00.000000+00:00", "é" });
			f.putDataset("identifier", "id");
			WritableGroup g = f.putGroup("group");
			g.putAttribute("neurodata_type", "TimeSeries");
			g.putDataset("numbers", new double[] { 1, 2, 3 });
			if (reserve) Hdf5VlenStrings.reserveAll(f);
		}
		return file;
	}

	@Test
	void jhdfReadsBackVariableLengthStringsWithTheSameValues() throws IOException {
		Path file = write(true);
		long before = Files.size(file);
		Hdf5VlenStrings.convert(file);
		try (HdfFile h = new HdfFile(file)) {
			assertEquals("2.6.0", h.getAttribute("nwb_version").getData());
			assertVlen(h.getAttribute("nwb_version").getDataType());
			assertEquals("a-long-enough-value-to-shrink-when-referenced", h.getAttribute("object_id").getData());
			assertEquals(7L, h.getAttribute("count").getData());
			Dataset dates = h.getDatasetByPath("file_create_date");
			assertVlen(dates.getDataType());
			assertArrayEquals(new String[] { "2026-12-06T22:00:00.000000+00:00", "é" }, (String[]) dates.getData());
			assertEquals("id", h.getDatasetByPath("identifier").getData());
			Group g = (Group) h.getChild("group");
			assertEquals("TimeSeries", g.getAttribute("neurodata_type").getData());
			assertVlen(g.getAttribute("neurodata_type").getDataType());
			assertArrayEquals(new double[] { 1, 2, 3 }, (double[]) g.getDatasetByPath("numbers").getData());
			assertNull(h.getAttribute(Hdf5VlenStrings.PLACEHOLDER));
			assertNull(g.getAttribute(Hdf5VlenStrings.PLACEHOLDER));
		}

		byte[] bytes = Files.readAllBytes(file);
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		// superblock v2: end-of-file address = the new size, checksum over its first 44 bytes
		assertEquals(bytes.length, b.getLong(28));
		assertEquals(ChecksumUtils.checksum(Arrays.copyOf(bytes, 44)), b.getInt(44));
		// one global heap collection at the old end (8-aligned), HDF5's minimum size, the strings as objects 1, 2, ...
		int heap = (int) ((before + 7) & ~7);
		assertEquals("GCOL", new String(bytes, heap, 4, StandardCharsets.US_ASCII));
		assertEquals(1, bytes[heap + 4]);
		assertEquals(4096, b.getLong(heap + 8));
		assertTrue(bytes.length >= heap + 4096);
		int nwbVersion = objectWith(bytes, heap, "2.6.0");
		assertTrue(nwbVersion > 0, "2.6.0 is in the heap");
		// the root attribute nwb_version: HDF5's vlen UTF-8 datatype, then its reference (length, heap, index)
		int at = indexOf(bytes, "nwb_version\0".getBytes(StandardCharsets.US_ASCII), 0) + 12;
		assertArrayEquals(HDF5_VLEN_UTF8, Arrays.copyOfRange(bytes, at, at + 20));
		int ref = at + 20 + 4; // after the scalar dataspace (version 2, rank 0)
		assertEquals(5, b.getInt(ref));
		assertEquals(heap, b.getLong(ref + 4));
		assertEquals(nwbVersion, b.getInt(ref + 12));
	}

	@Test
	void h5pyReadsVariableLengthUtf8Strings() throws Exception {
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) && run("-c", "import h5py") == 0,
				"no /usr/bin/python3 with h5py (apt-get install python3-h5py to run this check)");
		Path file = write(true);
		Hdf5VlenStrings.convert(file);
		String script = String.join("\n", "import sys, h5py", "f = h5py.File(sys.argv[1], 'r')",
				"def vlen(t): i = h5py.check_string_dtype(t); assert i and i.length is None and i.encoding == 'utf-8', t",
				"vlen(f.attrs.get_id('nwb_version').dtype); vlen(f['file_create_date'].dtype); vlen(f['group'].attrs.get_id('neurodata_type').dtype)",
				"assert f.attrs['nwb_version'] == '2.6.0'",
				"assert [s.decode() for s in f['file_create_date'][()]] == ['2026-12-06T22:00:00.000000+00:00', 'é']",
				"assert f['identifier'][()] == b'id' and f.attrs['count'] == 7",
				"assert list(f['group/numbers'][()]) == [1, 2, 3]",
				"assert not any(k.startswith('latentj') for k in f.attrs)");
		assertEquals(0, run("-c", script, file.toString()), "h5py check failed (see output above)");
	}

	@Test
	void refusesHeadersWithoutReservedRoom() {
		Path file = write(false);
		IOException e = assertThrows(IOException.class, () -> Hdf5VlenStrings.convert(file));
		assertEquals("no room reserved for variable-length strings in the object header of /", e.getMessage());
	}

	private static void assertVlen(Object type) {
		VariableLength v = assertInstanceOf(VariableLength.class, type);
		assertTrue(v.isVariableLengthString());
		assertEquals(StandardCharsets.UTF_8, v.getEncoding());
	}

	/** Index (1, 2, ...) of the heap object holding {@code s}, or 0. */
	private static int objectWith(byte[] bytes, int heap, String s) {
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		byte[] want = s.getBytes(StandardCharsets.UTF_8);
		for (int at = heap + 16; at + 16 <= heap + 4096;) {
			int index = b.getShort(at) & 0xffff;
			long size = b.getLong(at + 8);
			if (index == 0) return 0;
			if (size == want.length && Arrays.equals(Arrays.copyOfRange(bytes, at + 16, at + 16 + want.length), want)) return index;
			at += 16 + (int) ((size + 7) & ~7);
		}
		return 0;
	}

	private static int indexOf(byte[] hay, byte[] needle, int from) {
		outer: for (int i = from; i + needle.length <= hay.length; i++) {
			for (int j = 0; j < needle.length; j++)
				if (hay[i + j] != needle[j]) continue outer;
			return i;
		}
		throw new AssertionError("not found: " + new String(needle, StandardCharsets.UTF_8));
	}

	private static int run(String... args) throws Exception {
		String[] cmd = new String[args.length + 1];
		cmd[0] = "/usr/bin/python3";
		System.arraycopy(args, 0, cmd, 1, args.length);
		Process p = new ProcessBuilder(cmd).inheritIO().start();
		assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
		return p.exitValue();
	}
}
