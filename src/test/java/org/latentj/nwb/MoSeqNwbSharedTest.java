package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentj.testing.SharedData;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Every shared session (written by pynwb) reads as h5py reads it: the values in
 * ../shared/data/moseq/h5py-values.json (shapes, sums, sample frames/pixels/rows, soft links).
 */
class MoSeqNwbSharedTest {

	private static JsonObject expected;

	@BeforeAll
	static void load() throws IOException {
		try (Reader r = Files.newBufferedReader(SharedData.require("data/moseq/h5py-values.json"))) {
			expected = JsonParser.parseReader(r).getAsJsonObject();
		}
	}

	/** Every .nwb file in ../shared/data/moseq (at least the three sessions documented there). */
	static List<String> sessions() throws IOException {
		List<String> names;
		try (Stream<Path> files = Files.list(SharedData.require("data/moseq"))) {
			names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nwb")).sorted()
					.collect(Collectors.toList());
		}
		assertTrue(names.size() >= 3, "shared MoSeq sessions: " + names);
		return names;
	}

	private static JsonObject entry(String session, String path) {
		assertTrue(expected.has(session), session + " has no entry in h5py-values.json");
		JsonObject e = expected.getAsJsonObject(session).getAsJsonObject(path);
		assertTrue(e != null, session + " " + path + " has no entry in h5py-values.json");
		return e;
	}

	private static int[] shape(JsonObject e) {
		JsonArray a = e.getAsJsonArray("shape");
		int[] s = new int[a.size()];
		for (int i = 0; i < s.length; i++)
			s[i] = a.get(i).getAsInt();
		return s;
	}

	private static void assertClose(double expected, double actual, String what) {
		assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
	}

	@ParameterizedTest
	@MethodSource("sessions")
	void framesEqualH5py(String session) {
		Path file = SharedData.require("data/moseq/" + session);
		for (boolean mask : new boolean[] { false, true }) {
			JsonObject e = entry(session, mask ? "/processing/MoSeq/Images/frames_masks/data" : "/processing/MoSeq/Images/frames/data");
			try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
				assertArrayEquals(shape(e), new int[] { nwb.frameCount(), nwb.height(), nwb.width() });
				assertEquals(0, nwb.frameChunkLoads(), "opening reads no frame");
				int n = nwb.width() * nwb.height();
				byte[] all = new byte[nwb.frameCount() * n];
				if (mask) {
					for (int t = 0; t < nwb.frameCount(); t++)
						nwb.readMask(t, all, t * n);
				} else nwb.readFrames(0, nwb.frameCount(), all, 0);
				double sum = 0, sumSq = 0;
				for (byte b : all) {
					int v = b & 0xff;
					sum += v;
					sumSq += (double) v * v;
				}
				assertEquals(e.get("sum").getAsDouble(), sum, session + " sum");
				assertEquals(e.get("sum_sq").getAsDouble(), sumSq, session + " sum of squares");
				for (String which : new String[] { "first", "middle", "last" }) {
					int t = e.get(which + "_index").getAsInt();
					JsonObject s = e.getAsJsonObject(which);
					byte[] f = new byte[n];
					if (mask) nwb.readMask(t, f, 0);
					else nwb.readFrame(t, f, 0);
					long fs = 0;
					for (byte b : f)
						fs += b & 0xff;
					assertEquals(s.get("sum").getAsLong(), fs, session + " frame " + t + " sum");
					assertEquals(s.get("pixel_40_40").getAsInt(), f[40 * nwb.width() + 40] & 0xff);
					assertEquals(s.get("pixel_10_70").getAsInt(), f[10 * nwb.width() + 70] & 0xff);
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("sessions")
	void pcsEqualH5py(String session) {
		try (MoSeqNwb nwb = MoSeqNwb.open(SharedData.require("data/moseq/" + session))) {
			for (boolean raw : new boolean[] { false, true }) {
				JsonObject e = entry(session, raw ? "/processing/MoSeq/PCs/pcs/data" : "/processing/MoSeq/PCs/pcs_clean/data");
				int[] shape = shape(e);
				assertEquals(shape[1], nwb.storedPcs());
				Pcs pcs = nwb.pcs(shape[1], raw);
				assertEquals(shape[0], pcs.frames());
				assertEquals(e.get("nan_count").getAsInt(), pcs.droppedFrames().length * shape[1], "NaN rows are whole rows");
				double sum = 0, sumSq = 0;
				for (double v : pcs.values())
					if (!Double.isNaN(v)) {
						sum += v;
						sumSq += v * v;
					}
				assertClose(e.get("sum").getAsDouble(), sum, session + " PC sum");
				assertClose(e.get("sum_sq").getAsDouble(), sumSq, session + " PC sum of squares");
				for (String which : new String[] { "first", "middle", "last" }) {
					int t = e.get(which + "_index").getAsInt();
					JsonArray row = e.getAsJsonArray(which);
					for (int k = 0; k < shape[1]; k++)
						assertEquals(row.get(k).getAsDouble(), pcs.get(t, k), "exact float32 value, row " + t);
				}
				// the first N columns are the stored ones (session_b's PCs are contiguous, the others' chunked)
				Pcs three = nwb.pcs(3, raw);
				assertEquals(pcs.get(7, 2), three.get(7, 2));
				assertEquals(3, three.columns());
				for (int t = 0; t < pcs.frames(); t++)
					for (int k = 0; k < 3; k++)
						assertEquals(pcs.get(t, k), three.get(t, k), "row " + t);
				assertArrayEquals(pcs.droppedFrames(), three.droppedFrames(), "NaN rows are whole rows");
			}
		}
	}

	@ParameterizedTest
	@MethodSource("sessions")
	void droppedFramesAreTheNanRowsAndRawLabelsMarkThem(String session) {
		try (MoSeqNwb nwb = MoSeqNwb.open(SharedData.require("data/moseq/" + session))) {
			int[] dropped = nwb.pcs(10, true).droppedFrames();
			assertTrue(dropped.length > 0);
			int[] raw = nwb.labels(true);
			int marked = 0;
			for (int t = 0; t < raw.length; t++)
				if (raw[t] == MoSeqLayout.DROPPED_LABEL) marked++;
			assertEquals(dropped.length, marked);
			for (int t : dropped)
				assertEquals(MoSeqLayout.DROPPED_LABEL, raw[t]);
			assertEquals(0, nwb.pcs(10, false).droppedFrames().length);
		}
	}

	@ParameterizedTest
	@MethodSource("sessions")
	void labelsEqualH5py(String session) {
		try (MoSeqNwb nwb = MoSeqNwb.open(SharedData.require("data/moseq/" + session))) {
			for (boolean raw : new boolean[] { false, true }) {
				JsonObject e = entry(session, raw ? "/processing/MoSeq/Labels/labels/data" : "/processing/MoSeq/Labels/labels_clean/data");
				int[] labels = nwb.labels(raw);
				assertEquals(shape(e)[0], labels.length);
				double sum = 0, sumSq = 0;
				for (int v : labels) {
					sum += v;
					sumSq += (double) v * v;
				}
				assertEquals(e.get("sum").getAsDouble(), sum);
				assertEquals(e.get("sum_sq").getAsDouble(), sumSq);
				for (String which : new String[] { "first", "middle", "last" })
					assertEquals(e.get(which).getAsInt(), labels[e.get(which + "_index").getAsInt()]);
			}
		}
	}

	@ParameterizedTest
	@MethodSource("sessions")
	void everyScalarEqualsH5py(String session) {
		assertTrue(expected.has(session), session + " has no entry in h5py-values.json");
		JsonObject all = expected.getAsJsonObject(session);
		String prefix = "/processing/MoSeq/Scalars/";
		try (MoSeqNwb nwb = MoSeqNwb.open(SharedData.require("data/moseq/" + session))) {
			int checked = 0;
			for (Map.Entry<String, JsonElement> en : all.entrySet()) {
				String p = en.getKey();
				if (!p.startsWith(prefix) || !p.endsWith("/data")) continue;
				String name = p.substring(prefix.length(), p.length() - "/data".length());
				JsonObject e = en.getValue().getAsJsonObject();
				assertTrue(nwb.scalarNames().contains(name), name);
				double[] v = nwb.scalar(name);
				assertEquals(shape(e)[0], v.length);
				double sum = 0, sumSq = 0;
				for (double x : v) {
					sum += x;
					sumSq += x * x;
				}
				assertClose(e.get("sum").getAsDouble(), sum, name + " sum");
				assertClose(e.get("sum_sq").getAsDouble(), sumSq, name + " sum of squares");
				for (String which : new String[] { "first", "middle", "last" })
					assertEquals(e.get(which).getAsDouble(), v[e.get(which + "_index").getAsInt()], name + " " + which);
				checked++;
			}
			assertEquals(MoSeqLayout.SCALAR_UNITS.keySet().size(), checked);
			assertEquals(MoSeqLayout.SCALAR_UNITS.keySet(), new java.util.LinkedHashSet<>(nwb.scalarNames()));
			assertEquals("radians", nwb.scalarUnit("angle"));
			assertEquals("px", nwb.scalarUnit("centroid_x_px"));
		}
	}

	@ParameterizedTest
	@MethodSource("sessions")
	void timestampsFpsAndSoftLinksEqualH5py(String session) {
		JsonObject e = entry(session, "/processing/MoSeq/Scalars/angle/timestamps");
		try (MoSeqNwb nwb = MoSeqNwb.open(SharedData.require("data/moseq/" + session))) {
			double[] ts = nwb.timestamps();
			assertEquals(shape(e)[0], ts.length);
			double sum = 0;
			for (double x : ts)
				sum += x;
			assertClose(e.get("sum").getAsDouble(), sum, "timestamp sum");
			for (String which : new String[] { "first", "middle", "last" })
				assertEquals(e.get(which).getAsDouble(), ts[e.get(which + "_index").getAsInt()]);
			assertEquals(30.0, nwb.fps(), 1e-6);
			assertEquals(MoSeqLayout.TIMESTAMPS_HOME, nwb.timestampsPath(), "frames/timestamps is a soft link to it");

			Map<String, String> links = new TreeMap<>();
			for (Map.Entry<String, JsonElement> en : expected.getAsJsonObject(session).getAsJsonObject("soft_links").entrySet())
				links.put(en.getKey(), en.getValue().getAsString());
			assertEquals(links, nwb.softLinks());
		}
	}

	@ParameterizedTest
	@MethodSource("sessions")
	void sessionMetadata(String session) {
		try (MoSeqNwb nwb = MoSeqNwb.open(SharedData.require("data/moseq/" + session))) {
			assertEquals(session.replace(".nwb", ""), nwb.sessionName());
			assertTrue(nwb.identifier().startsWith("00000000-0000-0000-"));
			assertEquals("session_b.nwb".equals(session), !nwb.framesChunked(), "session_b is the contiguous one");
		}
	}
}
