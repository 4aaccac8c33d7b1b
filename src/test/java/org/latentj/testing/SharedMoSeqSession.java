package org.latentj.testing;

import java.nio.file.Path;

import org.latentj.view.FrameSource;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;

/**
 * A shared MoSeq NWB session read directly with jhdf, for view tests that need real frames,
 * centroids and headings (the NWB reader in org.latentj.io is the production path). Frames are read
 * on demand; the scalars are read whole.
 */
public final class SharedMoSeqSession implements FrameSource, AutoCloseable {

	private static final String M = "/processing/MoSeq/";
	private final Path path;
	private final HdfFile hdf;
	private final Dataset frames;
	private final int count;
	private final double[] x;
	private final double[] y;
	private final double[] angle;
	private final boolean[] dropped;
	private final int[] labelsClean;
	private final double[] pcs;
	private final double dt;

	public SharedMoSeqSession(Path path) {
		this.path = path;
		this.hdf = new HdfFile(path);
		this.frames = hdf.getDatasetByPath(M + "Images/frames/data");
		this.count = frames.getDimensions()[0];
		this.x = floats("Scalars/centroid_x_px/data");
		this.y = floats("Scalars/centroid_y_px/data");
		this.angle = floats("Scalars/angle/data");
		float[][] p = (float[][]) hdf.getDatasetByPath(M + "PCs/pcs/data").getData();
		this.pcs = new double[p.length * p[0].length];
		this.dropped = new boolean[count];
		for (int t = 0; t < p.length; t++)
			for (int d = 0; d < p[t].length; d++) {
				pcs[t * p[0].length + d] = p[t][d];
				if (Float.isNaN(p[t][d])) dropped[t] = true;
			}
		long[] l = (long[]) hdf.getDatasetByPath(M + "Labels/labels_clean/data").getData();
		this.labelsClean = new int[l.length];
		for (int i = 0; i < l.length; i++) labelsClean[i] = (int) l[i];
		double[] ts = (double[]) hdf.getDatasetByPath(M + "Scalars/angle/timestamps").getData();
		this.dt = (ts[ts.length - 1] - ts[0]) / (ts.length - 1);
	}

	private double[] floats(String p) {
		float[] f = (float[]) hdf.getDatasetByPath(M + p).getData();
		double[] out = new double[f.length];
		for (int i = 0; i < f.length; i++) out[i] = f[i];
		return out;
	}

	@Override
	public String name() {
		String f = path.getFileName().toString();
		return f.endsWith(".nwb") ? f.substring(0, f.length() - 4) : f;
	}

	@Override
	public int frameCount() {
		return count;
	}

	@Override
	public int frameWidth() {
		return 80;
	}

	@Override
	public int frameHeight() {
		return 80;
	}

	@Override
	public synchronized void readFrames(int from, int n, byte[] dst) {
		// jhdf widens unsigned 8-bit to int
		int[][][] f = (int[][][]) frames.getData(new long[] { from, 0, 0 }, new int[] { n, 80, 80 });
		for (int i = 0; i < n; i++)
			for (int r = 0; r < 80; r++)
				for (int c = 0; c < 80; c++) dst[(i * 80 + r) * 80 + c] = (byte) f[i][r][c];
	}

	@Override
	public double[] centroidX() {
		return x;
	}

	@Override
	public double[] centroidY() {
		return y;
	}

	@Override
	public double[] angle() {
		return angle;
	}

	@Override
	public boolean[] dropped() {
		return dropped;
	}

	@Override
	public double frameInterval() {
		return dt;
	}

	public int[] labelsClean() {
		return labelsClean.clone();
	}

	/** PCs/pcs as a row-major T x 10 array, NaN rows at dropped frames. */
	public double[] pcs() {
		return pcs.clone();
	}

	@Override
	public void close() {
		hdf.close();
	}
}
