package org.latentj.nwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.latentj.testing.OpenFiles;
import org.latentj.testing.SharedData;

import io.jhdf.HdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.dataset.ChunkedDataset;

/** Frames are read lazily, through a cache that stays within its budget, from several threads. */
@Timeout(60)
class MoSeqNwbLazyTest {

	private static final int CHUNK_BYTES = 100 * 80 * 80; // session_a: chunks of 100 whole frames

	@Test
	void openingReadsNoFrameAndOneFrameReadsOneChunk() {
		Path file = SharedData.require("data/moseq/session_a.nwb");
		try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
			assertEquals(0, nwb.frameChunkLoads());
			assertEquals(0, nwb.frameCacheBytes());
			assertArrayEquals(new int[] { 100, 80, 80 }, nwb.frameChunkDimensions());
			nwb.frame(1500);
			assertEquals(1, nwb.frameChunkLoads());
			nwb.frame(1599);
			assertEquals(1, nwb.frameChunkLoads(), "frames 1500-1599 share a chunk");
			nwb.frame(1600);
			assertEquals(2, nwb.frameChunkLoads());
		}
	}

	@Test
	void aSessionOf36000FramesOpensWithoutReadingFrames(@org.junit.jupiter.api.io.TempDir Path dir) {
		int t = 36_000;
		java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
		byte[][][] frames = new byte[t][TinyHdf5.H][TinyHdf5.W];
		frames[t - 1][2][3] = 77;
		m.put("/processing/MoSeq/Images/frames/data", frames);
		m.put("/processing/MoSeq/PCs/pcs_clean/data", new float[t][2]);
		double[] ts = new double[t];
		for (int i = 0; i < t; i++)
			ts[i] = i / 30.0;
		m.put("/processing/MoSeq/Scalars/angle/timestamps", ts);
		m.put("/processing/MoSeq/Scalars/angle/data", new float[t]);
		Path file = dir.resolve("long.nwb");
		TinyHdf5.write(file, m, io.jhdf.api.DatasetCreationOptions.builder().unsigned()
				.chunkDimensions(100, TinyHdf5.H, TinyHdf5.W).deflate(4).build());
		try (MoSeqNwb nwb = MoSeqNwb.open(file, 4L * 100 * TinyHdf5.H * TinyHdf5.W)) {
			assertEquals(t, nwb.frameCount());
			assertEquals(0, nwb.frameChunkLoads(), "opening reads no frame");
			assertEquals(77, nwb.frame(t - 1)[2 * TinyHdf5.W + 3]);
			assertEquals(1, nwb.frameChunkLoads(), "the last frame costs one chunk");
			byte[] f = new byte[TinyHdf5.H * TinyHdf5.W];
			for (int i = 0; i < t; i += 7) {
				nwb.readFrame(i, f, 0);
				assertTrue(nwb.frameCacheBytes() <= 4L * 100 * TinyHdf5.H * TinyHdf5.W);
			}
			assertEquals(361, nwb.frameChunkLoads(), "a pass decodes each of the 360 chunks once (+ the first read)");
		}
	}

	@Test
	void cacheStaysWithinItsBudgetOverAWholeSession() {
		Path file = SharedData.require("data/moseq/session_a.nwb");
		long budget = 2L * CHUNK_BYTES;
		try (MoSeqNwb nwb = MoSeqNwb.open(file, budget)) {
			byte[] f = new byte[80 * 80];
			for (int t = 0; t < nwb.frameCount(); t++) {
				nwb.readFrame(t, f, 0);
				assertTrue(nwb.frameCacheBytes() <= budget, "cache holds " + nwb.frameCacheBytes() + " bytes at frame " + t);
			}
			assertEquals(30, nwb.frameChunkLoads(), "a sequential pass decodes each chunk once");
			// going back beyond the budget decodes again
			nwb.readFrame(0, f, 0);
			assertEquals(31, nwb.frameChunkLoads());
		}
	}

	/**
	 * Frames and masks share one budget, and a chunk counts what it holds: its decoded bytes, plus
	 * its compressed bytes until it is wholly inflated.
	 */
	@Test
	void theCacheCountsCompressedBytesAndMasksInOneBudget() {
		Path file = SharedData.testData("sim_session_1.nwb"); // frames and masks: gzip chunks of 100 frames
		long frames0, masks0;
		try (HdfFile h = new HdfFile(file)) {
			frames0 = ((ChunkedDataset) h.getDatasetByPath("/processing/MoSeq/Images/frames/data"))
					.getRawChunkBuffer(new int[] { 0, 0, 0 }).remaining();
			masks0 = ((ChunkedDataset) h.getDatasetByPath("/processing/MoSeq/Images/frames_masks/data"))
					.getRawChunkBuffer(new int[] { 0, 0, 0 }).remaining();
		}
		long budget = 2L * CHUNK_BYTES;
		try (MoSeqNwb nwb = MoSeqNwb.open(file, budget)) {
			nwb.frame(0);
			assertEquals(CHUNK_BYTES + frames0, nwb.frameCacheBytes(), "partly inflated: the compressed bytes count");
			nwb.frame(99);
			assertEquals(CHUNK_BYTES, nwb.frameCacheBytes(), "whole: the compressed bytes are gone");
			nwb.readMask(0, new byte[CHUNK_BYTES / 100], 0);
			assertEquals(CHUNK_BYTES + masks0, nwb.frameCacheBytes(), "the mask chunk evicted the frames chunk");
			assertEquals(1, nwb.frameChunkLoads(), "mask chunks are not frame chunks");
			for (int t = 0; t < nwb.frameCount(); t += 37) {
				nwb.frame(t);
				nwb.readMask(nwb.frameCount() - 1 - t, new byte[CHUNK_BYTES / 100], 0);
				assertTrue(nwb.frameCacheBytes() <= budget, nwb.frameCacheBytes() + " bytes held at frame " + t);
			}
		}
	}

	@Test
	void severalThreadsReadTheSameFramesAsOne() throws Exception {
		for (String session : new String[] { "session_c.nwb", "session_b.nwb" }) {
			Path file = SharedData.require("data/moseq/" + session);
			long[] reference;
			try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
				reference = new long[nwb.frameCount()];
				for (int t = 0; t < reference.length; t++)
					reference[t] = checksum(nwb.frame(t));
			}
			// budget of one chunk: threads constantly evict each other's chunks
			try (MoSeqNwb nwb = MoSeqNwb.open(file, 1)) {
				ExecutorService pool = Executors.newFixedThreadPool(4);
				try {
					List<Future<Integer>> jobs = new ArrayList<>();
					for (int w = 0; w < 4; w++) {
						int seed = w;
						jobs.add(pool.submit(() -> {
							Random rnd = new Random(seed);
							byte[] f = new byte[80 * 80];
							int bad = 0;
							for (int i = 0; i < 300; i++) {
								int t = rnd.nextInt(reference.length);
								nwb.readFrame(t, f, 0);
								if (checksum(f) != reference[t]) bad++;
							}
							return bad;
						}));
					}
					for (Future<Integer> j : jobs)
						assertEquals(0, j.get(), session + ": frames read concurrently differ");
				} finally {
					pool.shutdownNow();
				}
			}
		}
	}

	@Test
	void closedSessionRefusesReads() {
		MoSeqNwb nwb = MoSeqNwb.open(SharedData.require("data/moseq/session_c.nwb"));
		nwb.close();
		assertThrows(IllegalStateException.class, () -> nwb.frame(0));
		nwb.close(); // twice is fine
	}

	/**
	 * Closing a session leaves no descriptor of its file open, whatever mix of storage its frames
	 * and masks use (chunked frames with contiguous masks once leaked a channel per open).
	 */
	@Test
	void closingReleasesEveryFileDescriptor(@org.junit.jupiter.api.io.TempDir Path dir) {
		byte[][][] frames = new byte[TinyHdf5.T][TinyHdf5.H][TinyHdf5.W];
		frames[3][1][2] = 9;
		DatasetCreationOptions chunked = DatasetCreationOptions.builder().unsigned().chunkDimensions(5, TinyHdf5.H, TinyHdf5.W)
				.deflate(4).build();
		DatasetCreationOptions contiguous = DatasetCreationOptions.builder().unsigned().build();
		String framesPath = "/processing/MoSeq/Images/frames/data", masksPath = "/processing/MoSeq/Images/frames_masks/data";
		DatasetCreationOptions[][] mixes = { { chunked, contiguous }, { contiguous, chunked }, { contiguous, contiguous },
				{ chunked, chunked } };
		for (int i = 0; i < mixes.length; i++) {
			Map<String, Object> m = TinyHdf5.validMoSeq();
			m.put(framesPath, frames);
			m.put(masksPath, frames);
			Path file = dir.resolve("mix" + i + ".nwb");
			TinyHdf5.write(file, m, Map.of(framesPath, mixes[i][0], masksPath, mixes[i][1]), Map.of());
			for (int k = 0; k < 20; k++)
				try (MoSeqNwb nwb = MoSeqNwb.open(file)) {
					byte[] mask = new byte[TinyHdf5.H * TinyHdf5.W];
					nwb.readMask(3, mask, 0);
					assertEquals(9, nwb.frame(3)[TinyHdf5.W + 2]);
					assertEquals(9, mask[TinyHdf5.W + 2]);
				}
			assertEquals(0, OpenFiles.descriptorsOf(file), "descriptors of " + file.getFileName() + " left open");
		}
	}

	@Test
	void framesOutsideTheSessionAreRefused() {
		try (MoSeqNwb nwb = MoSeqNwb.open(SharedData.require("data/moseq/session_c.nwb"))) {
			assertThrows(IndexOutOfBoundsException.class, () -> nwb.frame(nwb.frameCount()));
			assertThrows(IndexOutOfBoundsException.class, () -> nwb.frame(-1));
		}
	}

	private static long checksum(byte[] f) {
		long h = 1;
		for (byte b : f)
			h = 31 * h + b;
		return h;
	}
}
