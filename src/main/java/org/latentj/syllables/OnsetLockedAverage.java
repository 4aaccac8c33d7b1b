package org.latentj.syllables;

import java.util.List;

/**
 * The mean and standard deviation of a multichannel signal (PCs) time-locked to syllable onsets, as
 * the STATS320 ARHMM lab's {@code plot_average_pcs}: each instance contributes the frames from {@code pad} before
 * its onset to {@code pad} after its end (fewer where the recording ends), aligned on the onset;
 * offsets run from {@code -pad} to {@code maxLength + pad - 1} where maxLength is the longest
 * instance. NaN samples (dropped frames) are skipped; the SD is the population SD (numpy's
 * {@code nanstd}). Offsets no instance reaches have count 0 and NaN mean/SD; with instances from
 * {@link InstanceSelection} (padded window inside the recording, no dropped frame) every offset is
 * covered by at least the longest instance.
 */
public final class OnsetLockedAverage {

	private final int pad;
	private final int length;
	private final int dims;
	private final double[] mean;
	private final double[] sd;
	private final int[] count;

	private OnsetLockedAverage(int pad, int length, int dims, double[] mean, double[] sd, int[] count) {
		this.pad = pad;
		this.length = length;
		this.dims = dims;
		this.mean = mean;
		this.sd = sd;
		this.count = count;
	}

	/**
	 * @param instances occurrences, {@link SyllableInstance#session()} indexing {@code data}
	 * @param data per session, a row-major {@code T x dims} array (NaN rows at dropped frames)
	 */
	public static OnsetLockedAverage of(List<SyllableInstance> instances, List<double[]> data, int dims, int pad) {
		if (instances.isEmpty()) throw new IllegalArgumentException("no instances to average");
		int maxLen = 0;
		for (SyllableInstance in : instances) maxLen = Math.max(maxLen, in.duration());
		int length = maxLen + 2 * pad;
		double[] sum = new double[length * dims];
		int[] count = new int[length * dims];
		forEachSample(instances, data, dims, pad, (o, d, v) -> {
			sum[o * dims + d] += v;
			count[o * dims + d]++;
		});
		double[] mean = new double[length * dims];
		for (int i = 0; i < mean.length; i++) mean[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
		double[] ss = new double[length * dims];
		forEachSample(instances, data, dims, pad, (o, d, v) -> {
			double e = v - mean[o * dims + d];
			ss[o * dims + d] += e * e;
		});
		double[] sd = new double[length * dims];
		for (int i = 0; i < sd.length; i++) sd[i] = count[i] == 0 ? Double.NaN : Math.sqrt(ss[i] / count[i]);
		return new OnsetLockedAverage(pad, length, dims, mean, sd, count);
	}

	private interface SampleVisitor {
		void accept(int offset, int dim, double value);
	}

	private static void forEachSample(List<SyllableInstance> instances, List<double[]> data, int dims, int pad,
			SampleVisitor visitor) {
		for (SyllableInstance in : instances) {
			double[] x = data.get(in.session());
			int frames = x.length / dims;
			int from = Math.max(0, in.onset() - pad);
			int to = Math.min(frames, in.onset() + in.duration() + pad);
			for (int t = from; t < to; t++) {
				int offset = t - in.onset() + pad;
				for (int d = 0; d < dims; d++) {
					double v = x[t * dims + d];
					if (!Double.isNaN(v)) visitor.accept(offset, d, v);
				}
			}
		}
	}

	/** Number of offsets, {@code maxLength + 2 pad}. */
	public int length() {
		return length;
	}

	public int dims() {
		return dims;
	}

	/** Frames relative to onset of offset index {@code i}: {@code i - pad}. */
	public int frameOffset(int i) {
		return i - pad;
	}

	public double mean(int i, int d) {
		return mean[i * dims + d];
	}

	public double sd(int i, int d) {
		return sd[i * dims + d];
	}

	/** Number of instances with a (non-NaN) sample at offset {@code i}, channel {@code d}. */
	public int count(int i, int d) {
		return count[i * dims + d];
	}
}
