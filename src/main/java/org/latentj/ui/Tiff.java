package org.latentj.ui;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.gui.Overlay;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.RoiEncoder;
import ij.io.TiffEncoder;

/**
 * Saves an image as TIFF and says why when that fails. FileSaver.saveAsTiff reports a failed write
 * (a full disk) through an error dialog, which headless is a HeadlessException and in the GUI a
 * second message; this writes the same file (calibration, slice labels, info, LUT, overlay) with
 * ImageJ's TiffEncoder and lets the IOException through.
 */
public final class Tiff {

	private Tiff() {
	}

	public static void save(ImagePlus imp, Path path) throws IOException {
		FileInfo fi = imp.getFileInfo();
		ImageStack stack = imp.getStack();
		if (stack.isVirtual()) fi.virtualStack = (VirtualStack) stack;
		fi.description = new FileSaver(imp).getDescriptionString();
		fi.info = imp.getInfoProperty();
		if (imp.getStackSize() > 1) fi.sliceLabels = stack.getSliceLabels();
		else if (imp.getProperty("Label") != null) fi.sliceLabels = new String[] { (String) imp.getProperty("Label") };
		Overlay overlay = imp.getOverlay();
		if (overlay != null && overlay.size() > 0) {
			byte[][] rois = new byte[overlay.size()][];
			for (int i = 0; i < rois.length; i++) rois[i] = RoiEncoder.saveAsByteArray(overlay.get(i));
			fi.overlay = rois;
		}
		try (OutputStream os = Files.newOutputStream(path);
				DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 20))) {
			new TiffEncoder(fi).write(out);
		}
	}
}
