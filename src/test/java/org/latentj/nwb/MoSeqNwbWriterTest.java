package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.nwb.simulate.MoSeqSimulationSettings;
import org.latentj.nwb.simulate.MoSeqSimulator;
import org.latentj.nwb.simulate.SimulatedSession;
import org.latentj.testing.SharedData;
import org.latentj.util.Progress;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.VariableLength;

/** Simulate -> write -> read gives back exactly what was simulated, in the shared sessions' layout. */
class MoSeqNwbWriterTest {

	@TempDir
	static Path dir;
	private static SimulatedSession sim;
	private static Path file;

	@BeforeAll
	static void write() throws IOException {
		// 250 frames: two full chunks of 100 and a partial one
		sim = MoSeqSimulator.simulate(MoSeqSimulationSettings.of(250, 4, 10, 2, 0.9, 3), "round-trip", Progress.NONE);
		file = dir.resolve("round_trip.nwb");
		MoSeqNwbWriter.write(file, sim.data);
	}

	@Test
	void readsBackIdentically() {
		MoSeqSessionData d = sim.data;
		try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
			assertEquals("round_trip", nwb.sessionName());
			assertEquals("round-trip", nwb.identifier());
			assertEquals(d.description, nwb.sessionDescription());
			assertEquals(d.frames, nwb.frameCount());
			assertEquals(80, nwb.width());
			assertEquals(80, nwb.height());
			assertTrue(nwb.framesChunked());
			assertArrayEquals(new int[] { 100, 80, 80 }, nwb.frameChunkDimensions());
			byte[] frames = new byte[d.depth.length];
			nwb.readFrames(0, d.frames, frames, 0);
			assertArrayEquals(d.depth, frames);
			byte[] masks = new byte[d.masks.length];
			for (int t = 0; t < d.frames; t++)
				nwb.readMask(t, masks, t * 6400);
			assertArrayEquals(d.masks, masks);

			Pcs clean = nwb.pcs(d.pcs);
			Pcs raw = nwb.pcs(d.pcs, true);
			for (int i = 0; i < d.pcsClean.length; i++) {
				assertEquals(d.pcsClean[i], clean.values()[i]);
				assertEquals(d.pcsRaw[i], raw.values()[i]); // NaN equals NaN here
			}
			assertArrayEquals(sim.droppedFrames, raw.droppedFrames());
			assertArrayEquals(d.labelsClean, nwb.labels());
			assertArrayEquals(d.labelsRaw, nwb.labels(true));
			assertEquals(List.copyOf(new java.util.TreeSet<>(d.scalars.keySet())), nwb.scalarNames());
			for (Map.Entry<String, float[]> e : d.scalars.entrySet()) {
				double[] v = nwb.scalar(e.getKey());
				for (int t = 0; t < d.frames; t++)
					assertEquals(e.getValue()[t], v[t], e.getKey());
				assertEquals(MoSeqLayout.SCALAR_UNITS.get(e.getKey()), nwb.scalarUnit(e.getKey()));
			}
			assertArrayEquals(d.timestamps, nwb.timestamps());
			assertEquals(30, nwb.fps(), 1e-9);
			assertEquals(MoSeqLayout.TIMESTAMPS_HOME, nwb.timestampsPath());
		}
	}

	@Test
	void softLinksAreThoseOfTheSharedSessions() {
		Path shared = SharedData.require("data/moseq/session_a.nwb");
		try (MoSeqNwb written = MoSeqNwb.open(file); MoSeqNwb pynwb = MoSeqNwb.open(shared)) {
			assertEquals(pynwb.softLinks(), written.softLinks());
			assertEquals(19, written.softLinks().size());
		}
	}

	@Test
	void layoutEqualsTheSharedSessions() {
		Path shared = SharedData.require("data/moseq/session_a.nwb");
		Map<String, String> expected = layout(shared);
		Map<String, String> actual = layout(file);
		assertEquals(expected.keySet(), actual.keySet(), "same groups, datasets and links");
		for (String path : expected.keySet())
			assertEquals(expected.get(path), actual.get(path), path);
	}

	/** pynwb 2.3.1 opens only files whose nwb_version is a str; the validator wants file_create_date vlen (issue 16). */
	@Test
	void everyStringIsVariableLengthUtf8AsPynwbWritesThem() {
		try (HdfFile h = new HdfFile(file)) {
			List<String> strings = new ArrayList<>();
			checkStrings(h, strings);
			assertTrue(strings.contains("/@nwb_version") && strings.contains("/file_create_date")
					&& strings.contains(MoSeqLayout.FRAMES + "/data@unit"), strings.toString());
			assertEquals("2.6.0", h.getAttribute("nwb_version").getData());
		}
	}

	private static void checkStrings(Node n, List<String> seen) {
		if (n.isLink()) return;
		String at = n.getPath().equals("/") ? "/" : n.getPath();
		for (Attribute a : n.getAttributes().values()) {
			assertFalse(a.getName().startsWith("latentj."), "placeholder left at " + at + "@" + a.getName());
			if (a.getJavaType() == String.class) {
				assertVlenUtf8(a.getDataType(), at + "@" + a.getName());
				seen.add(at + "@" + a.getName());
			}
		}
		if (n instanceof Dataset d && d.getJavaType() == String.class) {
			assertVlenUtf8(d.getDataType(), at);
			seen.add(at);
		}
		if (n instanceof Group g)
			for (Node c : g.getChildren().values())
				checkStrings(c, seen);
	}

	private static void assertVlenUtf8(Object type, String where) {
		assertTrue(type instanceof VariableLength v && v.isVariableLengthString()
				&& v.getEncoding().equals(java.nio.charset.StandardCharsets.UTF_8), where + " is not a variable-length UTF-8 string");
	}

	@Test
	void objectIdsAreUuidsUniqueInTheFile() {
		Pattern uuid = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		List<String> ids = new ArrayList<>();
		try (HdfFile h = new HdfFile(file)) {
			collectIds(h, ids);
		}
		assertEquals(25, ids.size(), "the file, the module, 4 BehavioralTimeSeries, 19 series");
		assertEquals(ids.size(), ids.stream().distinct().count());
		for (String id : ids)
			assertTrue(uuid.matcher(id).matches(), id);
	}

	@Test
	void writingLeavesNoTemporaryFilesAndReplacesTheTarget() throws IOException {
		Path target = dir.resolve("again.nwb");
		Files.writeString(target, "old content");
		MoSeqNwbWriter.write(target, sim.data);
		try (MoSeqNwb nwb = MoSeqNwb.open(target)) {
			assertEquals(sim.data.frames, nwb.frameCount());
		}
		try (Stream<Path> files = Files.list(dir)) {
			assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".partial")));
		}
	}

	/** The writer keeps the timestamps under Scalars/angle: session data without that scalar is refused. */
	@Test
	void sessionDataWithoutTheAngleScalarIsRefused() {
		MoSeqSessionData d = sim.data;
		Map<String, float[]> noAngle = new TreeMap<>(d.scalars);
		noAngle.remove("angle");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MoSeqSessionData(d.identifier,
				d.description, d.startTime, d.height, d.width, d.depth, d.masks, d.pcs, d.pcsRaw, d.pcsClean, d.labelsRaw,
				d.labelsClean, noAngle, d.timestamps));
		assertTrue(e.getMessage().contains("'angle'") && e.getMessage().contains(MoSeqLayout.TIMESTAMPS_HOME), e.getMessage());
	}

	/** The reader needs two frames for a frame interval, so session data of one frame is refused. */
	@Test
	void sessionDataOfOneFrameIsRefused() {
		MoSeqSessionData d = sim.data;
		int n = d.height * d.width, p = d.pcs;
		Map<String, float[]> scalars = new TreeMap<>();
		for (Map.Entry<String, float[]> e : d.scalars.entrySet())
			scalars.put(e.getKey(), java.util.Arrays.copyOf(e.getValue(), 1));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MoSeqSessionData(d.identifier,
				d.description, d.startTime, d.height, d.width, java.util.Arrays.copyOf(d.depth, n),
				java.util.Arrays.copyOf(d.masks, n), p, java.util.Arrays.copyOf(d.pcsRaw, p), java.util.Arrays.copyOf(d.pcsClean, p),
				new int[1], new int[1], scalars, new double[] { 0 }));
		assertTrue(e.getMessage().contains("at least 2 frames"), e.getMessage());
	}

	@Test
	void aFailedWriteLeavesNothing() throws IOException {
		Path notAFolder = dir.resolve("plain-file");
		Files.writeString(notAFolder, "x");
		assertThrows(RuntimeException.class, () -> MoSeqNwbWriter.write(notAFolder.resolve("s.nwb"), sim.data));
		assertFalse(Files.exists(notAFolder.resolve("s.nwb")));
	}

	/**
	 * What must match between two MoSeq NWB files, path by path: kind, element type, the shape
	 * after the time axis, chunking and compression of the MoSeq data, and the attributes NWB
	 * readers use (object_id only as "present"). Cached specifications, /general's free-text
	 * entries and the root's reference to the specifications are pynwb's, not the layout's.
	 */
	static Map<String, String> layout(Path f) {
		Map<String, String> out = new TreeMap<>();
		try (HdfFile h = new HdfFile(f)) {
			walk(h, out);
		}
		return out;
	}

	private static void walk(Group g, Map<String, String> out) {
		for (Node n : g.getChildren().values()) {
			String p = n.getPath();
			if (p.startsWith("/specifications") || p.startsWith("/general/")) continue;
			if (n instanceof Link) {
				out.put(p, "link -> " + ((Link) n).getTargetPath());
				continue;
			}
			StringBuilder sb = new StringBuilder();
			if (n instanceof Group) sb.append("group");
			else {
				Dataset d = (Dataset) n;
				int[] dims = d.getDimensions();
				sb.append("dataset ").append(CheckedHdf5.typeName(d)).append(" rank ").append(dims.length);
				if (dims.length > 1) sb.append(" frame shape ").append(java.util.Arrays.toString(java.util.Arrays.copyOfRange(dims, 1, dims.length)));
				if (p.startsWith("/processing") && !p.endsWith("/timestamps") && !p.endsWith("/format")) {
					sb.append(d instanceof ChunkedDataset ? " chunked " + ((ChunkedDataset) d).getChunkDimensions()[0] : " contiguous");
					sb.append(" filters ").append(d.getFilters());
				}
			}
			Map<String, Object> attrs = new TreeMap<>();
			for (Map.Entry<String, Attribute> a : n.getAttributes().entrySet()) {
				String name = a.getKey();
				if (name.equals(".specloc") || name.equals("_jHDF")) continue;
				Object v = a.getValue().getData();
				attrs.put(name, name.equals("object_id") ? "(uuid)" : v instanceof Number ? ((Number) v).doubleValue() : v);
			}
			out.put(p, sb + " " + attrs);
			if (n instanceof Group) walk((Group) n, out);
		}
	}

	private static void collectIds(Group g, List<String> ids) {
		Attribute a = g.getAttribute("object_id");
		if (a != null) ids.add((String) a.getData());
		for (Node n : g.getChildren().values())
			if (n instanceof Group && !(n instanceof Link)) collectIds((Group) n, ids);
	}
}
