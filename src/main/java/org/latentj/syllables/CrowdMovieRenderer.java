package org.latentj.syllables;

import java.util.List;

import org.latentj.syllables.SyllableInstance;
import org.latentj.util.Parallel;
import org.latentj.util.Progress;

/**
 * Renders the crowd movie of one syllable (moseq2-viz {@code make_crowd_matrix}): for every instance
 * the frames from {@code pad} before its onset to {@code maxDuration + pad} after are turned by the
 * heading and pasted at the centroid on an arena canvas (see {@link CrowdCompositor}).
 * <p>
 * Only the frames of the instances' windows are read. Reading is parallel over instances, pasting
 * parallel over movie frames ({@link Parallel#forEach}: all cores, or {@code latentj.threads}); within
 * a movie frame instances are pasted in their list order, so the 50/50 blending gives the same
 * result on any number of threads.
 */
public final class CrowdMovieRenderer {

	/** The MoSeq arena size (Kinect depth image). */
	public static final int ARENA_WIDTH = 512, ARENA_HEIGHT = 424;
	/** Radius in pixels of the dot marking a mouse whose syllable is active (cv2.circle radius 3 in moseq2-viz). */
	public static final int DOT_RADIUS = 3;

	private final int pad;
	private final int maxDuration;
	private final int minHeight;
	private final int width;
	private final int height;

	public CrowdMovieRenderer(int pad, int maxDuration, int minHeight) {
		this(pad, maxDuration, minHeight, ARENA_WIDTH, ARENA_HEIGHT);
	}

	public CrowdMovieRenderer(int pad, int maxDuration, int minHeight, int width, int height) {
		if (pad < 0 || maxDuration < 1) throw new IllegalArgumentException("pad >= 0 and maxDuration >= 1 required");
		this.pad = pad;
		this.maxDuration = maxDuration;
		this.minHeight = minHeight;
		this.width = width;
		this.height = height;
	}

	/** Frames of every movie: {@code pad + maxDuration + pad}. */
	public int movieLength() {
		return maxDuration + 2 * pad;
	}

	/**
	 * Bytes a {@link #render} of {@code instances} holds at its peak: every instance's window of
	 * {@link #movieLength()} frames of {@code frameBytes}, and the movie's canvases.
	 */
	public long bytesNeeded(int instances, int frameBytes) {
		return (long) movieLength() * ((long) instances * frameBytes + (long) width * height);
	}

	/**
	 * @param instances what to show; {@link SyllableInstance#session()} indexes {@code sessions} and
	 *        {@code headings}; every window {@code [onset - pad, onset + maxDuration + pad)} must lie in
	 *        its session
	 * @param headings the angle convention of each session
	 */
	public CrowdMovie render(int syllable, List<SyllableInstance> instances, List<? extends FrameSource> sessions,
			List<HeadingConvention> headings, Progress progress) {
		int length = movieLength();
		int n = instances.size();
		double readShare = n / (double) (n + length);

		// 1. read each instance's window, in parallel (the reader caches decompressed chunks)
		byte[][] windows = new byte[n][];
		int[] frameSize = new int[n];
		Parallel.forEach(n, k -> {
			SyllableInstance in = instances.get(k);
			FrameSource src = sessions.get(in.session());
			int from = in.onset() - pad;
			if (from < 0 || from + length > src.frameCount())
				throw new IllegalArgumentException("window of " + in + " leaves session " + src.name());
			frameSize[k] = src.frameWidth() * src.frameHeight();
			byte[] w = new byte[length * frameSize[k]];
			src.readFrames(from, length, w);
			windows[k] = w;
		}, progress.stage(0, readShare), "reading frames");

		// 2. paste, in parallel over movie frames; within a frame in list order
		byte[][] pixels = new byte[length][];
		double[][] dotX = new double[length][], dotY = new double[length][];
		int[][] bounds = new int[length][];
		Parallel.forEach(length, i -> {
			CrowdCompositor[] compositors = new CrowdCompositor[sessions.size()]; // scratch buffers of this frame
			byte[] canvas = new byte[width * height];
			int[] box = CrowdCompositor.emptyBounds();
			double[] xs = new double[n], ys = new double[n];
			int dots = 0;
			for (int k = 0; k < n; k++) {
				SyllableInstance in = instances.get(k);
				FrameSource src = sessions.get(in.session());
				int t = in.onset() - pad + i;
				double x = src.centroidX()[t], y = src.centroidY()[t], a = src.angle()[t];
				if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(a)) continue;
				if (compositors[in.session()] == null)
					compositors[in.session()] = new CrowdCompositor(width, height, src.frameWidth(), src.frameHeight(), minHeight);
				compositors[in.session()].paste(canvas, windows[k], i * frameSize[k], x, y,
						headings.get(in.session()).canvasAngle(a), box);
				if (i >= pad && i < pad + in.duration()) {
					xs[dots] = x;
					ys[dots++] = y;
					box[0] = Math.min(box[0], (int) Math.floor(x - DOT_RADIUS));
					box[1] = Math.min(box[1], (int) Math.floor(y - DOT_RADIUS));
					box[2] = Math.max(box[2], (int) Math.ceil(x + DOT_RADIUS));
					box[3] = Math.max(box[3], (int) Math.ceil(y + DOT_RADIUS));
				}
			}
			pixels[i] = canvas;
			dotX[i] = java.util.Arrays.copyOf(xs, dots);
			dotY[i] = java.util.Arrays.copyOf(ys, dots);
			bounds[i] = box;
		}, progress.stage(readShare, 1), "pasting frames");

		int[] all = CrowdCompositor.emptyBounds();
		for (int[] b : bounds) {
			if (b[2] < 0) continue;
			all[0] = Math.max(0, Math.min(all[0], b[0]));
			all[1] = Math.max(0, Math.min(all[1], b[1]));
			all[2] = Math.min(width - 1, Math.max(all[2], b[2]));
			all[3] = Math.min(height - 1, Math.max(all[3], b[3]));
		}
		double dt = sessions.isEmpty() ? 1 : sessions.get(0).frameInterval();
		double mm = sessions.isEmpty() ? Double.NaN : sessions.get(0).mmPerPixel();
		return new CrowdMovie(syllable, width, height, pad, pixels, instances, dotX, dotY, all, dt, mm);
	}
}
