package org.latentj.nwb.ui;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;

import org.latentj.nwb.MoSeqNwb;
import org.latentj.nwb.Pcs;
import org.latentj.ui.ResultsTables;

import ij.ImageListener;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

/**
 * What "Open MoSeq NWB" shows: the depth frames as a calibrated virtual hyperstack and the PCs and
 * scalars as ResultsTables (one row a frame). Never shows anything itself.
 * <p>
 * Calibration of the frames image: x and y in mm, the pixel size being MoSeq's own px-to-mm factor
 * ({@link MoSeqNwb#mmPerPixel()}, 1.34 mm for the shared sessions; pixels stay uncalibrated when
 * the session lacks the scalars to derive it); frames along the time axis with the frame interval
 * (the median step of the timestamps) in seconds and the frame rate; pixel values are heights above
 * the floor in mm, which the value unit (an identity calibration function) and the z unit say.
 */
public final class MoSeqSessionView {
	private MoSeqSessionView() {
	}

	/**
	 * The frames as a calibrated time series titled after the session. The image owns the session
	 * from then on: closing the image closes it.
	 */
	public static ImagePlus framesImage(MoSeqNwb nwb) {
		NwbFrameStack stack = new NwbFrameStack(nwb);
		ImagePlus imp = new ImagePlus(nwb.sessionName(), stack);
		imp.setDimensions(1, 1, stack.getSize());
		imp.setOpenAsHyperStack(true);
		Calibration cal = imp.getCalibration();
		OptionalDouble mm = nwb.mmPerPixel();
		if (mm.isPresent()) {
			cal.pixelWidth = cal.pixelHeight = mm.getAsDouble();
			cal.setUnit("mm");
		}
		cal.setZUnit("mm");
		cal.frameInterval = nwb.frameInterval();
		cal.fps = nwb.fps();
		cal.setTimeUnit("s");
		cal.setFunction(Calibration.STRAIGHT_LINE, new double[] { 0, 1 }, "mm");
		imp.setProperty("Info", info(nwb));
		// depth of a mouse is a few tens of mm: stretch the display to the middle frame's tallest point
		byte[] middle = nwb.frame(nwb.frameCount() / 2);
		int max = 1;
		for (byte b : middle)
			max = Math.max(max, b & 0xff);
		imp.setDisplayRange(0, Math.min(255, Math.ceil(max * 1.25)));
		closeSessionWithImage(imp, nwb);
		return imp;
	}

	/**
	 * Opens the session in {@code file} and returns its frames image, which owns the session; when
	 * building the image fails, the session is closed before the exception goes on.
	 */
	public static ImagePlus framesImage(Path file) {
		MoSeqNwb nwb = MoSeqNwb.open(file);
		try {
			return framesImage(nwb);
		} catch (RuntimeException | Error e) {
			nwb.close();
			throw e;
		}
	}

	public static String info(MoSeqNwb nwb) {
		OptionalDouble mm = nwb.mmPerPixel();
		StringBuilder sb = new StringBuilder();
		sb.append("MoSeq session: ").append(nwb.sessionName()).append('\n');
		sb.append("File: ").append(nwb.file().toAbsolutePath()).append('\n');
		String identifier = nwb.identifier(), description = nwb.sessionDescription(); // each a read of the file
		if (identifier != null) sb.append("NWB identifier: ").append(identifier).append('\n');
		if (description != null) sb.append("Description: ").append(description).append('\n');
		sb.append(String.format(Locale.ROOT, "Frames: %d of %d x %d px, %.4f fps (median frame interval %.6f s)%n",
				nwb.frameCount(), nwb.width(), nwb.height(), nwb.fps(), nwb.frameInterval()));
		sb.append("Pixel size: ").append(mm.isPresent()
				? String.format(Locale.ROOT, "%.6f mm (MoSeq's px-to-mm factor, from the centroid scalars)", mm.getAsDouble())
				: "unknown (no centroid_*_px/_mm or area_px/_mm scalars)").append('\n');
		sb.append("Pixel values: height above the floor, mm\n");
		sb.append("Timestamps: ").append(nwb.timestampsPath()).append('\n');
		return sb.toString();
	}

	private static final Cleaner CLEANER = Cleaner.create();

	/**
	 * Closes the session (its file and frame cache) when the image is closed: when its window
	 * closes (ImageJ then flushes the image and tells its listeners), or else, for images that never
	 * had a window (batch mode, headless), once the image is garbage.
	 */
	public static void closeSessionWithImage(ImagePlus imp, MoSeqNwb nwb) {
		SessionCloser closer = new SessionCloser(imp, nwb);
		ImagePlus.addImageListener(closer);
		CLEANER.register(imp, closer::release);
	}

	/** Holds the image weakly, so that it can become garbage while the listener is registered. */
	private static final class SessionCloser implements ImageListener {
		private final WeakReference<ImagePlus> image;
		private final MoSeqNwb nwb;

		SessionCloser(ImagePlus imp, MoSeqNwb nwb) {
			this.image = new WeakReference<>(imp);
			this.nwb = nwb;
		}

		void release() {
			ImagePlus.removeImageListener(this);
			nwb.close();
		}

		@Override
		public void imageOpened(ImagePlus i) {
		}

		@Override
		public void imageUpdated(ImagePlus i) {
		}

		@Override
		public void imageClosed(ImagePlus i) {
			if (i == image.get()) release();
		}
	}

	/**
	 * The PCs read from a session, one row a frame: frame (0-based), time (s), pc1..pcn; raw PCs
	 * (those with dropped frames listed) add a "dropped" column (1 where the row is NaN).
	 */
	public static ResultsTable pcsTable(MoSeqNwb nwb, Pcs pcs, boolean raw) {
		int n = pcs.columns();
		ResultsTable rt = frameTable(nwb);
		int T = pcs.frames();
		for (int k = 0; k < n; k++) {
			double[] col = new double[T];
			for (int t = 0; t < T; t++)
				col[t] = pcs.get(t, k);
			rt.setValues("pc" + (k + 1), col);
		}
		if (raw) {
			double[] dropped = new double[T];
			for (int t : pcs.droppedFrames())
				dropped[t] = 1;
			rt.setValues("dropped", dropped);
		}
		return ResultsTables.format(rt);
	}

	/**
	 * Every scalar, one row a frame: frame, time, the scalars (sorted by name), then the labels
	 * present ("label" from labels_clean, "label_raw" from labels).
	 */
	public static ResultsTable scalarsTable(MoSeqNwb nwb) {
		ResultsTable rt = frameTable(nwb);
		for (String name : nwb.scalarNames())
			rt.setValues(name, nwb.scalar(name));
		if (nwb.hasLabels(false)) rt.setValues("label", toDoubles(nwb.labels(false)));
		if (nwb.hasLabels(true)) rt.setValues("label_raw", toDoubles(nwb.labels(true)));
		return ResultsTables.format(rt);
	}

	private static ResultsTable frameTable(MoSeqNwb nwb) {
		int T = nwb.frameCount();
		ResultsTable rt = new ResultsTable(T);
		double[] frame = new double[T];
		for (int t = 0; t < T; t++)
			frame[t] = t;
		rt.setValues("frame", frame);
		rt.setValues("time", nwb.timestamps());
		rt.showRowNumbers(false);
		return rt;
	}

	private static double[] toDoubles(int[] v) {
		double[] d = new double[v.length];
		for (int i = 0; i < v.length; i++)
			d[i] = v[i];
		return d;
	}
}
