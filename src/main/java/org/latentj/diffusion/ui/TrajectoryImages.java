package org.latentj.diffusion.ui;

import org.latentj.diffusion.Trajectories;
import org.latentj.diffusion.Trajectories.Kind;
import org.latentj.util.BadInputException;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;

/**
 * Trajectories as Fiji sees them: a 32-bit image with one row per trajectory and one column per
 * step, plus a ResultsTable with the (alpha, D) of each row. The image remembers what its values are
 * (property {@value #KIND_PROPERTY}) and the title of its table ({@value #TABLE_PROPERTY}), so MSD
 * Analysis can run on the open image.
 */
public final class TrajectoryImages {

	public static final String KIND_PROPERTY = "LatentJ.kind";
	public static final String TABLE_PROPERTY = "LatentJ.parameters";

	private TrajectoryImages() {
	}

	/** The image (values as float) titled {@code title}; its table should be titled {@link #tableTitle(String)}. */
	public static ImagePlus image(Trajectories t, String title) {
		int w = t.length(), h = t.count();
		float[] pixels = new float[w * h];
		double[] v = t.values();
		for (int i = 0; i < pixels.length; i++) pixels[i] = (float) v[i];
		FloatProcessor fp = new FloatProcessor(w, h, pixels);
		fp.resetMinAndMax();
		ImagePlus imp = new ImagePlus(title, fp);
		Calibration cal = imp.getCalibration();
		cal.setXUnit("step");
		cal.setYUnit("trajectory");
		cal.xOrigin = -1; // column 0 is step 1
		cal.setValueUnit(t.kind().word);
		imp.setProperty(KIND_PROPERTY, t.kind().word);
		imp.setProperty(TABLE_PROPERTY, tableTitle(title));
		imp.setProperty("Info", "LatentJ trajectories: one row per trajectory, column t = " + (t.kind() == Kind.DISPLACEMENTS
				? "displacement dx_t" : "position x_t (x_0 = 0 not stored)") + ", t = 1.." + w + ".\nParameters (alpha, D) per row: table '"
				+ tableTitle(title) + "'.\n");
		return imp;
	}

	public static String tableTitle(String imageTitle) {
		return imageTitle + " parameters";
	}

	/** One row per trajectory with columns alpha and D. */
	public static ResultsTable parameterTable(Trajectories t) {
		ResultsTable rt = new ResultsTable(t.count());
		for (int i = 0; i < t.count(); i++) {
			rt.setValue("alpha", i, t.alpha(i));
			rt.setValue("D", i, t.d(i));
		}
		return org.latentj.ui.ResultsTables.format(rt);
	}

	/**
	 * Trajectories back from an image and its parameter table (rows in the same order), checking
	 * what a CSV file is checked for. The kind, unless given, comes from the image's property, and
	 * for an image without one from the values, as for a CSV file ({@link Trajectories#guessKind}).
	 */
	public static Trajectories fromImage(ImagePlus imp, ResultsTable params, Kind kind) {
		String name = "The image '" + imp.getTitle() + "'";
		if (imp.getStackSize() != 1 || imp.getBitDepth() != 32)
			throw new BadInputException(name + " is not a single 32-bit image with one trajectory per row.");
		if (kind == null) {
			Object p = imp.getProperty(KIND_PROPERTY);
			kind = p == null ? null : Kind.fromWord(p.toString());
		}
		int w = imp.getWidth(), h = imp.getHeight();
		if (w < 2) throw new BadInputException(name + " is " + w + " pixel wide; at least 2 steps are needed (T >= 2).");
		if (params == null) throw new BadInputException(name + " has no parameter table (alpha, D per row).");
		if (!params.columnExists("alpha") || !params.columnExists("D"))
			throw new BadInputException("The parameter table of " + imp.getTitle() + " needs columns 'alpha' and 'D'.");
		if (params.size() != h)
			throw new BadInputException("The parameter table of " + imp.getTitle() + " has " + params.size() + " rows but the image has " + h + ".");
		float[] pixels = (float[]) imp.getProcessor().getPixels();
		double[] alpha = new double[h], d = new double[h], values = new double[w * h];
		for (int i = 0; i < h; i++) {
			alpha[i] = params.getValue("alpha", i);
			d[i] = params.getValue("D", i);
			if (!(alpha[i] > 0 && alpha[i] <= 2))
				throw new BadInputException("The parameter table, row " + (i + 1) + ": alpha is " + alpha[i] + "; it must be in (0, 2].");
			if (!(d[i] > 0) || Double.isInfinite(d[i]))
				throw new BadInputException("The parameter table, row " + (i + 1) + ": D is " + d[i] + "; it must be a finite number > 0.");
		}
		for (int k = 0; k < values.length; k++) {
			if (!Float.isFinite(pixels[k]))
				throw new BadInputException(name + " has " + pixels[k] + " at row " + (k / w + 1) + ", column " + (k % w + 1) + ".");
			values[k] = pixels[k];
		}
		if (kind == null) {
			double r = Trajectories.lagOneAutocorrelation(values, h, w);
			kind = Trajectories.kindOf(r);
			if (kind == null) throw new BadInputException(name + ": " + Trajectories.cannotTell(r));
		}
		return new Trajectories(kind, w, alpha, d, values);
	}
}
