package org.latentj.nwb.ui;

import java.util.Arrays;

import org.latentj.nwb.MoSeqNwb;

import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

/**
 * The depth frames of a MoSeq session as an ImageJ virtual stack: a frame is read (through the
 * session's bounded chunk cache) only when ImageJ asks for it, so a 36,000-frame session opens at
 * once and uses little memory. Read-only: edits to a frame are not written back. Slices may be
 * deleted (the stack then skips those frames). Slice n is frame n-1 of the session.
 */
public final class NwbFrameStack extends VirtualStack {

	private final MoSeqNwb nwb;
	private final double[] timestamps;
	private int[] frames; // slice n (1-based) shows frame frames[n-1]

	public NwbFrameStack(MoSeqNwb nwb) {
		super(nwb.width(), nwb.height(), nwb.frameCount());
		this.nwb = nwb;
		this.timestamps = nwb.timestamps();
		this.frames = new int[nwb.frameCount()];
		Arrays.setAll(frames, i -> i);
		setBitDepth(8);
	}

	/** The session frame (0-based) shown in slice n (1-based). */
	public int frameOf(int n) {
		return frames[n - 1];
	}

	@Override
	public ImageProcessor getProcessor(int n) {
		return new ByteProcessor(getWidth(), getHeight(), (byte[]) getPixels(n));
	}

	@Override
	public Object getPixels(int n) {
		checkSlice(n);
		byte[] pixels = new byte[getWidth() * getHeight()];
		nwb.readFrame(frames[n - 1], pixels, 0);
		return pixels;
	}

	@Override
	public void setPixels(Object pixels, int n) {
		// read-only: a virtual stack of a file opened read-only
	}

	@Override
	public int getSize() {
		return frames.length;
	}

	@Override
	public int size() {
		return frames.length;
	}

	@Override
	public String getSliceLabel(int n) {
		checkSlice(n);
		int t = frames[n - 1];
		return String.format(java.util.Locale.ROOT, "frame %d, %.3f s", t, timestamps[t]);
	}

	@Override
	public void deleteSlice(int n) {
		checkSlice(n);
		int[] rest = new int[frames.length - 1];
		System.arraycopy(frames, 0, rest, 0, n - 1);
		System.arraycopy(frames, n, rest, n - 1, frames.length - n);
		frames = rest;
	}

	@Override
	public void deleteLastSlice() {
		if (frames.length > 0) deleteSlice(frames.length);
	}

	@Override
	public String getDirectory() {
		return nwb.file().toAbsolutePath().getParent() + java.io.File.separator;
	}

	@Override
	public String getFileName(int n) {
		return nwb.file().getFileName().toString();
	}

	private void checkSlice(int n) {
		if (n < 1 || n > frames.length)
			throw new IllegalArgumentException("slice " + n + " outside 1.." + frames.length);
	}
}
