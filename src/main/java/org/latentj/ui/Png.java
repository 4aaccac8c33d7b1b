package org.latentj.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.Prefs;
import ij.plugin.PNG_Writer;

/**
 * Saves an image as PNG and says when that fails. IJ.saveAs and FileSaver.saveAsPng cannot: in
 * ImageJ 1.54 both only show an error dialog (or print it headless) and return as if all went well,
 * so an output folder would be committed without its PNG.
 */
public final class Png {

	private Png() {
	}

	/** Writes {@code imp} to {@code path} as ImageJ's File > Save As > PNG would. */
	public static void save(ImagePlus imp, Path path) throws IOException {
		Files.newOutputStream(path).close(); // a clear IOException where the file cannot be made (ImageIO prints a trace)
		try {
			new PNG_Writer().writeImage(imp, path.toString(), Prefs.getTransparentIndex());
		} catch (IOException e) {
			throw new IOException("cannot write " + path + " (" + e.getMessage() + ")", e);
		} catch (Exception e) { // PNG_Writer declares Exception
			throw new IOException("cannot write " + path + " (" + e + ")", e);
		}
		if (!Files.isRegularFile(path)) throw new IOException("cannot write " + path);
	}
}
