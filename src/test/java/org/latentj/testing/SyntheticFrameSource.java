package org.latentj.testing;

import java.util.concurrent.atomic.AtomicLong;

import org.latentj.syllables.FrameSource;

/**
 * An in-memory MoSeq-like session for view tests: every frame is the same egocentric picture, the
 * centroid and angle are given per frame, and frame reads are counted so tests can check that only
 * the frames needed are read.
 */
public final class SyntheticFrameSource implements FrameSource {

	private final String name;
	private final byte[] frame;
	private final int width;
	private final int height;
	private final double[] x;
	private final double[] y;
	private final double[] angle;
	private final boolean[] dropped;
	private final double dt;
	public final AtomicLong framesRead = new AtomicLong();
	/** Names of the threads that read frames. */
	public final java.util.Set<String> readerThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

	public SyntheticFrameSource(String name, byte[] frame, int width, int height, double[] x, double[] y,
			double[] angle, boolean[] dropped, double dt) {
		this.name = name;
		this.frame = frame;
		this.width = width;
		this.height = height;
		this.x = x;
		this.y = y;
		this.angle = angle;
		this.dropped = dropped;
		this.dt = dt;
	}

	/** A mouse standing still at (x, y) with a fixed heading for {@code frames} frames. */
	public static SyntheticFrameSource still(String name, byte[] frame, int size, int frames, double x, double y,
			double angle) {
		double[] xs = new double[frames], ys = new double[frames], as = new double[frames];
		java.util.Arrays.fill(xs, x);
		java.util.Arrays.fill(ys, y);
		java.util.Arrays.fill(as, angle);
		return new SyntheticFrameSource(name, frame, size, size, xs, ys, as, null, 1 / 30.0);
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public int frameCount() {
		return x.length;
	}

	@Override
	public int frameWidth() {
		return width;
	}

	@Override
	public int frameHeight() {
		return height;
	}

	@Override
	public void readFrames(int from, int count, byte[] dst) {
		if (from < 0 || from + count > x.length) throw new IndexOutOfBoundsException(from + "+" + count);
		for (int i = 0; i < count; i++) System.arraycopy(frame, 0, dst, i * frame.length, frame.length);
		framesRead.addAndGet(count);
		readerThreads.add(Thread.currentThread().getName());
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
}
