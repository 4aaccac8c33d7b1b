package org.latentj.nwb.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentj.nwb.ReaderCounters;
import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.Pcs;
import org.latentj.testing.OpenFiles;
import org.latentj.testing.SharedData;
import org.latentj.util.BadInputException;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.ImageProcessor;

class MoSeqSessionViewTest {

	private static MoSeqNwb open() {
		return MoSeqNwb.open(SharedData.require("data/moseq/session_a.nwb"));
	}

	@Test
	void framesImageIsACalibratedLazyTimeSeries() throws Exception {
		MoSeqNwb nwb = open();
		ImagePlus imp = MoSeqSessionView.framesImage(nwb);
		try {
			assertEquals("session_a", imp.getTitle());
			assertTrue(imp.getStack().isVirtual());
			assertEquals(3000, imp.getStackSize());
			assertEquals(3000, imp.getNFrames());
			assertEquals(1, imp.getNSlices());
			assertEquals(1, imp.getNChannels());
			assertEquals(8, imp.getBitDepth());
			assertTrue(ReaderCounters.frameChunkLoads(nwb) <= 2, "building the image read only the first frame (ImageJ shows it) and the middle one (display range)");

			Calibration cal = imp.getCalibration();
			assertEquals(1.34, cal.pixelWidth, 1e-4, "MoSeq's px-to-mm factor");
			assertEquals(cal.pixelWidth, cal.pixelHeight);
			assertEquals("mm", cal.getUnit());
			assertEquals("mm", cal.getZUnit());
			assertEquals("mm", cal.getValueUnit());
			assertEquals(40.0, cal.getCValue(40), 1e-12, "values are mm as stored");
			assertEquals(1 / 30.0, cal.frameInterval, 1e-9);
			assertEquals(30, cal.fps, 1e-6);
			assertEquals("s", cal.getTimeUnit());
			String info = (String) imp.getProperty("Info");
			assertTrue(info.contains("1.340000 mm"));
			assertTrue(info.contains("\nNWB identifier: " + nwb.identifier() + "\n"), info);
			assertTrue(info.contains("\nDescription: " + nwb.sessionDescription() + "\n"), info);
			assertTrue(imp.getDisplayRangeMax() > 40 && imp.getDisplayRangeMax() <= 255);

			// slice 1501 is frame 1500 (h5py: sum 35805, pixel (40,40) = 40)
			ImageProcessor ip = imp.getStack().getProcessor(1501);
			long sum = 0;
			for (byte b : (byte[]) ip.getPixels())
				sum += b & 0xff;
			assertEquals(35805, sum);
			assertEquals(40, ip.get(40, 40));
			assertEquals("frame 1500, 1284.500 s", imp.getStack().getSliceLabel(1501));

			NwbFrameStack stack = (NwbFrameStack) imp.getStack();
			stack.deleteSlice(1);
			assertEquals(2999, stack.getSize());
			assertEquals(1500, stack.frameOf(1500));
		} finally {
			imp.flush(); // what closing its window does
		}
		java.awt.EventQueue.invokeAndWait(() -> { }); // ImageJ tells image listeners on the event thread
		assertThrows(IllegalStateException.class, () -> nwb.frame(0), "closing the image closed the session");
	}

	/** Opening by path: when the image cannot be made (a damaged middle chunk), the session is closed. */
	@Test
	void aFramesImageThatCannotBeMadeLeavesNoSessionOpen(@TempDir Path dir) throws Exception {
		Path src = SharedData.testData("sim_session_1.nwb");
		byte[] all = Files.readAllBytes(src);
		byte[] raw = new byte[64];
		try (HdfFile h = new HdfFile(src)) {
			((ChunkedDataset) h.getDatasetByPath("/processing/MoSeq/Images/frames/data")).getRawChunkBuffer(new int[] { 1500, 0, 0 })
					.get(raw);
		}
		int at = indexOf(all, raw);
		assertTrue(at > 0);
		for (int i = at + 16; i < at + 400; i++)
			all[i] = (byte) (i * 7);
		Path damaged = Files.write(dir.resolve("damaged.nwb"), all);
		String m = assertThrows(BadInputException.class, () -> MoSeqSessionView.framesImage(damaged)).getMessage();
		assertTrue(m.contains("frame 1500"), m);
		assertEquals(0, OpenFiles.descriptorsOf(damaged), "the session was closed");
		ImagePlus ok = MoSeqSessionView.framesImage(src);
		assertEquals(3000, ok.getNFrames());
		ok.flush();
	}

	private static int indexOf(byte[] hay, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= hay.length; i++) {
			for (int j = 0; j < needle.length; j++)
				if (hay[i + j] != needle[j]) continue outer;
			return i;
		}
		return -1;
	}

	@Test
	void pcsTableHasOneRowAFrame() {
		try (MoSeqNwb nwb = open()) {
			ResultsTable clean = MoSeqSessionView.pcsTable(nwb, nwb.pcs(10, false), false);
			assertEquals(3000, clean.size());
			assertEquals(Arrays.asList("frame", "time", "pc1", "pc2", "pc3", "pc4", "pc5", "pc6", "pc7", "pc8", "pc9", "pc10"),
					Arrays.asList(clean.getHeadings()));
			Pcs pcs = nwb.pcs(10);
			assertEquals(pcs.get(1500, 9), clean.getValue("pc10", 1500));
			assertEquals(1500, clean.getValue("frame", 1500));
			assertEquals(1284.5, clean.getValue("time", 1500), 1e-9);

			ResultsTable raw = MoSeqSessionView.pcsTable(nwb, nwb.pcs(3, true), true);
			assertEquals(Arrays.asList("frame", "time", "pc1", "pc2", "pc3", "dropped"), Arrays.asList(raw.getHeadings()));
			double dropped = 0;
			for (double d : raw.getColumn("dropped"))
				dropped += d;
			assertEquals(15, dropped);
			int first = nwb.pcs(3, true).droppedFrames()[0];
			assertTrue(Double.isNaN(raw.getValue("pc1", first)));
		}
	}

	@Test
	void scalarsTableHoldsEveryScalarAndTheLabels() {
		try (MoSeqNwb nwb = open()) {
			ResultsTable rt = MoSeqSessionView.scalarsTable(nwb);
			assertEquals(3000, rt.size());
			for (String name : nwb.scalarNames())
				assertArrayEquals(nwb.scalar(name), rt.getColumn(name), name);
			int[] labels = nwb.labels();
			double[] col = rt.getColumn("label");
			for (int t = 0; t < labels.length; t++)
				assertEquals(labels[t], col[t]);
			assertEquals(-5, rt.getColumn("label_raw")[nwb.pcs(10, true).droppedFrames()[0]]);
		}
	}
}
