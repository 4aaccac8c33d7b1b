package org.latentj.nwb;

/**
 * PCs of a MoSeq session, row-major as the models want them: {@code values[t * columns + k]} is
 * PC k+1 at frame t. {@link #droppedFrames()} lists the frames whose row holds a NaN (raw PCs only;
 * clean PCs have none).
 */
public final class Pcs {
	private final String path;
	private final int frames;
	private final int columns;
	private final double[] values;
	private final int[] droppedFrames;

	Pcs(String path, int frames, int columns, double[] values, int[] droppedFrames) {
		this.path = path;
		this.frames = frames;
		this.columns = columns;
		this.values = values;
		this.droppedFrames = droppedFrames;
	}

	/** The HDF5 dataset they were read from. */
	public String path() {
		return path;
	}

	public int frames() {
		return frames;
	}

	public int columns() {
		return columns;
	}

	/** The row-major T x columns array itself (not a copy). */
	public double[] values() {
		return values;
	}

	public double get(int t, int k) {
		return values[t * columns + k];
	}

	public int[] droppedFrames() {
		return droppedFrames.clone();
	}
}
