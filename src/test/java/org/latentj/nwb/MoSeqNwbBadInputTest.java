package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.testing.SharedData;
import org.latentj.util.BadInputException;

import io.jhdf.HdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.dataset.ChunkedDataset;

/**
 * Every bad input gives one BadInputException whose message names the file and, where there is
 * one, the HDF5 path; never another exception type, never a hang (the timeout guards that).
 */
@Timeout(30)
class MoSeqNwbBadInputTest {

	@TempDir
	Path dir;

	private String failOpen(Path file) {
		BadInputException e = assertThrows(BadInputException.class, () -> MoSeqNwb.open(file).close());
		String m = e.getMessage();
		assertTrue(m.contains(file.toString()), "names the file: " + m);
		assertFalse(m.contains("\n"), "one line: " + m);
		return m;
	}

	private Path tiny(String name, Consumer<Map<String, Object>> edit) {
		Map<String, Object> m = TinyHdf5.validMoSeq();
		edit.accept(m);
		Path file = dir.resolve(name);
		TinyHdf5.write(file, m);
		return file;
	}

	private static void assertContains(String message, String... parts) {
		for (String p : parts)
			assertTrue(message.contains(p), "message should contain '" + p + "': " + message);
	}

	@Test
	void theTinyValidFileOpens() {
		try (MoSeqNwb nwb = MoSeqNwb.open(tiny("ok.nwb", m -> { }))) {
			assertEquals(TinyHdf5.T, nwb.frameCount());
			assertEquals(TinyHdf5.W, nwb.width());
			assertEquals(TinyHdf5.H, nwb.height());
			assertEquals(207, nwb.frame(7)[TinyHdf5.H / 2 * TinyHdf5.W + TinyHdf5.W / 2] & 0xff);
			assertEquals(30, nwb.fps(), 1e-9);
			assertEquals(MoSeqLayout.TIMESTAMPS_HOME, nwb.timestampsPath());
		}
	}

	@Test
	void missingFile() {
		assertContains(failOpen(dir.resolve("nope.nwb")), "does not exist");
	}

	@Test
	void folder() {
		assertContains(failOpen(dir), "folder");
	}

	@Test
	void emptyFile() throws IOException {
		Path f = Files.createFile(dir.resolve("empty.nwb"));
		assertContains(failOpen(f), "not an HDF5 file", "empty");
	}

	@Test
	void textFile() throws IOException {
		Path f = dir.resolve("notes.nwb");
		Files.writeString(f, "frame,pc1\n1,2\n".repeat(100), StandardCharsets.UTF_8);
		assertContains(failOpen(f), "not an HDF5 file");
	}

	@Test
	void truncatedCopies() throws IOException {
		for (String session : new String[] { "session_a.nwb", "session_b.nwb" }) {
			byte[] all = Files.readAllBytes(SharedData.require("data/moseq/" + session));
			for (double keep : new double[] { 0.001, 0.3, 0.9, 0.9999 }) {
				Path f = dir.resolve("cut-" + keep + "-" + session);
				Files.write(f, Arrays.copyOf(all, (int) (all.length * keep)));
				assertContains(failOpen(f), "truncated", "bytes");
			}
		}
	}

	@Test
	void truncatedCopyOfAWrittenFile() throws IOException {
		Path ok = tiny("ok.nwb", m -> { });
		byte[] all = Files.readAllBytes(ok);
		Path f = dir.resolve("cut.nwb");
		Files.write(f, Arrays.copyOf(all, all.length - 100));
		assertContains(failOpen(f), "truncated");
	}

	@Test
	void hdf5WithoutTheMoSeqModule() {
		Path f = dir.resolve("other.h5");
		TinyHdf5.write(f, Map.of("/acquisition/something/data", new double[] { 1, 2, 3 }));
		assertContains(failOpen(f), "/processing/MoSeq", "no MoSeq processing module");
	}

	/** Writes a tiny file edited by {@code edit} and checks that opening it names {@code path} as missing. */
	private void assertMissing(String name, Consumer<Map<String, Object>> edit, String path) {
		assertContains(failOpen(tiny(name, edit)), path, "missing");
	}

	@Test
	void missingFrames() {
		assertMissing("noframes.nwb", m -> m.remove("/processing/MoSeq/Images/frames/data"), "/processing/MoSeq/Images/frames/data");
	}

	@Test
	void missingPcs() {
		assertMissing("nopcs.nwb", m -> {
			m.remove("/processing/MoSeq/PCs/pcs_clean/data");
			m.remove("/processing/MoSeq/PCs/pcs/data");
		}, "/processing/MoSeq/PCs/pcs_clean/data");
	}

	@Test
	void missingTimestamps() {
		assertMissing("nots.nwb", m -> m.remove("/processing/MoSeq/Scalars/angle/timestamps"), "/processing/MoSeq/Images/frames/timestamps");
	}

	@Test
	void aScalarSeriesWithoutData() {
		assertMissing("noscalar.nwb", m -> {
			m.remove("/processing/MoSeq/Scalars/centroid_x_px/data");
			m.put("/processing/MoSeq/Scalars/centroid_x_px/timestamps", new double[TinyHdf5.T]);
		}, "/processing/MoSeq/Scalars/centroid_x_px/data");
	}

	@Test
	void lengthMismatches() {
		int t = TinyHdf5.T;
		Map<String, Object> bad = Map.of(
				"/processing/MoSeq/PCs/pcs_clean/data", new float[t - 1][TinyHdf5.P],
				"/processing/MoSeq/Labels/labels_clean/data", new long[t + 3],
				"/processing/MoSeq/Scalars/centroid_x_px/data", new float[t - 2],
				"/processing/MoSeq/Scalars/angle/timestamps", new double[t + 1]);
		for (Map.Entry<String, Object> e : bad.entrySet()) {
			Path f = tiny("len" + e.getKey().hashCode() + ".nwb", m -> m.put(e.getKey(), e.getValue()));
			assertContains(failOpen(f), e.getKey(), "rows", "/processing/MoSeq/Images/frames/data has " + t + " frames");
		}
	}

	@Test
	void wrongDtypes() {
		int t = TinyHdf5.T;
		Path f = tiny("floatframes.nwb", m -> m.put("/processing/MoSeq/Images/frames/data", new float[t][8][6]));
		assertContains(failOpen(f), "/processing/MoSeq/Images/frames/data", "float32", "uint8");
		f = tiny("int16frames.nwb", m -> m.put("/processing/MoSeq/Images/frames/data", new short[t][8][6]));
		assertContains(failOpen(f), "/processing/MoSeq/Images/frames/data", "int16", "uint8");
		f = tiny("intpcs.nwb", m -> m.put("/processing/MoSeq/PCs/pcs_clean/data", new int[t][4]));
		assertContains(failOpen(f), "/processing/MoSeq/PCs/pcs_clean/data", "int32", "floating-point");
		f = tiny("floatlabels.nwb", m -> m.put("/processing/MoSeq/Labels/labels_clean/data", new double[t]));
		assertContains(failOpen(f), "/processing/MoSeq/Labels/labels_clean/data", "float64", "integers");
		String[] names = new String[t];
		Arrays.fill(names, "x");
		f = tiny("stringscalar.nwb", m -> m.put("/processing/MoSeq/Scalars/angle/data", names));
		assertContains(failOpen(f), "/processing/MoSeq/Scalars/angle/data", "string", "numbers");
		f = tiny("longts.nwb", m -> m.put("/processing/MoSeq/Scalars/angle/timestamps", new long[t]));
		assertContains(failOpen(f), "/processing/MoSeq/Scalars/angle/timestamps", "int64");
	}

	@Test
	void wrongRanks() {
		Path f = tiny("flatframes.nwb", m -> m.put("/processing/MoSeq/Images/frames/data", new byte[TinyHdf5.T * 48]));
		assertContains(failOpen(f), "/processing/MoSeq/Images/frames/data", "shape (960)", "3 dimensions");
		f = tiny("flatpcs.nwb", m -> m.put("/processing/MoSeq/PCs/pcs_clean/data", new float[TinyHdf5.T]));
		assertContains(failOpen(f), "/processing/MoSeq/PCs/pcs_clean/data", "2 dimensions");
	}

	/** jhdf reads uint64 as BigInteger[]: labels and scalars of that type read as the numbers they are. */
	@Test
	void uint64LabelsAndScalarsReadAsNumbers() {
		int t = TinyHdf5.T;
		long[] labels = new long[t], big = new long[t];
		for (int i = 0; i < t; i++)
			labels[i] = i % 5;
		big[7] = Long.MIN_VALUE; // 2^63 as uint64
		DatasetCreationOptions unsigned = DatasetCreationOptions.builder().unsigned().build();
		String labelsPath = "/processing/MoSeq/Labels/labels_clean/data", scalarPath = "/processing/MoSeq/Scalars/centroid_x_px/data";
		Map<String, Object> m = TinyHdf5.validMoSeq();
		m.put(labelsPath, labels);
		m.put(scalarPath, big);
		Path f = dir.resolve("uint64.nwb");
		TinyHdf5.write(f, m, Map.of(labelsPath, unsigned, scalarPath, unsigned), Map.of());
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			int[] expected = new int[t];
			for (int i = 0; i < t; i++)
				expected[i] = i % 5;
			assertArrayEquals(expected, nwb.labels());
			double[] v = nwb.scalar("centroid_x_px");
			assertEquals(0x1p63, v[7]);
			assertEquals(0, v[6]);
		}
		m.put(labelsPath, big);
		f = dir.resolve("uint64-big.nwb");
		TinyHdf5.write(f, m, Map.of(labelsPath, unsigned), Map.of());
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			String msg = assertThrows(BadInputException.class, () -> nwb.labels()).getMessage();
			assertContains(msg, f.toString(), labelsPath, "9223372036854775808", "frame 7", "outside the int");
		}
	}

	/** Soft links that loop (directly or through another link) are named, at open and after. */
	@Test
	void softLinksThatLoop() {
		String frameTs = "/processing/MoSeq/Images/frames/timestamps";
		Path f = dir.resolve("loop.nwb");
		TinyHdf5.write(f, TinyHdf5.validMoSeq(), Map.of(), Map.of(frameTs, frameTs));
		assertContains(failOpen(f), frameTs, "is a soft link that loops");

		Map<String, Object> m = TinyHdf5.validMoSeq();
		m.remove("/processing/MoSeq/Scalars/angle/timestamps");
		f = dir.resolve("loop2.nwb");
		TinyHdf5.write(f, m, Map.of(), Map.of(frameTs, "/processing/MoSeq/Scalars/angle/timestamps",
				"/processing/MoSeq/Scalars/angle/timestamps", frameTs));
		assertContains(failOpen(f), frameTs, "is a soft link that loops");

		// after open: the identifier is only shown, so a looping one reads as absent, not as a crash
		f = dir.resolve("loop3.nwb");
		TinyHdf5.write(f, TinyHdf5.validMoSeq(), Map.of(), Map.of("/identifier", "/identifier"));
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			assertNull(nwb.identifier());
			assertEquals(TinyHdf5.T, nwb.frameCount());
		}
	}

	@Test
	void aSessionWithoutFrames() {
		assertContains(failOpen(Fixtures.path("no_frames.nwb")), "/processing/MoSeq/Images/frames/data", "holds no frames");
	}

	/** One timestamp gives no frame interval: refused, unless the series states its rate. */
	@Test
	void aSessionOfOneFrame() {
		Path f = dir.resolve("one.nwb");
		Map<String, Object> m = TinyHdf5.validMoSeq(1);
		TinyHdf5.write(f, m);
		assertContains(failOpen(f), "/processing/MoSeq/Images/frames/data", "holds only 1 frame", "frame interval");
		m.remove("/processing/MoSeq/Scalars/angle/timestamps");
		m.put("/processing/MoSeq/Images/frames/starting_time", new TinyHdf5.Attributed(2.0, Map.of("rate", 25.0)));
		TinyHdf5.write(f, m);
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			assertEquals(1, nwb.frameCount());
			assertEquals(0.04, nwb.frameInterval());
			assertArrayEquals(new double[] { 2.0 }, nwb.timestamps());
		}
	}

	/** Without timestamps, NWB's starting_time + rate give the frame times. */
	@Test
	void startingTimeAndRateInsteadOfTimestamps() {
		String start = "/processing/MoSeq/Images/frames/starting_time";
		Map<String, Object> m = TinyHdf5.validMoSeq();
		m.remove("/processing/MoSeq/Scalars/angle/timestamps");
		m.put(start, new TinyHdf5.Attributed(1.5, Map.of("rate", 25.0, "unit", "seconds")));
		Path f = dir.resolve("rate.nwb");
		TinyHdf5.write(f, m);
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			double[] ts = nwb.timestamps();
			assertEquals(TinyHdf5.T, ts.length);
			for (int t = 0; t < ts.length; t++)
				assertEquals(1.5 + t / 25.0, ts[t], 1e-12, "frame " + t);
			assertEquals(start, nwb.timestampsPath());
			assertEquals(0.04, nwb.frameInterval(), 1e-15);
			assertEquals(25, nwb.fps(), 1e-12);
		}
		for (Object rate : new Object[] { 0.0, -30.0, Double.NaN, "fast" }) {
			m.put(start, new TinyHdf5.Attributed(1.5, Map.of("rate", rate)));
			TinyHdf5.write(f, m);
			assertContains(failOpen(f), start, "no positive 'rate' attribute");
		}
		m.put(start, 1.5);
		TinyHdf5.write(f, m);
		assertContains(failOpen(f), start, "no positive 'rate' attribute");
	}

	@Test
	void masksThatDoNotMatchTheFrames() {
		int t = TinyHdf5.T;
		String masks = "/processing/MoSeq/Images/frames_masks/data";
		Path f = tiny("narrowmasks.nwb", m -> m.put(masks, new byte[t][TinyHdf5.H][TinyHdf5.W - 1]));
		assertContains(failOpen(f), masks, "has shape (20, 8, 5)", "/processing/MoSeq/Images/frames/data has (20, 8, 6)");
		f = tiny("shortmasks.nwb", m -> m.put(masks, new byte[t - 1][TinyHdf5.H][TinyHdf5.W]));
		assertContains(failOpen(f), masks, "has shape (19, 8, 6)");
		f = tiny("floatmasks.nwb", m -> m.put(masks, new float[t][TinyHdf5.H][TinyHdf5.W]));
		assertContains(failOpen(f), masks, "float32", "uint8");
		Map<String, Object> m = TinyHdf5.validMoSeq();
		m.put(masks, new byte[t][TinyHdf5.H][TinyHdf5.W]);
		f = dir.resolve("int8masks.nwb");
		TinyHdf5.write(f, m, Map.of(masks, DatasetCreationOptions.builder().build()), Map.of()); // signed
		assertContains(failOpen(f), masks, "int8", "uint8");
	}

	@Test
	void aGroupWhereADatasetShouldBe() {
		Path f = tiny("groupframes.nwb", m -> {
			m.remove("/processing/MoSeq/Images/frames/data");
			m.put("/processing/MoSeq/Images/frames/data/inner", new double[] { 1 });
		});
		assertContains(failOpen(f), "/processing/MoSeq/Images/frames/data", "group, not a dataset");
	}

	@Test
	void timestampsThatDoNotIncrease() {
		Path f = tiny("flatts.nwb", m -> m.put("/processing/MoSeq/Scalars/angle/timestamps", new double[TinyHdf5.T]));
		assertContains(failOpen(f), "/processing/MoSeq/Scalars/angle/timestamps", "does not increase");
	}

	@Test
	void requestsBeyondWhatIsStored() {
		Path f = tiny("ok.nwb", m -> m.remove("/processing/MoSeq/Labels/labels/data"));
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			String m = assertThrows(BadInputException.class, () -> nwb.pcs(5)).getMessage();
			assertContains(m, f.toString(), "/processing/MoSeq/PCs/pcs_clean/data", "holds 4 PCs", "5 PCs");
			m = assertThrows(BadInputException.class, () -> nwb.pcs(0, true)).getMessage();
			assertContains(m, "/processing/MoSeq/PCs/pcs/data");
			m = assertThrows(BadInputException.class, () -> nwb.labels(true)).getMessage();
			assertContains(m, f.toString(), "/processing/MoSeq/Labels/labels/data", "missing");
			m = assertThrows(BadInputException.class, () -> nwb.scalar("height_ave_mm")).getMessage();
			assertContains(m, "/processing/MoSeq/Scalars/height_ave_mm/data", "angle, centroid_x_px");
			m = assertThrows(BadInputException.class, () -> nwb.readMask(0, new byte[48], 0)).getMessage();
			assertContains(m, "/processing/MoSeq/Images/frames_masks/data", "missing");
		}
	}

	@Test
	void nanInCleanPcsIsRefusedNotPassedOn() {
		float[][] pcs = new float[TinyHdf5.T][TinyHdf5.P];
		pcs[5][2] = Float.NaN;
		Path f = tiny("nanclean.nwb", m -> {
			m.put("/processing/MoSeq/PCs/pcs_clean/data", pcs);
			m.put("/processing/MoSeq/PCs/pcs/data", pcs);
		});
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			assertContains(assertThrows(BadInputException.class, () -> nwb.pcs(4)).getMessage(),
					"/processing/MoSeq/PCs/pcs_clean/data", "NaN", "frame 5");
			assertEquals(5, nwb.pcs(4, true).droppedFrames()[0], "raw PCs report the NaN row instead");
		}
	}

	@Test
	void aCorruptedFrameChunkFailsWithAMessageWhenRead() throws IOException {
		Path src = SharedData.require("data/moseq/session_c.nwb");
		byte[] all = Files.readAllBytes(src);
		// find chunk 10 of the frames in the file by its compressed bytes, then damage it
		byte[] raw;
		try (HdfFile h = new HdfFile(src)) {
			ByteBuffer b = ((ChunkedDataset) h.getDatasetByPath("/processing/MoSeq/Images/frames/data"))
					.getRawChunkBuffer(new int[] { 500, 0, 0 });
			raw = new byte[64];
			b.get(raw);
		}
		int at = indexOf(all, raw);
		assertTrue(at > 0);
		for (int i = at + 16; i < at + 400; i++)
			all[i] = (byte) (i * 7);
		Path f = dir.resolve("damaged.nwb");
		Files.write(f, all);
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			nwb.frame(0); // other chunks are fine
			String m = assertThrows(BadInputException.class, () -> nwb.frame(520)).getMessage();
			assertContains(m, f.toString(), "/processing/MoSeq/Images/frames/data", "frame 500", "damaged");
		}
	}

	@Test
	void inputFilesAreNotModified() throws IOException {
		Path f = tiny("ok.nwb", m -> { });
		byte[] before = Files.readAllBytes(f);
		long modified = Files.getLastModifiedTime(f).toMillis();
		try (MoSeqNwb nwb = MoSeqNwb.open(f)) {
			nwb.frame(3);
			nwb.pcs(2);
			nwb.labels();
			nwb.scalar("angle");
		}
		assertTrue(Arrays.equals(before, Files.readAllBytes(f)));
		assertEquals(modified, Files.getLastModifiedTime(f).toMillis());
	}

	private static int indexOf(byte[] hay, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= hay.length; i++) {
			for (int j = 0; j < needle.length; j++)
				if (hay[i + j] != needle[j]) continue outer;
			return i;
		}
		return -1;
	}
}
